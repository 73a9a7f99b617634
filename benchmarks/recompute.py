"""Import's recompute of stored results: milliseconds per finished check, this code against a baseline.

Exports the busiest hub of the coordinator data set (benchmarks/coordinator_dataset.py; 25,391
trainees unless `--trainees N`; every person when no hub is set) unless `--bundle` names one, then
feeds its answers to the recompute alone (no writing), each run in a fresh interpreter, alternating
this source tree and `--baseline DIR` (an older tree: `git archive <commit> | tar -x -C DIR`) so both
see the same machine load; the CPU time of the recompute is what is compared (on a shared machine the
wall clock measures the neighbours). `--checks N` stops each run after the batch reaching N checks.
Prints each run and the medians' ratio; the target is a tenth of the baseline's time.
Run: `python -m benchmarks.recompute [--bundle ZIP] [--baseline DIR] [--runs N] [--checks N]
[--trainees N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.coordinator_dataset import TRAINEES, ensure_dataset

STEP = Path(__file__).resolve().parent / "_recompute_step.py"
EXPORT = Path(__file__).resolve().parent / "_bundle_step.py"
HERE = Path(__file__).resolve().parents[1]


def _run(code: Path, bundle: Path, limit: int | None) -> dict[str, Any]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code) + os.pathsep + env.get("PYTHONPATH", "")
    extra = [] if limit is None else [str(limit)]
    done = subprocess.run([sys.executable, str(STEP), str(bundle), *extra], env=env, capture_output=True,
                          text=True, check=True)
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(found["code"]).resolve() != code.resolve():
        raise RuntimeError(f"the step ran Digigram from {found['code']}, not {code}")
    return found


def _export(trainees: int, work: Path) -> Path:
    import sqlite3

    db = ensure_dataset(trainees) / "digigram.sqlite3"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        query = "SELECT hub_id FROM person GROUP BY hub_id ORDER BY count(*) DESC LIMIT 1"
        hub = con.execute(query).fetchone()[0]
    finally:
        con.close()
    bundle = work / "hub.zip"
    subprocess.run([sys.executable, str(EXPORT), json.dumps(["export", f"sqlite:///{db}", str(db.parent),
                                                               str(bundle), hub])],
                   check=True, capture_output=True)
    return bundle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path, default=None)
    parser.add_argument("--baseline", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--checks", type=int, default=None, help="stop after the batch reaching N checks")
    parser.add_argument("--trainees", type=int, default=TRAINEES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bundle = args.bundle if args.bundle is not None else _export(args.trainees, Path(tmp))
        trees = [("this tree", HERE)] + ([("baseline", args.baseline.resolve())] if args.baseline else [])
        times: dict[str, list[float]] = {name: [] for name, _ in trees}
        for _ in range(args.runs):
            for name, code in trees:
                found = _run(code, bundle, args.checks)
                ms = found["cpu"] / found["checks"] * 1000
                times[name].append(ms)
                print(f"  {name:<10} {found['checks']} checks recomputed: {found['cpu']:.2f} s CPU, "
                      f"{ms:.3f} ms CPU per check ({found['seconds']:.2f} s wall clock)", flush=True)
        mine = statistics.median(times["this tree"])
        print(f"  median, this tree: {mine:.3f} ms CPU per check", flush=True)
        if args.baseline is not None:
            old = statistics.median(times["baseline"])
            print(f"  median, baseline:  {old:.3f} ms CPU per check; speed-up {old / mine:.1f}x "
                  f"(target 10x: {'met' if old / mine >= 10 else f'gap {10 / (old / mine):.1f}x'})",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
