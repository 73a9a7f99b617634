"""One window per database: the desktop app's claim on its data, and asking that window to come forward.

A second start on the same data (a librarian double-clicking again on a slow PC) must not open a second
window over the same SQLite file: two windows show stale lists, and one person's check could go on in
both. The running window holds an operating-system lock on a small file beside the database; the system
drops the lock when the process ends in any way (closed, crashed, killed), so a lock can never be left
behind. A second start finds the lock taken, adds a byte to the request file beside it, which the
running window watches, and ends: the window comes to the front. Plain Python, no Qt: the command line
asks the same question before it writes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.core.files import OWNER_ONLY, append_owner_only
from digigram.core.i18n import N_

LOCK_SUFFIX = ".window-lock"
REQUEST_SUFFIX = ".window-request"
# A command line's look at the lock holds it for an instant; a window starting in that instant waits
# this long before it takes the lock for another window's.
SETTLE_S = 0.2
_STEP_S = 0.05
# What a lock already held says: EWOULDBLOCK/EAGAIN from flock, EACCES or EDEADLOCK from msvcrt.locking.
_HELD = frozenset({errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)})


def database_file(*, data_dir: str | os.PathLike[str] | None, database_url: str | None) -> Path | None:
    """The database file a start with these options opens; None for a database server (PostgreSQL),
    which several computers share by design and which needs no claim."""
    if not database_url:
        return paths.database_path(paths.data_dir(data_dir))
    from urllib.parse import unquote, urlsplit

    scheme = urlsplit(database_url).scheme.lower()
    if scheme.split("+")[0] != "sqlite":
        return None
    # sqlite:///relative or sqlite:////absolute, with any ?options after it
    path = unquote(database_url.split(":///", 1)[1].split("?", 1)[0]) if ":///" in database_url else ""
    return Path(path).expanduser() if path and path != ":memory:" else None


def _lock_file(database: Path) -> Path:
    return database.with_name(database.name + LOCK_SUFFIX)


def request_file(database: Path) -> Path:
    """The file the running window watches: each byte added to it asks the window to come forward."""
    return database.with_name(database.name + REQUEST_SUFFIX)


def _try_lock(path: Path, *, create: bool = True) -> BinaryIO | None:
    """The lock on `path` (created owner-only, with its folder, when `create`), or None when another
    process holds it.

    Raises OSError when there is no lock to be had at all (a folder that cannot be written, a file
    system without locks, or no file and not `create`): then nothing is claimed.
    """
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | (os.O_CREAT if create else 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, OWNER_ONLY)
    handle = os.fdopen(fd, "r+b")
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        if exc.errno in _HELD:
            return None
        raise
    return handle


@dataclass
class Claim:
    """This process's claim on its database's window; `request` is None when nothing could be claimed."""

    request: Path | None = None
    _handle: BinaryIO | None = field(default=None, repr=False)

    def release(self) -> None:
        """Give the claim up (ending the process does the same)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def claim_window(database: Path | None, *, settle_s: float = SETTLE_S) -> Claim | None:
    """The claim for the one window on `database`, or None when a window already has it.

    A database server, or a folder where no lock can be made, gives an empty claim: the start goes on
    (opening the data then says what is wrong with the folder, as before).
    """
    if database is None:
        return Claim()
    deadline = time.monotonic() + settle_s
    while True:
        try:
            handle = _try_lock(_lock_file(database))
        except OSError:
            return Claim()
        if handle is not None:
            break
        if time.monotonic() >= deadline:
            return None
        time.sleep(_STEP_S)
    request = request_file(database)
    try:  # emptied, so that only a request made from now on brings the window forward
        os.close(os.open(request, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY))
    except OSError:
        return Claim(None, handle)
    return Claim(request, handle)


def window_open(database: Path | None) -> bool:
    """Whether a Digigram window has `database` open now (on this computer)."""
    if database is None:
        return False
    try:  # a window makes the file before anything else: with no file there is no window, and a
        # command's look leaves nothing behind (not even the folder of a mistyped --data-dir)
        handle = _try_lock(_lock_file(database), create=False)
    except OSError:
        return False
    if handle is None:
        return True
    handle.close()
    return False


def ask_to_come_forward(database: Path) -> bool:
    """Ask the window that has `database` open to come to the front; False when the request could not
    be written (the window then stays where it is)."""
    if sys.platform == "win32":
        # Windows lets only the program in front (this one, just started by the person) bring another
        # program's window forward; it passes that right on to whichever window asks next.
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(0xFFFFFFFF)  # type: ignore[attr-defined]
    try:
        with append_owner_only(request_file(database)) as out:
            out.write(b"\n")
    except OSError:
        return False
    return True


ALREADY_OPEN = N_("Digigram is already open on this computer with the same data; its window was brought "
                  "to the front.")


def refuse_while_open(database: Path | None, *, command: str) -> None:
    """Refuse a command that writes while a window has the same database open: the window would go on
    showing what is no longer there (a deleted person, a database restored under it), or the same
    check would take answers in two places."""
    if window_open(database):
        raise StorageError(N_(
            "Digigram is open in a window on this computer with the same data ({database}), so `digigram "
            "{command}` does not change it now: do this in the window, or close the window and run the "
            "command again. Commands that only read (people, export, report) work while the window is open.",
            database=database, command=command))
