"""Engine and sessions with durable SQLite pragmas, and the checks made before a database file is used."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from digigram.core.errors import StorageError

SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine; on SQLite every connection gets WAL, synchronous=FULL and real transactions.

    `foreign_keys=False` is for migrations only: SQLite's batch ALTER recreates tables, and dropping the
    old copy with foreign keys on would cascade-delete the rows that refer to it.
    """
    engine = create_engine(url)
    if engine.dialect.name != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling skips BEGIN before DDL; take it over so that a
        # migration or a write is all-or-nothing.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back if it raises.

    A write the server refuses to this role (a read-only analyst) becomes a plain StorageError.
    """
    try:
        with sessions() as session, session.begin():
            yield session
    except DBAPIError as exc:
        if write_refused(exc):
            raise refused_write() from exc
        raise


# SQLSTATE 42501 insufficient_privilege, 25006 read_only_sql_transaction (a hot standby or a read-only
# default_transaction_read_only role).
_REFUSED = {"42501", "25006"}


def write_refused(exc: BaseException) -> bool:
    """Whether a database error means this connection may not write (not that something went wrong)."""
    original = getattr(exc, "orig", exc)
    return getattr(original, "sqlstate", None) in _REFUSED


def refused_write() -> StorageError:
    return StorageError(
        uk="База даних не дозволяє цьому обліковому запису змінювати дані (роль лише для читання). "
        "Нічого не змінено. Переглядати й складати звіти можна; щоб додавати дані, увійдіть роллю, "
        "якій дозволено запис.",
        en="The database does not let this account change data (a read-only role). Nothing was "
        "changed. Viewing and reports work; to add data, connect with a role that may write.",
    )


def _damaged(path: Path, detail: str) -> StorageError:
    return StorageError(
        uk=f"Файл бази даних {path} пошкоджений або не є базою даних Digigram ({detail}). "
        "Його не змінено. Щоб повернути дані з резервної копії, виконайте `digigram restore`.",
        en=f"The database file {path} is damaged or is not a Digigram database ({detail}). "
        "It has not been changed. To bring your data back from a backup, run `digigram restore`.",
    )


def too_new(where: str, revision: str) -> StorageError:
    return StorageError(
        uk=f"Базу даних {where} записала новіша версія Digigram (схема {revision}). Ця версія її не "
        "змінюватиме: встановіть новішу версію Digigram або оберіть іншу теку даних (--data-dir).",
        en=f"The database {where} was written by a newer version of Digigram (schema {revision}). "
        "This version will not change it: install a newer Digigram or choose another data folder "
        "(--data-dir).",
    )


def _header_size_ok(path: Path, header: bytes) -> bool:
    """False when the header promises more pages than the file holds (a cut-off copy)."""
    if len(header) < 100:
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter = header[24:28]
    n_pages = int.from_bytes(header[28:32], "big")
    # The in-header size is only trusted when written by a SQLite that keeps it valid.
    if header[92:96] != change_counter or n_pages == 0:
        return True
    return path.stat().st_size >= n_pages * page_size


def inspect_file(path: Path) -> str | None:
    """Check a database file without changing it; returns its schema revision (None if it has none).

    Raises StorageError for anything that is not a sound SQLite database.
    """
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise _damaged(path, "no SQLite header")
    if not _header_size_ok(path, header):
        raise _damaged(path, "the file is shorter than its header says")
    try:
        # Read-only, so that an unknown or damaged file is never checkpointed or rewritten.
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                raise _damaged(path, "; ".join(str(r[0]) for r in rows[:3]))
            has_version = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_version:
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from exc
