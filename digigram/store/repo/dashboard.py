"""Coordinator queries: the group picture from the per-area results stored at finish, filtered in SQL.

Nothing here replays a quiz: 25,000 trainees must open in well under a second. The heavy reads go
through the session's own driver connection (SQLite or psycopg) with plain cursors, which skips
per-row ORM work; the SQL is written once with `:name` / `?` marks and adapted for psycopg.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from digigram.core.coordination import DashboardFilter, TraineeOrder
from digigram.core.names import name_key, sort_key
from digigram.core.regions import APOSTROPHES, Hub


@dataclass(frozen=True)
class PersonLine:
    person_id: str
    name: str
    hub: str
    group: str
    profile_id: str | None
    hub_id: str | None
    region_id: str | None


# Values one statement may bind: SQLite's limit since 3.32 (999 before it); PostgreSQL allows 65,535.
VALUES_AT_MOST = 32_766 if sqlite3.sqlite_version_info >= (3, 32) else 999
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
    if f.region_id is not None:
        parts.append("p.hub_id IN (SELECT rh.id FROM hub rh WHERE rh.region_id = :region)")
        params["region"] = f.region_id
    if f.name is not None and f.name.strip():
        # In the stored name key (any letter case, each letter one character of the key), so "олена"
        # finds «Олена» on both engines; ! escapes the typed text's own % and _.
        # Apostrophes aside on both sides, as the hub search sets them aside: «Марʼяна» is found typed
        # with the keyboard's apostrophe (U+0027), and a name stored with that one is found typed with ʼ.
        typed = name_key(f.name.strip()).translate(APOSTROPHES)
        typed = typed.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        parts.append(f"{_without_apostrophes('p.sort_name')} LIKE :name ESCAPE '!'")
        params["name"] = f"%{typed}%"
    return " AND ".join(parts), params


def _without_apostrophes(column: str) -> str:
    """SQL for `column` with every apostrophe core.regions.APOSTROPHES sets aside removed."""
    for mark in sorted(chr(code) for code in APOSTROPHES):
        column = f"replace({column}, '{mark.replace(chr(39), chr(39) * 2)}', '')"
    return column


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
CheckLine = tuple[str, str, int | None, str, bytes, str]  # person, finished_at, rating, areas, marks, check


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
           "s.areas, s.marks, a.id FROM attempt a JOIN person p ON p.id = a.person_id "
           f"JOIN check_summary s ON s.attempt_id = a.id WHERE {where} AND s.framework_hash = :fw")
    return _fetch(session, sql, params)


# One selected person with their selected finished checks folded in SQL: id, name, hub, group, profile,
# hub id, region, then checks, checks with a summary on this framework version, the first check's
# rating and areas text, the latest check's finished_at, rating and areas text, and 1 when the latest
# check is at least `after_days` after the first (a later check that may show the training's effect).
# (On SQLite the latest time is the stored text; on PostgreSQL a UTC datetime.)
TraineeLine = tuple[str, str, str, str, str | None, str | None, str | None,
                    int | None, int | None, int | None, str | None, str | datetime | None, int | None,
                    str | None, int | None]


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


def _in(column: str, ids: Sequence[str], params: dict[str, Any]) -> str:
    """`column IN (:i0, :i1, …)` with the ids added to params."""
    names = []
    for k, value in enumerate(ids):
        params[f"i{k}"] = value
        names.append(f":i{k}")
    return f"{column} IN ({', '.join(names)})"


def days_after(session: Session, moment: str, days: int) -> str:
    """SQL for `days` days after the finish time `moment`: SQLite keeps it as ISO text, PostgreSQL as a
    timestamp."""
    if session.connection().dialect.name == "sqlite":
        return f"datetime({moment}, '+{int(days)} days')"
    return f"{moment} + interval '{int(days)} days'"


def trainees(session: Session, f: DashboardFilter, framework_hash: str,
             ids: Sequence[str] | None = None, *, after_days: int) -> list[TraineeLine]:
    """Every selected person (or only those of `ids`) with their first and latest selected check, one row
    a person, and whether the latest is at least `after_days` after the first.

    Window functions number each person's checks both ways in one pass, so 47,000 checks never leave
    the database; people without a selected check come with NULLs (and are left out when a date bounds
    the checks, as the dashboard shows only people checked in that time).
    """
    where, params = _check_where(f)
    pwhere, _ = _person_where(f)
    if ids is not None:  # one page: its people's checks only, so the windows see a few dozen rows
        where = f"{where} AND {_in('a.person_id', ids, params)}"
        pwhere = f"{pwhere} AND {_in('p.id', ids, params)}"
    params["fw"] = framework_hash
    join = "JOIN" if f.date_from is not None or f.date_to is not None else "LEFT JOIN"
    # PostgreSQL hands the latest time over as a timestamp in UTC (see roomy), parsed by the driver.
    sqlite = session.connection().dialect.name == "sqlite"
    finished = "a.finished_at" if sqlite else "a.finished_at AT TIME ZONE 'UTC'"
    later = days_after(session, "min(t)", after_days)
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
           "max(CASE WHEN kl = 1 THEN areas END) AS a1, "
           f"CASE WHEN max(t) >= {later} THEN 1 ELSE 0 END AS far FROM c GROUP BY person_id) "
           "SELECT p.id, p.name, p.hub, p.group_tag, p.profile_id, p.hub_id, h.region_id, "
           "g.n, g.nk, g.r0, g.a0, g.t1, g.r1, g.a1, g.far FROM person p LEFT JOIN hub h ON h.id = p.hub_id "
           f"{join} g ON g.person_id = p.id WHERE {pwhere}")
    return _fetch(session, sql, params)


def _dated(f: DashboardFilter) -> bool:
    return f.date_from is not None or f.date_to is not None


def _latest(where: str) -> str:
    """CTE `c` of the selected checks, each person's latest first (kl = 1), with its "needs help" mark
    and whether it has a complete summary (one of an older release lacks the mark)."""
    return ("WITH c AS (SELECT a.id, a.person_id, a.finished_at AS t, "
            "CASE WHEN s.needs_help IS NULL THEN 0 ELSE 1 END AS kept, "
            "CASE WHEN s.needs_help THEN 1 ELSE 0 END AS help, "
            "row_number() OVER (PARTITION BY a.person_id ORDER BY a.finished_at DESC, a.id DESC) AS kl "
            "FROM attempt a JOIN person p ON p.id = a.person_id "
            "LEFT JOIN check_summary s ON s.attempt_id = a.id AND s.framework_hash = :fw "
            f"WHERE {where}) ")


def counts(session: Session, f: DashboardFilter, framework_hash: str) -> tuple[int, int, int]:
    """(trainees selected, of them needing help at their latest selected check, selected checks without a
    complete summary on this framework version), counted in the database."""
    where, params = _check_where(f)
    params["fw"] = framework_hash
    row = _fetch(session, _latest(where) + "SELECT count(DISTINCT person_id), "
                 "coalesce(sum(CASE WHEN kl = 1 THEN help ELSE 0 END), 0), count(*) - coalesce(sum(kept), 0) "
                 "FROM c", params)[0]
    total = int(row[0])
    if not _dated(f):  # without dates everyone selected shows, checked or not
        pwhere, pparams = _person_where(f)
        total = int(_fetch(session, f"SELECT count(*) FROM person p WHERE {pwhere}", pparams)[0][0])
    return total, int(row[1]), int(row[2])


def _in_reading_order(session: Session, key: str, column: str) -> list[str]:
    """SQL keys that order a text column as a Ukrainian reader expects, as core.names.sort_key does:
    "Івано-Франківська" among the І's, after "Закарпатська", not before every other letter as the
    letters' codes put it. `key` is the column's stored name_key (revision 0009), made in Python when the
    row was written, so both engines order alike whatever the letters; texts alike but for letter case
    follow in the letters' codes, as in Python."""
    if session.connection().dialect.name == "sqlite":
        return [key, column]
    return [key, f'{column} COLLATE "C"']


def _role_rank(roles: Sequence[str], params: dict[str, Any]) -> list[str]:
    """The roles' places in the order asked (their names' order in the reader's language): `roles`."""
    if not roles:
        return []
    params.update({f"role{k}": role for k, role in enumerate(roles)})
    cases = " ".join(f"WHEN :role{k} THEN {k}" for k in range(len(roles)))
    return [f"CASE coalesce(p.profile_id, '') {cases} ELSE {len(roles)} END"]


def _own_keys(session: Session, order: TraineeOrder, params: dict[str, Any]) -> list[str] | None:
    """The SQL keys of an order by the person's own columns, before the name (none by name itself);
    None for an order by the person's checks."""
    if order.column == "name":
        return []
    if order.column == "hub":
        return _in_reading_order(session, "p.sort_hub", "p.hub")
    if order.column == "group":
        return _in_reading_order(session, "p.sort_group", "p.group_tag")
    if order.column == "role":
        # Then by id by code point, as Python and SQLite compare it, not by the server's collation.
        collate = ' COLLATE "C"' if session.connection().dialect.name == "postgresql" else ""
        return [*_role_rank(order.roles, params), f"coalesce(p.profile_id, ''){collate}"]
    return None


def _level_rank(levels: Sequence[str], params: dict[str, Any]) -> list[str]:
    """The shown level's place among `levels` (the framework's, lowest first); none, or a level of no
    such code, before the lowest."""
    if not levels:
        return []
    params.update({f"level{k}": code for k, code in enumerate(levels)})
    cases = " ".join(f"WHEN :level{k} THEN {k}" for k in range(len(levels)))
    return [f"CASE r.level {cases} ELSE -1 END"]


def page_ids(session: Session, f: DashboardFilter, framework_hash: str, order: TraineeOrder, *,
             offset: int, limit: int, levels: Sequence[str] = ()) -> list[str]:
    """The ids of one page of the selected trainees in the asked order (ties by name, then id; by an
    area, ties of the gap go first by the shown level there, `levels` being the level codes lowest first).

    By the person's own columns (name, the usual order; hub, group, role) the people are paged through
    the person table's keys and no check is folded; any other order folds each person's latest
    selected check first.
    """
    where, params = _check_where(f)
    pwhere, _ = _person_where(f)
    params.update(fw=framework_hash, lim=limit, off=offset)
    way = " DESC" if order.descending else ""
    own = _own_keys(session, order, params)
    if own is not None:
        checked = f" AND EXISTS (SELECT 1 FROM attempt a WHERE a.person_id = p.id AND {where})" if _dated(
            f) else ""
        # By name both keys go the asked way; otherwise ties go by name, then id, either way.
        ties = f"p.sort_name{way}, p.id{way}" if order.column == "name" else "p.sort_name, p.id"
        sql = (f"SELECT p.id FROM person p WHERE {pwhere}{checked} "
               f"ORDER BY {''.join(k + way + ', ' for k in own)}{ties} LIMIT :lim OFFSET :off")
        return [r[0] for r in _fetch(session, sql, params)]
    # Each person's selected checks counted and their latest time taken in one pass over the index of
    # (person, status, finished_at); the latest check itself (the highest id at that time, as ordered
    # elsewhere: finished_at, then id) is looked up only for the orders that need it. Numbering every
    # check with a window, as counts() does, took 0.35–0.5 s for a region's 47,000 checks at each sort.
    # Without a person filter no person is joined to the checks: every check has one.
    checks = "attempt a" if pwhere == "1=1" else "attempt a JOIN person p ON p.id = a.person_id"
    g = (f"SELECT a.person_id, count(*) AS n, max(a.finished_at) AS t1 FROM {checks} WHERE {where} "
         "GROUP BY a.person_id")
    latest = ("(SELECT max(b.id) FROM attempt b WHERE b.person_id = g.person_id AND b.status = 'finished' "
              "AND b.finished_at = g.t1)")
    if order.column not in ("checks", "last_check") and session.connection().dialect.name == "postgresql":
        g, latest = _latest_checks(f, checks, where), "g.last"
    joined = ""
    if order.column.startswith("area:"):
        params["area"] = order.column[5:]
        # An area no shown answer measured has no gap: it sorts with those without a check.
        joined = (f"LEFT JOIN area_result r ON r.attempt_id = {latest} AND r.area_id = :area "
                  "AND r.n_items > 0 ")
        # The same gap, then the level the column shows: among people at their target it read B2, B2,
        # C1, C1, B2 by name, and looked unsorted.
        keys = ["CASE WHEN r.gap IS NULL THEN 0 ELSE 1 END", "coalesce(r.gap, 0)",
                *_level_rank(levels, params)]
    elif order.column == "needs_help":
        joined = f"LEFT JOIN check_summary s ON s.attempt_id = {latest} AND s.framework_hash = :fw "
        keys = ["CASE WHEN s.needs_help THEN 1 ELSE 0 END"]
    else:
        keys = {"checks": ["coalesce(g.n, 0)"],
                "last_check": ["CASE WHEN g.t1 IS NULL THEN 0 ELSE 1 END", "g.t1"]}[order.column]
    join = "JOIN" if _dated(f) else "LEFT JOIN"
    sql = (f"WITH g AS ({g}) SELECT p.id FROM person p {join} g ON g.person_id = p.id {joined}WHERE {pwhere} "
           f"ORDER BY {', '.join(k + way for k in keys)}, p.sort_name, p.id LIMIT :lim OFFSET :off")
    return [r[0] for r in _fetch(session, sql, params)]


def _latest_checks(f: DashboardFilter, checks: str, where: str) -> str:
    """PostgreSQL's SQL of each selected person's latest selected check (person_id, last): the one no
    later selected check of theirs follows (by finished_at, then id, as elsewhere).

    SQLite looks the latest check up in the index of (person, status, finished_at) person by person, a
    few reads each. PostgreSQL ran that lookup as a subplan twice a person (50,782 index scans for
    25,391 people), and before that sorted every check for a window; here all come from one join of
    the checks with themselves by person (for a region's, a hash anti-join), with nothing sorted.
    """
    # A later check in the selection is one before its dates' end (it is after a's, so after their start).
    until = " AND b.finished_at < :dto" if f.date_to is not None else ""
    return (f"SELECT a.person_id, a.id AS last FROM {checks} WHERE {where} AND NOT EXISTS (SELECT 1 FROM "
            f"attempt b WHERE b.person_id = a.person_id AND b.status = 'finished'{until} AND "
            "(b.finished_at > a.finished_at OR b.finished_at = a.finished_at AND b.id > a.id))")


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
           "WHERE a.status = 'finished' AND (s.attempt_id IS NULL OR s.framework_hash != ? "
           "OR s.needs_help IS NULL)")
    return [r[0] for r in _fetch(session, sql, (framework_hash,))]


def answers_of(session: Session, attempt_ids: Sequence[str],
               items: Sequence[str] | None = None) -> list[tuple[str, str, str]]:
    """(check, item, choice as stored JSON) of the given checks; with `items`, only their answers to
    those questions (the database leaves the rest out, instead of Python reading and skipping them)."""
    if items is not None and not items:
        return []
    marks = ", ".join("?" * len(attempt_ids))
    sql = f"SELECT attempt_id, item_id, choice FROM answer_all WHERE attempt_id IN ({marks})"
    params = list(attempt_ids)
    if items is not None and len(params) + len(items) <= VALUES_AT_MOST:  # else read whole
        sql += f" AND item_id IN ({', '.join('?' * len(items))})"
        params += items
    return _fetch(session, sql, params)


def areas_of(
    session: Session, attempt_ids: Sequence[str]
) -> list[tuple[str, str, str, str | None, int | None, int]]:
    """(check, area, level, target, gap, count of shown answers) of the given checks."""
    marks = ", ".join("?" * len(attempt_ids))
    sql = (f"SELECT attempt_id, area_id, level, target, gap, n_items FROM area_result "
           f"WHERE attempt_id IN ({marks})")
    return _fetch(session, sql, list(attempt_ids))


def stored_results_of(session: Session, attempt_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(check, stored result JSON) of those of the given checks that are finished and have one (a check
    made before results were stored gets one when it is imported or migrated, revision 0004)."""
    if not attempt_ids:
        return []
    marks = ", ".join("?" * len(attempt_ids))
    sql = (f"SELECT id, result FROM attempt WHERE id IN ({marks}) AND status || '' = 'finished' "
           "AND result IS NOT NULL")  # by the ids, not the index on status (unsummarised_among)
    return _fetch(session, sql, list(attempt_ids))


def summaries_without_gaps(session: Session, framework_hash: str, most: int | None = None) -> list[str]:
    """Checks summarised on this framework version before summaries kept their gaps (revision 0010), the
    first `most` of them by id when given."""
    sql = "SELECT attempt_id FROM check_summary WHERE framework_hash = ? AND gaps IS NULL ORDER BY attempt_id"
    if most is not None:
        sql += f" LIMIT {int(most)}"
    if session.connection().dialect.name == "postgresql":
        # Two imports at once each fill in other summaries than wait on the rows the other is filling.
        sql += " FOR UPDATE SKIP LOCKED"
    return [r[0] for r in _fetch(session, sql, (framework_hash,))]


def save_gaps(session: Session, framework_hash: str, rows: Sequence[tuple[str, bytes]]) -> None:
    """(check, gaps) into summaries on this framework version that have none yet."""
    _execute_many(session, "UPDATE check_summary SET gaps = ? WHERE attempt_id = ? AND framework_hash = ? "
                           "AND gaps IS NULL",
                  [(gaps, attempt_id, framework_hash) for attempt_id, gaps in rows])


def unsummarised_among(session: Session, framework_hash: str, attempt_ids: Sequence[str]) -> list[str]:
    """Those of the given checks that are finished and have no summary for this framework version."""
    if not attempt_ids:
        return []
    marks = ", ".join("?" * len(attempt_ids))
    # `status || ''`: the checks are found by their ids. Given the index on status, SQLite walked every
    # finished check for each batch (37 ms a batch of 500 among a region's 47,000; 3.5 s of an import).
    sql = ("SELECT a.id FROM attempt a LEFT JOIN check_summary s ON s.attempt_id = a.id "
           f"WHERE a.id IN ({marks}) AND a.status || '' = 'finished' "
           "AND (s.attempt_id IS NULL OR s.framework_hash != ? OR s.needs_help IS NULL) ORDER BY a.id")
    return [r[0] for r in _fetch(session, sql, [*attempt_ids, framework_hash])]


def _execute_many(session: Session, sql: str, data: Sequence[Sequence[Any]]) -> None:
    if not data:
        return
    conn = session.connection()
    driver: Any = conn.connection.driver_connection
    if conn.dialect.name == "sqlite":
        driver.executemany(sql, data)
    else:
        with driver.cursor() as cursor:
            cursor.executemany(_pg_marks(sql), data)


def may_store_summaries(session: Session) -> bool:
    """Whether this account may write summaries: on PostgreSQL its role's right, asked before seconds of
    summarising that the analyst's role could not store anyway. A SQLite file the app could not write
    is refused when it opens."""
    if session.connection().dialect.name != "postgresql":
        return True
    (allowed,), = _fetch(session, "SELECT has_table_privilege('check_summary', 'INSERT') AND "
                                  "has_table_privilege('check_summary', 'UPDATE')")
    return bool(allowed)


def save_summaries(session: Session, framework_hash: str,
                   rows: Sequence[tuple[str, bytes, str, bool, bytes]]) -> None:
    # ON CONFLICT … DO UPDATE: the same upsert on SQLite (3.24+) and PostgreSQL.
    sql = ("INSERT INTO check_summary (attempt_id, framework_hash, marks, areas, needs_help, gaps) "
           "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id) DO UPDATE SET "
           "framework_hash = excluded.framework_hash, marks = excluded.marks, areas = excluded.areas, "
           "needs_help = excluded.needs_help, gaps = excluded.gaps")
    _execute_many(session, sql, [(attempt_id, framework_hash, blob, areas, help_, gaps)
                                 for attempt_id, blob, areas, help_, gaps in rows])
