"""A repeat sync: this PC's data pushed to a regional PostgreSQL database that holds all of it already.

The data set (benchmarks/coordinator_dataset.py, 25,391 trainees by default) is copied into a throwaway
PostgreSQL cluster (tests/pgcluster.py) with COPY, as if an earlier sync had brought it there; then a
copy of its SQLite database syncs to it. Each sync is timed as a whole (connecting, asking the region
which checks it holds, making and checking the bundle, the import's transaction): as the app syncs now,
and, in the same run, as it synced before (every finished check made into the bundle, for the import to
skip). Figures are medians of --runs runs of each, taken in turn.

Run: `python -m benchmarks sync_again` (or `python -m benchmarks.sync_again [--trainees N] [--runs N]`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.coordinator_dataset import TRAINEES, ensure_dataset
from benchmarks.dashboard import copy_dataset
from competency_framework import shipped_framework_path
from digigram.core import paths
from digigram.core.coordination import ImportReport
from digigram.services.workspace import Workspace


def _push(ws: Workspace, url: str, *, as_before: bool) -> tuple[float, ImportReport]:
    from digigram.services import sync
    from digigram.services.bundles import rows

    asked = rows.held_checks
    if as_before:  # the region is not asked: every finished check goes into the bundle
        rows.held_checks = lambda session, ids: set()
    try:
        started = time.perf_counter()
        report = sync.push(ws.store, url, framework=ws.framework)
        return time.perf_counter() - started, report
    finally:
        rows.held_checks = asked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=TRAINEES)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    folder = ensure_dataset(args.trainees)
    source = paths.database_path(folder)
    print(f"data set: {(folder / 'complete.json').read_text()}", flush=True)
    from tests.pgcluster import Cluster

    cluster = Cluster()
    cluster.start()
    try:
        url = cluster.url(cluster.create_database())
        print(f"copied into PostgreSQL in {copy_dataset(source, url):.1f} s", flush=True)
        with Workspace.open(database_url=url, framework_path=shipped_framework_path()):
            pass  # migrated to this version's schema, as the region's owner role does
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copyfile(source, Path(tmp) / source.name)
            with Workspace.open(data_dir=tmp, framework_path=shipped_framework_path()) as ws:
                times: dict[bool, list[float]] = {False: [], True: []}
                reports: dict[bool, ImportReport] = {}
                for run in range(args.runs):
                    for as_before in (False, True):
                        seconds, reports[as_before] = _push(ws, url, as_before=as_before)
                        times[as_before].append(seconds)
                        label = "before" if as_before else "now"
                        print(f"  run {run + 1}, {label}: {seconds:.2f} s", flush=True)
    finally:
        cluster.stop()
    for as_before, label in ((False, "now (held checks stay home)"), (True, "before (everything sent)")):
        report = reports[as_before]
        print(f"{label:<30} median {statistics.median(times[as_before]):7.2f} s; "
              f"new {sum(report.added.values())} records, already there: "
              + ", ".join(f"{kind} {count}" for kind, count in report.unchanged.items()))
    ratio = statistics.median(times[True]) / statistics.median(times[False])
    print(f"a repeat sync takes 1/{ratio:.1f} of the time it took before")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
