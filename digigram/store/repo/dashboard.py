"""Coordinator queries: the group picture from the per-area results stored at finish, filtered in SQL.

Nothing here replays a quiz: 25,000 trainees must open in well under a second. The heavy reads go
through the session's own driver connection (SQLite or psycopg) with plain cursors, which skips
per-row ORM work; the SQL is written once with `:name` / `?` marks and adapted for psycopg.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from digigram.core.coordination import DashboardFilter, sort_key
from digigram.core.regions import Hub


@dataclass(frozen=True)
class PersonLine:
    person_id: str
    name: str
    hub: str
    group: str
    profile_id: str | None
    hub_id: str | None
    region_id: str | None


_NAMED = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


def _pg_marks(sql: str) -> str:
    return _NAMED.sub(r"%(\1)s", sql).replace("?", "%s")


def _fetch(session: Session, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
    conn = session.connection()
    driver: Any = conn.connection.driver_connection
    if conn.dialect.name == "sqlite":
        return list(driver.execute(sql, params).fetchall())
    with driver.cursor() as cursor:
        cursor.execute(_pg_marks(sql), params)
        return list(cursor.fetchall())


def _finished_text(session: Session) -> str:
    """finished_at as the naive UTC ISO text SQLite stores, so both engines give comparable strings."""
    if session.connection().dialect.name == "sqlite":
        return "a.finished_at"
    return "to_char(a.finished_at, 'YYYY-MM-DD HH24:MI:SS.US')"


def _stored(day: date, *, next_day: bool = False) -> str:
    """A local calendar day's start as the naive UTC text SQLite holds, for comparing with finished_at."""
    start = datetime.combine(day + timedelta(days=1) if next_day else day, time.min).astimezone()
    return start.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _person_where(f: DashboardFilter) -> tuple[str, dict[str, Any]]:
    parts, params = ["1=1"], {}
    if f.hub_id is not None:
        parts.append("p.hub_id = :hub")
        params["hub"] = f.hub_id
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


def filter_options(session: Session) -> tuple[tuple[Hub, ...], tuple[str, ...], tuple[str, ...]]:
    """The hubs people belong to (by name, then region), and the distinct group tags and profiles."""
    rows = _fetch(session, "SELECT h.id, h.name, h.region_id FROM hub h "
                           "WHERE EXISTS (SELECT 1 FROM person p WHERE p.hub_id = h.id)")
    hubs = tuple(sorted((Hub(*r) for r in rows), key=lambda h: (*sort_key(h.name), h.region_id or "", h.id)))
    found = []
    for column in ("group_tag", "profile_id"):
        rows = _fetch(session,
                      f"SELECT DISTINCT {column} FROM person WHERE {column} IS NOT NULL AND {column} != ''")
        found.append(tuple(sorted((str(r[0]) for r in rows), key=sort_key)))
    return hubs, found[0], found[1]


# One selected finished check with its derived summary (see models.CheckSummaryRow): person id,
# finished_at as stored (naive UTC text), self-rating, areas text, item marks. Plain tuples: there are
# tens of thousands and the dashboard must open in well under a second.
CheckLine = tuple[str, str, int | None, str, bytes]


def people(session: Session, f: DashboardFilter) -> list[PersonLine]:
    where, params = _person_where(f)
    sql = ("SELECT p.id, p.name, p.hub, p.group_tag, p.profile_id, p.hub_id, h.region_id FROM person p "
           f"LEFT JOIN hub h ON h.id = p.hub_id WHERE {where}")
    return [PersonLine(*row) for row in _fetch(session, sql, params)]


def checks(session: Session, f: DashboardFilter, framework_hash: str) -> list[CheckLine]:
    """The selected finished checks with their summaries, in no particular order (sorting the rows with
    their marks in SQLite costs more than picking each person's first and latest in Python)."""
    where, params = _check_where(f)
    params["fw"] = framework_hash
    sql = (f"SELECT a.person_id, {_finished_text(session)}, coalesce(a.rating_before, a.rating_after), "
           "s.areas, s.marks FROM attempt a JOIN person p ON p.id = a.person_id "
           f"JOIN check_summary s ON s.attempt_id = a.id WHERE {where} AND s.framework_hash = :fw")
    return _fetch(session, sql, params)


# One selected person with their selected finished checks folded in SQL: id, name, hub, group, profile,
# hub id, region, then checks, checks with a summary on this framework version, the first check's
# rating and areas text, the latest check's finished_at, rating and areas text.
# (On SQLite the latest time is the stored text; on PostgreSQL a UTC datetime.)
TraineeLine = tuple[str, str, str, str, str | None, str | None, str | None,
                    int | None, int | None, int | None, str | None, str | datetime | None, int | None,
                    str | None]


# Sorting a whole region's checks for the windows needs more than PostgreSQL's default 4 MB per step,
# which made it sort on disk; raised for the reading transaction only (any role may).
READ_WORK_MEM = "64MB"


def roomy(session: Session) -> None:
    """Give the session's transaction enough memory for sorting every check in memory, and UTC as its
    time zone so timestamps arrive as UTC datetimes, as the rest of the app holds them."""
    if session.connection().dialect.name == "postgresql":
        driver: Any = session.connection().connection.driver_connection
        with driver.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{READ_WORK_MEM}'")
            cursor.execute("SET LOCAL TimeZone = 'UTC'")


def trainees(session: Session, f: DashboardFilter, framework_hash: str) -> list[TraineeLine]:
    """Every selected person with their first and latest selected check, one row a person.

    Window functions number each person's checks both ways in one pass, so 47,000 checks never leave
    the database; people without a selected check come with NULLs (and are left out when a date bounds
    the checks, as the dashboard shows only people checked in that time).
    """
    where, params = _check_where(f)
    pwhere, _ = _person_where(f)
    params["fw"] = framework_hash
    join = "JOIN" if f.date_from is not None or f.date_to is not None else "LEFT JOIN"
    # PostgreSQL hands the latest time over as a timestamp in UTC (see roomy), parsed by the driver.
    finished = "a.finished_at" if session.connection().dialect.name == "sqlite" else (
        "a.finished_at AT TIME ZONE 'UTC'")
    sql = ("WITH c AS (SELECT a.person_id, "
           f"{finished} AS t, coalesce(a.rating_before, a.rating_after) AS rating, "
           "s.areas, s.attempt_id AS kept, "
           "row_number() OVER (PARTITION BY a.person_id ORDER BY a.finished_at, a.id) AS kf, "
           "row_number() OVER (PARTITION BY a.person_id ORDER BY a.finished_at DESC, a.id DESC) AS kl "
           "FROM attempt a JOIN person p ON p.id = a.person_id "
           "LEFT JOIN check_summary s ON s.attempt_id = a.id AND s.framework_hash = :fw "
           f"WHERE {where}), "
           "g AS (SELECT person_id, count(*) AS n, count(kept) AS nk, "
           "max(CASE WHEN kf = 1 THEN rating END) AS r0, max(CASE WHEN kf = 1 THEN areas END) AS a0, "
           "max(CASE WHEN kl = 1 THEN t END) AS t1, max(CASE WHEN kl = 1 THEN rating END) AS r1, "
           "max(CASE WHEN kl = 1 THEN areas END) AS a1 FROM c GROUP BY person_id) "
           "SELECT p.id, p.name, p.hub, p.group_tag, p.profile_id, p.hub_id, h.region_id, "
           "g.n, g.nk, g.r0, g.a0, g.t1, g.r1, g.a1 FROM person p LEFT JOIN hub h ON h.id = p.hub_id "
           f"{join} g ON g.person_id = p.id WHERE {pwhere}")
    return _fetch(session, sql, params)


def marks(session: Session, f: DashboardFilter, framework_hash: str) -> list[bytes]:
    """The stored item marks of the selected finished checks. PostgreSQL joins them into one value in
    the database: one row to fetch instead of one per check (47,000 checks of 495 questions: 23 MB)."""
    where, params = _check_where(f)
    params["fw"] = framework_hash
    source = ("FROM attempt a JOIN person p ON p.id = a.person_id "
              f"JOIN check_summary s ON s.attempt_id = a.id WHERE {where} AND s.framework_hash = :fw")
    if session.connection().dialect.name == "sqlite":
        return [r[0] for r in _fetch(session, f"SELECT s.marks {source}", params)]
    # In binary: the marks come as they are stored instead of as hexadecimal text twice their size.
    driver: Any = session.connection().connection.driver_connection
    with driver.cursor() as cursor:
        cursor.execute(_pg_marks(f"SELECT string_agg(s.marks, ''::bytea) {source}"), params, binary=True)
        joined = cursor.fetchone()[0]
    return [] if joined is None else [bytes(joined)]


def checks_without_summary(
        session: Session, f: DashboardFilter, framework_hash: str) -> list[tuple[str, str, str, int | None]]:
    """(check, person, finished_at as stored, self-rating) of the selected finished checks that have no
    summary for this framework version stored."""
    where, params = _check_where(f)
    params["fw"] = framework_hash
    sql = (f"SELECT a.id, a.person_id, {_finished_text(session)}, coalesce(a.rating_before, a.rating_after) "
           "FROM attempt a JOIN person p ON p.id = a.person_id "
           "LEFT JOIN check_summary s ON s.attempt_id = a.id AND s.framework_hash = :fw "
           f"WHERE {where} AND s.attempt_id IS NULL")
    return _fetch(session, sql, params)


def parse_stored(value: str) -> datetime:
    return _parse(value)


# --- check summaries: made once per finished check, so the dashboard reads one row per check -------


def unsummarised(session: Session, framework_hash: str) -> list[str]:
    """Finished checks with no summary for this framework version yet."""
    sql = ("SELECT a.id FROM attempt a LEFT JOIN check_summary s ON s.attempt_id = a.id "
           "WHERE a.status = 'finished' AND (s.attempt_id IS NULL OR s.framework_hash != ?)")
    return [r[0] for r in _fetch(session, sql, (framework_hash,))]


def answers_of(session: Session, attempt_ids: Sequence[str]) -> list[tuple[str, str, str]]:
    """(check, item, choice as stored JSON) of the given checks."""
    marks = ", ".join("?" * len(attempt_ids))
    sql = f"SELECT attempt_id, item_id, choice FROM answer WHERE attempt_id IN ({marks})"
    return _fetch(session, sql, list(attempt_ids))


def areas_of(
    session: Session, attempt_ids: Sequence[str]
) -> list[tuple[str, str, str, str | None, int | None]]:
    """(check, area, level, target, gap) of the given checks."""
    marks = ", ".join("?" * len(attempt_ids))
    sql = f"SELECT attempt_id, area_id, level, target, gap FROM area_result WHERE attempt_id IN ({marks})"
    return _fetch(session, sql, list(attempt_ids))


def save_summaries(session: Session, framework_hash: str, rows: Sequence[tuple[str, bytes, str]]) -> None:
    # ON CONFLICT … DO UPDATE: the same upsert on SQLite (3.24+) and PostgreSQL.
    sql = ("INSERT INTO check_summary (attempt_id, framework_hash, marks, areas) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (attempt_id) DO UPDATE SET framework_hash = excluded.framework_hash, "
           "marks = excluded.marks, areas = excluded.areas")
    data = [(attempt_id, framework_hash, blob, areas) for attempt_id, blob, areas in rows]
    conn = session.connection()
    driver: Any = conn.connection.driver_connection
    if conn.dialect.name == "sqlite":
        driver.executemany(sql, data)
    else:
        with driver.cursor() as cursor:
            cursor.executemany(_pg_marks(sql), data)
