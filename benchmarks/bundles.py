"""Result bundles: export and import times and sizes, for one hub and for the whole national data set.

Uses the coordinator data set (benchmarks/coordinator_dataset.py; 25,391 trainees unless
`--trainees N` is given), working on a copy so the cached set is never changed. Measures: export of
one hub and of everything, import into an empty data folder, the same import again (nothing to
add), and the bundle and database sizes. Run: `python -m benchmarks.bundles [--trainees N]`.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from benchmarks.coordinator_dataset import TRAINEES, ensure_dataset
from digigram.core.bundle.format import regional_key
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.store import migrate
from digigram.store.db import make_engine, make_sessions
from digigram.store.startup import Store

MB = 1024 * 1024

T = TypeVar("T")


def _store(folder: Path) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "digigram.sqlite3"
    url = f"sqlite:///{db}"
    if not db.exists():
        migrate.upgrade(url)
    engine = make_engine(url)
    return Store(engine, make_sessions(engine), url, db, folder / "backups")


def _timed(label: str, action: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = action()
    print(f"  {label:<44} {time.perf_counter() - started:8.2f} s", flush=True)
    return result


def _busiest_hub(db: Path) -> tuple[str, int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        query = "SELECT hub, count(*) FROM person GROUP BY hub ORDER BY 2 DESC LIMIT 1"
        hub, n = con.execute(query).fetchone()
        return str(hub), int(n)
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=TRAINEES)
    args = parser.parse_args()
    cached = ensure_dataset(args.trainees)
    key = regional_key("Рівненська обласна бібліотека 2025")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "hub"
        source.mkdir()
        shutil.copyfile(cached / "digigram.sqlite3", source / "digigram.sqlite3")
        hub, hub_people = _busiest_hub(source / "digigram.sqlite3")
        print(f"data set: {args.trainees} trainees, database "
              f"{(source / 'digigram.sqlite3').stat().st_size / MB:.1f} MB")
        store = _store(source)
        one = _timed(f"export one hub ({hub_people} people)",
                     lambda: export_bundle(store, work / "hub.zip", key=key, hub=hub))
        whole = _timed("export everything",
                       lambda: export_bundle(store, work / "all.zip", key=key))
        store.close()
        for label, summary in (("one hub", one), ("everything", whole)):
            path = summary.path
            print(f"  bundle, {label}: {summary.people} people, {summary.attempts} "
                  f"checks, {summary.answers} answers, {summary.plans} plans, "
                  f"{path.stat().st_size / MB:.2f} MB")
        for label, bundle in (("one hub", work / "hub.zip"), ("everything", work / "all.zip")):
            target = _store(work / f"region-{label.replace(' ', '-')}")
            for step in ("into an empty database", "again (nothing new)"):
                _timed(f"import {label} {step}", partial(import_bundle, target, bundle, key=key))
            size = Path(str(target.db_path)).stat().st_size
            target.close()
            print(f"  database after importing {label}: {size / MB:.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
