"""Whole-suite fixtures: compiled catalogues, a private framework cache, SQLite and PostgreSQL targets."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from digigram.core.paths import ENV_CACHE_DIR
from digigram.locale import compile_all
from digigram.store import migrate
from digigram.store.db import make_engine, sqlite_url
from tests.disks import full, protected, read_only_mount, small_disk  # noqa: F401  (fixtures for every test: sticks)


@pytest.fixture(scope="session", autouse=True)
def _message_catalogues() -> None:
    compile_all()  # the .mo files are build output, made from the committed .po


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The compiled framework cache lives in a private folder, never the user's own."""
    saved = os.environ.get(ENV_CACHE_DIR)
    os.environ[ENV_CACHE_DIR] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        os.environ.pop(ENV_CACHE_DIR, None)
    else:
        os.environ[ENV_CACHE_DIR] = saved


@pytest.fixture()
def kyiv() -> Iterator[None]:
    """The process runs in Kyiv's time zone for one test (UTC+2, UTC+3 in summer)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Kyiv"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


ENGINES = ("sqlite", "postgresql")


class PostgreSQL:
    """The session's cluster, with one migrated template database cloned for each test."""

    def __init__(self) -> None:
        from tests.pgcluster import Cluster

        self.cluster = Cluster()
        self.cluster.start()
        self.template = self.cluster.create_database()
        migrate.upgrade(self.cluster.url(self.template))

    def database(self, *, migrated: bool = True) -> tuple[str, str]:
        """A new database's name and URL."""
        name = self.cluster.create_database(template=self.template if migrated else None)
        return name, self.cluster.url(name)

    def drop(self, name: str) -> None:
        # Dropped after each test so that hundreds of tests do not leave gigabytes in /tmp.
        self.cluster.drop_database(name)

    def close(self) -> None:
        self.cluster.stop()


@pytest.fixture(scope="session")
def postgresql() -> Iterator[PostgreSQL]:
    """Started the first time a test asks for PostgreSQL; stopped and deleted at the end of the run."""
    if os.environ.get("DIGIGRAM_TEST_POSTGRESQL") == "skip":
        pytest.skip("DIGIGRAM_TEST_POSTGRESQL=skip: PostgreSQL tests not run on this machine")
    server = PostgreSQL()
    try:
        yield server
    finally:
        server.close()


@dataclass
class Target:
    """Where a test's data lives: a data folder (SQLite) or a PostgreSQL database, opened the same way."""

    engine_name: str
    data_dir: Path
    url: str

    @property
    def is_sqlite(self) -> bool:
        return self.engine_name == "sqlite"

    def open_kwargs(self) -> dict[str, Any]:
        return {"data_dir": self.data_dir} if self.is_sqlite else {"database_url": self.url}

    def engine(self) -> Engine:
        return make_engine(self.url)


def _make_target(engine_name: str, folder: Path, request: pytest.FixtureRequest, *,
                 migrated: bool = True) -> Target:
    folder.mkdir(parents=True, exist_ok=True)
    if engine_name == "sqlite":
        return Target("sqlite", folder, sqlite_url(folder / "digigram.sqlite3"))
    server: PostgreSQL = request.getfixturevalue("postgresql")
    name, url = server.database(migrated=migrated)
    request.addfinalizer(lambda: server.drop(name))
    return Target("postgresql", folder, url)


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def target(engine_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> Target:
    """One empty database on the engine under test (PostgreSQL: already migrated, like a set-up region)."""
    return _make_target(engine_name, tmp_path / "target", request)


@pytest.fixture
def new_target(engine_name: str, tmp_path: Path,
               request: pytest.FixtureRequest) -> Callable[..., Target]:
    """More databases on the same engine, e.g. a hub and a region."""
    made = iter(range(1, 1000))

    def make(*, migrated: bool = True) -> Target:
        return _make_target(engine_name, tmp_path / f"target-{next(made)}", request, migrated=migrated)

    return make


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (the system completes them) and never answers: a server that
    keeps a connection waiting, for the sync's tests in tests/coordinator and tests/ui."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]
