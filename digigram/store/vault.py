"""Secrets and lockout counters kept where `digigram restore` cannot reach: a small file beside the database.

A restore replaces the database file with an older copy; the coordinator password and the counts of
wrong PINs and passwords must not travel back in time with it. On a data folder they live in their own
owner-only SQLite file (atomic, and safe for several processes at once). A database named by URL has no
folder and no restore command, so there they stay in the database's settings table.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.errors import StorageError
from digigram.core.files import touch_owner_only
from digigram.core.i18n import N_
from digigram.store.db import os_refused, transaction, write_refused
from digigram.store.repo import settings as setting_rows

VAULT_NAME = "digigram-secrets.sqlite3"
Change = Callable[[Any], Any]  # old value (None when absent) -> new value (None deletes the key)


class Vault(Protocol):
    def get(self, key: str) -> Any: ...
    def update(self, key: str, change: Change) -> Any:
        """Read, change and write one key in a single write transaction; returns the new value."""
        ...


# SQLite's result codes for a damaged file (SQLITE_CORRUPT) and a file that is no database (SQLITE_NOTADB).
_DAMAGED_CODES = frozenset({11, 26})


def _unusable(path: Path, exc: Exception) -> StorageError:
    if isinstance(exc, sqlite3.Error) and (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF in _DAMAGED_CODES:
        return _damaged(path)
    if isinstance(exc, OSError) and (refused := os_refused(exc)) is not None:
        return refused  # the file could not be made: a write-protected folder or a full disk
    return StorageError(
        N_("Could not read or write the password file {path} ({exc}). Check access to the data folder.",
           path=path, exc=exc),
    )


def _damaged(path: Path) -> StorageError:
    """A password file that is empty or not a sound SQLite file. Digigram never leaves one empty (it is
    made whole beside its place first), so it was damaged or emptied: it is never taken for "no password
    set yet", which would let whoever stands at the PC choose a new coordinator password."""
    return StorageError(
        N_("The password file {path} is damaged (it is empty or not a database), so the coordinator "
           "password and the counts of wrong tries kept in it cannot be read. Nothing has been changed. Put "
           "the file back from a copy if there is one; otherwise whoever looks after this computer may "
           "delete it, after which a new coordinator password can be set.", path=path),
    )


def _create(path: Path) -> None:
    """Make the password file whole (its table in it) under another name, then link it into place: a
    file of this name is never empty, and two processes making it at once keep the first one's."""
    part = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(8).hex()}.part")
    try:
        touch_owner_only(part)  # SQLite keeps the mode of the file it is given
        con = sqlite3.connect(part, isolation_level=None)
        try:
            con.execute("PRAGMA synchronous=FULL")
            con.execute(_TABLE)
        finally:
            con.close()
        try:
            os.link(part, path)
        except FileExistsError:
            pass  # another process made it meanwhile: theirs is used
        except OSError:  # a file system without links (FAT): renamed, which Windows never lets replace
            if not path.exists():
                os.rename(part, path)
    finally:
        part.unlink(missing_ok=True)


_TABLE = "CREATE TABLE IF NOT EXISTS secret (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


class FileVault:
    """Key → JSON value in an owner-only SQLite file; every update takes the write lock up front."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        try:
            if not self.path.exists():
                _create(self.path)
            if self.path.stat().st_size == 0:
                raise _damaged(self.path)
            # isolation_level=None: this code says BEGIN IMMEDIATE itself, so that two processes
            # counting a wrong guess at the same time both wait for the lock and both are counted.
            con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise _unusable(self.path, exc) from exc
        try:
            con.execute("PRAGMA synchronous=FULL")
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a file that is no database
            con.execute(_TABLE)
        except sqlite3.Error as exc:
            con.close()
            raise _unusable(self.path, exc) from exc
        return con

    def get(self, key: str) -> Any:
        if not self.path.exists():  # nothing stored yet; reading must not create files
            return None
        con = self._connect()
        try:
            row = con.execute("SELECT value FROM secret WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise _unusable(self.path, exc) from exc
        finally:
            con.close()
        return None if row is None else json.loads(row[0])

    def update(self, key: str, change: Change) -> Any:
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                row = con.execute("SELECT value FROM secret WHERE key = ?", (key,)).fetchone()
                new = change(None if row is None else json.loads(row[0]))
                if new is None:
                    con.execute("DELETE FROM secret WHERE key = ?", (key,))
                else:
                    con.execute("INSERT OR REPLACE INTO secret (key, value) VALUES (?, ?)",
                                (key, json.dumps(new, ensure_ascii=False)))
            except BaseException:
                if con.in_transaction:  # SQLite ends it itself on a full disk: "cannot rollback" hid why
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except sqlite3.Error as exc:
            # A write-protected folder or a full disk is said as any refused write is (and a password
            # check on a read-only copy goes on without counting the try, as for a read-only account).
            refused = write_refused(exc)
            if refused is not None:
                raise refused from exc
            raise _unusable(self.path, exc) from exc
        finally:
            con.close()
        return new


class SettingsVault:
    """The same keys in the database's settings table (databases named by URL)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def get(self, key: str) -> Any:
        with self._sessions() as session:
            found, value = setting_rows.get_setting(session, key)
        return value if found else None

    def update(self, key: str, change: Change) -> Any:
        with transaction(self._sessions) as session:
            _, old = setting_rows.get_setting(session, key)
            new = change(old)
            if new is None:
                setting_rows.delete_setting(session, key)
            else:
                setting_rows.set_setting(session, key, new)
        return new


def vault_for(sessions: sessionmaker[Session], db_path: Path | None) -> Vault:
    return SettingsVault(sessions) if db_path is None else FileVault(db_path.with_name(VAULT_NAME))


def _keep_newer(stored: Any) -> Change:
    return lambda old: stored if old is None else old


def take_over_settings(vault: Vault, sessions: sessionmaker[Session], keys: tuple[str, ...]) -> None:
    """Move `keys` out of the settings table into the vault (kept there when the vault has them already).

    Runs at every opening: after a restore has brought back settings rows from an older copy, the
    vault's newer values win and the old rows are removed.
    """
    if isinstance(vault, SettingsVault):
        return
    with sessions() as session:
        found = {k: v for k in keys for ok, v in [setting_rows.get_setting(session, k)] if ok}
    if not found:
        return
    for key, value in found.items():
        vault.update(key, _keep_newer(value))
    with transaction(sessions) as session:
        for key in found:
            setting_rows.delete_setting(session, key)
