"""One measured recompute, run as its own interpreter: `python benchmarks/_recompute_step.py BUNDLE [N]`.

Feeds a bundle's answers to `services.bundles.recompute.Recompute` the way an import's first pass does
(into an empty database, so every finished check is recomputed), stopping after the batch that reaches
N checks when N is given, and prints one JSON line: how many checks were recomputed, the wall-clock and
the CPU seconds spent recomputing and comparing them (CPU time is the figure to compare on a shared
machine), and where the Digigram it ran came from (a baseline's source tree, put first on PYTHONPATH,
is the one it runs).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

KEY_WORDS = "Рівненська обласна бібліотека 2025"


class _Enough(Exception):
    pass


def run(bundle: str, limit: int | None = None) -> dict[str, Any]:
    import digigram
    from competency_framework import shipped_framework_path
    from digigram.core.bundle.format import RECORD_FILES, regional_key
    from digigram.core.bundle.read import open_bundle
    from digigram.core.bundle.records import converter
    from digigram.services.bundles.checks import Checker
    from digigram.services.bundles.recompute import Recompute
    from digigram.store import migrate
    from digigram.store.db import make_engine, make_sessions

    cpu = [0.0]
    batch = Recompute._run

    def timed(self: Recompute) -> None:
        started = time.process_time()
        batch(self)
        cpu[0] += time.process_time() - started
        if limit is not None and self.recomputed >= limit:
            raise _Enough

    Recompute._run = timed  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/digigram.sqlite3"
        migrate.upgrade(url)
        engine = make_engine(url)
        try:
            with open_bundle(Path(bundle), key=regional_key(KEY_WORDS)) as reader, \
                    make_sessions(engine)() as session:
                checker = Checker(session, shipped_framework_path().parent)
                convert = converter("frameworks")
                for line in reader.lines(RECORD_FILES["frameworks"]):
                    record = convert(line)
                    checker.texts[record["content_hash"]] = record
                    checker.framework(record["content_hash"])  # as the import's first pass has, untimed
                recompute = Recompute(reader, checker, skip=set())
                convert = converter("answers")
                try:
                    for line in reader.lines(RECORD_FILES["answers"]):
                        recompute.answer(convert(line))
                    recompute.finish()
                except _Enough:
                    pass
        finally:
            engine.dispose()
    return {"checks": recompute.recomputed, "seconds": recompute.seconds, "cpu": cpu[0],
            "code": str(Path(digigram.__file__).parent.parent)}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)))
