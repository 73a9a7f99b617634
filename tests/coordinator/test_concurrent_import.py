"""Four coordinators importing into one PostgreSQL at once: every bundle lands, a doubled one exactly once."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from digigram.services.bundles.importer import export_bundle
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.test_bundle_support import KEY, SMALL, make_hub

POSTGRESQL_ONLY = pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite has one writer at a time

WORKER = """
import json, sys
from pathlib import Path
from digigram.services.bundles.importer import import_bundle
from digigram.store.startup import open_store
url, bundle, key = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3])
store = open_store(database_url=url)
report = import_bundle(store, bundle, key=key, framework_dir=Path(sys.argv[4]))
store.close()
print(json.dumps({"added": dict(report.added), "unchanged": dict(report.unchanged)}))
"""


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, int]]]:
    """Three hubs' bundles, with what each carries."""
    base = tmp_path_factory.mktemp("hubs")
    out = {}
    for n, name in enumerate(("Хаб Ірпінь", "Хаб Рівне", "Хаб Львів")):
        folder = base / f"hub{n}"
        make_hub(folder, people=3, hub=name, seed=n + 1)
        with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
            summary = export_bundle(ws, base / f"hub{n}.zip", key=KEY)
        out[name] = (summary.path, {"people": summary.people, "attempts": summary.attempts,
                                    "answers": summary.answers, "plans": summary.plans})
    return out


@POSTGRESQL_ONLY
def test_four_imports_at_once_all_land_and_a_doubled_bundle_lands_once(
        bundles: dict[str, tuple[Path, dict[str, int]]], new_target: Callable[..., Target],
        tmp_path: Path) -> None:
    region = new_target()
    paths = [path for path, _ in bundles.values()]
    order = [paths[0], paths[1], paths[2], paths[0]]  # the first hub's bundle twice
    # A gate: while this transaction holds a lock that blocks inserts into `person` (reads still pass),
    # every import verifies and compares, then waits at its first write. Once all four wait, the gate
    # opens and they write at the same time, the doubled one racing itself for the same keys.
    gate = region.engine()
    with gate.connect() as conn:
        conn.execute(text("LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE"))
        workers = [subprocess.Popen([sys.executable, "-c", WORKER, region.url, str(p), KEY.hex(),
                                     str(SMALL.parent)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True) for p in order]
        waiting, deadline = 0, time.monotonic() + 240
        while waiting < len(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
            assert all(w.poll() is None for w in workers), "an import ended before reaching the gate"
            with gate.connect() as probe:
                waiting = int(probe.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'")).scalar_one())
        assert waiting == len(workers), f"{waiting} imports reached the gate"
        conn.commit()  # the gate opens
    gate.dispose()
    results: list[dict[str, Any]] = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err  # no deadlock, no unique violation, no refusal
        results.append(json.loads(out.strip().splitlines()[-1]))

    expected = {kind: sum(carried[kind] for _, carried in bundles.values())
                for kind in ("people", "attempts", "answers", "plans")}
    engine = region.engine()
    with engine.connect() as conn:
        def count(table: str) -> int:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
        stored = {"people": count("person"), "attempts": count("attempt"), "answers": count("answer_all"),
                  "plans": count("plan")}
    engine.dispose()
    assert stored == expected
    # The doubled bundle: both imports wrote (neither found it stored), and between them every row was
    # added exactly once; ON CONFLICT DO NOTHING skipped the other copy.
    first, doubled = results[0], results[3]
    carried = bundles["Хаб Ірпінь"][1]
    assert first["added"]["attempts"] + doubled["added"]["attempts"] == carried["attempts"]
    assert first["added"]["answers"] + doubled["added"]["answers"] == carried["answers"]
