"""The database size after 1,000 completed attempts on the shipped framework, through the Workspace.

Run: `python -m benchmarks db_size` (or `python benchmarks/db_size.py [--attempts N] [--people N]`).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.store_latency import choice_for
from competency_framework import shipped_framework_path
from digigram.services.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=1000, help="completed attempts (default 1000)")
    parser.add_argument("--people", type=int, default=200, help="people taking them (default 200)")
    parser.add_argument("--framework", type=Path, default=shipped_framework_path())
    args = parser.parse_args()
    started = time.perf_counter()
    answers = 0
    with tempfile.TemporaryDirectory() as folder:
        with Workspace.open(data_dir=folder, framework_path=args.framework) as ws:
            fw = ws.framework
            people = [ws.create_person(f"Person {k}", hub=f"Hub {k % 20}") for k in range(args.people)]
            for k in range(args.attempts):
                person = people[k % len(people)]
                session = ws.start_quiz(person.id, seed=k, rating_before=1 + k % 10)
                rng = random.Random(k)
                while (item := session.current_item) is not None:
                    session.answer(choice_for(fw, item, rng), seconds=round(rng.uniform(3, 40), 3))
                    answers += 1
                session.finish(rating_after=1 + (k + 3) % 10)
            db = ws.database_path
        assert db is not None
        con = sqlite3.connect(db)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # count the data in the file, not in the log
        con.close()
        size = db.stat().st_size
        wal = Path(f"{db}-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
    elapsed = time.perf_counter() - started
    print(f"{args.attempts} completed attempts by {args.people} people on {fw.id} {fw.version} "
          f"({len(fw.items)} items), {answers} answers ({answers / args.attempts:.1f} per attempt): "
          f"database {size / 1e6:.2f} MB ({size / args.attempts / 1024:.1f} KB per attempt, "
          f"log after checkpoint {wal_size} bytes); built in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
