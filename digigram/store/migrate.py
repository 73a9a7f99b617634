"""Schema migrations with Alembic, run from code; a database from a newer Digigram is refused."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from digigram.store.db import WRITE, make_engine, too_new

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head() -> str:
    result = _scripts().get_current_head()
    assert result is not None
    return str(result)


def known_revisions() -> list[str]:
    """Every revision this version knows, oldest first."""
    return [s.revision for s in reversed(list(_scripts().walk_revisions()))]


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def check_known(revision: str | None, where: str) -> None:
    """Refuse a database whose revision this version does not know (a newer Digigram wrote it)."""
    if revision is not None and revision not in known_revisions():
        raise too_new(where, revision)


def needs_upgrade(engine: Engine, where: str) -> bool:
    with engine.connect() as conn:
        revision = current(conn)
    check_known(revision, where)
    return revision != head()


def upgrade(url: str, *, to: str = "head") -> None:
    """Bring the database at `url` to revision `to` in one transaction."""
    engine = make_engine(url, foreign_keys=False)
    try:
        config = _config()
        with engine.execution_options(**{WRITE: True}).begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, to)
    finally:
        engine.dispose()
