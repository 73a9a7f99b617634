"""Upgrading a database made by an older release (revision 0003) to today's schema: seconds and peak RSS.

The old database holds trainees with one to three finished checks each on the shipped framework (real
quiz answers, as benchmarks/coordinator_dataset.py makes them) and no stored results, so revision 0004
computes every check's result. Each upgrade runs in a fresh process on a copy of the same file; the
baseline is the code of another git revision (default `main`), exported to a temporary folder and run
the same way in the same session. Target: a hub PC with 4 GB migrates, so peak RSS stays well under
1 GB and does not grow with the number of checks.

Run: `python -m benchmarks migrate` or `python -m benchmarks.migrate [--trainees N] [--baseline REF]
[--no-baseline] [--limit-gb G]`. The old database is cached in benchmarks/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from benchmarks.coordinator_dataset import OUT, _pool, _stamp
from competency_framework import shipped_framework_path
from digigram.core.loader import load_framework
from digigram.store import migrate
from digigram.store.db import sqlite_url

ROOT = Path(__file__).resolve().parents[1]
TARGET_RSS_MB = 1024
# Run in the child: upgrade, then print seconds and peak RSS (ru_maxrss is in KiB on Linux).
CHILD = """
import json, resource, sys, time
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from digigram.store import migrate
started = time.perf_counter()
try:
    migrate.upgrade(sys.argv[1])
    outcome = "ok"
except MemoryError:
    outcome = "out of memory"
print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build_old(db: Path, trainees: int, *, seed: int = 2024) -> dict[str, int]:
    """A revision-0003 database: people, finished checks with answers and the old area rows, no results."""
    fw = load_framework(shipped_framework_path())
    migrate.upgrade(sqlite_url(db), to="0003")
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    profiles = [p.id for p in fw.profiles]
    pools = {p: _pool(fw, p, 60, rng) for p in profiles}
    start = datetime(2024, 2, 1, 9, 0)
    con = sqlite3.connect(db)
    attempts = answers = 0
    try:
        with con:
            con.execute("INSERT INTO framework_snapshot VALUES (?, ?, ?, ?, ?, ?)", (
                fw.content_hash, fw.id, fw.version, shipped_framework_path().name,
                shipped_framework_path().read_text(encoding="utf-8"), _stamp(start)))
            for k in range(trainees):
                pid = str(uuid.UUID(int=pyrng.getrandbits(128), version=4))
                profile = profiles[0] if pyrng.random() < 0.85 or len(profiles) == 1 else profiles[1]
                created = start + timedelta(days=pyrng.randrange(480))
                con.execute("INSERT INTO person (id, name, hub, group_tag, profile_id, pin_hash, consent_at, "
                            "created_at) VALUES (?, ?, ?, '', ?, NULL, ?, ?)",
                            (pid, f"Слухач {k}", f"Хаб {k % 1000}", profile, _stamp(created),
                             _stamp(created)))
                when = created
                for _check in range(pyrng.choices((1, 2, 3), weights=(40, 35, 25))[0]):
                    index = pyrng.randrange(len(pools[profile]))
                    tpl = pools[profile][index]
                    aid = str(uuid.UUID(int=pyrng.getrandbits(128), version=4))
                    con.execute(
                        "INSERT INTO attempt (id, person_id, framework_id, framework_version, "
                        "framework_hash, profile_id, mode, seed, excluded, status, started_at, finished_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, 'full', ?, '[]', 'finished', ?, ?)",
                        (aid, pid, fw.id, fw.version, fw.content_hash, profile, 10_000 + index, _stamp(when),
                         _stamp(when + timedelta(minutes=30))))
                    con.executemany("INSERT INTO answer VALUES (?, ?, ?, ?, ?, 20.0)", [
                        (aid, seq, item_id, choice, _stamp(when)) for seq, (item_id, choice)
                        in enumerate(tpl.answers)])
                    con.executemany("INSERT INTO area_result VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                        (aid, area[0], pos, *area[1:9]) for pos, area in enumerate(tpl.areas)])
                    attempts += 1
                    answers += len(tpl.answers)
                    when += timedelta(days=pyrng.randrange(30, 180))
        con.execute("ANALYZE")
    finally:
        con.close()
    return {"trainees": trainees, "attempts": attempts, "answers": answers}


def ensure_old(trainees: int) -> tuple[Path, dict[str, int]]:
    folder = OUT / f"migrate-0003-{trainees}"
    db, marker = folder / "old.sqlite3", folder / "complete.json"
    if not marker.exists():
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        marker.write_text(json.dumps(build_old(db, trainees)), encoding="utf-8")
    return db, json.loads(marker.read_text(encoding="utf-8"))


def run_upgrade(code: Path, old: Path, work: Path, *, limit_gb: float) -> dict[str, object]:
    """Upgrade a fresh copy of `old` with the Digigram code under `code`, in its own process."""
    db = work / "db.sqlite3"
    shutil.copyfile(old, db)
    proc = subprocess.run([sys.executable, "-c", CHILD, sqlite_url(db), str(int(limit_gb * 2**30))],
                          cwd=code, env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"outcome": f"failed ({proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}"}
    figures: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    con = sqlite3.connect(db)
    try:
        figures["revision"] = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        # a failed upgrade rolled back to 0003, which has no result column
        figures["stored"] = con.execute("SELECT count(*) FROM attempt WHERE result IS NOT NULL").fetchone()[
            0] if figures["outcome"] == "ok" else 0
    finally:
        con.close()
    db.unlink()
    return figures


def _line(name: str, figures: dict[str, object]) -> str:
    if "rss_mb" not in figures:
        return f"{name:>9}: {figures['outcome']}"
    return (f"{name:>9}: {figures['seconds']:.1f} s, peak RSS {figures['rss_mb']:.0f} MB, "
            f"{figures['stored']} results stored, revision {figures['revision']} ({figures['outcome']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=2000)
    parser.add_argument("--baseline", default="main", help="git revision to compare with (default main)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--limit-gb", type=float, default=6.0,
                        help="address-space cap for each upgrade process, so a runaway stops (default 6)")
    args = parser.parse_args()
    started = time.perf_counter()
    old, counts = ensure_old(args.trainees)
    print(f"old database (revision 0003): {counts} ready in {time.perf_counter() - started:.0f} s",
          flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = {"this code": run_upgrade(ROOT, old, work, limit_gb=args.limit_gb)}
        print(_line("this code", results["this code"]), flush=True)
        if not args.no_baseline:
            base = work / "baseline"
            base.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline, "digigram",
                                      "competency_framework"], capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
            results[args.baseline] = run_upgrade(base, old, work, limit_gb=args.limit_gb)
            print(_line(args.baseline, results[args.baseline]), flush=True)
    now = results["this code"]
    if "rss_mb" in now:
        rss = float(str(now["rss_mb"]))
        print(f"target: peak RSS under {TARGET_RSS_MB} MB; this code {rss:.0f} MB, "
              f"{'met' if rss < TARGET_RSS_MB else f'gap {rss - TARGET_RSS_MB:.0f} MB'}")
        base_figures = results.get(args.baseline, {})
        if "rss_mb" in base_figures:
            print(f"ratio against {args.baseline}: RSS x{float(str(base_figures['rss_mb'])) / rss:.1f} less, "
                  f"time x{float(str(base_figures['seconds'])) / float(str(now['seconds'])):.2f}")


if __name__ == "__main__":
    main()
