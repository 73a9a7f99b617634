"""Opening the store: check the file, back it up if it changed, migrate, then hand out sessions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.core.i18n import N_
from digigram.store import backup, migrate
from digigram.store.db import inspect_file, make_engine, make_sessions, sqlite_url


@dataclass
class Store:
    engine: Engine
    sessions: sessionmaker[Session]
    url: str
    db_path: Path | None  # None when --database names a non-file database
    backup_dir: Path | None

    def close(self) -> None:
        self.engine.dispose()


def _cannot_write(where: object, exc: Exception) -> StorageError:
    return StorageError(
        N_("Could not open the database {where}: {exc}. Check the folder is writable, the disk has free "
           "space and Digigram is not already open in another window.",
           where=where, exc=exc),
    )


def open_store(*, data_dir: Path | None = None, database_url: str | None = None) -> Store:
    """Open (creating or migrating as needed) the database in `data_dir` or at `database_url`."""
    if database_url:
        return _open_url(database_url)
    folder = data_dir if data_dir is not None else paths.data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(folder, exc) from exc
    db_path = paths.database_path(folder)
    backups = paths.backup_dir(folder)
    url = sqlite_url(db_path)
    if db_path.exists():
        if db_path.stat().st_size == 0 and backup.list_backups(backups):
            # An empty file where backups exist is a lost database, not a new one.
            inspect_file(db_path)
        revision = inspect_file(db_path) if db_path.stat().st_size else None
        migrate.check_known(revision, str(db_path))
        if db_path.stat().st_size:
            backup.make_backup(db_path, backups, reason="start")
        if revision != migrate.head():
            try:
                migrate.upgrade(url)
            except OperationalError as exc:
                raise _cannot_write(db_path, exc) from exc
    else:
        try:
            migrate.upgrade(url)
        except OperationalError as exc:
            raise _cannot_write(db_path, exc) from exc
    engine = make_engine(url)
    return Store(engine, make_sessions(engine), url, db_path, backups)


def _open_url(url: str) -> Store:
    try:
        engine = make_engine(url)
        if migrate.needs_upgrade(engine, url):
            migrate.upgrade(url)
    except OperationalError as exc:
        raise _cannot_write(url, exc) from exc
    return Store(engine, make_sessions(engine), url, None, None)
