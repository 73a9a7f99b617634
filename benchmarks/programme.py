"""The programme report and the coordinator dashboard on 25,391 trainees, on PostgreSQL and SQLite.

Targets (issue 15): the national report's figures ≤ 2 s and the coordinator dashboard ≤ 1 s on
PostgreSQL. The data set (benchmarks/coordinator_dataset.py) is copied into a throwaway PostgreSQL
cluster (tests/pgcluster.py) with COPY, then ANALYZEd. Each figure is the median of --runs runs after
one warm-up run; the check summaries are made once before timing, as the first opening does.

Run: `python -m benchmarks programme` (or `python -m benchmarks.programme [--trainees N] [--runs N]
[--engines postgresql,sqlite] [--explain] [--database URL]`). `--database` measures an already
copied PostgreSQL database instead of making a throwaway cluster, so two versions of the code can be
measured back to back on the same server and data without copying and migrating twice. `--answers
packed` (the default) stores the PostgreSQL copy's finished checks' answers one row per check, as a
region's imports into PostgreSQL do (revision 0013); `--answers rows` leaves them one row each.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._dashboard_step import median_seconds
from benchmarks.coordinator_dataset import TRAINEES, ensure_dataset
from benchmarks.dashboard import copy_dataset
from competency_framework import shipped_framework_path
from digigram.core import paths
from digigram.core.coordination import DashboardFilter
from digigram.core.programme import AFTER_DAYS, ProgrammeFilter
from digigram.services.coordinator.dashboard import refresh_summaries
from digigram.services.workspace import Workspace

PASSWORD = "benchmark-password"
TARGETS = {"report": 2.0, "dashboard": 1.0}  # seconds, on PostgreSQL


def _explain(ws: Workspace) -> None:
    """EXPLAIN ANALYZE of the programme's queries (national), to see where the time goes."""
    from digigram.core.coordination import HIGH_RATING
    from digigram.store.repo import programme as rows
    from digigram.store.repo.dashboard import _fetch

    captured: list[tuple[str, Any]] = []

    def capture(session: Any, sql: str, params: Any = ()) -> list[Any]:
        captured.append((sql, params))
        return _fetch(session, sql, params)

    original = getattr(rows, "_fetch")  # noqa: B009 - the queries' own runner, swapped to see their SQL
    setattr(rows, "_fetch", capture)  # noqa: B010
    try:
        with ws._sessions() as session:
            f = ProgrammeFilter()
            rows.regions(session, f)
            rows.headline(session, f, after_days=AFTER_DAYS, high_from=HIGH_RATING)
            rows.area_counts(session, f)
            rows.answer_counts(session, f)
            for sql, params in captured:
                plan = _fetch(session, "EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, params)
                print("   ", "\n    ".join(str(line[0]) for line in plan), "\n", flush=True)
    finally:
        setattr(rows, "_fetch", original)  # noqa: B010


def p_answers(ws: Workspace) -> int:
    from digigram.store.repo.dashboard import _fetch

    with ws._sessions() as session:
        return int(_fetch(session, "SELECT count(*) FROM answer_all")[0][0])


def _measure(label: str, ws: Workspace, runs: int, *, postgresql: bool, explain: bool) -> None:
    print(f"-- {label}", flush=True)
    started = time.perf_counter()
    done = len(refresh_summaries(ws._sessions, ws.framework)[0])
    print(f"check summaries made once for {done} checks: {time.perf_counter() - started:.1f} s", flush=True)
    if not ws.coordinator_password_set():
        ws.set_coordinator_password(PASSWORD)
    co = ws.unlock_coordinator(PASSWORD)
    hubs = ws.hubs()
    from digigram.store.repo.dashboard import _fetch as fetch

    with ws._sessions() as session:
        busiest = str(fetch(session, "SELECT hub_id, count(*) FROM person WHERE hub_id IS NOT NULL "
                                     "GROUP BY hub_id ORDER BY 2 DESC LIMIT 1")[0][0])
    region = "UA-46"
    hub_id = next(h.id for h in hubs if h.region_id == region)

    def line(name: str, seconds: float, target: float | None, detail: str, *, timed: int = runs) -> None:
        goal = "" if target is None or not postgresql else (
            f"; target ≤ {target:.1f} s, {'met' if seconds <= target else 'missed'} by "
            f"{abs(target - seconds):.2f} s")
        print(f"{name}: median {seconds * 1000:.0f} ms over {timed} runs{goal}; {detail}", flush=True)

    # The machine's own speed in the same run: one plain pass over every answer. The national figures
    # read the answers once and the checks and area results a few times, so a few of these is the floor.
    from digigram.store.repo.dashboard import _fetch

    def scan() -> object:
        with ws._sessions() as session:
            return _fetch(session, "SELECT count(*), count(DISTINCT item_id) FROM answer_all")
    baseline, _ = median_seconds(scan, runs)
    print(f"baseline, one pass over all {p_answers(ws)} answers (count, distinct questions): median "
          f"{baseline * 1000:.0f} ms", flush=True)
    seconds, found = median_seconds(ws.programme, runs)
    print(f"  national figures = {seconds / baseline:.1f}× that pass", flush=True)
    p: Any = found
    line("programme figures, national", seconds, TARGETS["report"],
         f"{p.trainees} trainees, {p.checks} checks, before {p.headline.before.count}/{p.headline.before.n}, "
         f"after {p.headline.after.count}/{p.headline.after.n}")
    seconds, found = median_seconds(lambda: ws.programme(ws.programme_filter(region=region)), runs)
    line(f"programme figures, one region ({region})", seconds, None, f"{found.trainees} trainees")
    seconds, found = median_seconds(lambda: ws.programme(ws.programme_filter(hub=hub_id)), runs)
    line("programme figures, one hub", seconds, None, f"{found.trainees} trainees")

    from digigram.services.programme_report import write_report

    with tempfile.TemporaryDirectory() as out:
        for suffix in ("csv", "pdf"):
            target = Path(out) / f"national.{suffix}"

            def whole(target: Path = target) -> Path:
                picture = ws.programme()
                return write_report(target, picture, ws.framework, ws.regions(), ws.hubs(), lang="uk")
            seconds, _ = median_seconds(whole, max(1, runs // 2))
            line(f"national report, figures + {suffix.upper()} file", seconds, TARGETS["report"],
                 f"{target.stat().st_size / 1e3:.0f} KB", timed=max(1, runs // 2))

    from digigram.ui.coordinator.table import PAGE

    # What the coordinator waits for: the first page of the table with the counts (benchmarks/dashboard.py
    # compares it with an older version); everyone whole is what the CSV and PDF exports read.
    seconds, found = median_seconds(lambda: co.dashboard(limit=PAGE, figures=False), runs)
    line("coordinator dashboard, first screen (everyone)", seconds, TARGETS["dashboard"],
         f"{len(found.rows)} rows of {found.total}")
    seconds, found = median_seconds(
        lambda: co.dashboard(DashboardFilter(hub_id=busiest), limit=PAGE, figures=False), runs)
    line("coordinator dashboard, first screen (busiest hub)", seconds, TARGETS["dashboard"],
         f"{len(found.rows)} rows of {found.total}")
    seconds, found = median_seconds(co.dashboard, runs)
    line("coordinator dashboard, everyone whole (exports)", seconds, None,
         f"{len(found.rows)} rows")
    if explain and postgresql:
        _explain(ws)


# A region's finished checks arrive by bundle or sync, which on PostgreSQL store each check's answers as one
# packed row (revision 0013); the data set holds them one row each, as a hub PC (and SQLite) does.
# --answers packed (the default) packs the PostgreSQL copy's finished checks the way an import would have.
_PACK = (
    "INSERT INTO check_answers SELECT attempt_id, array_agg(sequence ORDER BY sequence), "
    "array_agg(item_id ORDER BY sequence), array_agg(choice ORDER BY sequence), "
    "array_agg(answered_at ORDER BY sequence), array_agg(seconds ORDER BY sequence), "
    "array_agg(language ORDER BY sequence) FROM answer "
    "WHERE attempt_id IN (SELECT id FROM attempt WHERE status = 'finished') GROUP BY attempt_id")


def pack_answers(ws: Workspace) -> float:
    """The finished checks' answers moved into check_answers, as imports into PostgreSQL store them;
    returns the seconds it took."""
    from sqlalchemy import text

    started = time.perf_counter()
    with ws.store.sessions() as session, session.begin():
        session.execute(text(_PACK))
        session.execute(text("DELETE FROM answer WHERE attempt_id IN (SELECT attempt_id FROM check_answers)"))
    with ws.store.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=TRAINEES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--engines", default="postgresql,sqlite")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--database", metavar="URL", help="an already copied PostgreSQL database to measure")
    parser.add_argument("--answers", choices=("packed", "rows"), default="packed",
                        help="finished checks' answers as imports store them (packed), or one row each")
    args = parser.parse_args()
    if args.database:
        with Workspace.open(database_url=args.database, framework_path=shipped_framework_path()) as ws:
            _measure("PostgreSQL (given database)", ws, args.runs, postgresql=True, explain=args.explain)
        return 0
    folder = ensure_dataset(args.trainees)
    source = paths.database_path(folder)
    print(f"data set: {(folder / 'complete.json').read_text()}", flush=True)
    engines = args.engines.split(",")
    if "postgresql" in engines:
        from tests.pgcluster import Cluster

        cluster = Cluster()
        cluster.start()
        try:
            url = cluster.url(cluster.create_database())
            # At the data set's own revision, then opened: a newer schema's migration fills what it adds.
            print(f"copied into PostgreSQL in {copy_dataset(source, url):.1f} s", flush=True)
            started = time.perf_counter()
            with Workspace.open(database_url=url, framework_path=shipped_framework_path()):
                pass
            print(f"opened (migrated) in {time.perf_counter() - started:.1f} s", flush=True)
            with Workspace.open(database_url=url, framework_path=shipped_framework_path()) as ws:
                if args.answers == "packed":
                    print(f"answers packed per check in {pack_answers(ws):.1f} s", flush=True)
                _measure("PostgreSQL (throwaway cluster, shared_buffers 64 MB, fsync off)", ws, args.runs,
                         postgresql=True, explain=args.explain)
        finally:
            cluster.stop()
    if "sqlite" in engines:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            import shutil

            shutil.copyfile(source, work / source.name)
            with Workspace.open(data_dir=work, framework_path=shipped_framework_path()) as ws:
                _measure("SQLite (a copy of the data set)", ws, args.runs, postgresql=False, explain=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
