"""Coordinator dashboard on 25,391 trainees on PostgreSQL or SQLite, against a baseline in the same run.

Target (issue 15): the dashboard's first screen ≤ 1 s on PostgreSQL at 25,391 trainees, read and as the
coordinator sees it (the window offscreen at 1366×768, its first page shown and fitted); the national
programme figures stay ≤ 2 s. The data set (benchmarks/coordinator_dataset.py, cached in benchmarks/out/)
is copied with COPY into a throwaway cluster (tests/pgcluster.py) at the data set's own schema revision
and ANALYZEd; each version then gets its own copy of that database (CREATE DATABASE … TEMPLATE) and
runs in its own interpreter with its own source tree first on PYTHONPATH (benchmarks/_dashboard_step.py):
a newer version migrates its copy on opening. The baseline's tree is `git archive REF` (default main).
On a shared machine only figures measured side by side compare, so both run in this one run, one after
the other, and the scan of all answers shows how fast the machine was for each.

With `--engine sqlite` each version instead gets its own copy of the data set's SQLite file, as a PC
holds it (the figures of both engines from one command).

Run: `python -m benchmarks dashboard [--trainees N] [--runs N] [--baseline REF] [--engine sqlite]`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.coordinator_dataset import COLUMNS, TRAINEES, ensure_dataset

ROOT = Path(__file__).resolve().parents[1]
STEP = Path(__file__).resolve().parent / "_dashboard_step.py"
TARGETS = {"first screen, everyone": 1.0, "first screen, busiest hub": 1.0, "national programme figures": 2.0,
           "the screen: coordinator mode opened": 1.0, "the screen: coordinator mode opened (first)": 1.0}


def copy_dataset(source: Path, url: str) -> float:
    """The data set's rows into the database at the data set's revision, with COPY; then ANALYZE."""
    import psycopg

    from digigram.store import migrate

    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        revision = lite.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        migrate.upgrade(url, to=revision)
        started = time.perf_counter()
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1)) as conn:
            # Every column the data set's revision has (person.sort_name since 0007; competence_result
            # from 0007 to 0011), the checks' framework snapshots first as the checks refer to them.
            have = {r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            tables = [t for t in ("framework_snapshot", *COLUMNS, "check_summary", "competence_result")
                      if t in have]
            for table in tables:
                names = ", ".join(r[1] for r in lite.execute(f"PRAGMA table_info({table})"))
                with conn.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in lite.execute(f"SELECT {names} FROM {table}"):
                        copy.write_row(row)
            conn.execute("ANALYZE")
    finally:
        lite.close()
    return time.perf_counter() - started


def _side(code: Path, url: str, framework: str, runs: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(code) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, str(STEP), json.dumps({"url": url, "framework": framework,
                                                                   "runs": runs})],
                          env=env, capture_output=True, text=True, check=False, cwd=code)
    if done.returncode != 0:
        said = [line for line in done.stderr.splitlines() if "propagateSizeHints" not in line]  # Qt's noise
        raise RuntimeError(f"exit status {done.returncode}: " + "\n".join(said)[-2000:])
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(found["code"]).resolve() != code.resolve():
        raise RuntimeError(f"the step ran Digigram from {found['code']}, not {code}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=TRAINEES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", default="main", help="a git revision of this repository")
    parser.add_argument("--engine", choices=("postgresql", "sqlite"), default="postgresql")
    args = parser.parse_args()
    from competency_framework import shipped_framework_path
    from digigram.core import paths
    from digigram.store.db import sqlite_url
    from tests.pgcluster import Cluster

    folder = ensure_dataset(args.trainees)
    print(f"data set: {(folder / 'complete.json').read_text()}", flush=True)
    framework = str(shipped_framework_path())
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        base.mkdir()
        commit = subprocess.run(["git", "rev-parse", "--short", args.baseline], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.strip()
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        here = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
        cluster = Cluster()
        if args.engine == "postgresql":
            cluster.start()
        try:
            if args.engine == "postgresql":
                source = cluster.create_database()
                seconds = copy_dataset(paths.database_path(folder), cluster.url(source))
                print(f"copied into PostgreSQL in {seconds:.1f} s", flush=True)
            results = {}
            sides = ((f"baseline {args.baseline} ({commit})", base), (f"this tree ({here}+)", ROOT))
            for label, code in sides:
                if args.engine == "postgresql":
                    url = cluster.url(cluster.create_database(template=source))
                else:  # the file alone: the step sets its own coordinator password
                    copy = Path(tmp) / f"{code.name}.sqlite3"
                    shutil.copyfile(paths.database_path(folder), copy)
                    url = sqlite_url(copy)
                found = _side(code, url, framework, args.runs)
                results[label] = found
                print(f"-- {label}: opening {found['open_s']:.1f} s, check summaries made on opening for "
                      f"{found['summarised']} checks in {found['summaries_s']:.1f} s", flush=True)
                for case, value in found["times"].items():
                    how = "once" if case.endswith("(first)") else f"median over {args.runs} runs"
                    print(f"   {case}: {value * 1000:.0f} ms, {how}"
                          f"{'; ' + found['details'][case] if case in found['details'] else ''}", flush=True)
        finally:
            cluster.stop()
    old, new = results.values()
    print(f"\n{'case':44} {'baseline':>10} {'now':>10} {'now/base':>9}  target")
    for case, value in new["times"].items():
        was = old["times"].get(case)
        target = TARGETS.get(case)
        goal = "" if target is None else (
            f"≤ {target:.1f} s: {'met' if value <= target else 'missed'} by {abs(target - value):.2f} s")
        print(f"{case:44} {'—' if was is None else f'{was * 1000:.0f} ms':>10} {value * 1000:>7.0f} ms "
              f"{'' if was is None else f'{value / was:.2f}×':>9}  {goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
