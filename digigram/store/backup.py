"""Rotating backups made with SQLite's online backup, and restoring one with the old file kept aside."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from digigram.core.errors import Cancelled, StorageError, os_reason
from digigram.core.files import create_owner_only, touch_owner_only
from digigram.core.i18n import N_
from digigram.store.db import STOPPED, inspect_file, read_only_uri

KEEP = 10
KEEP_ASIDE = 3
PREFIX = "digigram-"
SUFFIX = ".sqlite3"
SIDE_FILES = ("-wal", "-shm")
ASIDE = ".aside-"
# A partial copy untouched for this long was left by a copy cut short (a power cut); younger ones
# may belong to another Digigram starting at the same moment and are left alone.
STALE_PARTIAL_S = 3600.0
COPY_BLOCK = 1 << 20  # a restore asks whether it was cancelled after each of these
_NO_ROOM = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    reason: str
    size: int


class NoRoomForBackup(StorageError):
    """The disk had no room for a new backup; the older backups are untouched."""


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def list_backups(folder: Path) -> list[Backup]:
    """Backups in `folder`, newest first."""
    found = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}") if folder.is_dir() else ():
        parts = path.name[len(PREFIX) : -len(SUFFIX)].split("-", 3)
        try:
            made = datetime.strptime("-".join(parts[:3]), "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
            size = path.stat().st_size
        except (ValueError, FileNotFoundError):  # FileNotFoundError: rotated away by another start
            continue
        reason = parts[3] if len(parts) > 3 else ""
        found.append(Backup(path=path, made_at=made, reason=reason, size=size))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def _no_room(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in _NO_ROOM
    if isinstance(exc, sqlite3.Error):
        name = str(getattr(exc, "sqlite_errorname", ""))
        return name.startswith("SQLITE_FULL") or "disk is full" in str(exc).lower()
    return False


def _clear_stale_partials(folder: Path) -> None:
    now = time.time()
    for stale in folder.glob(f".partial-*{SUFFIX}"):
        try:
            if now - stale.stat().st_mtime > STALE_PARTIAL_S:
                stale.unlink(missing_ok=True)
        except FileNotFoundError:
            pass


# Beside the backups: which backup holds the database as it was when these files looked like this.
SOURCE_STAMP = ".newest-source.json"


def source_stamp(db_path: Path) -> list[object]:
    """What the database's files look like: their identity, size and time of change, and the headers
    SQLite changes as it writes (the database's change counter, the WAL's salts). Equal stamps mean no
    transaction was written between them; a copy is not needed to find that out."""
    stamp: list[object] = []
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        try:
            with path.open("rb") as handle:
                info = os.fstat(handle.fileno())
                head = handle.read(100 if path == db_path else 32)
        except FileNotFoundError:
            stamp.append(None)
            continue
        if path != db_path and info.st_size == 0:
            stamp.append(None)  # an empty WAL holds nothing; opening the database may leave one behind
            continue
        stamp.append([info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, head.hex()])
    if stamp[-1] is not None:
        # After a checkpoint new frames go over the old ones: the WAL keeps its size and header, and its
        # time of change may not move (2-second steps on FAT, NTFS updating it lazily). The WAL index's
        # header counts every commit (and says how many frames are valid), so read it too.
        try:
            with db_path.with_name(db_path.name + "-shm").open("rb") as handle:
                stamp.append(handle.read(48).hex())
        except FileNotFoundError:
            stamp.append(None)
        except OSError:  # unreadable (a lock on Windows): a stamp no later one equals, so a copy is made
            stamp.append(os.urandom(16).hex())
    return stamp


def _unchanged_since_newest(folder: Path, stamp: list[object]) -> bool:
    """True when the newest backup was taken from the database files exactly as `stamp` describes them."""
    try:
        recorded = json.loads((folder / SOURCE_STAMP).read_text(encoding="utf-8"))
        newest = list_backups(folder)[:1]
        return bool(newest) and recorded == {"backup": newest[0].path.name, "source": stamp}
    except (OSError, ValueError):
        return False


def _record_source(folder: Path, backup_name: str, stamp: list[object]) -> None:
    """Remember that `backup_name` holds the database as `stamp` saw it; only ever a shortcut."""
    part = folder / f".newest-source-{os.getpid()}-{os.urandom(8).hex()}.part"
    try:
        with create_owner_only(part) as out:
            out.write(json.dumps({"backup": backup_name, "source": stamp}).encode("utf-8"))
        os.replace(part, folder / SOURCE_STAMP)
    except OSError:
        part.unlink(missing_ok=True)


def _same_as_newest(folder: Path, partial: Path) -> Path | None:
    for newest in list_backups(folder)[:2]:  # the newest may be rotated away while it is read
        try:
            return newest.path if _digest(newest.path) == _digest(partial) else None
        except FileNotFoundError:
            continue
    return None


def make_backup(db_path: Path, folder: Path, *, reason: str, keep: int = KEEP,
                stamp: list[object] | None = None) -> Path | None:
    """Copy the database into `folder` unless the newest backup already holds the same content.

    When the database's files are exactly as they were when the newest backup was taken, nothing is
    read: on a coordinator's PC holding a region's results (1 GB) a start then costs no copy at all.
    Otherwise the database is copied and the copy kept only if it differs from the newest backup.
    Returns the new backup's path, or None when nothing changed since the last one. Raises
    NoRoomForBackup when the disk is full (nothing else changed), StorageError for other failures.
    Several processes may back up the same database at once: each writes its own partial file.
    `stamp` (`source_stamp`): the files as they were when the database was what the copy holds, taken
    by a caller that backs up from inside its own write transaction (whose uncommitted pages the copy
    does not see, but whose spilled pages change the files).
    """
    partial = folder / f".partial-{os.getpid()}-{os.urandom(16).hex()}{SUFFIX}"
    try:
        # Taken before the copy: a write during the copy changes the files, so the next start copies.
        stamp = source_stamp(db_path) if stamp is None else stamp
        if _unchanged_since_newest(folder, stamp):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        _clear_stale_partials(folder)
        touch_owner_only(partial)  # SQLite keeps the mode of the file it is given
        source = sqlite3.connect(read_only_uri(db_path), uri=True)
        try:
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
                # A copy of a WAL database is one too: every read-only check of it (a restore, the app's
                # search for a sound backup) would leave an empty -wal and -shm beside it.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        same = _same_as_newest(folder, partial)
        if same is not None:
            partial.unlink()
            _record_source(folder, same.name, stamp)
            return None
        final = folder / f"{PREFIX}{_stamp()}-{reason}{SUFFIX}"
        os.replace(partial, final)
        _record_source(folder, final.name, stamp)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):  # the folder may be what failed (not a folder, gone, locked)
            partial.unlink(missing_ok=True)
        if _no_room(exc):
            raise NoRoomForBackup(
                N_("There is no room on the disk for a new backup in {folder}; the earlier backups are "
                   "kept. Please free some disk space.",
                   folder=folder),
            ) from exc
        raise StorageError(
            N_("Could not back up the database into {folder}: {exc}.", folder=folder,
               exc=os_reason(exc) if isinstance(exc, OSError) else exc),
        ) from exc
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    return final


def list_asides(db_path: Path) -> list[Path]:
    """Database files that earlier restores kept aside, newest first."""
    found = [p for p in db_path.parent.glob(f"{db_path.name}{ASIDE}*")
             if not p.name.endswith(SIDE_FILES)] if db_path.parent.is_dir() else []
    return sorted(found, key=lambda p: p.name, reverse=True)


def _rotate_asides(db_path: Path, keep: int) -> None:
    for old in list_asides(db_path)[keep:]:
        for path in (old, *(old.with_name(old.name + side) for side in SIDE_FILES)):
            path.unlink(missing_ok=True)


class _Stoppable:
    """A file read in blocks that stops with Cancelled once `cancelled` says yes."""

    def __init__(self, source: BinaryIO, cancelled: Callable[[], bool]) -> None:
        self.source, self.cancelled = source, cancelled

    def read(self, size: int = -1) -> bytes:
        if self.cancelled():
            raise Cancelled(STOPPED)
        return self.source.read(size)


class CannotRestore(StorageError):
    """A backup that cannot be put back where the database is (no room, a write-protected folder); the
    database file has not been changed."""


def _megabytes(size: int) -> int:
    return max(1, -(-size // (1 << 20)))


def _no_room_to_restore(folder: Path, size: int) -> CannotRestore:
    return CannotRestore(N_(
        "There is not enough free space on the disk that holds {folder} to put the backup back: it needs "
        "about {mb} MB. The database file has not been changed. Free some disk space and try again.",
        folder=folder, mb=_megabytes(size)))


def _write_protected(folder: Path) -> CannotRestore:
    return CannotRestore(N_(
        "The folder {folder} can only be read (it or its disk is write-protected), so the backup cannot be "
        "put back there. The database file has not been changed. Ask the person who looks after this "
        "computer for write access to the folder, then try again.", folder=folder))


def check_restorable(db_path: Path, backup: Path) -> None:
    """Refuse, before anything is asked or copied, a restore that cannot succeed: a folder that cannot be
    written, or a disk without room for the copy (made whole beside the database before it moves)."""
    folder = db_path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _write_protected(folder)
    try:
        size, free = backup.stat().st_size, shutil.disk_usage(folder).free
    except OSError:
        return  # the restore itself says what is wrong
    if free < size:
        raise _no_room_to_restore(folder, size)


def restore(db_path: Path, backup: Path, *, keep_aside: int = KEEP_ASIDE,
            cancelled: Callable[[], bool] | None = None) -> Path | None:
    """Put `backup` in place of the database; the current file (if any) is renamed aside and returned.

    Only the newest `keep_aside` files kept aside are kept: each is a whole copy of personal data.
    Once `cancelled` says yes, before the copy is whole, it stops with Cancelled and nothing changed.
    A copy that cannot be made (no room, a write-protected folder) raises CannotRestore.
    """
    check_restorable(db_path, backup)
    inspect_file(backup, cancelled=cancelled)  # refuse to restore a backup that is itself damaged
    # The copy is made whole (and on disk) before the current file moves: a copy that fails (a full
    # disk) or is cancelled leaves the current file where it was, never no database at all.
    partial = db_path.with_name(f".restoring-{os.urandom(16).hex()}")
    size = backup.stat().st_size
    try:
        with backup.open("rb") as source, create_owner_only(partial) as target:
            shutil.copyfileobj(source if cancelled is None else _Stoppable(source, cancelled), target,
                               COPY_BLOCK)
            target.flush()
            os.fsync(target.fileno())
    except BaseException as exc:
        # The folder may be what failed (write-protected): a second failure here must not hide the first.
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if isinstance(exc, OSError) and _no_room(exc):
            raise _no_room_to_restore(db_path.parent, size) from exc
        if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise _write_protected(db_path.parent) from exc
        raise
    aside: Path | None = None
    if db_path.exists():
        aside = db_path.with_name(f"{db_path.name}{ASIDE}{_stamp()}")
        os.replace(db_path, aside)
        for side in SIDE_FILES:
            extra = db_path.with_name(db_path.name + side)
            if extra.exists():
                os.replace(extra, aside.with_name(aside.name + side))
    else:
        for side in SIDE_FILES:
            db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    os.replace(partial, db_path)
    _rotate_asides(db_path, keep_aside)
    return aside
