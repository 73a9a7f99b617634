"""Schema migrations with Alembic, run from code; a database from a newer Digigram is refused.

Most starts find the database current, so the revision chain is read from the migration scripts'
text (no Alembic, no SQLAlchemy) and Alembic is imported only when a migration is due.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digigram.store.db import inspect_file, too_new

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"
VERSIONS = SCRIPT_LOCATION / "versions"
VERSION_TABLE = "alembic_version"  # Alembic's own name, in the default schema


def _config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def _constants(source: str, names: tuple[str, ...]) -> dict[str, Any]:
    """Module-level `name = literal` (or annotated) assignments of a migration script, without running it."""
    found: dict[str, Any] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in names:
            found[target.id] = ast.literal_eval(value)
    return found


def _revision_lines(source: str) -> dict[str, Any]:
    """The script's `revision` and `down_revision`, parsing only their lines (a whole script when needed).

    Parsing every script whole took a good part of the start's database check; these two names sit on
    one line each at the top of every script Alembic writes.
    """
    names = ("revision", "down_revision")
    lines = [line for line in source.splitlines() if line.startswith(names)]
    try:
        found = _constants("\n".join(lines), names)
    except (SyntaxError, ValueError):  # an assignment spread over lines: read the whole script
        found = {}
    return found if "revision" in found else _constants(source, names)


@cache
def known_revisions() -> tuple[str, ...]:
    """Every revision this version knows, oldest first, read from the scripts' `revision` lines."""
    parents: dict[str, str | None] = {}
    for script in sorted(VERSIONS.glob("*.py")):
        values = _revision_lines(script.read_text(encoding="utf-8"))
        if "revision" in values:
            down = values.get("down_revision")
            if isinstance(down, tuple | list):  # a merge point: Digigram's chain has none, Alembic decides
                return tuple(_alembic_revisions())
            parents[str(values["revision"])] = None if down is None else str(down)
    children: dict[str | None, str] = {parent: child for child, parent in parents.items()}
    if len(children) != len(parents):  # branches: let Alembic order them
        return tuple(_alembic_revisions())
    chain: list[str] = []
    step = children.get(None)
    while step is not None:
        chain.append(step)
        step = children.get(step)
    if len(chain) != len(parents):
        return tuple(_alembic_revisions())
    return tuple(chain)


def _alembic_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_config())
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]


def head() -> str:
    return known_revisions()[-1]


def current(connection: Connection) -> str | None:
    """The database's revision (None when it has none yet), read from Alembic's table with one query.

    Importing Alembic for this took 0.4 s of every start on a server; it is asked only when the table
    holds more than one row (branches, which Digigram's chain never makes), to say so as it would.
    """
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        from alembic.runtime.migration import MigrationContext

        revision: str | None = MigrationContext.configure(connection).get_current_revision()
        return revision
    return str(rows[0]) if rows else None


def check_known(revision: str | None, where: str) -> None:
    """Refuse a database whose revision this version does not know (a newer Digigram wrote it)."""
    if revision is not None and revision not in known_revisions():
        raise too_new(where, revision)


def file_needs_upgrade(path: Path, *, reading_only: bool = False) -> bool:
    """Check a database file (see db.inspect_file) and say whether a migration is due; reads only."""
    revision = inspect_file(path, reading_only=reading_only) if path.stat().st_size else None
    check_known(revision, str(path))
    return revision != head()


def needs_upgrade(engine: Engine, where: str) -> bool:
    with engine.connect() as conn:
        revision = current(conn)
    check_known(revision, where)
    return revision != head()


def upgrade(url: str, *, to: str = "head") -> None:
    """Bring the database at `url` to revision `to` in one transaction."""
    from alembic import command

    from digigram.store.db import WRITE, make_engine

    engine = make_engine(url, foreign_keys=False)
    try:
        config = _config()
        with engine.execution_options(**{WRITE: True}).begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, to)
    finally:
        engine.dispose()
