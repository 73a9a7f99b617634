"""Opening the store: check the file, back it up if it changed, migrate, then hand out sessions.

The checks use the standard sqlite3 module only; SQLAlchemy loads when the engine is first used, and
Alembic only when a migration is due, so a start that finds a current database stays light.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from digigram.core import paths
from digigram.core.errors import StorageError, os_reason
from digigram.core.files import touch_owner_only
from digigram.core.i18n import N_, Message
from digigram.store import backup, migrate
from digigram.store.db import (
    REFUSED_SQLSTATES,
    SQLITE_HEADER,
    SQLITE_SAYS,
    checkpoint_in_background,
    inspect_file,
    make_engine,
    make_sessions,
    read_only_uri,
    sqlite_url,
)

if TYPE_CHECKING:
    from threading import Thread

    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker


class Store:
    """The database: its engine and sessions are made on first use (that is when SQLAlchemy loads)."""

    def __init__(self, engine: Engine | None, sessions: sessionmaker[Session] | None, url: str,
                 db_path: Path | None, backup_dir: Path | None, *, read_only: bool = False) -> None:
        self._engine = engine
        # Opened for a command that only reads: every connection only reads the file, which may be in a
        # folder that cannot be written or on a full disk (then no start backup is made either).
        self.read_only = read_only
        self._sessions = sessions
        self.url = url
        self.db_path = db_path  # None when --database names a non-file database
        self.backup_dir = backup_dir
        self.backup_due = False  # True when open_store(backup_later=True) left the start backup undone
        # Problems that did not stop the opening but deserve a word (no room for the start-up backup).
        self.notices: list[StorageError] = []
        # What opening did to the schema: "created" (it had no tables), "upgraded" or None (left as it was).
        self.set_up: str | None = None
        self._checkpoint: Thread | None = None  # checkpoint_soon's, until settled()

    @property
    def loaded(self) -> bool:
        """True once the engine exists (SQLAlchemy is loaded and in use)."""
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url, read_only=self.db_path if self.read_only else None)
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            self._sessions = make_sessions(self.engine)
        return self._sessions

    def backup_at_start(self, *, required: bool = False) -> Path | None:
        """The start backup that open_store(backup_later=True) left for later; run it before any write.

        No room for it is a notice, not a stop (the newest earlier backup is kept), unless `required`:
        a migration that could not be undone without it.
        """
        if not self.backup_due or self.db_path is None or self.backup_dir is None:
            return None
        try:
            made = backup.make_backup(self.db_path, self.backup_dir, reason="start")
        except backup.NoRoomForBackup as exc:
            if required:
                raise
            self.notices.append(exc)
            made = None
        self.backup_due = False
        return made

    def checkpoint_soon(self) -> None:
        """After a commit that deferred its checkpoint (db.defer_checkpoint): the WAL copied into the
        database file on a thread of its own, while the caller goes on. A no-op without a database file."""
        path = self.db_path or _sqlite_file(self.url)  # or an SQLite database named by its address
        if path is None or self.read_only:
            return
        self.settled()
        self._checkpoint = checkpoint_in_background(path)

    def settled(self) -> None:
        """Once the checkpoint checkpoint_soon started (if any) has ended."""
        running, self._checkpoint = self._checkpoint, None
        if running is not None:
            running.join()

    def close(self) -> None:
        try:
            self.settled()  # its connection goes before the engine's: the last to close copies the rest
        finally:  # a stop (Ctrl+C) during the wait still closes the connections
            if self._engine is not None:
                self._engine.dispose()


def _cannot_write(where: object, exc: Exception) -> StorageError:
    # The driver's own words, not SQLAlchemy's wrapper of them (its class name and "Background on this
    # error at" link); the usual ones in the reader's language.
    said = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
    return StorageError(
        N_("Could not open the database {where}: {exc}. Check the folder is writable, the disk has free "
           "space and Digigram is not already open in another window.",
           where=where, exc=SQLITE_SAYS.get(said, said)),
    )


# What a database server's refusal means, by a fragment of the driver's (libpq's) own message.
# First match wins: a port that answers but is not PostgreSQL fails the TLS negotiation ("ssl") without
# any certificate being involved, and a missing root certificate file "does not exist".
_NOT_POSTGRESQL = N_("something answers at that address, but not as a PostgreSQL server: check the address "
                     "and the port")
_TLS = N_("a secure (TLS) connection could not be made: check the certificate settings")
_NO_SERVICE = N_("the address names a service that no service file describes: put it in ~/.pg_service.conf "
                 "or the file PGSERVICEFILE names, as docs/regional.md (section 4) shows")
_SERVER_SAYS: tuple[tuple[str, Message], ...] = (
    ("definition of service", _NO_SERVICE),  # ?service=NAME with no such section
    ("service file", _NO_SERVICE),  # PGSERVICEFILE names a file that is not there
    ("invalid response to ssl negotiation", _NOT_POSTGRESQL),
    ("expected authentication request from server", _NOT_POSTGRESQL),
    ("received invalid response", _NOT_POSTGRESQL),
    ("certificate", _TLS),
    ("connection refused", N_("the server refused the connection: it is not running, or not on this port")),
    ("password authentication failed", N_("the server did not accept the user name or password")),
    ("no password supplied", N_("the server asks for a password and none was given")),
    ("does not exist", N_("the server has no such database or user")),
    ("no pg_hba.conf entry", N_("the server does not let this computer or user in")),
    ("could not translate host name", N_("no server of that name was found")),
    ("name or service not known", N_("no server of that name was found")),
    ("timeout expired", N_("the server did not answer in time")),
    ("timed out", N_("the server did not answer in time")),
    ("ssl", _TLS),
)


def shown_address(url: str) -> str:
    """A database's address as a message may show it: a password written in it becomes ***."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _cannot_connect(url: str, exc: Exception) -> StorageError:
    """A database server that cannot be reached: what to check, without the folder advice (there is no
    folder), SQLAlchemy's "Background on this error" link or a password written in the address."""
    shown = shown_address(url)
    said = str(getattr(exc, "orig", None) or exc).strip()
    # The driver's words are English: the usual reasons are said in the reader's language, anything
    # else is quoted as the driver's first line.
    lowered = said.lower()
    reason: str | Message = next(
        (words for fragment, words in _SERVER_SAYS if fragment in lowered),
        said.splitlines()[0].strip() if said else type(exc).__name__)
    return StorageError(
        N_("Could not connect to the database {where} ({reason}). Check the address and the user name, "
           "that the database server is running and that this computer is online.",
           where=shown, reason=reason),
    )


def _read_only(where: Path) -> StorageError:
    """The data folder can only be read. The terminal may choose another folder (--data-dir); the app's
    librarian never types an option, so it names whom to ask."""
    return StorageError(
        N_("The data folder {where} can only be read, and Digigram needs to write answers there. The data "
           "in it is not damaged: ask the person who looks after this computer for write access to the "
           "folder (or choose another one with --data-dir).",
           where=where),
        in_app=N_("The data folder {where} can only be read, and Digigram needs to write answers there. The "
                  "data in it is not damaged: ask the person who set up this computer to give you write "
                  "access to the folder, or to set Digigram up with a folder you can write to.",
                  where=where),
    )


def _folder_not_made(folder: Path, exc: OSError) -> StorageError:
    """The data folder could not be made (a write-protected stick, a folder above it that can only be
    read): why, in the reader's words; the system's own ("[Errno 30] Read-only file system") were quoted
    in the middle of a Ukrainian sentence, with a guess about another window."""
    return StorageError(
        N_("The data folder {folder} could not be made: {reason}. Nothing was changed. Choose a folder that "
           "can be written with --data-dir, or ask the person who looks after this computer.",
           folder=folder, reason=os_reason(exc)),
        in_app=N_("The data folder {folder} could not be made: {reason}. Nothing was changed. Ask the person "
                  "who set up this computer to set Digigram up with a folder you can write to.",
                  folder=folder, reason=os_reason(exc)),
    )


def _read_only_file(where: Path) -> StorageError:
    """The database file itself can only be read (its folder can be written): said of the file."""
    return StorageError(
        N_("The database file {where} can only be read, and Digigram needs to write answers to it. The data "
           "in it is not damaged: ask the person who looks after this computer for write access to the file "
           "(or choose another data folder with --data-dir).",
           where=where),
        in_app=N_("The database file {where} can only be read, and Digigram needs to write answers to it. "
                  "The data in it is not damaged: ask the person who set up this computer to give you write "
                  "access to the file.",
                  where=where),
    )


def refuse_a_file(folder: Path) -> None:
    """A data folder given as the path of a file (or below one) is said to be a file: not "does not
    exist", nor "could not open the database … File exists"."""
    for path in (folder, *folder.parents):
        if path.exists():
            if not path.is_dir():
                raise StorageError(
                    N_("{where} is a file, not a folder, so Digigram cannot keep its data in {folder}. Check "
                       "the folder given with --data-dir.", where=path, folder=folder),
                    in_app=N_("{where} is a file, not a folder, so Digigram cannot keep its data in "
                              "{folder}. Ask the person who set up this computer to set Digigram up with a "
                              "folder for its data.", where=path, folder=folder))
            return


def refuse_a_folder(db_path: Path) -> None:
    """A folder where the database file should be: said so, and left as it is (SQLite's "unable to open
    database file" and Python's IsADirectoryError said neither what nor where)."""
    if db_path.is_dir():
        raise StorageError(
            N_("{path} is a folder, but Digigram keeps its database in a file of that name. Nothing in the "
               "folder has been changed. Move or rename it (or choose another data folder with --data-dir), "
               "then try again.", path=db_path),
            in_app=N_("{path} is a folder, but Digigram keeps its database in a file of that name. Nothing "
                      "in the folder has been changed. Ask the person who set up this computer to move or "
                      "rename that folder, then start Digigram again.", path=db_path))


def _check_writable(folder: Path, db_path: Path) -> None:
    """A read-only folder or file is said to be read-only, never "damaged": restoring would not help."""
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _read_only(folder)
    if db_path.exists() and not os.access(db_path, os.R_OK | os.W_OK):
        raise _read_only_file(db_path)


def _room_to_write(folder: Path, db_path: Path) -> bool:
    """Whether the database can be written: its folder and file allow it and the disk has some room."""
    import shutil

    if not (os.access(folder, os.W_OK | os.X_OK) and os.access(db_path, os.R_OK | os.W_OK)):
        return False
    try:
        return shutil.disk_usage(folder).free >= _ROOM_TO_WRITE
    except OSError:
        return True  # unknown: the writing says for itself what fails


_ROOM_TO_WRITE = 1 << 20  # SQLite's -wal and -shm files and a migration's first pages


def _upgrade_needs_writing(folder: Path) -> StorageError:
    return StorageError(N_(
        "The database in {folder} was written by an older version of Digigram and must be brought up to "
        "date before it can be read, which means writing to it; but the folder can only be read, or its "
        "disk is full. Nothing was changed. Copy the folder to a disk you can write to and run the command "
        "there, or free some space on the disk.", folder=folder))


def _upgrade(url: str, where: object) -> None:
    from sqlalchemy.exc import OperationalError

    try:
        migrate.upgrade(url)
    except OperationalError as exc:
        raise _cannot_write(where, exc) from exc


def open_store(*, data_dir: Path | None = None, database_url: str | None = None,
               backup_later: bool = False, existing: bool = False, reading_only: bool = False,
               read_server: bool = False) -> Store:
    """Open (creating or migrating as needed) the database in `data_dir` or at `database_url`.

    With `backup_later` the start backup is left to Store.backup_at_start() (the desktop app runs it
    once its window takes input, before the first write), unless a migration is due: then it is made
    first, as always, and an upgrade without it is refused. With `existing` (commands that only read,
    such as a report) a missing folder or database is refused and nothing is created: a mistyped
    --data-dir would otherwise give a new empty database and an empty report. With `reading_only` too
    (commands that read and never write: people, export, report) a data folder's database is opened to
    be read only, so that a folder that cannot be written (a write-protected stick, a copy on a backup
    disk) or a full disk still serves: there no start backup is made, and only a database that must
    first be brought up to date is refused, plainly.

    A database server's (PostgreSQL) tables are created or migrated only by a command that writes (its
    owner's `digigram migrate`, an import): with `existing`, `reading_only` or `read_server` (the desktop
    app) a database without Digigram's tables, or with an older schema, is refused in words that name the
    command and the role that set it up, and nothing is attempted on it.
    """
    existing = existing or reading_only
    if database_url:
        _refuse_sqlite_place(database_url)
        if existing:
            _refuse_missing_file(database_url)
        # A server's database is shared by the region: a command that only reads (or the app, which
        # reads until someone writes) never creates or migrates its tables; its owner does, on purpose.
        return _open_url(database_url, set_up=not (existing or read_server), reading_only=reading_only)
    folder = data_dir if data_dir is not None else paths.data_dir()
    refuse_a_file(folder)
    refuse_a_folder(paths.database_path(folder))
    if existing:
        _refuse_missing(folder)
    if reading_only:
        db_path = paths.database_path(folder)
        writable = _room_to_write(folder, db_path)
        if not migrate.file_needs_upgrade(db_path, reading_only=True):  # checks the file as any start does
            store = Store(None, None, sqlite_url(db_path), db_path, paths.backup_dir(folder), read_only=True)
            if writable:  # what was written since the last backup is kept, as at any start
                store.backup_due = True
                try:
                    store.backup_at_start()
                except StorageError as exc:
                    # Only looked writable (on Windows every folder does), or its backups folder is
                    # protected: a command that only reads still serves, and says so.
                    store.backup_due = False
                    store.notices.append(exc)
            return store
        if not writable:
            raise _upgrade_needs_writing(folder)
        # An older database where it can be written: brought up to date (backed up first), as any start.
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if folder.is_dir():
            raise _read_only(folder) from exc
        raise _folder_not_made(folder, exc) from exc
    db_path = paths.database_path(folder)
    backups = paths.backup_dir(folder)
    url = sqlite_url(db_path)
    _check_writable(folder, db_path)
    store = Store(None, None, url, db_path, backups)
    if db_path.exists():
        if db_path.stat().st_size == 0 and backup.list_backups(backups):
            # An empty file where backups exist is a lost database, not a new one.
            inspect_file(db_path)
        due = migrate.file_needs_upgrade(db_path)  # checks the file; refuses one from a newer Digigram
        had_data = db_path.stat().st_size > 0
        if had_data:
            store.backup_due = True
            # The backup comes before any migration, so that an upgrade can always be undone.
            if due or not backup_later:
                store.backup_at_start(required=due)
        if due:
            _upgrade(url, db_path)
            store.set_up = "upgraded" if had_data else "created"
    else:
        touch_owner_only(db_path)  # SQLite keeps this mode for the database and its -wal/-shm files
        _upgrade(url, db_path)
        store.set_up = "created"
    return store


def _no_database(where: object) -> StorageError:
    return StorageError(N_("There is no Digigram database in {where}, so there is nothing to read. Check the "
                           "folder given with --data-dir (or the address given with --database).",
                           where=where))


def _refuse_missing(folder: Path) -> None:
    """A folder, and a database in it, that a command only reading must find: nothing is created."""
    if not folder.is_dir():
        raise StorageError(N_("The data folder {where} does not exist, so there is nothing to read. Check "
                              "the folder given with --data-dir (or the address given with --database).",
                              where=folder))
    db_path = paths.database_path(folder)
    if not db_path.is_file() or (db_path.stat().st_size == 0 and not backup.list_backups(
            paths.backup_dir(folder))):
        raise _no_database(folder)


def _refuse_missing_file(url: str) -> None:
    """An SQLite address, for a command that only reads, whose file is not there (SQLite would make a new
    one), is empty, or is an SQLite database without Digigram's tables: refused before it is opened,
    which would make it a Digigram database (or switch another program's to Digigram's journal).
    Servers say for themselves; a file that is not SQLite at all is said to be so when it is opened."""
    database = _sqlite_file(url)
    if database is None:
        return
    if not database.is_file() or database.stat().st_size == 0 or _sqlite_without_digigram(database):
        raise _no_database(database)


def _sqlite_without_digigram(path: Path) -> bool:
    """Whether `path` is an SQLite database with no Digigram tables, read without changing it."""
    import sqlite3

    try:
        with path.open("rb") as handle:
            if not handle.read(len(SQLITE_HEADER)).startswith(SQLITE_HEADER):
                return False
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            found = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (migrate.VERSION_TABLE,)).fetchone()
            return found is None
        finally:
            con.close()
    except (OSError, sqlite3.Error):
        return False  # unreadable or damaged: the opening says which, in its own words


def _sqlite_file(url: str) -> Path | None:
    """The file an SQLite address names; None for a database server, an in-memory database or an address
    that cannot be read (the connection says what is wrong with it)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    database = parsed.database
    if database.startswith("file:"):  # a URI address (…?uri=true): its path, without the query
        from urllib.parse import unquote, urlsplit

        database = unquote(urlsplit(database).path)
    return Path(database)


def _refuse_sqlite_place(url: str) -> None:
    """An SQLite file whose folder is not there (or is a file), or that is itself a folder: said so, in
    the reader's language, instead of SQLite's "unable to open database file" and a guess about another
    window."""
    database = _sqlite_file(url)
    if database is None:
        return
    if database.is_dir():
        raise StorageError(N_("{path} is a folder, not a database file. Nothing in the folder has been "
                              "changed. Check the address given with --database.", path=database))
    folder = database.parent
    if folder.is_dir():
        return
    for path in (folder, *folder.parents):
        if path.exists() and not path.is_dir():
            raise StorageError(N_("{where} is a file, not a folder, so the database {path} cannot be kept "
                                  "below it. Check the address given with --database.",
                                  where=path, path=database))
    raise StorageError(N_("The folder {folder} does not exist, so the database {path} cannot be opened or "
                          "made there. Check the address given with --database, or create the folder first.",
                          folder=folder, path=database))


# SQLSTATE 42501 insufficient_privilege (no SELECT on a table, no CREATE in the schema) and 3F000
# invalid_schema_name (no USAGE on the schema: it drops out of the search path, so Digigram's tables look
# absent and the migration has nowhere to create them).
# With the refusals of a write (store.db: 42501, and 25006 for a role whose transactions are read-only).
_NO_ACCESS_SQLSTATES = REFUSED_SQLSTATES | {"3F000"}


def _no_access(url: str) -> StorageError:
    """A PostgreSQL account the server does not let read Digigram's tables: whom to ask, and where the
    rights are written down."""
    return StorageError(N_(
        "The database {where} does not let this account read Digigram's tables, so nothing can be shown "
        "or imported. Nothing was changed. Ask the region's database administrator to give this account "
        "its rights as docs/regional.md shows (section 2, “Database and roles”); after an update of "
        "Digigram that adds a table, the GRANTs there must be run again.", where=shown_address(url)))


def _no_upgrade(url: str) -> StorageError:
    """A PostgreSQL account that may read but not change Digigram's tables, on a database that is empty
    or was written by an older Digigram: the owner role brings it up to date."""
    return StorageError(N_(
        "The database {where} must first be brought up to date for this version of Digigram (or set up, "
        "if it is empty), and this account may not change its tables. Nothing was changed. Ask the "
        "region's database administrator to run digigram migrate --database followed by the owner role's "
        "address once and then the GRANTs again, as docs/regional.md shows (section 2, “Database and "
        "roles”).", where=shown_address(url)))


def _no_tables(url: str) -> StorageError:
    """A server's database without Digigram's tables, opened to be read: who sets it up, and how."""
    return StorageError(N_(
        "The database {where} has no Digigram tables yet, so there is nothing to show. Nothing was changed. "
        "The region's database administrator sets it up once with the owner role: digigram migrate "
        "--database followed by the owner's address, then the GRANTs, as docs/regional.md shows (section "
        "2, “Database and roles”).", where=shown_address(url)))


def _not_up_to_date(url: str) -> StorageError:
    """A server's database of an older Digigram, opened to be read: it is not migrated by a reader."""
    return StorageError(N_(
        "The database {where} was written by an older version of Digigram and must first be brought up to "
        "date, which only its owner role does. Nothing was changed. The region's database administrator "
        "runs digigram migrate --database followed by the owner's address once, then the GRANTs again, as "
        "docs/regional.md shows (section 2, “Database and roles”).", where=shown_address(url)))


def _refuse_no_access(engine: Engine | None, url: str, exc: Exception, refusal: StorageError) -> None:
    """Raise `refusal` for an error of a missing right (_NO_ACCESS_SQLSTATES); return for any other."""
    if getattr(getattr(exc, "orig", None), "sqlstate", None) not in _NO_ACCESS_SQLSTATES:
        return
    if engine is not None:
        engine.dispose()  # refused: its pooled connection is not kept open
    raise refusal from exc


def _cannot_open(url: str, exc: Exception) -> StorageError:
    """An SQLite file that cannot be written, or a server that cannot be reached, said as such."""
    return _cannot_write(url, exc) if url.startswith("sqlite") else _cannot_connect(url, exc)


def _open_url(url: str, *, set_up: bool = True, reading_only: bool = False) -> Store:
    from sqlalchemy.exc import DBAPIError, OperationalError

    engine = None
    try:
        engine = make_engine(url)
        if engine.dialect.name == "postgresql":
            _refuse_encoding(engine, url)
        with engine.connect() as conn:
            revision = migrate.current(conn)
            # Without USAGE on the schema it drops out of the search path and its tables look absent:
            # the account lacks a right, the database may well be set up.
            hidden = (revision is None and engine.dialect.name == "postgresql"
                      and conn.exec_driver_sql("SELECT current_schema()").scalar() is None)
        migrate.check_known(revision, shown_address(url))  # named in a refusal: never with its password
    except OperationalError as exc:
        raise _cannot_open(url, exc) from exc
    except DBAPIError as exc:
        _refuse_no_access(engine, url, exc, _no_access(url))
        raise
    due = revision != migrate.head()
    refusal = _no_access(url) if hidden else None
    if refusal is None and due and not set_up and engine.dialect.name != "sqlite":
        refusal = _no_tables(url) if revision is None else _not_up_to_date(url)
    if refusal is not None:
        engine.dispose()  # refused: its pooled connection is not kept open
        raise refusal
    if due:
        try:
            migrate.upgrade(url)
        except OperationalError as exc:
            raise _cannot_open(url, exc) from exc
        except DBAPIError as exc:
            # With no USAGE on the schema its tables look absent, and the migration's first CREATE is
            # refused as "no schema has been selected" (3F000): the account cannot read them either.
            state = getattr(exc.orig, "sqlstate", None)
            _refuse_no_access(engine, url, exc, _no_access(url) if state == "3F000" else _no_upgrade(url))
            raise
    # Opened for a command that never writes: nothing is written at the start either (the framework's
    # snapshot), which a role that may only read, such as the analyst's, would refuse.
    store = Store(engine, make_sessions(engine), url, None, None, read_only=reading_only)
    if due:
        store.set_up = "created" if revision is None else "upgraded"
    return store


def _refuse_encoding(engine: Engine, url: str) -> None:
    """A PostgreSQL database must store text as UTF8: in any other encoding a Ukrainian name (or the
    apostrophe ʼ) cannot be written, and SQL_ASCII gives text back as raw bytes. Refused before anything
    is created or read, so such a database is left as it was."""
    with engine.connect() as connection:
        found = connection.exec_driver_sql("SHOW server_encoding").scalar()
    encoding = found.decode("ascii", "replace") if isinstance(found, bytes) else str(found)
    if encoding.upper() not in ("UTF8", "UTF-8"):
        engine.dispose()  # refused: its pooled connection is not kept open
        raise StorageError(N_(
            "The database {where} stores text as {encoding}, in which Ukrainian names cannot be kept; "
            "Digigram needs a database created with ENCODING 'UTF8'. Nothing was written to it. Create a "
            "new database as docs/regional.md (section 2) shows and use its address.",
            where=shown_address(url), encoding=encoding))
