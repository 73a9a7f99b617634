"""Engine and sessions with durable SQLite pragmas, and the checks made before a database file is used."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digigram.core.errors import Cancelled, DamagedDatabase, StorageError, refusal_kind
from digigram.core.i18n import N_, NP_, Message

if TYPE_CHECKING:  # SQLAlchemy loads on first use, so checking a file at start does not pay for it
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_HEADER = b"SQLite format 3\x00"
# An execution option the write transactions set: their BEGIN takes the write lock at once.
WRITE = "digigram_write"
BUSY_TIMEOUT_MS = 5000
# SQLite's own default: a commit that leaves the WAL over this many pages copies it into the database file.
AUTOCHECKPOINT_PAGES = 1000
# Set on a pooled connection's record while its transaction's commit leaves the WAL for later
# (`defer_checkpoint`); its setting is put back as the pool takes it back.
_DEFERRED = "digigram_checkpoint_deferred"
# How long a PostgreSQL server may take to answer a connection, in seconds, unless the address (or
# PGCONNECT_TIMEOUT) says otherwise. Without it the driver waited over two minutes for a server that
# accepted the connection and never answered.
CONNECT_TIMEOUT = 10
# TCP keepalives and an unacknowledged-data limit: a server that vanishes mid-sync (a dropped network,
# not a closed connection) is noticed in about a minute, not after the system's quarter of an hour.
# An address that sets any of these keeps its own.
POSTGRESQL_LINK = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
                   "tcp_user_timeout": 60_000}


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def read_only_uri(path: Path) -> str:
    """A URI that opens `path` read-only; built by pathlib so that `#`, `%` or `?` in a folder name
    are escaped instead of starting the query or fragment part of the URI."""
    return path.resolve().as_uri() + "?mode=ro"


# SQLite's primary result codes for a file it could not open (SQLITE_CANTOPEN) or a failed read or write
# of the disk (SQLITE_IOERR): a read-only connection to a WAL database meets them when the folder cannot be
# written or the disk is full, for want of its -shm file.
_CANTOPEN, _IOERR = 14, 10


def connect_read_only(path: Path, *, timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    """A connection that only reads `path`, also where SQLite cannot make or grow the WAL's index file
    beside it: a folder that can only be read (a write-protected stick, a backup copy) or a full disk.

    It is an ordinary read-only connection wherever that opens. Where it does not: with no WAL to read
    (none, or empty) the file alone holds every commit, so it is opened as immutable; with one, the WAL's
    index is kept in this process's memory (exclusive locking on a VFS without locks), which needs no
    file. Neither changes any file.
    """
    first: sqlite3.Error = sqlite3.OperationalError("disk I/O error")
    # A WAL index beside the file: another connection (the desktop app) may be writing. Only an ordinary
    # connection takes part in its locks; one without them, below, could read pages the writer moves
    # under it and give wrong figures without a word. So there it is the ordinary one or none, unless the
    # folder cannot be written at all (then nothing else can be writing there either).
    shared = path.with_name(path.name + "-shm").exists()
    # On a full disk SQLite would leave a cut-off -shm file behind as it failed to make one: not tried
    # there unless the file is there already.
    if shared or not _no_room(path):
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=timeout, check_same_thread=False)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the WAL and its index
            return con
        except sqlite3.OperationalError as exc:
            con.close()
            if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF not in (_CANTOPEN, _IOERR):
                raise
            if shared and os.access(path.parent, os.W_OK):
                raise
            first = exc
    wal = path.with_name(path.name + "-wal")
    try:
        has_wal = wal.stat().st_size > 0
    except OSError:
        has_wal = False
    if not has_wal:
        return sqlite3.connect(read_only_uri(path) + "&immutable=1", uri=True, timeout=timeout,
                               check_same_thread=False)
    vfs = "win32-none" if sys.platform == "win32" else "unix-none"
    con = sqlite3.connect(f"{read_only_uri(path)}&vfs={vfs}", uri=True, timeout=timeout,
                          check_same_thread=False)
    try:
        con.execute("PRAGMA locking_mode=EXCLUSIVE")  # before the first read: the WAL index in memory
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        con.close()
        raise first from None
    return con


class WriteRefused(StorageError):
    """A write the database refused for a reason outside Digigram: busy, full, read-only or failing.

    `reason` is "busy", "full", "read-only", "failed" or "role" (a PostgreSQL account that may only
    read, such as an analyst). Nothing of the refused write is stored; everything committed before it
    (the answers so far) is.
    """

    def __init__(self, text: Message, /, *, reason: str) -> None:
        super().__init__(text)
        self.reason = reason


_SAVED = N_("Everything saved before this (your answers so far included) is safe.")
_WORDS = {
    "busy": N_("The database is busy: another program or Digigram window is writing to it. "
               "Please try again in a minute."),
    "full": N_("The disk is full, so the last action was not saved. Free some disk space and try again."),
    "read-only": N_("The database can only be read (the folder or disk is write-protected), so the last "
                    "action was not saved. Ask the person who looks after this computer for write access."),
    "failed": N_("The disk could not write the data, so the last action was not saved. Try again; if it "
                 "happens again, have the disk checked."),
}
_ROLE = N_("The database does not let this account change data (a read-only role). Nothing was changed. "
           "Viewing and reports work; to add data, connect with a role that may write.")
# SQLSTATE 42501 insufficient_privilege, 25006 read_only_sql_transaction (a hot standby or a read-only
# default_transaction_read_only role).
REFUSED_SQLSTATES = frozenset({"42501", "25006"})


class ConnectionLost(StorageError):
    """The server ended a connection that had worked (stopped, restarted, the network dropped) and no new
    one could be made. The transaction under way was rolled back by the server; what was committed stays."""


_LOST = N_("The connection to the database server was lost (the server was stopped or restarted, or the "
           "network dropped), so the last action was not done; what was saved before is kept. Check that "
           "the server is running and this computer is on the network, then try again.")


def _reason(exc: BaseException) -> str | None:
    """Which outside cause an error from the database driver stands for; None for a bug in Digigram."""
    original = getattr(exc, "orig", exc)  # SQLAlchemy's wrapper, or the driver's own error
    if getattr(original, "sqlstate", None) in REFUSED_SQLSTATES:
        return "role"
    name = str(getattr(original, "sqlite_errorname", ""))
    text = str(original).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return "busy"
    if name.startswith("SQLITE_FULL") or "disk is full" in text or "no space" in text:
        return "full"
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return "read-only"
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return "failed"
    return None


def role_refused() -> WriteRefused:
    """What a write refused by the account's role says, for a refusal found before writing."""
    return WriteRefused(_ROLE, reason="role")


def write_refused(exc: BaseException) -> WriteRefused | None:
    reason = _reason(exc)
    if reason is None:
        return None
    if reason == "role":
        return role_refused()
    return WriteRefused(N_("{problem} {saved}", problem=_WORDS[reason], saved=_SAVED), reason=reason)


def connection_lost(exc: BaseException, lost: type[BaseException]) -> bool:
    """Whether a database error is the connection dropping (the server stopped or restarted, the network
    cut): the driver's OperationalError `lost`, raised bare or wrapped by SQLAlchemy, of a connection that
    ended (_dropped: not a timeout or a full disk, OperationalErrors too). Whatever was being
    written is rolled back by the server, so the database is as it was. ConnectionLost (the engine's own
    word for it, once a connection had worked) is one too."""
    if isinstance(exc, ConnectionLost):
        return True
    error = exc if isinstance(exc, lost) else getattr(exc, "orig", None)
    return isinstance(error, lost) and _dropped(error)


def os_refused(exc: OSError) -> WriteRefused | None:
    """A file the system would not write, said as write_refused says it: a full disk or a write-protected
    folder; None for any other failure."""
    reason = refusal_kind(exc)
    if reason is None:
        return None
    return WriteRefused(N_("{problem} {saved}", problem=_WORDS[reason], saved=_SAVED), reason=reason)


def _connect_args(url: str) -> dict[str, Any]:
    """PostgreSQL's connection limits (CONNECT_TIMEOUT, POSTGRESQL_LINK) where the address sets none, and
    UTF8 on the wire."""
    import os

    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return {}
    given = set(parsed.query)
    args: dict[str, Any] = {k: v for k, v in POSTGRESQL_LINK.items() if k not in given}
    if "connect_timeout" not in given and not os.environ.get("PGCONNECT_TIMEOUT"):
        args["connect_timeout"] = CONNECT_TIMEOUT
    # Text travels as UTF8 whatever PGCLIENTENCODING says, so it comes back as text even from a database
    # in another encoding, which opening then refuses in words (startup._refuse_encoding).
    args["client_encoding"] = "utf8"
    return args


def make_engine(url: str, *, foreign_keys: bool = True, read_only: Path | None = None) -> Engine:
    """An engine; on SQLite every connection gets WAL, synchronous=FULL and real transactions.

    `foreign_keys=False` is for migrations only: SQLite's batch ALTER recreates tables, and dropping the
    old copy with foreign keys on would cascade-delete the rows that refer to it. `read_only`, the
    database file of an SQLite `url`: every connection only reads it (connect_read_only), for commands
    that only read, which then work on a folder that cannot be written or a full disk.
    """
    # hide_parameters: a failed statement's message (and so any crash log) must not carry names,
    # hubs or PIN hashes.
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    extra: dict[str, Any] = {}
    if read_only is not None:
        extra["creator"] = lambda: connect_read_only(read_only)
    if not url.startswith("sqlite"):
        # A server restarted (or a connection cut by the network) while the window is open leaves dead
        # connections in the pool: each is checked as it is taken, and a dead one is replaced, so the
        # next click works instead of failing with "the connection is lost". One round trip per use.
        extra["pool_pre_ping"] = True
    try:
        engine = create_engine(url, hide_parameters=True, connect_args=_connect_args(url), **extra)
    except (ArgumentError, NoSuchModuleError):
        # "nonsense" or psql's "postgres://…": not an address SQLAlchemy reads. It is not repeated: it
        # may carry a password.
        raise StorageError(N_(
            "The database address is not one Digigram can read. Write it as "
            "postgresql+psycopg://USER@HOST/DATABASE (a regional PostgreSQL database, see "
            "docs/regional.md) or sqlite:///PATH/TO/FILE.")) from None
    except ImportError as exc:
        # A PostgreSQL address on an install without the `server` extra, such as the library PCs'
        # installer, which leaves the regional tier's driver out. The address is not repeated: it may
        # carry a password.
        raise StorageError(N_(
            "This copy of Digigram has no driver for that database ({driver} is not installed). The "
            "regional PostgreSQL database is opened from a coordinator's PC, where Digigram is installed "
            "with the server extra: pip install \"digigram[server]\".",
            driver=exc.name or str(exc))) from None
    if engine.dialect.name == "postgresql":
        from digigram.store.models import postgresql_options

        postgresql_options()  # the dialect is loaded now, so the tables' PostgreSQL options cost nothing
    if engine.dialect.name != "sqlite":
        _say_when_lost(engine)
        return engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling skips BEGIN before DDL; take it over so that a
        # migration or a write is all-or-nothing.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if read_only is not None:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection: Any, record: Any) -> None:
        if record.info.pop(_DEFERRED, False) and dbapi_connection is not None:
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A write takes the write lock at BEGIN: a plain BEGIN would read first and then ask to
        # upgrade, which SQLite refuses at once when another writer holds the lock (the busy
        # timeout does not apply to the upgrade). Reads stay deferred, so they never wait.
        write = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _say_when_lost(engine: Engine) -> None:
    """Once a server's connection has worked, losing it (and failing to make a new one) is ConnectionLost,
    in words, instead of the driver's error and a crash dialog. The first connection's failure is left to
    the start, which says what the address or the server got wrong."""
    from sqlalchemy import event

    worked: list[bool] = []
    lost_kind = engine.dialect.loaded_dbapi.OperationalError

    @event.listens_for(engine, "connect")
    def _connected(_dbapi_connection: Any, _record: Any) -> None:
        if not worked:
            worked.append(True)

    @event.listens_for(engine, "handle_error")
    def _lost(context: Any) -> None:
        if context.is_pre_ping or not worked:  # pre-ping: a dead connection found, the pool makes another
            return
        original = context.original_exception
        if context.is_disconnect or (isinstance(original, lost_kind) and _dropped(original)):
            raise ConnectionLost(_LOST)


# SQLSTATEs of a connection that ended: class 08 (connection exception) and the server shutting down.
_ENDED = ("08", "57P01", "57P02", "57P03")


def _dropped(error: BaseException) -> bool:
    """The driver's OperationalError is a dropped connection, not a full disk, a timeout or a deadlock
    (all OperationalErrors too): it carries no SQLSTATE (a new connection that could not be made) or one
    of a connection that ended."""
    state = getattr(error, "sqlstate", None)
    return state is None or str(state).startswith(_ENDED)


def defer_checkpoint(session: Session) -> None:
    """On SQLite: the commit of the session's transaction leaves its WAL to be copied into the database
    file later (`checkpoint`, from Store.checkpoint_soon) instead of at once.

    A region's bundle writes close to a gigabyte in one transaction; SQLite's own checkpoint at its
    commit then took over 4 s more, while the coordinator's window stood still. What is committed is in the
    WAL, durable and read by every connection, whether or not it has been copied yet.
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        conn.connection.info[_DEFERRED] = True


_RUNNING: set[threading.Thread] = set()  # checkpoints started by checkpoint_in_background, until joined


def checkpoint_in_background(path: Path) -> threading.Thread:
    """`checkpoint(path)` on a thread of its own, started and returned."""
    def run() -> None:
        try:
            checkpoint(path)
        finally:
            _RUNNING.discard(thread)

    thread = threading.Thread(target=run, name="digigram-checkpoint")
    _RUNNING.add(thread)
    thread.start()
    return thread


def settle_checkpoints() -> None:
    """Once every checkpoint started in the background has ended: a fork (an import's recompute) is safe
    only with this process's other threads idle."""
    for thread in list(_RUNNING):
        thread.join()
        _RUNNING.discard(thread)


def checkpoint(path: Path) -> None:
    """Copy what the WAL of the SQLite database at `path` holds into the database file, waiting for no
    reader or writer (PASSIVE: whatever a reader still needs stays for the next checkpoint). Best effort:
    a checkpoint that fails leaves the WAL as it was, and SQLite copies it at a later commit or close.
    A file that is not there (moved aside meanwhile) is not made."""
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        pass


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work that writes: committed when the block ends, rolled back if it raises.

    It waits (up to the busy timeout) for another writer to finish rather than failing; a database
    that is busy for longer, full, read-only or failing raises WriteRefused with plain words.
    """
    from sqlalchemy.exc import DBAPIError

    try:
        with sessions() as session, session.begin():
            session.connection(execution_options={WRITE: True})
            yield session
    except DBAPIError as exc:
        refused = write_refused(exc)
        if refused is None:
            raise
        raise refused from exc


def _damaged(path: Path, detail: str | Message) -> DamagedDatabase:
    return DamagedDatabase(
        N_("The database file {path} is damaged or is not a Digigram database ({detail}). It has not been "
           "changed.", path=path, detail=detail),
    )


def too_new(where: str, revision: str) -> StorageError:
    """A database a newer Digigram wrote: at the start (the data folder, --database) or as a sync's
    regional database. The app names no option: the newer Digigram, or whoever installs it."""
    return StorageError(
        N_("The database {where} was written by a newer version of Digigram (schema {revision}). This "
           "version will not change it: install a newer Digigram or choose another data folder "
           "(--data-dir).",
           where=where, revision=revision),
        in_app=N_("The database {where} was written by a newer version of Digigram (schema {revision}). This "
                  "version will not change it: use the newer Digigram it was written with, or ask the "
                  "person who set up this computer to install that version.",
                  where=where, revision=revision),
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


def _read_ahead(path: Path, cancelled: Callable[[], bool] | None = None) -> None:
    """Read the file from start to end once, so that the check that follows finds it in memory.

    PRAGMA quick_check visits pages in tree order, which on a file read from disk is a jump for almost
    every page; one pass in file order first is what the disk does well. On a region-sized database
    (928 MiB, cold) the check took 9-10 s alone and 2.5-2.8 s after this pass (benchmarks/large_database.py).
    The bytes are read into one small buffer and not kept.
    """
    buffer = bytearray(1 << 20)
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            with part.open("rb", buffering=0) as handle:
                while handle.readinto(buffer):
                    if cancelled is not None and cancelled():
                        raise Cancelled(STOPPED)
        except OSError:
            return  # only a shortcut: the check itself reports what cannot be read


STOPPED = N_("Stopped. Nothing was changed.")
_STEPS_BETWEEN_ASKS = 100_000  # SQLite's virtual machine steps: a few milliseconds apart

# SQLite's result codes for a file that is damaged (SQLITE_CORRUPT) or is no database (SQLITE_NOTADB).
_NOT_SOUND = frozenset({11, 26})
# What SQLite says of a file it cannot read, in the reader's words; anything else is quoted as it is.
SQLITE_SAYS: dict[str, str | Message] = {
    "file is not a database": N_("it is not an SQLite database, or it is encrypted"),
    "database disk image is malformed": N_("parts of the file are damaged"),
    "database is locked": N_("another program is using it"),
    "disk I/O error": N_("the disk could not be read or written"),
    "unable to open database file": N_("the file could not be opened"),
    "attempt to write a readonly database": N_("the file can only be read"),
    "database or disk is full": N_("the disk is full"),  # a first start on a full disk, among others
}
# Free space below this on the data folder's disk counts as none: SQLite needs room for its -wal and
# -shm files before it reads a WAL database at all.
_NO_ROOM_BYTES = 1 << 20


def _no_room(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < _NO_ROOM_BYTES
    except OSError:
        return False


def _check_found(rows: list[tuple[Any, ...]]) -> Message:
    """SQLite's own check, told in a sentence: how many problems it found and the first of them.

    Its report is technical English, often dozens of lines for one damaged page, so only the first
    problem is quoted (shortened), for whoever restores the file or asks for help.
    """
    problems = [line.strip() for row in rows for line in str(row[0]).splitlines()
                if line.strip() and not line.startswith("***")]
    first = problems[0] if problems else "?"
    if len(first) > 120:
        first = first[:119] + "…"
    return NP_("SQLite's own check found {count} problem, the first: “{first}”",
               "SQLite's own check found {count} problems, the first: “{first}”",
               len(problems), first=first)


def inspect_file(path: Path, *, cancelled: Callable[[], bool] | None = None,
                 reading_only: bool = False) -> str | None:
    """Check a database file without changing it; returns its schema revision (None if it has none).

    Raises StorageError for anything that is not a sound SQLite database, and Cancelled once
    `cancelled` says yes (asked often: a region's file takes seconds to check). `reading_only`: for a
    command that only reads, which may use a folder that cannot be written or a full disk
    (connect_read_only); otherwise they are refused here, as the database could not be written anyway.
    """
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise _damaged(path, N_("it does not begin as an SQLite file does"))
    if not _header_size_ok(path, header):
        raise _damaged(path, N_("the file is shorter than its header says"))
    _read_ahead(path, cancelled)
    try:
        # Read-only, so that an unknown or damaged file is never checkpointed or rewritten.
        con = connect_read_only(path) if reading_only else sqlite3.connect(read_only_uri(path), uri=True)
        if cancelled is not None:  # SQLite asks between steps of its check and stops when told
            con.set_progress_handler(lambda: int(cancelled()), _STEPS_BETWEEN_ASKS)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                raise _damaged(path, _check_found(rows))
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
        if cancelled is not None and cancelled():
            raise Cancelled(STOPPED) from exc  # interrupted by the handler above: says nothing of the file
        # Only a file SQLite finds corrupt or not a database is damaged. Locked, busy, unreadable: the
        # file may be sound (another program holds it), and a backup must never be offered over it.
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF == _IOERR and _no_room(path):
            raise StorageError(N_("There is no room left on the disk that holds {folder}, so the database "
                                  "cannot be opened. It has not been changed. Free some space on that disk "
                                  "and start Digigram again.", folder=path.parent)) from exc
        if code not in _NOT_SOUND:
            raise StorageError(N_("The database file {path} could not be read ({detail}). It has not been "
                                  "changed. Close other programs that use it and start Digigram again.",
                                  path=path, detail=SQLITE_SAYS.get(str(exc), str(exc)))) from exc
        raise _damaged(path, SQLITE_SAYS.get(str(exc), str(exc))) from exc
