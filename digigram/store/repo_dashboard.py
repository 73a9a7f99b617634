"""Coordinator queries: the group picture from the per-area results stored at finish, filtered in SQL.

Nothing here replays a quiz: 25,000 trainees must open in well under a second. The heavy reads go
through the session's own SQLite connection with plain cursors, which skips per-row ORM work.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session, sessionmaker

from digigram.core.coordination import DashboardFilter, sort_key
from digigram.store.models import PersonRow


@dataclass(frozen=True)
class PersonLine:
    person_id: str
    name: str
    hub: str
    group: str
    profile_id: str | None


@dataclass(frozen=True)
class CheckLine:
    """One finished check of a selected person; `rating` is the self-rating given at that check."""

    attempt_id: str
    person_id: str
    finished_at: datetime
    rating: int | None


@dataclass(frozen=True)
class AreaLine:
    person_id: str
    area_id: str
    level: str
    target: str | None
    gap: int | None


def _raw(session: Session) -> sqlite3.Connection:
    return cast(sqlite3.Connection, session.connection().connection.driver_connection)


def _stored(day: date, *, next_day: bool = False) -> str:
    """A local calendar day's start as the naive UTC text SQLite holds, for comparing with finished_at."""
    start = datetime.combine(day + timedelta(days=1) if next_day else day, time.min).astimezone()
    return start.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _person_where(f: DashboardFilter) -> tuple[str, dict[str, Any]]:
    parts, params = ["1=1"], {}
    if f.hub is not None:
        parts.append("p.hub = :hub")
        params["hub"] = f.hub
    if f.group is not None:
        parts.append("p.group_tag = :grp")
        params["grp"] = f.group
    if f.profile_id is not None:
        parts.append("p.profile_id = :profile")
        params["profile"] = f.profile_id
    return " AND ".join(parts), params


def _check_where(f: DashboardFilter) -> tuple[str, dict[str, Any]]:
    where, params = _person_where(f)
    parts = [where, "a.status = 'finished'", "a.finished_at IS NOT NULL"]
    if f.date_from is not None:
        parts.append("a.finished_at >= :dfrom")
        params["dfrom"] = _stored(f.date_from)
    if f.date_to is not None:
        parts.append("a.finished_at < :dto")
        params["dto"] = _stored(f.date_to, next_day=True)
    return " AND ".join(parts), params


def _selected(f: DashboardFilter) -> tuple[str, dict[str, Any]]:
    """A CTE of the selected finished checks with their order within each person."""
    where, params = _check_where(f)
    sql = (
        "WITH sel AS (SELECT a.id AS id, a.person_id AS person_id, a.finished_at AS finished_at, "
        "row_number() OVER (PARTITION BY a.person_id ORDER BY a.finished_at DESC, a.id) AS rn_last, "
        "row_number() OVER (PARTITION BY a.person_id ORDER BY a.finished_at, a.id) AS rn_first "
        f"FROM attempt a JOIN person p ON p.id = a.person_id WHERE {where}) "
    )
    return sql, params


def filter_options(session: Session) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Distinct non-empty hubs, group tags and profiles of the stored people, sorted."""
    raw = _raw(session)
    found = []
    for column in ("hub", "group_tag", "profile_id"):
        rows = raw.execute(
            f"SELECT DISTINCT {column} FROM person WHERE {column} IS NOT NULL AND {column} != ''"
        ).fetchall()
        found.append(tuple(sorted((str(r[0]) for r in rows), key=sort_key)))
    return found[0], found[1], found[2]


def people(session: Session, f: DashboardFilter) -> list[PersonLine]:
    """People matching the filter; with a date range, only those with a finished check inside it."""
    if f.date_from is None and f.date_to is None:
        where, params = _person_where(f)
        sql = f"SELECT p.id, p.name, p.hub, p.group_tag, p.profile_id FROM person p WHERE {where}"
    else:
        where, params = _check_where(f)
        sql = ("SELECT p.id, p.name, p.hub, p.group_tag, p.profile_id FROM person p WHERE p.id IN "
               f"(SELECT a.person_id FROM attempt a JOIN person p ON p.id = a.person_id WHERE {where})")
    return [PersonLine(*row) for row in _raw(session).execute(sql, params)]


def checks(session: Session, f: DashboardFilter) -> list[CheckLine]:
    """The selected finished checks, each person's oldest first."""
    where, params = _check_where(f)
    sql = ("SELECT a.id, a.person_id, a.finished_at, coalesce(a.rating_before, a.rating_after) "
           f"FROM attempt a JOIN person p ON p.id = a.person_id WHERE {where} "
           "ORDER BY a.person_id, a.finished_at, a.id")
    rows = _raw(session).execute(sql, params)
    return [CheckLine(a, p, _parse(when), rating) for a, p, when, rating in rows]


def first_and_latest_areas(
    session: Session, f: DashboardFilter
) -> list[tuple[str, int, int, str, str, str | None, int | None]]:
    """(person, is first, is latest, area, level, target, gap) at each selected person's first and latest
    selected checks (one row with both marks when a person has a single check)."""
    cte, params = _selected(f)
    sql = (cte + "SELECT sel.person_id, sel.rn_first = 1, sel.rn_last = 1, r.area_id, r.level, r.target, "
           "r.gap FROM sel JOIN area_result r ON r.attempt_id = sel.id "
           "WHERE sel.rn_first = 1 OR sel.rn_last = 1")
    return _raw(session).execute(sql, params).fetchall()


def answer_counts(session: Session, f: DashboardFilter) -> list[tuple[str, Any, int]]:
    """(item, choice, how many) over the answers of the selected checks; the choice as stored JSON."""
    where, params = _check_where(f)
    sql = ("SELECT an.item_id, an.choice, count(*) FROM attempt a JOIN person p ON p.id = a.person_id "
           f"JOIN answer an ON an.attempt_id = a.id WHERE {where} GROUP BY an.item_id, an.choice")
    return [(item, json.loads(choice), int(n)) for item, choice, n in _raw(session).execute(sql, params)]


def person_name(session: Session, person_id: str) -> str | None:
    return session.scalar(select(PersonRow.name).where(PersonRow.id == person_id))


def delete_person(
    engine: Engine, sessions: sessionmaker[Session], person_id: str, *, db_path: Path | None
) -> bool:
    """Delete the person and everything hanging off them, overwriting the freed bytes.

    Attempts, answers, area results, plans and plan steps go by ON DELETE CASCADE. With
    secure_delete the freed space is zeroed; the log is then checkpointed into the file and
    truncated. Older copies of the name can survive in page space freed earlier without zeroing,
    so if the name's bytes are still in the file the whole file is rebuilt with VACUUM.
    Returns False when there was no such person.
    """
    with sessions() as session, session.begin():
        name = person_name(session, person_id)
        if name is None:
            return False
        session.execute(text("PRAGMA secure_delete=ON"))
        session.execute(delete(PersonRow).where(PersonRow.id == person_id))
        # The zeroing happens as rows are deleted, so the pooled connection can go back to normal now.
        session.execute(text("PRAGMA secure_delete=OFF"))
    if db_path is None:
        return True
    raw = engine.raw_connection()
    try:
        con = cast(sqlite3.Connection, raw.driver_connection)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if _file_holds(db_path, name.encode("utf-8")):
            con.execute("VACUUM")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    return True


def _file_holds(path: Path, needle: bytes, *, block: int = 1 << 22) -> bool:
    """Whether `needle` occurs in the file (or its write-ahead log), read in blocks that overlap."""
    for candidate in (path, path.with_name(path.name + "-wal")):
        if not candidate.exists():
            continue
        with candidate.open("rb") as handle:
            tail = b""
            while chunk := handle.read(block):
                if needle in tail + chunk:
                    return True
                tail = chunk[-len(needle):]
    return False

