"""On a real PostgreSQL: the commands that only read, and the app, never create or migrate a regional
database's tables. `digigram people` or `report` pointed at an empty database created every table (as
whichever role ran it); the analyst's attempt ended in "must first be brought up to date" after a
refused CREATE. Now both say that the database has no Digigram tables yet and that its owner sets it up
with `digigram migrate`, and no statement that changes the schema reaches the server."""

from __future__ import annotations

import io
import itertools
import sys
from argparse import Namespace
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digigram import app
from digigram.cli.main import main
from digigram.core.errors import StorageError
from digigram.store import migrate
from tests.conftest import PostgreSQL, Target
from tests.coordinator.test_bundle_support import SMALL

POSTGRESQL_ONLY = pytest.mark.parametrize("engine_name", ["postgresql"])
_SUFFIX = itertools.count(1)


def _as(url: str, role: str) -> str:
    return url.replace("://digigram_test@", f"://{role}@", 1)


def _database(target: Target) -> str:
    return target.url.split("@/", 1)[1].split("?", 1)[0]


class Watched:
    """A database with the roles of docs/regional.md and a tripwire: every DDL statement that reaches the
    server, refused or not, advances a sequence (sequences ignore rollbacks)."""

    def __init__(self, postgresql: PostgreSQL, target: Target) -> None:
        n = next(_SUFFIX)
        self.owner, self.analyst = f"digigram_owner_r{n}", f"digigram_analyst_r{n}"
        self.postgresql, self.target, self.database = postgresql, target, _database(target)
        with postgresql.cluster.admin(self.database) as conn:
            for role in (self.owner, self.analyst):
                conn.execute(f"CREATE ROLE {role} LOGIN")
            conn.execute(f'ALTER DATABASE "{self.database}" OWNER TO {self.owner}')
            conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
            conn.execute(f"GRANT USAGE ON SCHEMA public TO {self.analyst}")
            conn.execute(f"GRANT ALL ON SCHEMA public TO {self.owner}")
            conn.execute("CREATE SCHEMA watch")
            conn.execute("CREATE SEQUENCE watch.ddl")
            conn.execute("CREATE FUNCTION watch.trip() RETURNS event_trigger LANGUAGE plpgsql "
                         "SECURITY DEFINER AS $$ BEGIN PERFORM nextval('watch.ddl'); END $$")
            conn.execute("CREATE EVENT TRIGGER tripwire ON ddl_command_start EXECUTE FUNCTION watch.trip()")

    def url(self, role: str) -> str:
        return _as(self.target.url, role)

    def grant_reading(self) -> None:
        """The analyst's GRANT of docs/regional.md, as the owner gives it once the tables are there."""
        with self.postgresql.cluster.admin(self.database) as conn:
            conn.execute(f"SET ROLE {self.owner}")
            conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {self.analyst}")

    def ddl_seen(self) -> int:
        with self.postgresql.cluster.admin(self.database) as conn:
            row = conn.execute("SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
                               "FROM watch.ddl").fetchone()
            return int(row[0]) if row else 0

    def revision(self) -> str | None:
        with self.postgresql.cluster.admin(self.database) as conn:
            found = conn.execute("SELECT to_regclass('public.alembic_version')").fetchone()
            if not found or found[0] is None:
                return None
            row = conn.execute("SELECT version_num FROM public.alembic_version").fetchone()
            return None if row is None else str(row[0])

    def tables(self) -> int:
        with self.postgresql.cluster.admin(self.database) as conn:
            row = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
            return int(row[0]) if row else 0


@pytest.fixture(autouse=True)
def _keep_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", sys.stdin)  # put back after the test, whatever _said_by set


@pytest.fixture
def watched(new_target: Callable[..., Target], postgresql: PostgreSQL) -> Iterator[Watched]:
    yield Watched(postgresql, new_target(migrated=False))


def _reads(tmp_path: Path, url: str) -> list[list[str]]:
    """Every command that only reads a --database, as a coordinator or an analyst would type it."""
    small = ["--framework", str(SMALL)]
    return [
        ["people", "--database", url, *small],
        ["report", "--database", url, *small, "--out", str(tmp_path / "programme.csv")],
        ["report", "--database", url, *small, "--out", str(tmp_path / "programme.pdf")],
        ["export", "--database", url, *small, "--person", "Олена Петренко"],
        ["bundle", "export", "--database", url, "--out", str(tmp_path / "hub.zip")],
        ["calibrate", "--database", url, *small, "--out", str(tmp_path / "new.yaml")],
    ]


def _said_by(command: list[str], lang: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    sys.stdin = io.StringIO("пароль\n")  # bundle export asks for the coordinator password first
    assert main([*command, "--lang", lang]) == 2, command
    said = capsys.readouterr()
    assert "Traceback" not in said.err + said.out
    return said.err


def _opened_by_the_app(url: str, tmp_path: Path) -> StorageError:
    """The desktop app's opening of --database (digigram.app.open_workspace), refused."""
    with pytest.raises(StorageError) as refused:
        app.open_workspace(Namespace(database=url, data_dir=tmp_path / "app-data"), backup_later=True)
    return refused.value


@POSTGRESQL_ONLY
def test_reading_an_empty_database_creates_no_table_and_says_who_sets_it_up(
        watched: Watched, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for role in (watched.owner, watched.analyst):
        url = watched.url(role)
        for command in _reads(tmp_path, url):
            err = _said_by(command, "uk", capsys)
            assert "ще немає таблиць Digigram" in err and "digigram migrate" in err, (role, command, err)
            assert "роллю власника" in err
            err = _said_by(command, "en", capsys)
            assert "has no Digigram tables yet" in err and "digigram migrate" in err and "owner role" in err
        refused = _opened_by_the_app(url, tmp_path)
        assert "has no Digigram tables yet" in refused.message("en")
        assert "ще немає таблиць Digigram" in refused.message("uk")
    assert watched.tables() == 0 and watched.revision() is None
    assert watched.ddl_seen() == 0  # not even a refused CREATE reached the server
    assert not any((tmp_path / name).exists() for name in ("programme.csv", "programme.pdf", "hub.zip",
                                                              "new.yaml"))


@POSTGRESQL_ONLY
def test_reading_an_older_database_leaves_it_as_it_was_and_the_owner_migrates_it(
        watched: Watched, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    older = migrate.known_revisions()[-2]
    migrate.upgrade(watched.url(watched.owner), to=older)
    watched.grant_reading()
    before = watched.ddl_seen()
    for role in (watched.owner, watched.analyst):
        for command in _reads(tmp_path, watched.url(role))[:2]:
            err = _said_by(command, "en", capsys)
            assert "older version of Digigram" in err and "digigram migrate" in err, (role, command, err)
            assert "старіша версія Digigram" in _said_by(command, "uk", capsys)
        assert "older version" in _opened_by_the_app(watched.url(role), tmp_path).message("en")
    assert watched.revision() == older and watched.ddl_seen() == before

    # The analyst cannot bring it up to date, and is told who can; the owner's `digigram migrate` does.
    err = _said_by(["migrate", "--database", watched.url(watched.analyst)], "en", capsys)
    assert "digigram migrate" in err and "owner role" in err
    assert watched.revision() == older
    assert main(["migrate", "--database", watched.url(watched.owner), "--lang", "en"]) == 0
    assert f"brought up to date (schema {migrate.head()})" in capsys.readouterr().out
    assert watched.revision() == migrate.head()


@POSTGRESQL_ONLY
def test_the_owner_sets_up_an_empty_database_with_digigram_migrate(
        watched: Watched, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["migrate", "--database", watched.url(watched.owner), "--lang", "uk"]) == 0
    said = capsys.readouterr().out
    assert f"таблиці Digigram створено (схема {migrate.head()})" in said and "GRANT" in said
    assert watched.revision() == migrate.head() and watched.tables() > 0
    assert main(["migrate", "--database", watched.url(watched.owner), "--lang", "en"]) == 0
    assert "is up to date" in capsys.readouterr().out
    watched.grant_reading()  # then the analyst reads it
    assert main(["people", "--database", watched.url(watched.analyst), "--framework", str(SMALL),
                 "--lang", "en"]) == 0
    assert "Nobody is stored yet." in capsys.readouterr().out


@POSTGRESQL_ONLY
def test_the_analyst_reads_a_database_that_lacks_this_frameworks_text(
        watched: Watched, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Opening stored the framework's text first (a write): an analyst's report, people list or window on a
    database no one had used with this framework version yet (just set up, or after an update of the
    framework) ended in "does not let this account change data" and showed nothing."""
    assert main(["migrate", "--database", watched.url(watched.owner)]) == 0
    watched.grant_reading()
    url = watched.url(watched.analyst)
    for command in (["people"], ["report", "--out", str(tmp_path / "programme.csv")]):
        capsys.readouterr()
        assert main([*command, "--database", url, "--framework", str(SMALL), "--lang", "en"]) == 0, command
        said = capsys.readouterr()
        assert "read-only role" not in said.err, command
    assert (tmp_path / "programme.csv").stat().st_size > 0
    ws = app.open_workspace(Namespace(database=url, data_dir=tmp_path / "app-data"))
    try:
        assert ws.people() == []
        with pytest.raises(StorageError) as refused:  # a write is still refused, in words
            ws.create_person("Нова людина")
        assert "read-only role" in refused.value.message("en")
    finally:
        ws.close()
    with watched.postgresql.cluster.admin(watched.database) as conn:
        for table in ("framework_snapshot", "person"):
            row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert row is not None and row[0] == 0, table
