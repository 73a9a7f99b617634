"""People-related helpers for the Workspace: the JSON export of one person."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from digigram.core.records import Person
from digigram.store.repo import attempts as attempt_rows
from digigram.store.repo import plans as plan_rows


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_jsonable(v) for v in value)
    return value


def export(session: Session, person: Person) -> dict[str, Any]:
    """Everything stored about one person, JSON-ready (the PIN hash is never included)."""
    attempts = []
    for attempt in attempt_rows.attempts_for(session, person.id):
        record = asdict(attempt)
        record["answers"] = [asdict(a) for a in attempt_rows.answers(session, attempt.id)]
        attempts.append(record)
    plans = [asdict(p) for p in plan_rows.plans_of(session, person.id)]
    result = {"format": "digigram-export/1", "person": asdict(person), "attempts": attempts, "plans": plans}
    return dict(_jsonable(result))
