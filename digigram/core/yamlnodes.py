"""A framework file as a YAML node tree with line and column marks, refusing what YAML makes dangerous."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from digigram.core.errors import Problem

MAX_BYTES = 10 * 1024 * 1024

# The C loader is several times faster; the pure one is kept for platforms without libyaml.
C_LOADER: Any = getattr(yaml, "CSafeLoader", None)
PURE_LOADER: Any = yaml.SafeLoader

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

_CONSTRUCTOR = yaml.constructor.SafeConstructor()

Node = yaml.Node
ScalarNode = yaml.ScalarNode
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode


class Unreadable(Exception):
    """The file cannot be turned into a node tree; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].texts[1][1] if problems else "unreadable")
        self.problems = problems


def problem(file: str, line: int, column: int, path: str, *, uk: str, en: str) -> Problem:
    return Problem(file=file, line=line, column=column, path=path, texts=(("uk", uk), ("en", en)))


def read_bytes(path: Path, *, name: str) -> bytes:
    """The file's bytes, refusing anything but a readable regular file of at most MAX_BYTES."""
    try:
        with open(path, "rb") as stream:
            size = _size(stream)
            if size > MAX_BYTES:
                raise Unreadable([_too_big(name, size)])
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise Unreadable([problem(name, 0, 0, "", uk="Файл не знайдено.", en="No such file.")]) from None
    except IsADirectoryError:
        raise Unreadable([problem(
            name, 0, 0, "", uk="Це тека, а не файл рамки.", en="This is a folder, not a framework file."
        )]) from None
    except PermissionError:
        raise Unreadable([problem(
            name, 0, 0, "", uk="Немає дозволу читати цей файл.", en="No permission to read this file."
        )]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise Unreadable([problem(
            name, 0, 0, "", uk=f"Файл не вдалося прочитати: {reason}.",
            en=f"The file could not be read: {reason}.",
        )]) from None
    if len(data) > MAX_BYTES:
        raise Unreadable([_too_big(name, len(data))])
    return data


def _size(stream: Any) -> int:
    info = os.fstat(stream.fileno())
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


def _too_big(name: str, size: int) -> Problem:
    mb = size / (1024 * 1024)
    return problem(
        name, 0, 0, "",
        uk=f"Файл завеликий ({mb:.1f} МБ): рамка має бути не більшою за 10 МБ.",
        en=f"The file is too large ({mb:.1f} MB): a framework may be at most 10 MB.",
    )


def decode(data: bytes, *, name: str) -> str:
    """UTF-8 text (a leading BOM dropped), or the line and column of the first bad byte."""
    if len(data) > MAX_BYTES:
        raise Unreadable([_too_big(name, len(data))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise Unreadable([problem(
            name, line, column, "",
            uk=f"Текст не в кодуванні UTF-8 (байт 0x{data[exc.start]:02x}): збережіть файл як UTF-8.",
            en=f"The text is not UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8.",
        )]) from None


def compose(text: str, *, name: str, c_loader: bool = True) -> Node | None:
    """The document's node tree (None for an empty document); anchors and aliases are refused."""
    loader_class = C_LOADER if c_loader and C_LOADER is not None else PURE_LOADER
    loader = loader_class(text)
    try:
        root: Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise Unreadable([_syntax_problem(exc, name)]) from None
    except yaml.YAMLError as exc:
        raise Unreadable([problem(
            name, 0, 0, "", uk=f"Помилка YAML: {exc}", en=f"Invalid YAML: {exc}"
        )]) from None
    except RecursionError:
        raise Unreadable([problem(
            name, 0, 0, "", uk="YAML вкладено надто глибоко.", en="The YAML is nested too deeply."
        )]) from None
    finally:
        loader.dispose()
    # Only a file with these characters can hold anchors or aliases, so most files skip the event pass.
    if "&" in text or "*" in text:
        found = _anchors(text, name=name, loader_class=loader_class)
        if found:
            raise Unreadable(found)
    return root


# The YAML parser explains itself in English only. A Ukrainian message says in Ukrainian what its
# words mean (first match wins); the parser's own words stay in the English message.
_SYNTAX_UK = (
    ("mapping values are not allowed", "тут не може бути двокрапки зі значенням: перевірте відступ "
                                       "або візьміть текст із двокрапкою в лапки"),
    ("could not find expected ':'", "після ключа бракує двокрапки"),
    ("tab", "для відступів ужито табуляцію: замініть її пробілами"),
    ("'\\t'", "для відступів ужито табуляцію: замініть її пробілами"),
    ("cannot start any token", "значення починається зі знака, з якого в YAML починати не можна: "
                               "візьміть значення в лапки"),
    ("end of stream", "файл закінчився посеред значення: чи закрито лапки й дужки?"),
    ("quoted scalar", "лапки не закрито"),
    ("expected ',' or '}'", "у фігурних дужках бракує коми або закривної дужки «}»"),
    ("expected ',' or ']'", "у квадратних дужках бракує коми або закривної дужки «]»"),
    ("'-' indicator", "у списку бракує дефіса «-» або відступ не збігається з попередніми рядками"),
    ("expected key", "відступ не збігається з попередніми рядками"),
    ("block end", "відступ не збігається з попередніми рядками"),
    ("expected node content", "тут бракує значення"),
    ("escape", "у лапках невідома послідовність зі зворотною похилою «\\»"),
    ("tag", "невідомий тег YAML (знак «!»)"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    lowered = what.lower()
    meaning = next((uk for fragment, uk in _SYNTAX_UK if fragment in lowered),
                   "файл тут не відповідає правилам YAML: перевірте відступи, двокрапки й лапки")
    return problem(
        name, line, column, "",
        uk=f"Помилка синтаксису YAML: {meaning}.", en=f"Invalid YAML: {what}.",
    )


def _anchors(text: str, *, name: str, loader_class: Any) -> list[Problem]:
    found: list[Problem] = []
    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                found.append(problem(
                    name, mark.line + 1, mark.column + 1, "",
                    uk=f"Посилання YAML (*{event.anchor}) не дозволені: напишіть значення повністю.",
                    en=f"YAML aliases (*{event.anchor}) are not allowed: write the value out in full.",
                ))
            elif getattr(event, "anchor", None):
                found.append(problem(
                    name, mark.line + 1, mark.column + 1, "",
                    uk=f"Якорі YAML (&{event.anchor}) не дозволені: напишіть значення повністю.",
                    en=f"YAML anchors (&{event.anchor}) are not allowed: write the value out in full.",
                ))
    finally:
        loader.dispose()
    return found


def scalar(node: ScalarNode) -> object:
    """A scalar node's value: str, int, float, bool or None; raises ValueError for other tags."""
    try:
        return _scalar(node)
    except (ValueError, KeyError, IndexError, TypeError):
        raise ValueError(node.tag) from None


def _scalar(node: ScalarNode) -> object:
    tag = node.tag
    if tag in (STR, TIMESTAMP):
        # A date-like value is kept as written: frameworks use them only as labels.
        return str(node.value)
    if tag == INT:
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == FLOAT:
        value = _CONSTRUCTOR.construct_yaml_float(node)
        return value if math.isfinite(value) else math.nan
    if tag == BOOL:
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == NULL:
        return None
    raise ValueError(tag)
