"""The programme's figures as GROUP BY queries: only counts leave the database, never one row a person.

The same SQL runs on SQLite and PostgreSQL; the only dialect difference is adding days to a finish time
(SQLite keeps it as ISO text, PostgreSQL as a timestamp).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from digigram.core.programme import ProgrammeFilter
from digigram.store.repo.dashboard import _fetch, _stored

_FINISHED = "a.status = 'finished' AND a.finished_at IS NOT NULL"


def _person_where(f: ProgrammeFilter) -> tuple[str, dict[str, Any]]:
    parts, params = ["1=1"], {}
    if f.region_id is not None:
        parts.append("h.region_id = :region")
        params["region"] = f.region_id
    if f.hub_id is not None:
        parts.append("p.hub_id = :hub")
        params["hub"] = f.hub_id
    return " AND ".join(parts), params


def _check_where(f: ProgrammeFilter) -> tuple[str, dict[str, Any]]:
    where, params = _person_where(f)
    where = f"{where} AND {_FINISHED}"
    if f.since is not None:
        where += " AND a.finished_at >= :since"
        params["since"] = _stored(f.since)
    return where, params


def _selected(f: ProgrammeFilter) -> tuple[str, dict[str, Any]]:
    """CTEs `sel` (the selected finished checks) and `latest` (each person's latest of them)."""
    where, params = _check_where(f)
    sql = ("WITH sel AS (SELECT a.id, a.person_id, a.finished_at, "
           "coalesce(a.rating_before, a.rating_after) AS rating "
           "FROM attempt a JOIN person p ON p.id = a.person_id LEFT JOIN hub h ON h.id = p.hub_id "
           f"WHERE {where}), "
           "last_at AS (SELECT person_id, max(finished_at) AS t FROM sel GROUP BY person_id), "
           "latest AS (SELECT min(s.id) AS id FROM sel s JOIN last_at m "
           "ON m.person_id = s.person_id AND m.t = s.finished_at GROUP BY s.person_id) ")
    return sql, params


def regions(session: Session, f: ProgrammeFilter) -> list[tuple[str | None, int, int, int]]:
    """(region id or None, people, hubs, finished checks) per region. With `since`, only people with a
    finished check since then count."""
    where, params = _person_where(f)
    since = ""
    if f.since is not None:
        since = " AND a.finished_at >= :since"
        params["since"] = _stored(f.since)
    join = "JOIN" if f.since is not None else "LEFT JOIN"
    sql = ("SELECT h.region_id, count(*), count(DISTINCT p.hub_id), coalesce(sum(c.n), 0) "
           "FROM person p LEFT JOIN hub h ON h.id = p.hub_id "
           f"{join} (SELECT a.person_id, count(*) AS n FROM attempt a WHERE {_FINISHED}{since} "
           "GROUP BY a.person_id) c ON c.person_id = p.id "
           f"WHERE {where} GROUP BY h.region_id")
    return [(r[0], int(r[1]), int(r[2]), int(r[3])) for r in _fetch(session, sql, params)]


def headline(
        session: Session, f: ProgrammeFilter, *, after_days: int, high_from: int) -> tuple[int, int, int]:
    """(people, high before, high after): people whose first selected check and their latest one at
    least `after_days` later both carry a self-rating; "high" is a rating of `high_from` or more."""
    head, params = _selected(f)
    if session.connection().dialect.name == "sqlite":
        later = f"datetime(fa.t, '+{int(after_days)} days')"
    else:
        later = f"fa.t + interval '{int(after_days)} days'"
    params["high"] = high_from
    sql = (head + ", first_at AS (SELECT person_id, min(finished_at) AS t FROM sel GROUP BY person_id), "
           "first_r AS (SELECT s.person_id, min(s.rating) AS r FROM sel s JOIN first_at fa "
           "ON fa.person_id = s.person_id AND fa.t = s.finished_at GROUP BY s.person_id), "
           "after_at AS (SELECT s.person_id, max(s.finished_at) AS t FROM sel s JOIN first_at fa "
           f"ON fa.person_id = s.person_id WHERE s.finished_at >= {later} GROUP BY s.person_id), "
           "after_r AS (SELECT s.person_id, min(s.rating) AS r FROM sel s JOIN after_at aa "
           "ON aa.person_id = s.person_id AND aa.t = s.finished_at GROUP BY s.person_id) "
           "SELECT count(*), coalesce(sum(CASE WHEN b.r >= :high THEN 1 ELSE 0 END), 0), "
           "coalesce(sum(CASE WHEN l.r >= :high THEN 1 ELSE 0 END), 0) "
           "FROM first_r b JOIN after_r l ON l.person_id = b.person_id "
           "WHERE b.r IS NOT NULL AND l.r IS NOT NULL")
    row = _fetch(session, sql, params)[0]
    return int(row[0]), int(row[1]), int(row[2])


def area_counts(session: Session, f: ProgrammeFilter) -> list[tuple[str, str, str | None, int, int]]:
    """(area, shown level, said level or None, gap state, people) over each person's latest selected
    check; gap state is -1 without a target, 1 below it, 0 at or above it."""
    head, params = _selected(f)
    sql = (head + "SELECT r.area_id, r.level, r.said_level, "
           "CASE WHEN r.target IS NULL THEN -1 WHEN r.gap > 0 THEN 1 ELSE 0 END AS g, count(*) "
           "FROM area_result r JOIN latest l ON l.id = r.attempt_id "
           "GROUP BY r.area_id, r.level, r.said_level, "
           "CASE WHEN r.target IS NULL THEN -1 WHEN r.gap > 0 THEN 1 ELSE 0 END")
    return [(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in _fetch(session, sql, params)]


def answer_counts(session: Session, f: ProgrammeFilter) -> list[tuple[str, str, int]]:
    """(question, choice as stored JSON, answers) over all selected checks.

    Plain joins, no CTE: PostgreSQL then scans the answers once in parallel and hashes the checks; a
    list of question ids to keep would be compared against every answer row, so the few self-rating
    rows are dropped in Python instead.
    """
    where, params = _check_where(f)
    person = "" if f.region_id is None and f.hub_id is None else (
        "JOIN person p ON p.id = a.person_id LEFT JOIN hub h ON h.id = p.hub_id ")
    if not person:
        where = where.replace("1=1 AND ", "", 1)
    sql = ("SELECT an.item_id, an.choice, count(*) FROM answer an JOIN attempt a ON a.id = an.attempt_id "
           f"{person}WHERE {where} GROUP BY an.item_id, an.choice")
    return [(r[0], r[1], int(r[2])) for r in _fetch(session, sql, params)]
