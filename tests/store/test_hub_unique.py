"""One hub row per name without a region: two processes adding it at once, and doubles made before 0006."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from digigram.store import migrate
from digigram.store.db import make_engine
from tests.conftest import Target
from tests.store.conftest import SMALL

NAME = "Хаб без області"

# Waits for the gate file, then adds the hub (or a person of that hub) and says what it got.
WORKER = """
import json, sys, time
from pathlib import Path
from digigram.core.errors import DigigramError
from digigram.services.workspace import Workspace
where, url, framework, gate, how, name = sys.argv[1:7]
opened = {"data_dir": where} if url == "-" else {"database_url": url}
with Workspace.open(framework_path=framework, **opened) as ws:
    ws.hubs()  # the ORM loaded and connected: only the write is left
    print("ready", flush=True)
    while not Path(gate).exists():
        time.sleep(0.01)
    try:
        if how == "person":
            ws.create_person("Людина " + str(time.monotonic_ns()), hub=name)
            print(json.dumps({"ok": True}))
        else:
            ws.add_hub(name, region_id=None)
            print(json.dumps({"ok": True}))
    except DigigramError as exc:
        print(json.dumps({"ok": False, "uk": exc.message("uk"), "en": exc.message("en")}))
"""


def _race(target: Target, tmp_path: Path, how: str) -> list[dict[str, object]]:
    """Two real processes add NAME at the same moment. On PostgreSQL a table lock that lets reads pass
    holds both at their insert until both are there, so each has already looked and found nothing."""
    gate = tmp_path / f"gate-{how}"
    where = str(target.data_dir) if target.is_sqlite else "-"
    url = "-" if target.is_sqlite else target.url
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, where, url, str(SMALL), str(gate), how, NAME],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for worker in workers:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read() if worker.stderr else ""
    if target.is_sqlite:
        gate.touch()
    else:
        engine = target.engine()
        with engine.connect() as conn:
            conn.execute(text("LOCK TABLE hub IN SHARE ROW EXCLUSIVE MODE"))
            gate.touch()
            waiting, deadline = 0, time.monotonic() + 60
            while waiting < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
                with engine.connect() as probe:
                    waiting = int(probe.execute(text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock'")).scalar_one())
            assert waiting == 2, f"{waiting} processes reached the insert"
            conn.commit()
        engine.dispose()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def _hub_rows(target: Target) -> list[tuple[str, str | None]]:
    engine = target.engine()
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, region_id FROM hub WHERE name = :n"), {"n": NAME}).all()
    engine.dispose()
    return [(r[0], r[1]) for r in rows]


def _prepared(target: Target) -> Target:
    if target.is_sqlite:
        migrate.upgrade(target.url)
    return target


def test_two_processes_adding_the_same_hub_at_once_end_with_one_row_and_a_clear_refusal(
        target: Target, tmp_path: Path) -> None:
    results = _race(_prepared(target), tmp_path, "hub")
    assert sorted(bool(r["ok"]) for r in results) == [False, True]
    (refused,) = [r for r in results if not r["ok"]]
    assert "already exists" in str(refused["en"]) and "вже є" in str(refused["uk"])
    assert len(_hub_rows(target)) == 1


def test_two_people_of_a_new_hub_name_made_at_once_share_one_hub_row(target: Target, tmp_path: Path) -> None:
    results = _race(_prepared(target), tmp_path, "person")
    assert [r["ok"] for r in results] == [True, True]
    ((hub_id, region),) = _hub_rows(target)
    assert region is None
    engine = target.engine()
    with engine.connect() as conn:
        linked = conn.execute(text("SELECT hub_id FROM person WHERE hub = :n"), {"n": NAME}).scalars().all()
    engine.dispose()
    assert linked == [hub_id, hub_id]


def test_revision_0006_merges_hubs_doubled_before_it(new_target: Callable[..., Target]) -> None:
    target = new_target(migrated=False)
    if target.is_sqlite:
        target.data_dir.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(target.url, to="0005")
    engine = make_engine(target.url)
    with engine.begin() as conn:
        for hub_id, region in (("h-b", None), ("h-a", None), ("h-c", "UA-46")):
            conn.execute(text("INSERT INTO hub (id, name, region_id) VALUES (:i, :n, :r)"),
                         {"i": hub_id, "n": NAME, "r": region})
        for person_id, hub_id in (("p1", "h-a"), ("p2", "h-b"), ("p3", "h-c")):
            conn.execute(text("INSERT INTO person (id, name, hub, hub_id, group_tag, created_at) "
                              "VALUES (:p, :p, :n, :h, '', '2024-01-02 10:00:00')"),
                         {"p": person_id, "n": NAME, "h": hub_id})
    engine.dispose()
    migrate.upgrade(target.url)
    engine = make_engine(target.url)
    with engine.connect() as conn:
        hubs = conn.execute(text("SELECT id, region_id FROM hub ORDER BY id")).all()
        people = conn.execute(text("SELECT id, hub_id FROM person ORDER BY id")).all()
    engine.dispose()
    # The doubles without a region became one (the lowest id); the Lviv hub of that name is a different hub.
    assert [tuple(r) for r in hubs] == [("h-a", None), ("h-c", "UA-46")]
    assert [tuple(r) for r in people] == [("p1", "h-a"), ("p2", "h-a"), ("p3", "h-c")]


def test_the_no_region_index_refuses_a_second_row_on_sqlite_itself(tmp_path: Path) -> None:
    # What the index promises, below any Digigram code: a plain INSERT of a double fails.
    db = tmp_path / "x.sqlite3"
    migrate.upgrade(f"sqlite:///{db}")
    con = sqlite3.connect(db)
    con.execute("INSERT INTO hub (id, name, region_id) VALUES ('a', ?, NULL)", (NAME,))
    con.execute("INSERT INTO hub (id, name, region_id) VALUES ('b', ?, 'UA-46')", (NAME,))
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO hub (id, name, region_id) VALUES ('c', ?, NULL)", (NAME,))
    con.close()
