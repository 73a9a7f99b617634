"""The database's revision is read with one query, as Alembic reads it, and a current server database opens
without importing Alembic."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.util import CommandError
from sqlalchemy import text

from digigram.store import migrate
from digigram.store.startup import open_store
from tests.conftest import Target

ROOT = Path(__file__).resolve().parents[2]


def _alembic_says(conn: object) -> str | None:
    revision: str | None = MigrationContext.configure(conn).get_current_revision()  # type: ignore[arg-type]
    return revision


def test_the_revision_is_alembics_at_the_head_at_an_earlier_one_and_on_an_empty_database(
        new_target: Callable[..., Target]) -> None:
    target = new_target(migrated=False)
    engine = target.engine()
    try:
        with engine.connect() as conn:  # nothing yet: no table at all
            assert migrate.current(conn) is None and _alembic_says(conn) is None
        open_store(**target.open_kwargs()).close()
        with engine.connect() as conn:
            assert migrate.current(conn) == _alembic_says(conn) == migrate.head()
        earlier = migrate.known_revisions()[-2]
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": earlier})
        with engine.connect() as conn:
            assert migrate.current(conn) == _alembic_says(conn) == earlier
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM alembic_version"))
        with engine.connect() as conn:  # the table, empty (as after a downgrade to base)
            assert migrate.current(conn) is None and _alembic_says(conn) is None
    finally:
        engine.dispose()


def test_two_revisions_at_once_are_refused_as_alembic_refuses_them(target: Target) -> None:
    open_store(**target.open_kwargs()).close()
    engine = target.engine()
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO alembic_version VALUES (:r)"), {"r": migrate.known_revisions()[0]})
        with engine.connect() as conn, pytest.raises(CommandError, match="more than one head"):
            migrate.current(conn)
    finally:
        engine.dispose()


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_a_current_server_database_opens_without_importing_alembic(target: Target) -> None:
    code = (
        "import sys\n"
        "from digigram.store.startup import open_store\n"
        f"open_store(database_url={target.url!r}).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"
