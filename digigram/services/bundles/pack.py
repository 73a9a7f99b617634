"""A check's answers as the one row of `check_answers` an import into PostgreSQL writes (revision 0013).

A bundle's answers come in key order, so each check's answers are one run of lines: a `Packer` gathers
the run and hands on one packed row when the next check starts (and at the end). The row is the check's
id and one array per answer column, element i being its i-th answer: a line of COPY text with array
literals (stage.copy_line), or Python lists for the driver to send. It reads back through the view
`answer_all` as the rows `answer` would have held, choices as the same JSON text.

SQLite keeps an imported check's answers one row each in `answer`: the import writes in its own process,
where a row costs little, and SQLite reads rows many times faster than it unpacks JSON arrays (a pass over
a national year's answers: 0.3 s as rows, 8.8 s packed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table

from digigram.store.models import AnswerRow, CheckAnswersRow

PACKED: Table = CheckAnswersRow.__table__  # type: ignore[assignment]
ANSWER_ROWS: Table = AnswerRow.__table__  # type: ignore[assignment]
PACKED_COLUMNS = ("attempt_id", "sequences", "item_ids", "choices", "answered_at", "seconds", "languages")
# One answer as the importers hand it over: the `answer` row's fields, in the bundle schema's order
# (attempt_id, sequence, item_id, choice as JSON text, answered_at, seconds, language).
Answer = tuple[Any, ...]
Record = dict[str, Any]  # a checked answer record (core.bundle.records), fields typed
# (the packed row, bundle text behind it, how many answers it holds)
Emit = Callable[[Any, int, int], None]


class Packer:
    """Gathers one check's answers at a time; `emit` hears each check's packed row once its run ends.

    `pack` makes the row from the check's answers: python_row from Answer tuples (`key` 0),
    stage.copy_line from checked records (`key` "attempt_id"). Call `finish()` after the last answer.
    """

    def __init__(self, pack: Callable[[list[Any]], Any], emit: Emit, *, key: int | str = 0) -> None:
        self.pack, self.emit, self.key = pack, emit, key
        self.answers: list[Any] = []
        self.check: Any = None
        self.size = 0

    def add(self, answer: Answer | Record, size: int) -> None:
        if answer[self.key] != self.check:  # type: ignore[index]
            self.finish()
            self.check = answer[self.key]  # type: ignore[index]
        self.answers.append(answer)
        self.size += size

    def finish(self) -> None:
        if self.answers:
            answers, size = self.answers, self.size
            self.answers, self.size, self.check = [], 0, None
            self.emit(self.pack(answers), size, len(answers))


def python_row(answers: list[Answer]) -> tuple[Any, ...]:
    """The packed row as Python lists, for a driver that adapts lists to arrays (psycopg)."""
    _, sequences, items, choices, moments, seconds, languages = zip(*answers, strict=True)
    return (answers[0][0], list(sequences), list(items), list(choices),
            [m if m is None or isinstance(m, str) else m.isoformat() for m in moments], list(seconds),
            list(languages))
