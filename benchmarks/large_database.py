"""Starting on a large database: the file check and the start backup, on a coordinator's PC holding a region.

A coordinator who imports a region's bundles into SQLite has a large file: the 25,391-trainee data set
(benchmarks/coordinator_dataset.py) is about 1 GB. Every start checks that file (PRAGMA quick_check,
before the window shows people) and backs it up (after the first paint, before the first save). This
times both, each start in a fresh process, on a copy of the data set that already has a start backup
and has not changed since: the usual morning. Warm starts find the file in the page cache; cold ones
evict it first, which is what a PC feels after a night off.
`--baseline DIR` (an older tree: `git archive <commit> | tar -x -C DIR`, same schema) is timed in the
same run, in turn, and the ratios printed. No target is set by an issue; the figures say what a start
costs at this size.
Run: .venv/bin/python -m benchmarks.large_database [--baseline DIR] [--runs N] [--cold-runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.coordinator_dataset import ensure_dataset
from benchmarks.startup import evict

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
from pathlib import Path
began = time.perf_counter()
from digigram.store.startup import open_store
store = open_store(data_dir=Path(sys.argv[1]), backup_later=True)
checked = time.perf_counter()
store.backup_at_start()
backed_up = time.perf_counter()
store.close()
print(json.dumps({"check": checked - began, "backup": backed_up - checked}))
"""


def one_start(tree: Path, data: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, "-c", CHILD, str(data)], capture_output=True, text=True,
                          env=env, cwd=tree, check=False)
    if done.returncode != 0:
        raise SystemExit(f"a start in {tree} failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, default=None, help="an older source tree to compare with")
    parser.add_argument("--runs", type=int, default=3, help="warm starts per tree")
    parser.add_argument("--cold-runs", type=int, default=1, help="cold starts per tree")
    args = parser.parse_args()
    trees = {"this tree": ROOT}
    if args.baseline is not None:
        trees["baseline"] = args.baseline.resolve()
    source = ensure_dataset() / "digigram.sqlite3"
    with tempfile.TemporaryDirectory(dir=ROOT / "benchmarks" / "out") as scratch:
        data = Path(scratch)
        shutil.copy2(source, data / "digigram.sqlite3")
        size = (data / "digigram.sqlite3").stat().st_size
        print(f"database: {size / 2**20:,.0f} MiB (25,391 trainees)")
        times: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
        for tree in trees.values():
            one_start(tree, data)  # the start backup of a database new to this folder; not timed
        for kind, runs in (("warm", args.runs), ("cold", args.cold_runs)):
            for n in range(runs):
                order = list(trees) if n % 2 == 0 else list(reversed(trees))
                for name in order:
                    if kind == "cold":
                        evict([data])
                    figures = one_start(trees[name], data)
                    for part, seconds in figures.items():
                        times[name].setdefault(f"{kind} {part}", []).append(seconds)
        for name in trees:
            print(f"-- {name} ({trees[name]})")
            for key, values in times[name].items():
                print(f"  {key:<12} median {statistics.median(values):6.2f} s over {len(values)} "
                      f"({', '.join(f'{v:.2f}' for v in values)})")
        if "baseline" in trees:
            for key in times["this tree"]:
                mine = statistics.median(times["this tree"][key])
                old = statistics.median(times["baseline"][key])
                print(f"  {key}: this tree / baseline = {mine / old:.2f} ({mine:.2f} s against {old:.2f} s)")
    print(f"load average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
