"""One measured bundle step, run in a fresh process that imports Digigram only once it runs.

Kept apart from benchmarks/bundles.py so that a spawned child imports nothing of Digigram before it
has put a baseline's source tree first on sys.path.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Any

KEY_WORDS = "Рівненська обласна бібліотека 2025"


def _store(url: str, folder: Path | None) -> Any:
    from digigram.store import migrate
    from digigram.store.db import make_engine, make_sessions
    from digigram.store.startup import Store

    if migrate.needs_upgrade(make_engine(url), url):
        migrate.upgrade(url)
    engine = make_engine(url)
    db = None if folder is None else folder / "digigram.sqlite3"
    return Store(engine, make_sessions(engine), url, db, None if folder is None else folder / "backups")


def step_in_child(code: str | None, step: str, url: str, folder: str | None, bundle: str,
                  hub: str | None, out: Any) -> None:
    """One measured step in its own process: sends back (seconds, peak RSS in MB, what it returned)."""
    if code is not None:
        import sys

        sys.path.insert(0, code)  # the baseline's digigram package is found first
    from digigram.core.bundle.format import regional_key
    from digigram.services.bundles.importer import export_bundle, import_bundle

    key = regional_key(KEY_WORDS)
    store = _store(url, None if folder is None else Path(folder))
    started = time.perf_counter()
    detail: tuple[Any, ...]
    if step == "export":
        result: Any = export_bundle(store, bundle, key=key, hub=hub)
        detail = (result.people, result.attempts, result.answers, result.plans)
    else:
        report = import_bundle(store, bundle, key=key)
        detail = (sum(report.added.values()), sum(report.unchanged.values()))
    seconds = time.perf_counter() - started
    store.close()
    out.send((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, detail))


