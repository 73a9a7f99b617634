"""Files only their owner may read: every file Digigram writes holds personal data or secrets."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
    """Write a file the person chose whole or not at all, owner-only: into a temporary file beside it that
    is then renamed over it. When the system refuses (a full USB stick, a write-protected one) the
    temporary file is removed and a DigigramError says why in the reader's language."""
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(suffix=".part", dir=target.parent or None)  # mode 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, target)
    except OSError as exc:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
        raise could_not_save(target, exc) from exc
    return target
