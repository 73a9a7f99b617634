"""The programme's figures as GROUP BY queries: only counts leave the database, never one row a person.

The same SQL runs on SQLite and PostgreSQL; the only dialect difference is adding days to a finish time
(SQLite keeps it as ISO text, PostgreSQL as a timestamp).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.programme import ProgrammeFilter
from digigram.store.repo.dashboard import _fetch, _pg_marks, _stored, days_after, roomy

_FINISHED = "a.status = 'finished' AND a.finished_at IS NOT NULL"


_SNAPSHOT = re.compile(r"[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+")


def read_together(sessions: sessionmaker[Session], reads: Sequence[Callable[[Session], Any]]) -> list[Any]:
    """Each read's result, in order, all seen from one moment of the database.

    On PostgreSQL every read runs at once on its own connection: the figures are a few large GROUP BYs
    the server works through while this process only waits, so the server's cores share them. The
    connections share one exported snapshot (REPEATABLE READ, read only), so an import landing
    meanwhile shows in all the figures or in none; one after another they could each see a different
    moment. SQLite, and a single read, use one session, as before.
    """
    with sessions() as first:
        if first.connection().dialect.name != "postgresql" or len(reads) < 2:
            roomy(first)
            return [read(first) for read in reads]
        driver: Any = first.connection().connection.driver_connection
        with driver.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = str(cursor.fetchone()[0])
        if not _SNAPSHOT.fullmatch(snapshot):  # it is spliced into SET, which takes no parameters
            raise ValueError(f"unexpected snapshot id {snapshot!r}")
        roomy(first)

        def run(read: Callable[[Session], Any]) -> Any:
            with sessions() as session:
                other: Any = session.connection().connection.driver_connection
                with other.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    cursor.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
                roomy(session)
                return read(session)

        # The exporting transaction stays open (this block) until every other one has taken its snapshot.
        with ThreadPoolExecutor(max_workers=len(reads) - 1, thread_name_prefix="programme-read") as pool:
            pending = [pool.submit(run, read) for read in reads[1:]]
            head = reads[0](first)
            return [head, *(future.result() for future in pending)]


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


def _checks(f: ProgrammeFilter) -> tuple[str, dict[str, Any]]:
    """CTE `c`: the selected finished checks with each person's check order, both ways, and first time.

    Window functions (SQLite 3.25+, PostgreSQL) number a person's checks in one sort; joining back on
    (person, max time) instead made PostgreSQL misjudge the row counts and spill its sorts to disk.
    """
    where, params = _check_where(f)
    person = "" if f.region_id is None and f.hub_id is None else (
        "JOIN person p ON p.id = a.person_id LEFT JOIN hub h ON h.id = p.hub_id ")
    sql = ("WITH c AS (SELECT a.id, a.person_id, a.finished_at AS t, "
           "coalesce(a.rating_before, a.rating_after) AS rating, "
           "row_number() OVER (PARTITION BY a.person_id ORDER BY a.finished_at, a.id) AS k_first, "
           "row_number() OVER (PARTITION BY a.person_id ORDER BY a.finished_at DESC, a.id DESC) AS k_last, "
           "min(a.finished_at) OVER (PARTITION BY a.person_id) AS t0 "
           f"FROM attempt a {person}WHERE {where}) ")
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
    head, params = _checks(f)
    later = days_after(session, "t0", after_days)
    params["high"] = high_from
    # The latest check at least `after_days` after the first is the person's latest check, if that one
    # is late enough; otherwise there is none. So one pass over a person's checks tells both ratings.
    sql = (head + "SELECT count(*), coalesce(sum(CASE WHEN rb >= :high THEN 1 ELSE 0 END), 0), "
           "coalesce(sum(CASE WHEN ra >= :high THEN 1 ELSE 0 END), 0) FROM ("
           "SELECT person_id, max(CASE WHEN k_first = 1 THEN rating END) AS rb, "
           f"max(CASE WHEN k_last = 1 AND t >= {later} THEN rating END) AS ra "
           "FROM c GROUP BY person_id) x WHERE rb IS NOT NULL AND ra IS NOT NULL")
    row = _fetch(session, sql, params)[0]
    return int(row[0]), int(row[1]), int(row[2])


def area_counts(session: Session, f: ProgrammeFilter) -> list[tuple[str, str | None, str | None, int, int]]:
    """(area, shown level, said level or None, gap state, people) over each person's latest selected
    check; gap state is -1 without a target, 1 below it, 0 at or above it. An area no shown answer
    measured (n_items 0: its level is the prior's) comes with no level and gap state -2."""
    head, params = _checks(f)
    # Everyone: every selected check is joined and only the latest counted; filtering on the window's
    # number first made PostgreSQL expect a few hundred rows and probe the index 25,000 times. A region
    # or a hub, and always on SQLite (whose strength is index lookups): the latest checks' area
    # results are looked up by the index instead of scanning every area result.
    everyone = f.region_id is None and f.hub_id is None
    latest = "" if everyone and session.connection().dialect.name != "sqlite" else " AND c.k_last = 1"
    level = "CASE WHEN r.n_items > 0 THEN r.level END"
    gap = "CASE WHEN r.n_items <= 0 THEN -2 WHEN r.target IS NULL THEN -1 WHEN r.gap > 0 THEN 1 ELSE 0 END"
    sql = (head + f"SELECT r.area_id, {level}, r.said_level, {gap} AS g, "
           "sum(CASE WHEN c.k_last = 1 THEN 1 ELSE 0 END) "
           f"FROM area_result r JOIN c ON c.id = r.attempt_id{latest} "
           f"GROUP BY r.area_id, {level}, r.said_level, {gap} "
           "HAVING sum(CASE WHEN c.k_last = 1 THEN 1 ELSE 0 END) > 0")
    return [(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in _fetch(session, sql, params)]


def competence_gaps(session: Session, f: ProgrammeFilter, framework_hash: str,
                    size: int) -> tuple[list[bytes], list[str]]:
    """Gaps per competence over each person's latest selected check: (the gaps kept with the summaries
    on this framework version, `size` bytes a check and several checks' joined in one value; see
    models.CheckSummaryRow.gaps), and the stored results (JSON) of the latest checks that have none, to
    be counted from their competences (services.summaries.competence_states).

    One short value per check: nationally 25,391 values, where the competences of every stored result
    would be some 890,000. Checks summarised before summaries kept gaps, or on another framework
    version, are read in a second query, run only when there are any.
    """
    head, params = _checks(f)
    params.update(fw=framework_hash, size=size)
    kept = "s.attempt_id = c.id AND s.framework_hash = :fw AND length(s.gaps) = :size"
    if session.connection().dialect.name == "sqlite":
        found = _fetch(session, head + f"SELECT s.gaps FROM c LEFT JOIN check_summary s ON {kept} "
                                       "WHERE c.k_last = 1", params)
        blobs = [bytes(r[0]) for r in found if r[0] is not None]
        missing = len(found) - len(blobs)
    else:
        driver: Any = session.connection().connection.driver_connection
        with driver.cursor() as cursor:
            cursor.execute(_pg_marks(head + "SELECT count(*) - count(s.attempt_id), "
                                     "string_agg(s.gaps, ''::bytea) "
                                     f"FROM c LEFT JOIN check_summary s ON {kept} WHERE c.k_last = 1"),
                           params, binary=True)
            missing, joined = cursor.fetchone()
        blobs = [] if joined is None else [bytes(joined)]
    if not missing:
        return blobs, []
    sql = head + ("SELECT a.result FROM c JOIN attempt a ON a.id = c.id "
                  f"LEFT JOIN check_summary s ON {kept} "
                  "WHERE c.k_last = 1 AND s.attempt_id IS NULL AND a.result IS NOT NULL")
    return blobs, [r[0] for r in _fetch(session, sql, params)]


def check_marks(session: Session, f: ProgrammeFilter, framework_hash: str) -> tuple[int, list[bytes]]:
    """(selected finished checks with no summary on this framework version, the stored item marks of
    the others; see models.CheckSummaryRow).

    One row of 495 bytes per check instead of reading every answer: when no summary is missing the
    hardest questions come from these alone. PostgreSQL joins the marks into one binary value.
    """
    where, params = _check_where(f)
    params["fw"] = framework_hash
    person = "" if f.region_id is None and f.hub_id is None else (
        "JOIN person p ON p.id = a.person_id LEFT JOIN hub h ON h.id = p.hub_id ")
    source = (f"FROM attempt a {person}"
              "LEFT JOIN check_summary s ON s.attempt_id = a.id AND s.framework_hash = :fw "
              f"WHERE {where}")
    if session.connection().dialect.name == "sqlite":
        found = _fetch(session, f"SELECT s.marks {source}", params)
        return sum(r[0] is None for r in found), [r[0] for r in found if r[0] is not None]
    driver: Any = session.connection().connection.driver_connection
    with driver.cursor() as cursor:
        cursor.execute(_pg_marks(f"SELECT count(*) - count(s.attempt_id), string_agg(s.marks, ''::bytea) "
                                 f"{source}"), params, binary=True)
        missing, joined = cursor.fetchone()
    return int(missing), [] if joined is None else [bytes(joined)]


def answer_counts(session: Session, f: ProgrammeFilter) -> list[tuple[str, str, int]]:
    """(question, choice as stored JSON, answers) over all selected checks.

    Plain joins, no CTE: PostgreSQL then scans the answers once in parallel and hashes the checks; a
    list of question ids to keep would be compared against every answer row, so the few self-rating
    rows are dropped in Python instead.
    """
    if f == ProgrammeFilter():
        # Everyone: leaving out the answers of the few unfinished checks beats joining 1.8 million
        # answers to every finished check.
        sql = ("SELECT an.item_id, an.choice, count(*) FROM answer_all an WHERE an.attempt_id NOT IN "
               "(SELECT a.id FROM attempt a WHERE a.status != 'finished' OR a.finished_at IS NULL) "
               "GROUP BY an.item_id, an.choice")
        return [(r[0], r[1], int(r[2])) for r in _fetch(session, sql, {})]
    where, params = _check_where(f)
    person = "" if f.region_id is None and f.hub_id is None else (
        "JOIN person p ON p.id = a.person_id LEFT JOIN hub h ON h.id = p.hub_id ")
    sql = ("SELECT an.item_id, an.choice, count(*) FROM answer_all an JOIN attempt a ON a.id = an.attempt_id "
           f"{person}WHERE {where} GROUP BY an.item_id, an.choice")
    return [(r[0], r[1], int(r[2])) for r in _fetch(session, sql, params)]
