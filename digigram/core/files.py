"""Files only their owner may read, written whole or not at all: every file Digigram writes holds personal
data or secrets, and half of one is never left where the whole was expected."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from digigram.core.errors import could_not_save

OWNER_ONLY = 0o600


def create_owner_only(path: Path) -> BinaryIO:
    """A new file opened for writing, readable and writable by its owner alone.

    The mode is given when the file is created (not set afterwards), so there is no moment in which
    another user of the computer could open it. Fails if the file already exists.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), OWNER_ONLY)
    return os.fdopen(fd, "wb")


def append_owner_only(path: Path) -> BinaryIO:
    """A file opened for appending (a log), created owner-only when it is new."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), OWNER_ONLY)
    return os.fdopen(fd, "ab")


def touch_owner_only(path: Path) -> None:
    """Create an empty owner-only file if there is none (SQLite then keeps the mode for its own files)."""
    with contextlib.suppress(FileExistsError):
        create_owner_only(path).close()


def save_whole(target: Path, data: bytes) -> Path:
    """Write a file the person chose whole or not at all, owner-only: into a partial file beside it (see
    partial_beside) that is then renamed over it. When the system refuses (a full USB stick, a
    write-protected one) the partial file is removed and a DigigramError says why in the reader's
    language."""
    try:
        with partial_beside(target) as handle:
            handle.write(data)
    except OSError as exc:
        raise could_not_save(target, exc) from exc
    return target


# A file is written as ".NAME.<32 hex digits>.partial" beside NAME and renamed over it once whole: the
# dot keeps it out of a file manager's view, and one left behind (a process killed, a power cut) says
# whose it is, where «tmpk3j9x.part» beside a plan's PDF said nothing.
_PARTIAL_RE = r"\.{name}\.[0-9a-f]{{32}}\.partial"
# A partial file this recent is never taken for one left behind: it covers the instant between a writer
# creating its file and locking it, and the one between closing and renaming it.
PARTIAL_SETTLE_S = 60.0


# At most this much of the target's name goes into its partial's: the 42 characters added to a long
# name (a person's full name as a PDF's) passed the 255 bytes a file name may take, and on Windows they
# count towards a path's 260 characters.
PARTIAL_NAME_CHARS = 60


def _shown_name(target: Path) -> str:
    return target.name[:PARTIAL_NAME_CHARS]


def partial_name(target: Path) -> Path:
    """A new partial file's path for `target` (see _PARTIAL_RE)."""
    return target.with_name(f".{_shown_name(target)}.{uuid.uuid4().hex}.partial")


@contextlib.contextmanager
def partial_beside(target: Path) -> Iterator[BinaryIO]:
    """A new partial file beside `target`, owner-only and locked while it is written, renamed to `target`
    when the block ends well and removed when it does not, whatever ended it. Partial files of the same
    target that earlier writers left behind (a process killed, a power cut) are removed first: each may
    hold a whole hub's names and results, and on a USB stick the room they take. A refusal of the system
    (OSError) reaches the caller, who says it naming `target`."""
    partial, handle = held_partial(target)
    try:
        with handle:
            yield handle
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):  # a folder that cannot be written cannot have it either
            partial.unlink(missing_ok=True)
        raise


def held_partial(target: Path) -> tuple[Path, BinaryIO]:
    """A new partial file beside `target` (its stale ones removed first) and its handle, which holds it
    locked until it is closed: for a writer that fills it by its path, or fills several before putting
    them all in place. The caller renames it and closes the handle, or removes it."""
    remove_stale_partials(target)
    partial = partial_name(target)
    handle = create_owner_only(partial)
    _hold(handle)
    return partial, handle


def _hold(handle: BinaryIO) -> None:
    """Lock a partial file for as long as it is open, so that no other writer takes it for one left
    behind. The system drops the lock when the file is closed or its process ends in any way, `kill -9`
    included; where there are no locks the partial is simply not locked (see remove_stale_partials)."""
    if sys.platform == "win32":  # Windows refuses to delete a file another process has open
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def remove_stale_partials(target: Path) -> list[Path]:
    """Remove the partial files of `target` that no running writer is writing; returns them.

    A partial is left behind for sure only when its writer has ended, and the one sign of that every
    system gives at once, whether the writer was closed, crashed or killed, is its lock: a writer locks
    its partial for as long as it writes (_hold) and the system drops the lock with the process. So a
    partial is removed only when its lock can be taken (on Windows: when it can be deleted, which the
    system refuses while another process has it open), and never in its first PARTIAL_SETTLE_S, before
    its writer has locked it. An age alone would take a slow export's file (a region's bundle written
    over minutes to a slow stick) or keep a killed one's for as long as the age. Where locks cannot be
    tested at all (some network folders) nothing is removed. Only `target`'s own partial files are looked
    at, never another file's (for a name over PARTIAL_NAME_CHARS characters: those of the names that
    begin as it does).
    """
    pattern = re.compile(_PARTIAL_RE.format(name=re.escape(_shown_name(target))))
    removed = []
    try:
        found = [p for p in target.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:  # no folder, or none that can be listed: nothing to tidy
        return []
    now = time.time()
    for stale in found:
        try:
            if now - stale.lstat().st_mtime < PARTIAL_SETTLE_S or not stale.is_file() or stale.is_symlink():
                continue
            if _remove_unless_held(stale):
                removed.append(stale)
        except OSError:  # gone meanwhile, or a folder that cannot be written: left as it is
            continue
    return removed


def _remove_unless_held(partial: Path) -> bool:
    if sys.platform == "win32":
        try:
            partial.unlink()
        except PermissionError:  # open in a running writer
            return False
        return True
    import fcntl

    fd = os.open(partial, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held by a running writer, or no locks here to tell: left alone
            return False
        partial.unlink()  # under the lock: no writer can be writing it
        return True
    finally:
        os.close(fd)
