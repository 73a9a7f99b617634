"""One measured bundle step, run as its own interpreter: `python benchmarks/_bundle_step.py JSON`.

A fresh interpreter (not a forked or spawned child, which would re-import the parent's modules) so
that its peak memory is the step's own and a baseline's source tree, put first on PYTHONPATH, is the
Digigram it runs. Prints one JSON line: seconds, the seconds until an SQLite import's deferred
checkpoint has ended too, peak RSS in MB (its own, and that of any child it forked: a PostgreSQL
import's recompute), what the step returned, and where the Digigram it ran came from, and the CPU
seconds the step took in this process and in its children. The step
"import-unchecked" is an import with the recompute of stored results switched off, to measure what
the recompute costs (roughly: without the recompute no summaries are made beside it, so that import
reads every new check back from the database to summarise it, which the difference then leaves out);
an import also reports how many checks it recomputed and the seconds
spent recomputing them in batches. An import is given the shipped framework, as the app's import (the
command and the coordinator's button) gives it the open one: the new checks' summaries are then made
in the import's transaction, as they are for a coordinator.
"""

from __future__ import annotations

import re
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


def run(step: str, url: str, folder: str | None, bundle: str, hub: str | None) -> dict[str, Any]:
    import digigram
    from digigram.core.bundle.format import regional_key
    from digigram.services.bundles.importer import export_bundle, import_bundle

    made: list[Any] = []
    try:
        from digigram.services.bundles import recompute
    except ImportError:  # a baseline from before the recompute
        recompute = None  # type: ignore[assignment]
    if recompute is not None:
        init = recompute.Recompute.__init__

        def keep(self: Any, *args: Any, **kwargs: Any) -> None:
            init(self, *args, **kwargs)
            made.append(self)

        recompute.Recompute.__init__ = keep  # type: ignore[method-assign]
        if step == "import-unchecked":
            recompute.Recompute.answer = lambda self, record: None  # type: ignore[method-assign]
            recompute.Recompute.finish = lambda self: None  # type: ignore[method-assign]
    key = regional_key(KEY_WORDS)
    store = _store(url, None if folder is None else Path(folder))
    framework = None
    if step != "export":  # read before the clock starts, as the app has it open already
        from competency_framework import shipped_framework_path
        from digigram.core.loader import load_framework

        framework = load_framework(Path(shipped_framework_path()))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_started, started = time.process_time(), time.perf_counter()
    detail: tuple[Any, ...]
    if step == "export":
        result: Any = export_bundle(store, bundle, key=key, hub_id=hub)
        detail = (result.people, result.attempts, result.answers, result.plans)
    else:
        report = import_bundle(store, bundle, key=key, framework=framework)
        detail = (sum(report.added.values()), sum(report.unchanged.values()),
                  sum(r.recomputed for r in made), sum(r.seconds for r in made))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    # An SQLite import copies its WAL into the database file after it returns (Store.checkpoint_soon):
    # the seconds until that copy has ended too. (A version without it copied at the commit.)
    if hasattr(store, "settled"):
        store.settled()
    settled = time.perf_counter() - started
    store.close()
    # A PostgreSQL import recomputes in a forked child where it can: its peak is reported beside.
    return {"seconds": seconds, "settled": settled, "peak_mb": _peak_mb(),
            "child_peak_mb": after.ru_maxrss / 1024, "cpu": cpu, "child_cpu": child_cpu,
            "detail": detail, "code": str(Path(digigram.__file__).parent.parent)}


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM, which (unlike ru_maxrss) does not keep the peak of
    the process that started it (the benchmark, holding a data set) across exec."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(*json.loads(sys.argv[1]))))


