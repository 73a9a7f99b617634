"""A framework file as a YAML node tree with line and column marks, refusing what YAML makes dangerous."""

from __future__ import annotations

import math
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from digigram.core.errors import Problem
from digigram.core.i18n import N_, Message

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
        super().__init__(problems[0].message("en") if problems else "unreadable")
        self.problems = problems


def problem(file: str, line: int, column: int, path: str, text: Message) -> Problem:
    return Problem(file=file, line=line, column=column, path=path, text=text)


def read_bytes(path: Path, *, name: str) -> bytes:
    """The file's bytes, refusing anything but a readable regular file of at most MAX_BYTES."""
    try:
        with open(path, "rb") as stream:
            size = _size(stream)
            if size > MAX_BYTES:
                raise Unreadable([_too_big(name, size)])
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise Unreadable([problem(name, 0, 0, "", N_("No such file."))]) from None
    except IsADirectoryError:
        raise Unreadable([problem(
            name, 0, 0, "", N_("This is a folder, not a framework file.")
        )]) from None
    except PermissionError:
        raise Unreadable([problem(
            name, 0, 0, "", N_("No permission to read this file.")
        )]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise Unreadable([problem(
            name, 0, 0, "", N_("The file could not be read: {reason}.", reason=reason),
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
        N_("The file is too large ({mb:.1f} MB): a framework may be at most 10 MB.", mb=mb),
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
            N_("The text is not UTF-8 (byte 0x{value:02x}): save the file as UTF-8.", value=data[exc.start]),
        )]) from None


def compose(text: str, *, name: str, c_loader: bool = True) -> Node | None:
    """The document's node tree (None for an empty document); anchors and aliases are refused."""
    loader_class = C_LOADER if c_loader and C_LOADER is not None else PURE_LOADER
    loader = loader_class(text)
    try:
        root: Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise Unreadable([_syntax_problem(exc, name, text)]) from None
    except yaml.YAMLError as exc:
        raise Unreadable([problem(
            name, 0, 0, "", N_("Invalid YAML: {exc}", exc=exc)
        )]) from None
    except RecursionError:
        raise Unreadable([problem(
            name, 0, 0, "", N_("The YAML is nested too deeply.")
        )]) from None
    finally:
        loader.dispose()
    # Only a file with these characters can hold anchors or aliases, so most files skip the event pass.
    if "&" in text or "*" in text:
        found = _anchors(text, name=name, loader_class=loader_class)
        if found:
            raise Unreadable(found)
    return root


# The YAML parser explains itself in English only. The message says in the reader's language what its
# words mean (first match wins); the English message also quotes the parser's own words.
_SYNTAX = (
    ("mapping values are not allowed", N_("a colon with a value cannot stand here: check the indentation "
                                          "or put text that holds a colon in quotes")),
    ("could not find expected ':'", N_("the key has no colon after it")),
    ("tab", N_("a tab was used for indentation: use spaces instead")),
    ("'\\t'", N_("a tab was used for indentation: use spaces instead")),
    ("cannot start any token", N_("the value starts with a character YAML does not allow there: put the "
                                  "value in quotes")),
    ("end of stream", N_("the file ends in the middle of a value: are all quotes and brackets closed?")),
    ("quoted scalar", N_("a quote is not closed")),
    ("expected ',' or '}'", N_("a comma or the closing brace '}}' is missing")),
    ("expected ',' or ']'", N_("a comma or the closing bracket ']' is missing")),
    ("'-' indicator", N_("a list is missing its dash '-', or the indentation differs from the lines above")),
    ("expected key", N_("the indentation differs from the lines above")),
    ("block end", N_("the indentation differs from the lines above")),
    ("expected node content", N_("a value is missing here")),
    ("escape", N_("an unknown backslash '\\' sequence inside quotes")),
    ("tag", N_("an unknown YAML tag ('!')")),
)


# A key whose value opens a double quote that its line does not close: `uk: "text` (an escaped \" and
# a closed "" do not count).
_OPEN_QUOTE = re.compile(r'^\s*(?:-\s+)?[\w.-]+:\s+"((?:[^"\\]|\\.)*)$')


def _unclosed_quote(text: str, first: int, stop: int) -> tuple[int, int] | None:
    """(line, column), 0-based, of the first value from line `first` up to `stop` (where the parser
    stopped) whose opening double quote is not closed before `stop`. YAML lets a quoted value run on
    over the following lines, so the parser stops only where the text stops making sense, often many
    lines below the mistake."""
    lines = text.splitlines()
    for n in range(max(first, 0), min(stop, len(lines))):
        found = _OPEN_QUOTE.match(lines[n])
        if found is None:
            continue
        # A value may rightly run on over lines: it is to blame only if its quote closes no earlier
        # than where the parser stopped (the value swallowed the lines up to there).
        closes = _closing_line(lines, n, found.start(1))
        if closes is None or closes >= stop:
            return n, found.start(1) - 1
    return None


def _closing_line(lines: list[str], line: int, start: int) -> int | None:
    """The line (0-based) holding the double quote that closes a value opened before `start`."""
    escaped = False
    for n in range(line, len(lines)):
        for char in lines[n][start if n == line else 0:]:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                return n
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str, text: str = "") -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    start = exc.context_mark or mark
    quote = None if mark is None or start is None else _unclosed_quote(text, start.line, mark.line)
    if quote is not None:
        return problem(name, quote[0] + 1, quote[1] + 1, "", N_(
            "Invalid YAML: a quote opened here is not closed on its line, so the value runs on to line "
            "{line}, where the parser gave up. Close the quote, or write the text without quotes.",
            line=line))
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    lowered = what.lower()
    meaning = next((text for fragment, text in _SYNTAX if fragment in lowered),
                   N_("the file does not follow the YAML rules here: check indentation, colons and quotes"))
    return problem(
        name, line, column, "",
        N_("Invalid YAML: {meaning} (the parser says: {what}).", meaning=meaning, what=what),
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
                    N_("YAML aliases (*{anchor}) are not allowed: write the value out in full.",
                       anchor=event.anchor),
                ))
            elif getattr(event, "anchor", None):
                found.append(problem(
                    name, mark.line + 1, mark.column + 1, "",
                    N_("YAML anchors (&{anchor}) are not allowed: write the value out in full.",
                       anchor=event.anchor),
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
