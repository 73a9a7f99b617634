"""Reads the home screen makes while SQLAlchemy is still loading, with the standard sqlite3 module.

Each function returns exactly what its repository twin returns (tests/store/test_light.py holds them to
that), so the first screen can show real data without waiting for the ORM.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from digigram.core.names import sort_key
from digigram.core.records import Person


@contextmanager
def _reading(db_path: Path) -> Iterator[sqlite3.Connection]:
    # A plain connection (not mode=ro): a read-only one cannot open a WAL database whose -shm file is gone.
    with closing(sqlite3.connect(db_path, timeout=5.0)) as con:
        yield con


def _when(value: str | None) -> datetime | None:
    # SQLAlchemy keeps naive UTC as "YYYY-MM-DD HH:MM:SS.ffffff" in SQLite.
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def list_people(db_path: Path) -> list[Person]:
    """Everyone in reading order, as repo.people.list_people gives them."""
    with _reading(db_path) as con:
        rows = con.execute(
            "SELECT id, name, hub, profile_id, pin_hash IS NOT NULL, consent_at, created_at, group_tag, "
            "hub_id, sort_name FROM person ORDER BY sort_name, name, created_at"
        ).fetchall()
    return people_of(rows, _when)


def people_of(rows: Iterable[Sequence[Any]], when: Callable[[Any], datetime | None]) -> list[Person]:
    """People from rows of (id, name, hub, profile_id, has a PIN, consent_at, created_at, group_tag,
    hub_id, sort_name) ordered by sort_name, name (by code point), created_at; `when` makes the stored
    times aware (this module's text, or the ORM's naive datetimes). In Ukrainian reading order, the order
    every list shows (core.names.sort_key, then the oldest first): the stored key orders them in SQL,
    and only rows without one (none since revision 0007) send them through Python's sort of the names,
    which took a fifth of a second for a region's 25,000 people at every return to Home."""
    people = []
    keyed = True
    for pid, name, hub, profile_id, has_pin, consent_at, created_at, group, hub_id, key in rows:
        created = when(created_at)
        assert created is not None
        keyed = keyed and key is not None
        people.append(Person(id=pid, name=name, hub=hub, profile_id=profile_id, has_pin=bool(has_pin),
                             consent_at=when(consent_at), created_at=created, group=group, hub_id=hub_id))
    if not keyed:
        people.sort(key=lambda p: (sort_key(p.name), p.created_at))
    return people


def get_setting(db_path: Path, key: str) -> tuple[bool, Any]:
    """(found, value) as repo.settings.get_setting gives it."""
    with _reading(db_path) as con:
        row = con.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return (False, None) if row is None else (True, json.loads(row[0]))
