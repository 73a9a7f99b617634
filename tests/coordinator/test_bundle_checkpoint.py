"""An SQLite import hands its WAL to a checkpoint of its own after the commit, and nothing is lost by it.

A region's import writes close to a gigabyte in one transaction; SQLite's checkpoint at the commit then
held the coordinator's window still for seconds. The commit now leaves the WAL (durable, and read by
every connection) and Store.checkpoint_soon copies it into the database file on a thread of its own.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.workspace import Workspace
from digigram.store import db as store_db
from digigram.store.db import checkpoint
from digigram.store.startup import Store
from tests.conftest import Target
from tests.coordinator.conftest import SQLITE_ONLY
from tests.coordinator.test_bundle_support import KEY, SMALL, make_hub


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hub")
    make_hub(folder / "data")
    path = folder / "hub.zip"
    with Workspace.open(data_dir=folder / "data", framework_path=SMALL) as ws:
        assert export_bundle(ws, path, key=KEY).attempts == 6
    return path


def _checks_in_file_alone(db: Path, tmp_path: Path) -> int:
    """The finished checks the database file holds by itself, without its WAL (as a copy of the file
    would show them)."""
    copy = tmp_path / f"alone-{len(list(tmp_path.glob('alone-*')))}.sqlite3"
    shutil.copyfile(db, copy)
    con = sqlite3.connect(copy)
    try:
        return int(con.execute("SELECT count(*) FROM attempt WHERE status = 'finished'").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def every_commit_checkpoints(monkeypatch: pytest.MonkeyPatch) -> int:
    """Connections that copy the WAL at every commit (not only past 1,000 pages): a small bundle's import
    then shows whether its commit did."""
    monkeypatch.setattr(store_db, "AUTOCHECKPOINT_PAGES", 1)
    return 1


@SQLITE_ONLY
def test_the_commit_leaves_the_wal_and_the_checkpoint_copies_it(
        bundle: Path, target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        every_commit_checkpoints: int) -> None:
    started: list[Store] = []
    monkeypatch.setattr(Store, "checkpoint_soon", lambda self: started.append(self))
    db = target.data_dir / "digigram.sqlite3"
    with Workspace.open(**target.open_kwargs()) as ws:
        before = _checks_in_file_alone(db, tmp_path)
        report = import_bundle(ws, bundle, key=KEY)
        assert report.added["attempts"] == 6 and started == [ws.store]
        # Committed: another process reads every check at once, from the WAL.
        con = sqlite3.connect(db)
        try:
            assert con.execute("SELECT count(*) FROM attempt WHERE status = 'finished'").fetchone()[0] == \
                before + 6
        finally:
            con.close()
        # but the commit did not copy them into the file: that is the checkpoint's work
        assert _checks_in_file_alone(db, tmp_path) == before
        checkpoint(db)
        assert _checks_in_file_alone(db, tmp_path) == before + 6


@SQLITE_ONLY
def test_every_pooled_connection_checkpoints_at_its_commits_again_after_an_import(
        bundle: Path, target: Target, every_commit_checkpoints: int) -> None:
    with Workspace.open(**target.open_kwargs()) as ws:
        import_bundle(ws, bundle, key=KEY)
        engine = ws.store.engine
        held: list[Any] = []
        try:
            for _ in range(engine.pool.size()):  # every connection the pool keeps, the import's among them
                held.append(engine.raw_connection())
            assert {c.driver_connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
                    for c in held} == {every_commit_checkpoints}
        finally:
            for c in held:
                c.close()


@SQLITE_ONLY
def test_the_store_waits_for_its_checkpoint_and_the_file_then_holds_the_import(
        bundle: Path, target: Target, tmp_path: Path) -> None:
    db = target.data_dir / "digigram.sqlite3"
    ws = Workspace.open(**target.open_kwargs())
    try:
        import_bundle(ws, bundle, key=KEY)
        running = ws.store._checkpoint
        assert running is not None
    finally:
        ws.close()
    assert not running.is_alive()
    assert _checks_in_file_alone(db, tmp_path) == 6
