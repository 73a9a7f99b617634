"""Opening the store: check the file, back it up if it changed, migrate, then hand out sessions."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.core.files import touch_owner_only
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
    # Problems that did not stop the opening but deserve a word (no room for the start-up backup).
    notices: list[StorageError] = field(default_factory=list)

    def close(self) -> None:
        self.engine.dispose()


def _cannot_write(where: object, exc: Exception) -> StorageError:
    return StorageError(
        N_("Could not open the database {where}: {exc}. Check the folder is writable, the disk has free "
           "space and Digigram is not already open in another window.",
           where=where, exc=exc),
    )


def _read_only(where: Path) -> StorageError:
    return StorageError(
        N_("The data folder {where} can only be read, and Digigram needs to write answers there. The data "
           "in it is not damaged: ask the person who looks after this computer for write access to the "
           "folder (or choose another one with --data-dir).",
           where=where),
    )


def _check_writable(folder: Path, db_path: Path) -> None:
    """A read-only folder or file is said to be read-only, never "damaged": restoring would not help."""
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _read_only(folder)
    if db_path.exists() and not os.access(db_path, os.R_OK | os.W_OK):
        raise _read_only(db_path)


def startup_backup(db_path: Path, backup_dir: Path) -> StorageError | None:
    """The backup made at each start when the data changed; no room for it is a notice, not a stop.

    Returns the notice to show (or None). The newest earlier backup is kept whatever happens.
    """
    if not db_path.exists() or not db_path.stat().st_size:
        return None
    try:
        backup.make_backup(db_path, backup_dir, reason="start")
    except backup.NoRoomForBackup as exc:
        return exc
    return None


def open_store(*, data_dir: Path | None = None, database_url: str | None = None) -> Store:
    """Open (creating or migrating as needed) the database in `data_dir` or at `database_url`."""
    if database_url:
        return _open_url(database_url)
    folder = data_dir if data_dir is not None else paths.data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if folder.is_dir():
            raise _read_only(folder) from exc
        raise _cannot_write(folder, exc) from exc
    db_path = paths.database_path(folder)
    backups = paths.backup_dir(folder)
    url = sqlite_url(db_path)
    _check_writable(folder, db_path)
    notices: list[StorageError] = []
    if db_path.exists():
        if db_path.stat().st_size == 0 and backup.list_backups(backups):
            # An empty file where backups exist is a lost database, not a new one.
            inspect_file(db_path)
        revision = inspect_file(db_path) if db_path.stat().st_size else None
        migrate.check_known(revision, str(db_path))
        # The backup comes before any migration, so that an upgrade can always be undone.
        notice = startup_backup(db_path, backups)
        if notice is not None:
            if revision != migrate.head():
                raise notice  # an upgrade without a backup could not be undone
            notices.append(notice)
        if revision != migrate.head():
            _upgrade(url, db_path)
    else:
        touch_owner_only(db_path)  # SQLite keeps this mode for the database and its -wal/-shm files
        _upgrade(url, db_path)
    engine = make_engine(url)
    return Store(engine, make_sessions(engine), url, db_path, backups, notices)


def _upgrade(url: str, db_path: Path) -> None:
    try:
        migrate.upgrade(url)
    except OperationalError as exc:
        raise _cannot_write(db_path, exc) from exc


def _open_url(url: str) -> Store:
    try:
        engine = make_engine(url)
        if migrate.needs_upgrade(engine, url):
            migrate.upgrade(url)
    except OperationalError as exc:
        raise _cannot_write(url, exc) from exc
    return Store(engine, make_sessions(engine), url, None, None)
