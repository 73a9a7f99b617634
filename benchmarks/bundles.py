"""Result bundles: export and import times, peak memory and sizes, on SQLite and on PostgreSQL.

Uses the coordinator data set (benchmarks/coordinator_dataset.py; 25,391 trainees unless
`--trainees N` is given), working on a copy so the cached set is never changed. Measures: export of
one hub and of everything, import into an empty database, the same import again (nothing to add), and
the bundle and database sizes. Each step runs in a fresh interpreter, so its peak memory (RSS) is its own.
PostgreSQL runs on a throwaway cluster made for the run (tests/pgcluster.py).
`--baseline DIR` runs every step a second time with the Digigram source tree in DIR (an older
version: `git worktree add DIR <commit>`), in the same run, and prints the ratio: on a shared machine
only figures measured side by side compare.
Run: `python -m benchmarks.bundles [--trainees N] [--engines sqlite,postgresql] [--baseline DIR]`.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.coordinator_dataset import TRAINEES, ensure_dataset

MB = 1024 * 1024
STEP = Path(__file__).resolve().parent / "_bundle_step.py"


_BASELINE: list[str] = []


def _run(code: str | None, args: tuple[Any, ...]) -> tuple[float, float, Any]:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = code + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, str(STEP), json.dumps(args)], env=env, capture_output=True,
                          text=True, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    expected = code if code is not None else str(Path(__file__).resolve().parents[1])
    if Path(found["code"]).resolve() != Path(expected).resolve():
        raise RuntimeError(f"the step ran Digigram from {found['code']}, not {expected}")
    return float(found["seconds"]), float(found["peak_mb"]), found["detail"]


def _measure(label: str, args: tuple[Any, ...], baseline_args: tuple[Any, ...] | None = None,
             ) -> tuple[float, float, Any]:
    """The step with this code and, with --baseline, the same step with the baseline's code."""
    seconds, peak, detail = _run(None, args)
    print(f"  {label:<58} {seconds:8.2f} s   peak RSS {peak:6.0f} MB", flush=True)
    if _BASELINE and baseline_args is not None:
        old, old_peak, _ = _run(_BASELINE[0], baseline_args)
        print(f"  {'    baseline, same step':<58} {old:8.2f} s   peak RSS {old_peak:6.0f} MB   "
              f"speed-up {old / seconds:5.1f}x, memory {old_peak / peak:4.1f}x", flush=True)
    return seconds, peak, detail


def _busiest_hub(db: Path) -> tuple[str, int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        query = "SELECT hub_id, count(*) FROM person GROUP BY hub_id ORDER BY 2 DESC LIMIT 1"
        hub, n = con.execute(query).fetchone()
        return str(hub), int(n)
    finally:
        con.close()


def _targets(engines: list[str], work: Path) -> list[tuple[str, Callable[[str], tuple[str, str | None]]]]:
    """(engine, a function giving a fresh empty database's URL and data folder for a label)."""
    made: list[tuple[str, Callable[[str], tuple[str, str | None]]]] = []
    if "sqlite" in engines:
        def sqlite_target(label: str) -> tuple[str, str | None]:
            folder = work / f"region-{label}"
            folder.mkdir()
            return f"sqlite:///{folder / 'digigram.sqlite3'}", str(folder)
        made.append(("SQLite", sqlite_target))
    if "postgresql" in engines:
        from tests.pgcluster import Cluster

        cluster = Cluster()
        cluster.start()
        _CLUSTERS.append(cluster)

        def pg_target(label: str) -> tuple[str, str | None]:
            return cluster.url(cluster.create_database()), None
        made.append(("PostgreSQL", pg_target))
    return made


_CLUSTERS: list[Any] = []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=TRAINEES)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--only", choices=("all", "hub", "everything"), default="all")
    parser.add_argument("--baseline", type=Path, default=None)
    args = parser.parse_args()
    if args.baseline is not None:
        _BASELINE.append(str(args.baseline.resolve()))
    cached = ensure_dataset(args.trainees)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            source = work / "hub"
            source.mkdir()
            shutil.copyfile(cached / "digigram.sqlite3", source / "digigram.sqlite3")
            hub, hub_people = _busiest_hub(source / "digigram.sqlite3")
            print(f"data set: {args.trainees} trainees, database "
                  f"{(source / 'digigram.sqlite3').stat().st_size / MB:.1f} MB")
            src_url = f"sqlite:///{source / 'digigram.sqlite3'}"
            bundles = []
            if args.only in ("all", "hub"):
                bundles.append(("one hub", work / "hub.zip"))
                _measure(f"export one hub ({hub_people} people)",
                         ("export", src_url, str(source), str(work / "hub.zip"), hub),
                         ("export", src_url, str(source), str(work / "hub-baseline.zip"), hub))
            if args.only in ("all", "everything"):
                bundles.append(("everything", work / "all.zip"))
                old_zip = str(work / "all-baseline.zip")
                _, _, detail = _measure("export everything",
                                        ("export", src_url, str(source), str(work / "all.zip"), None),
                                        ("export", src_url, str(source), old_zip, None))
                print(f"  bundle, everything: {detail[0]} people, {detail[1]} checks, {detail[2]} answers, "
                      f"{detail[3]} plans, {(work / 'all.zip').stat().st_size / MB:.2f} MB")
            for engine, fresh in _targets(args.engines.split(","), work):
                for label, bundle in bundles:
                    url, folder = fresh(label.replace(" ", "-"))
                    # The baseline repeats the first import into SQLite only: on the national set it alone
                    # takes minutes, and that is the figure the targets are set against.
                    base = fresh(f"{label.replace(' ', '-')}-baseline") if _BASELINE and engine == "SQLite" \
                        else None
                    for step in ("into an empty database", "again (nothing new)"):
                        _measure(f"{engine}: import {label} {step}",
                                 ("import", url, folder, str(bundle), None),
                                 None if base is None or step != "into an empty database" else
                                 ("import", *base, str(bundle), None))
                    if folder is not None:
                        size = (Path(folder) / "digigram.sqlite3").stat().st_size
                        print(f"  {engine}: database after importing {label}: {size / MB:.1f} MB")
    finally:
        for cluster in _CLUSTERS:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
