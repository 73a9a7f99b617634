"""An SQLite import hands its WAL to a checkpoint of its own after the commit, and nothing is lost by it.

A region's import writes close to a gigabyte in one transaction; SQLite's checkpoint at the commit then
held the coordinator's window still for seconds. The commit now leaves the WAL (durable, and read by
every connection) and Store.checkpoint_soon copies it into the database file on a thread of its own.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.bundles.side import start_holding_stops
from digigram.services.workspace import Workspace
from digigram.store import db as store_db
from digigram.store import migrate
from digigram.store.db import checkpoint, make_engine, make_sessions
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


def _slow_checkpoints(monkeypatch: pytest.MonkeyPatch, release: threading.Event | None = None) -> list[str]:
    """Background checkpoints that first wait (for `release`, or a third of a second), then copy; the list
    says when each has copied."""
    real, done = store_db.checkpoint, []

    def slow(path: Path) -> None:
        if release is None:
            time.sleep(0.3)
        else:
            release.wait(10)
        real(path)
        done.append("checkpoint")

    monkeypatch.setattr(store_db, "checkpoint", slow)
    return done


@SQLITE_ONLY
def test_the_checkpoint_copies_the_import_into_the_file_and_closing_waits_for_it(
        bundle: Path, target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = target.data_dir / "digigram.sqlite3"
    done = _slow_checkpoints(monkeypatch)
    with Workspace.open(**target.open_kwargs()) as ws:
        import_bundle(ws, bundle, key=KEY)
        ws.store.settled()
        assert done == ["checkpoint"]
        assert _checks_in_file_alone(db, tmp_path) == 6  # copied by the checkpoint, the store still open
        import_bundle(ws, bundle, key=KEY)  # nothing new: nothing written, nothing to copy
        assert ws.store._checkpoint is None
    ws = Workspace.open(data_dir=tmp_path / "other")
    try:
        import_bundle(ws, bundle, key=KEY)
        running = ws.store._checkpoint
        assert running is not None and running.is_alive()  # waiting its third of a second
    finally:
        ws.close()
    assert not running.is_alive() and done == ["checkpoint", "checkpoint"]  # closing waited for it


@SQLITE_ONLY
def test_an_sqlite_database_named_by_its_address_is_checkpointed_too(
        bundle: Path, target: Target, tmp_path: Path) -> None:
    db = tmp_path / "by-address.sqlite3"
    url = f"sqlite:///{db}"
    migrate.upgrade(url)
    engine = make_engine(url)
    store = Store(engine, make_sessions(engine), url, None, None)  # as --database sqlite:///… opens it
    try:
        assert import_bundle(store, bundle, key=KEY).added["attempts"] == 6
        store.settled()
        assert _checks_in_file_alone(db, tmp_path) == 6
    finally:
        store.close()


def test_an_import_forks_its_recompute_only_once_every_checkpoint_has_ended(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork is safe only with this process's other threads idle (side.forks)."""
    release = threading.Event()
    done = _slow_checkpoints(monkeypatch, release)
    db = tmp_path / "some.sqlite3"
    sqlite3.connect(db).close()
    store_db.checkpoint_in_background(db)

    class Process:
        def start(self) -> None:
            done.append("fork")

    threading.Timer(0.3, release.set).start()
    start_holding_stops(Process())
    assert done == ["checkpoint", "fork"]
