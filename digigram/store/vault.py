"""Secrets and lockout counters kept where `digigram restore` cannot reach: a small file beside the database.

A restore replaces the database file with an older copy; the coordinator password and the counts of
wrong PINs and passwords must not travel back in time with it. On a data folder they live in their own
owner-only SQLite file (atomic, and safe for several processes at once). A database named by URL has no
folder and no restore command, so there they stay in the database's settings table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.errors import StorageError
from digigram.core.files import touch_owner_only
from digigram.core.i18n import N_
from digigram.store.db import transaction, write_refused
from digigram.store.repo import settings as setting_rows

VAULT_NAME = "digigram-secrets.sqlite3"
Change = Callable[[Any], Any]  # old value (None when absent) -> new value (None deletes the key)


class Vault(Protocol):
    def get(self, key: str) -> Any: ...
    def update(self, key: str, change: Change) -> Any:
        """Read, change and write one key in a single write transaction; returns the new value."""
        ...


def _unusable(path: Path, exc: Exception) -> StorageError:
    return StorageError(
        N_("Could not read or write the password file {path} ({exc}). Check access to the data folder.",
           path=path, exc=exc),
    )


class FileVault:
    """Key → JSON value in an owner-only SQLite file; every update takes the write lock up front."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        try:
            touch_owner_only(self.path)
            # isolation_level=None: this code says BEGIN IMMEDIATE itself, so that two processes
            # counting a wrong guess at the same time both wait for the lock and both are counted.
            con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            con.execute("PRAGMA synchronous=FULL")
            con.execute("CREATE TABLE IF NOT EXISTS secret (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
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
