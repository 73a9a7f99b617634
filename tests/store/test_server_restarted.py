"""A regional server restarted (or its connections cut) while Digigram has the database open: the next
action works on a new connection instead of failing on the dead one. The app had shown its crash dialog,
then a table that no longer matched its filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from digigram.services.workspace import Workspace
from tests.conftest import Target

POSTGRESQL_ONLY = pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite has no server


def _cut_connections(target: Target) -> int:
    """What a restart does to the open window's connections: the server ends them."""
    engine = target.engine()
    with engine.connect() as conn:
        cut = int(conn.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar_one())
    engine.dispose()
    return cut


@POSTGRESQL_ONLY
def test_reads_and_writes_go_on_after_the_server_ended_the_connections(target: Target) -> None:
    with Workspace.open(**target.open_kwargs()) as ws:
        ws.create_person("Олена")
        assert [p.name for p in ws.people()] == ["Олена"]  # the pool now holds an open connection
        assert _cut_connections(target) >= 1
        assert [p.name for p in ws.people()] == ["Олена"]
        assert _cut_connections(target) >= 1
        ws.create_person("Петро")
        assert sorted(p.name for p in ws.people()) == ["Олена", "Петро"]



def test_a_server_that_has_gone_is_said_in_words_and_the_next_try_works_once_it_is_back(
        tmp_path: Path, postgresql: object) -> None:
    """With the server stopped, the next action had raised the driver's «connection is bad … No such file
    or directory»: the crash dialog in the app. (A server of its own: this one is stopped.)"""
    from digigram.core.errors import StorageError
    from digigram.store import migrate
    from tests.pgcluster import Cluster

    cluster = Cluster()  # `postgresql`: only where the suite's server runs (it skips the test elsewhere)
    cluster.start()
    try:
        url = cluster.url(cluster.create_database())
        migrate.upgrade(url)
        with Workspace.open(database_url=url, data_dir=tmp_path) as ws:
            ws.create_person("Олена")
            cluster.halt()
            try:
                with pytest.raises(StorageError) as caught:
                    ws.people()
            finally:
                cluster.resume()
            uk, en = caught.value.message("uk"), caught.value.message("en")
            assert "connection to the database server was lost" in en and "try again" in en, en
            assert "Зʼєднання із сервером бази даних" in uk, uk
            assert "psycopg" not in uk + en and "No such file" not in uk + en
            assert [p.name for p in ws.people()] == ["Олена"]
    finally:
        cluster.stop()


@POSTGRESQL_ONLY
@pytest.mark.parametrize(("statement", "raised"), [
    ("SET LOCAL statement_timeout = 50; SELECT pg_sleep(2)", "QueryCanceled"),
    # What a server whose disk is full answers a write with
    ("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '53100', MESSAGE = 'could not extend file: No space left "
     "on device'; END $$", "full"),
])
def test_a_timeout_or_a_full_server_disk_is_not_called_a_lost_connection(
        target: Target, statement: str, raised: str) -> None:
    """Every OperationalError had been said as «the connection … was lost … check that the server is
    running»: a statement's timeout, and a full disk (which had been «The disk is full…»)."""
    from sqlalchemy.exc import OperationalError

    from digigram.store.db import ConnectionLost, WriteRefused, transaction
    from digigram.store.startup import open_store

    store = open_store(database_url=target.url)
    try:
        with store.sessions() as session:
            session.execute(text("SELECT 1"))  # a connection has worked
        refused = (OperationalError, WriteRefused)
        with pytest.raises(refused) as caught, transaction(store.sessions) as session:
            for part in statement.split("; "):
                session.execute(text(part))
        assert not isinstance(caught.value, ConnectionLost)
        if raised == "full":
            assert isinstance(caught.value, WriteRefused) and caught.value.reason == "full"
        else:
            assert type(caught.value.orig).__name__ == raised  # type: ignore[union-attr]
    finally:
        store.close()


def test_only_an_ended_connection_is_taken_for_a_lost_one_by_sync_and_import() -> None:
    """Sync and bundle import said «the connection … was lost … running it again completes it» for any
    OperationalError of the driver, a statement's timeout and a full disk included."""
    errors = pytest.importorskip("psycopg").errors
    from sqlalchemy.exc import OperationalError

    from digigram.store.db import connection_lost

    lost = errors.OperationalError
    assert connection_lost(errors.AdminShutdown("terminating connection"), lost)
    assert connection_lost(lost("connection is bad: no such file"), lost)  # a reconnect that failed
    assert connection_lost(OperationalError("SELECT 1", {}, errors.AdminShutdown("x")), lost)
    for kept in (errors.QueryCanceled("statement timeout"), errors.DiskFull("No space left on device"),
                 errors.DeadlockDetected("deadlock")):
        assert not connection_lost(kept, lost)
        assert not connection_lost(OperationalError("UPDATE", {}, kept), lost)
