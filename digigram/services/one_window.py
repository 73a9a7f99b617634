"""One window per database: the desktop app's claim on its data, and asking that window to come forward.

A second start on the same data (a librarian double-clicking again on a slow PC) must not open a second
window over the same SQLite file: two windows show stale lists, and one person's check could go on in
both. The running window holds an operating-system lock on a small file beside the database; the system
drops the lock when the process ends in any way (closed, crashed, killed), so a lock can never be left
behind. A second start finds the lock taken, adds a byte to the request file beside it, which the
running window watches, waits for the window to answer (it empties the file) and ends: the window
comes to the front. A window that does not answer is said so, not said to have come. Plain Python,
no Qt: a command that writes holds the same claim while it runs, so no window opens under it either.
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
from digigram.core.i18n import N_, Message

LOCK_SUFFIX = ".window-lock"
REQUEST_SUFFIX = ".window-request"
WINDOW, COMMAND = "window", "command"  # who holds the claim: written into the lock file, readable by all
# A command line's claim is held for an instant by a command that ends at once; a window starting in
# that instant waits this long before it takes the lock for someone else's.
SETTLE_S = 0.2
_STEP_S = 0.05
# How long a second start waits for the window to answer (it empties the request file): a window still
# starting on an old PC answers within this; one that does not is said not to answer, not to have come.
ANSWER_S = 8.0
# On Windows one byte is locked, far past the holder's word at the start of the file, which the
# system would otherwise keep others from reading.
_LOCK_AT = 4096
# What a lock already held says: EWOULDBLOCK/EAGAIN from flock, EACCES or EDEADLOCK from msvcrt.locking.
_HELD = frozenset({errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)})
_OPEN: list[BinaryIO] = []  # this process's claims: a forked child closes its copies (_forget_in_child)


def database_file(*, data_dir: str | os.PathLike[str] | None, database_url: str | None) -> Path | None:
    """The database file a start with these options opens, its links followed (two names of one file
    are one claim); None for a database server (PostgreSQL), which several computers share by design
    and which needs no claim."""
    if not database_url:
        return paths.database_path(paths.data_dir(data_dir)).resolve()
    from urllib.parse import unquote, urlsplit

    scheme = urlsplit(database_url).scheme.lower()
    if scheme.split("+")[0] != "sqlite":
        return None
    # sqlite:///relative or sqlite:////absolute, with any ?options after it; a "~" is not expanded,
    # as the database library does not expand it either
    path = unquote(database_url.split(":///", 1)[1].split("?", 1)[0]) if ":///" in database_url else ""
    return Path(path).resolve() if path and path != ":memory:" else None


def _lock_file(database: Path) -> Path:
    return database.with_name(database.name + LOCK_SUFFIX)


def request_file(database: Path) -> Path:
    """The file the running window watches: a byte added to it asks the window to come forward, and the
    window empties it to answer."""
    return database.with_name(database.name + REQUEST_SUFFIX)


def _try_lock(path: Path) -> BinaryIO | None:
    """The lock on `path` (created owner-only when new), or None when another process holds it.

    Raises OSError when there is no lock to be had at all (a folder that cannot be written, a file
    system without locks): then nothing is claimed.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), OWNER_ONLY)
    handle = os.fdopen(fd, "r+b", buffering=0)
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _LOCK_AT, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        if exc.errno in _HELD:
            return None
        raise
    _OPEN.append(handle)
    return handle


def _unlock(handle: BinaryIO) -> None:
    if handle in _OPEN:
        _OPEN.remove(handle)
    if sys.platform == "win32":  # unlocked before closing: Windows may release a closed file's lock late
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(handle.fileno(), _LOCK_AT, os.SEEK_SET)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    handle.close()


def _forget_in_child() -> None:
    """A forked child (the bundle import's second process) closes its copies of the claims: the claim
    stays its parent's, and a window that ended leaves none behind in a child still running."""
    for handle in _OPEN:
        with contextlib.suppress(OSError):
            handle.close()
    _OPEN.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)


@dataclass
class Claim:
    """This process's claim on its database; `request` is the file a window watches (None for a
    command's claim, or when nothing could be claimed)."""

    request: Path | None = None
    _handle: BinaryIO | None = field(default=None, repr=False)

    def release(self) -> None:
        """Give the claim up (ending the process does the same)."""
        if self._handle is not None:
            _unlock(self._handle)
            self._handle = None


def claim_window(database: Path | None, *, kind: str = WINDOW, settle_s: float = SETTLE_S) -> Claim | None:
    """The claim on `database` for a window (or a command, `kind`), or None when someone holds it.

    A database server, a data folder that does not exist yet for a command (nothing there to guard), or
    a folder where no lock can be made gives an empty claim: the start goes on (opening the data then
    says what is wrong with the folder, as before).
    """
    if database is None or (kind == COMMAND and not database.parent.is_dir()):
        return Claim()
    deadline = time.monotonic() + settle_s
    while True:
        try:
            if kind == WINDOW:
                database.parent.mkdir(parents=True, exist_ok=True)
            handle = _try_lock(_lock_file(database))
        except OSError:
            return Claim()
        if handle is not None:
            break
        if time.monotonic() >= deadline:
            return None
        time.sleep(_STEP_S)
    # Who holds it, for a start that finds it held: a window to bring forward, or a command to wait for.
    with contextlib.suppress(OSError):
        handle.seek(0)
        handle.write(kind.encode("ascii"))
        handle.truncate(len(kind))
    if kind != WINDOW:
        return Claim(None, handle)
    request = request_file(database)
    try:  # emptied, so that only a request made from now on brings the window forward
        os.close(os.open(request, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY))
    except OSError:
        return Claim(None, handle)
    return Claim(request, handle)


def holder(database: Path) -> str:
    """Who holds the claim on `database`: WINDOW or COMMAND (a window, when it cannot be told)."""
    try:
        with open(_lock_file(database), "rb") as lock:
            word = lock.read(16)
    except OSError:
        return WINDOW
    return COMMAND if word.startswith(COMMAND.encode("ascii")) else WINDOW


def ask_to_come_forward(database: Path, *, answer_s: float = ANSWER_S) -> bool:
    """Ask the window that has `database` open to come to the front; True once it has answered (emptied
    the request file), False when the request could not be made or the window did not answer in time."""
    if sys.platform == "win32":
        # Windows lets only the program in front (this one, just started by the person) bring another
        # program's window forward; it passes that right on to whichever window asks next.
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(0xFFFFFFFF)  # type: ignore[attr-defined]
    request = request_file(database)
    try:
        with append_owner_only(request) as out:
            out.write(b"\n")
    except OSError:
        return False
    deadline = time.monotonic() + answer_s
    while time.monotonic() < deadline:
        try:
            if os.stat(request).st_size == 0:
                return True
        except OSError:
            return False
        time.sleep(_STEP_S)
    return False


ALREADY_OPEN = N_("Digigram is already open on this computer with the same data; its window was brought "
                  "to the front.")
def not_answering(database: Path) -> Message:
    return N_("Digigram is already open on this computer with the same data ({database}), but its window "
              "does not answer. Wait a little and start Digigram again; if it still does not answer, close "
              "that window or restart the computer.", database=database)


def command_running(database: Path) -> Message:
    return N_("A Digigram command is changing these data now ({database}). Start Digigram again when it has "
              "ended.", database=database)


def claim_for_command(database: Path | None, *, command: str, in_window: bool = True) -> Claim:
    """The claim for a command that writes, held until it ends, or a refusal while a window (or another
    command) has the same database: the window would go on showing what is no longer there (a deleted
    person, a database restored under it), or the same check would take answers in two places.
    `in_window`: the open window can do what the command does (not so for a restore)."""
    claim = claim_window(database, kind=COMMAND)
    if claim is not None:
        return claim
    assert database is not None
    if holder(database) == COMMAND:
        raise StorageError(N_(
            "Another Digigram command is changing the same data now ({database}), so `digigram {command}` "
            "does not: run it again when that one has ended.", database=database, command=command))
    if not in_window:
        raise StorageError(N_(
            "Digigram is open in a window on this computer with the same data ({database}), so `digigram "
            "{command}` does not change it now: close the window and run the command again. Commands that "
            "only read (people, export, report) work while the window is open.",
            database=database, command=command))
    raise StorageError(N_(
        "Digigram is open in a window on this computer with the same data ({database}), so `digigram "
        "{command}` does not change it now: do this in the window, or close the window and run the "
        "command again. Commands that only read (people, export, report) work while the window is open.",
        database=database, command=command))
