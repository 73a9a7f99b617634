"""Answers of finished checks, read in bulk for calibration; reads only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from digigram.store.models import ANSWERS, AnswerRow, AttemptRow

Choice = int | tuple[int, ...] | None
# (attempt id, item id, choice, language or None)
AnswerFact = tuple[str, str, Choice, str | None]


def _choice(text: str) -> Choice:
    value: Any = json.loads(text)
    return tuple(int(v) for v in value) if isinstance(value, list) else value


def has_language(session: Session) -> bool:
    """Whether this database stores the language each answer was given in (a later schema does)."""
    columns = inspect(session.get_bind()).get_columns(AnswerRow.__tablename__)
    return any(c["name"] == "language" for c in columns)


def count_finished_answers(session: Session, framework_id: str) -> int:
    stmt = (select(func.count()).select_from(ANSWERS)
            .join(AttemptRow, AttemptRow.id == ANSWERS.c.attempt_id)
            .where(AttemptRow.status == "finished", AttemptRow.framework_id == framework_id))
    return int(session.scalar(stmt) or 0)


def finished_checks_by_framework(session: Session) -> list[tuple[str, str, int]]:
    """(framework id, version, finished checks) for every framework the database has finished checks on."""
    stmt = (select(AttemptRow.framework_id, AttemptRow.framework_version, func.count())
            .where(AttemptRow.status == "finished")
            .group_by(AttemptRow.framework_id, AttemptRow.framework_version)
            .order_by(AttemptRow.framework_id, AttemptRow.framework_version))
    return [(str(fid), str(version), int(n)) for fid, version, n in session.execute(stmt)]


def finished_answers(session: Session, framework_id: str, *, chunk: int = 20_000) -> Iterator[AnswerFact]:
    """Every answer of every finished check on this framework (any version), attempt by attempt."""
    with_language = has_language(session)
    columns: list[Any] = [ANSWERS.c.attempt_id, ANSWERS.c.item_id, ANSWERS.c.choice]
    if with_language:
        columns.append(ANSWERS.c.language)
    stmt = (select(*columns)
            .join(AttemptRow, AttemptRow.id == ANSWERS.c.attempt_id)
            .where(AttemptRow.status == "finished", AttemptRow.framework_id == framework_id)
            .order_by(ANSWERS.c.attempt_id, ANSWERS.c.sequence)
            .execution_options(yield_per=chunk))
    for row in session.execute(stmt):
        lang = row[3] if with_language else None
        yield row[0], row[1], _choice(row[2]), (str(lang) if lang else None)
