"""A check's answers as the one row of `check_answers` an import writes (revision 0013).

A bundle's answers come in key order, so each check's answers are one run of lines: a `Packer` gathers
the run and hands on one packed row when the next check starts (and at the end). The row is the check's
id and one array per answer column, element i being its i-th answer: JSON arrays on SQLite, a line of
PostgreSQL COPY text with array literals on PostgreSQL. Either reads back through the view `answer_all`
as the rows `answer` would have held, choices as the same JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Table

from digigram.store.models import CheckAnswersRow

PACKED: Table = CheckAnswersRow.__table__  # type: ignore[assignment]
PACKED_COLUMNS = ("attempt_id", "sequences", "item_ids", "choices", "answered_at", "seconds", "languages")
# One answer as the importers hand it over: the `answer` row's fields, in the bundle schema's order
# (attempt_id, sequence, item_id, choice as JSON text, answered_at, seconds, language).
Answer = tuple[Any, ...]
# (the packed row, bundle text behind it, how many answers it holds)
Emit = Callable[[Any, int, int], None]

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class Packer:
    """Gathers one check's answers at a time; `emit` hears each check's packed row once its run ends.

    `pack` makes the row from the check's answers (sqlite_row or copy_line). Call `finish()` after the
    last answer.
    """

    def __init__(self, pack: Callable[[list[Answer]], Any], emit: Emit) -> None:
        self.pack, self.emit = pack, emit
        self.answers: list[Answer] = []
        self.check: Any = None
        self.size = 0

    def add(self, answer: Answer, size: int) -> None:
        if answer[0] != self.check:
            self.finish()
            self.check = answer[0]
        self.answers.append(answer)
        self.size += size

    def finish(self) -> None:
        if self.answers:
            answers, size = self.answers, self.size
            self.answers, self.size, self.check = [], 0, None
            self.emit(self.pack(answers), size, len(answers))


def sqlite_row(answers: list[Answer]) -> tuple[Any, ...]:
    """The packed row for SQLite: each column a JSON array (moments as the text SQLAlchemy stores)."""
    _, sequences, items, choices, moments, seconds, languages = zip(*answers, strict=True)
    return (answers[0][0], _dumps(sequences), _dumps(items), _dumps(choices), _dumps(moments),
            _dumps(seconds), _dumps(languages))


def python_row(answers: list[Answer]) -> tuple[Any, ...]:
    """The packed row as Python lists, for a driver that adapts lists to arrays (psycopg)."""
    _, sequences, items, choices, moments, seconds, languages = zip(*answers, strict=True)
    return (answers[0][0], list(sequences), list(items), list(choices),
            [m if m is None or isinstance(m, str) else m.isoformat() for m in moments], list(seconds),
            list(languages))


def _quoted(value: str) -> str:
    """A text element of an array literal: always in double quotes, its backslashes and quotes escaped."""
    if "\\" in value or '"' in value:
        value = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"'


def _texts(values: tuple[Any, ...]) -> str:
    return "{" + ",".join("NULL" if v is None else _quoted(v) for v in values) + "}"


def _copy_field(literal: str) -> str:
    """An array literal as a field of COPY text (backslash, tab, newline and carriage return escaped)."""
    if "\\" in literal or "\t" in literal or "\n" in literal or "\r" in literal:
        literal = literal.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return literal


def _moment(value: datetime | str | None) -> str | None:
    return value if value is None or isinstance(value, str) else value.isoformat()


def copy_line(answers: list[Answer]) -> str:
    """The packed row as one line of COPY text (newline included), columns in PACKED_COLUMNS order."""
    _, sequences, items, choices, moments, seconds, languages = zip(*answers, strict=True)
    fields = (
        "{" + ",".join(map(str, sequences)) + "}",
        _copy_field(_texts(items)),
        _copy_field(_texts(choices)),
        "{" + ",".join("NULL" if m is None else f'"{_moment(m)}"' for m in moments) + "}",
        "{" + ",".join("NULL" if s is None else repr(s) for s in seconds) + "}",
        _copy_field(_texts(languages)),
    )
    return f"{answers[0][0]}\t" + "\t".join(fields) + "\n"
