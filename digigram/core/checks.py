"""Typed reads from YAML nodes that record a located, bilingual problem instead of failing."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from datetime import date

from digigram.core.errors import Problem
from digigram.core.framework import Text
from digigram.core.yamlnodes import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    STR,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    problem,
    scalar,
)

ID = re.compile(r"^\w[\w.\-]*$")
FRAMEWORK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_KIND_UK = {"mapping": "відображення (пари «ключ: значення»)", "list": "список", "string": "рядок",
            "number": "число", "integer": "ціле число"}
_KIND_EN = {"mapping": "a mapping (key: value pairs)", "list": "a list", "string": "a string",
            "number": "a number", "integer": "a whole number"}


def _found(node: Node) -> tuple[str, str]:
    """What the node holds, for 'expected X, found Y' messages."""
    if isinstance(node, MappingNode):
        return "відображення", "a mapping"
    if isinstance(node, SequenceNode):
        return "список", "a list"
    tag = node.tag
    if tag == NULL:
        return "порожнє значення", "an empty value"
    if tag == BOOL:
        return f"так/ні ({node.value})", f"a yes/no value ({node.value})"
    if tag in (INT, FLOAT):
        return f"число {node.value}", f"the number {node.value}"
    if tag == STR:
        return "рядок", "a string"
    return f"значення з тегом {tag}", f"a value tagged {tag}"


class Reader:
    """Collects problems for one file while its parts are read."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ()

    def report(self, node: Node | None, path: str, *, uk: str, en: str) -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (0, 0)
        self.problems.append(problem(self.file, line, column, path, uk=uk, en=en))

    def expected(self, node: Node, path: str, kind: str) -> None:
        found_uk, found_en = _found(node)
        self.report(node, path, uk=f"Очікується {_KIND_UK[kind]}, а тут {found_uk}.",
                    en=f"Expected {_KIND_EN[kind]}, found {found_en}.")

    def fields(
        self, node: Node | None, path: str, *, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, Node] | None:
        """The mapping's values by key, after reporting duplicate, unknown and missing keys."""
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            self.expected(node, path, "mapping")
            return None
        required = tuple(required)
        allowed = required + tuple(optional)
        result = self.pairs(node, path)
        for key, (key_node, _value) in result.items():
            if key not in allowed:
                self._unknown(key_node, key, path, allowed)
        for key in required:
            if key not in result:
                self.report(node, _join(path, key), uk=f"Бракує обов'язкового ключа «{key}».",
                            en=f"The required key '{key}' is missing.")
        return {key: value for key, (_k, value) in result.items() if key in allowed}

    def pairs(self, node: MappingNode, path: str) -> dict[str, tuple[Node, Node]]:
        """Key text -> (key node, value node), reporting non-scalar and duplicate keys."""
        result: dict[str, tuple[Node, Node]] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, path, uk="Ключ має бути простим словом, а не списком чи відображенням.",
                            en="A key must be a plain word, not a list or a mapping.")
                continue
            key = str(key_node.value)
            if key in result:
                first = result[key][0].start_mark.line + 1
                self.report(key_node, _join(path, key),
                            uk=f"Ключ «{key}» повторюється (уперше в рядку {first}).",
                            en=f"The key '{key}' appears twice (first on line {first}).")
                continue
            result[key] = (key_node, value)
        return result

    def _unknown(self, key_node: Node, key: str, path: str, allowed: tuple[str, ...]) -> None:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint_uk = f" Можливо, «{close[0]}»?" if close else ""
        hint_en = f" Did you mean '{close[0]}'?" if close else ""
        listed = ", ".join(allowed)
        self.report(key_node, _join(path, key),
                    uk=f"Невідомий ключ «{key}».{hint_uk} Дозволені: {listed}.",
                    en=f"Unknown key '{key}'.{hint_en} Allowed: {listed}.")

    def sequence(self, node: Node | None, path: str, *, minimum: int = 0) -> list[Node] | None:
        if node is None:
            return None
        if not isinstance(node, SequenceNode):
            self.expected(node, path, "list")
            return None
        if len(node.value) < minimum:
            self.report(node, path, uk=f"Потрібно щонайменше {minimum} елем., а є {len(node.value)}.",
                        en=f"At least {minimum} entries are needed, found {len(node.value)}.")
        return list(node.value)

    def _scalar(self, node: Node, path: str) -> object:
        if not isinstance(node, ScalarNode):
            return node  # not a scalar: callers compare types and report
        try:
            return scalar(node)
        except ValueError:
            self.report(node, path, uk=f"Непідтримуване значення з тегом {node.tag}.",
                        en=f"Unsupported value tagged {node.tag}.")
            return _BAD

    def string(self, node: Node | None, path: str) -> str | None:
        """A non-empty string."""
        if node is None:
            return None
        value = self._scalar(node, path)
        if value is _BAD:
            return None
        if not isinstance(value, str):
            self.expected(node, path, "string")
            return None
        if not value.strip():
            self.report(node, path, uk="Порожній рядок.", en="The string is empty.")
            return None
        return value

    def ident(self, node: Node | None, path: str, pattern: re.Pattern[str] = ID) -> str | None:
        """An id, code or reference: a plain word, which may be written as a number (level `1`)."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag not in (STR, INT, FLOAT):
            self.expected(node, path, "string")
            return None
        value = str(node.value)
        if not pattern.match(value):
            if pattern is FRAMEWORK_ID:
                uk, en = "малі латинські літери, цифри та «-»", "lowercase letters, digits and '-'"
            else:
                uk = "літери, цифри, «.», «-» та «_», без пробілів"
                en = "letters, digits, '.', '-' and '_', no spaces"
            self.report(node, path, uk=f"«{value}» не годиться: дозволено {uk}.",
                        en=f"'{value}' is not valid: use {en}.")
            return None
        return value

    def number(self, node: Node | None, path: str, *, integer: bool = False) -> float | None:
        if node is None:
            return None
        value = self._scalar(node, path)
        if value is _BAD:
            return None
        ok = isinstance(value, int) if integer else isinstance(value, (int, float))
        if not ok or isinstance(value, bool):
            self.expected(node, path, "integer" if integer else "number")
            return None
        assert isinstance(value, (int, float))
        if isinstance(value, float) and math.isnan(value):
            self.report(node, path, uk="Число має бути скінченним.", en="The number must be finite.")
            return None
        return value

    def date(self, node: Node | None, path: str) -> date | None:
        """A calendar date written as YYYY-MM-DD."""
        if node is None:
            return None
        value = self._scalar(node, path)
        if value is _BAD:
            return None
        if isinstance(value, str) and ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass  # 2027-02-30: the shape is right, the day does not exist
        self.report(node, path, uk="Очікується дата у вигляді РРРР-ММ-ДД, наприклад 2027-06-30.",
                    en="Expected a date written YYYY-MM-DD, such as 2027-06-30.")
        return None

    def text(self, node: Node | None, path: str) -> Text | None:
        """A text: a mapping covering every framework language, or a string with exactly one language."""
        if node is None:
            return None
        langs = self.languages
        if isinstance(node, MappingNode):
            values: dict[str, str] = {}
            for lang, (key_node, value_node) in self.pairs(node, path).items():
                if langs and lang not in langs:
                    self.report(key_node, _join(path, lang),
                                uk=f"Мови «{lang}» немає в languages ({', '.join(langs)}).",
                                en=f"The language '{lang}' is not in languages ({', '.join(langs)}).")
                    continue
                value = self.string(value_node, _join(path, lang))
                if value is not None:
                    values[lang] = value
            missing = [lang for lang in langs if lang not in values and lang not in self._keys(node)]
            for lang in missing:
                self.report(node, _join(path, lang), uk=f"Бракує тексту мовою «{lang}».",
                            en=f"The text in '{lang}' is missing.")
            ordered = {lang: values[lang] for lang in langs if lang in values} if langs else values
            return Text(ordered) if ordered and len(ordered) == len(langs or ordered) else None
        if isinstance(node, ScalarNode) and node.tag == STR:
            value = self.string(node, path)
            if value is None:
                return None
            if len(langs) > 1:
                shape = "{" + ", ".join(f"{x}: …" for x in langs) + "}"
                self.report(node, path, uk=f"Потрібен текст кожною мовою: {shape}.",
                            en=f"A text is needed in every language: {shape}.")
                return None
            return Text({langs[0] if langs else "und": value})
        self.report(node, path, uk="Очікується текст: рядок або відображення «мова: рядок».",
                    en="Expected a text: a string, or a mapping of language: string.")
        return None

    @staticmethod
    def _keys(node: MappingNode) -> set[str]:
        return {str(k.value) for k, _v in node.value if isinstance(k, ScalarNode)}


_BAD = object()


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
