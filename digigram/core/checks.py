"""Typed reads from YAML nodes that record a located, bilingual problem instead of failing."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from datetime import date

from digigram.core.errors import Problem
from digigram.core.framework import Text
from digigram.core.i18n import N_, Message
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

_KIND = {"mapping": N_("a mapping (key: value pairs)"), "list": N_("a list"), "string": N_("a string"),
         "number": N_("a number"), "integer": N_("a whole number")}


def _found(node: Node) -> Message:
    """What the node holds, for 'expected X, found Y' messages."""
    if isinstance(node, MappingNode):
        return N_("a mapping")
    if isinstance(node, SequenceNode):
        return N_("a list")
    tag = node.tag
    if tag == NULL:
        return N_("an empty value")
    if tag == BOOL:
        return N_("a yes/no value ({value})", value=node.value)
    if tag in (INT, FLOAT):
        return N_("the number {value}", value=node.value)
    if tag == STR:
        return N_("a string")
    return N_("a value tagged {tag}", tag=tag)


class Reader:
    """Collects problems for one file while its parts are read."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ()

    def report(self, node: Node | None, path: str, text: Message) -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (0, 0)
        self.problems.append(problem(self.file, line, column, path, text))

    def expected(self, node: Node, path: str, kind: str) -> None:
        self.report(node, path, N_("Expected {expected}, found {found}.",
                                   expected=_KIND[kind], found=_found(node)))

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
                self.report(node, _join(path, key), N_("The required key '{key}' is missing.", key=key))
        return {key: value for key, (_k, value) in result.items() if key in allowed}

    def pairs(self, node: MappingNode, path: str) -> dict[str, tuple[Node, Node]]:
        """Key text -> (key node, value node), reporting non-scalar and duplicate keys."""
        result: dict[str, tuple[Node, Node]] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, path, N_("A key must be a plain word, not a list or a mapping."))
                continue
            key = str(key_node.value)
            if key in result:
                first = result[key][0].start_mark.line + 1
                self.report(key_node, _join(path, key),
                            N_("The key '{key}' appears twice (first on line {first}).",
                               key=key, first=first))
                continue
            result[key] = (key_node, value)
        return result

    def _unknown(self, key_node: Node, key: str, path: str, allowed: tuple[str, ...]) -> None:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        listed = ", ".join(allowed)
        if close:
            text = N_("Unknown key '{key}'. Did you mean '{close}'? Allowed: {listed}.",
                      key=key, close=close[0], listed=listed)
        else:
            text = N_("Unknown key '{key}'. Allowed: {listed}.", key=key, listed=listed)
        self.report(key_node, _join(path, key), text)

    def sequence(self, node: Node | None, path: str, *, minimum: int = 0) -> list[Node] | None:
        if node is None:
            return None
        if not isinstance(node, SequenceNode):
            self.expected(node, path, "list")
            return None
        if len(node.value) < minimum:
            self.report(node, path, N_("At least {minimum} entries are needed, found {count}.",
                                       minimum=minimum, count=len(node.value)))
        return list(node.value)

    def _scalar(self, node: Node, path: str) -> object:
        if not isinstance(node, ScalarNode):
            return node  # not a scalar: callers compare types and report
        try:
            return scalar(node)
        except ValueError:
            self.report(node, path, N_("Unsupported value tagged {tag}.", tag=node.tag))
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
            self.report(node, path, N_("The string is empty."))
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
            allowed = (N_("lowercase letters, digits and '-'") if pattern is FRAMEWORK_ID
                       else N_("letters, digits, '.', '-' and '_', no spaces"))
            self.report(node, path, N_("'{value}' is not valid: use {allowed}.",
                                       value=value, allowed=allowed))
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
            self.report(node, path, N_("The number must be finite."))
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
        self.report(node, path, N_("Expected a date written YYYY-MM-DD, such as 2027-06-30."))
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
                                N_("The language '{lang}' is not in languages ({join}).",
                                   lang=lang, join=', '.join(langs)))
                    continue
                value = self.string(value_node, _join(path, lang))
                if value is not None:
                    values[lang] = value
            missing = [lang for lang in langs if lang not in values and lang not in self._keys(node)]
            for lang in missing:
                self.report(node, _join(path, lang), N_("The text in '{lang}' is missing.", lang=lang))
            ordered = {lang: values[lang] for lang in langs if lang in values} if langs else values
            return Text(ordered) if ordered and len(ordered) == len(langs or ordered) else None
        if isinstance(node, ScalarNode) and node.tag == STR:
            value = self.string(node, path)
            if value is None:
                return None
            if len(langs) > 1:
                shape = "{" + ", ".join(f"{x}: …" for x in langs) + "}"
                self.report(node, path, N_("A text is needed in every language: {shape}.", shape=shape))
                return None
            return Text({langs[0] if langs else "und": value})
        self.report(node, path, N_("Expected a text: a string, or a mapping of language: string."))
        return None

    @staticmethod
    def _keys(node: MappingNode) -> set[str]:
        return {str(k.value) for k, _v in node.value if isinstance(k, ScalarNode)}


_BAD = object()


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
