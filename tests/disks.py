"""Real file systems that refuse to be written: a full one and a write-protected one.

Each is a small tmpfs of its own, which only root can mount (Linux); elsewhere the test skips. A full disk
is filled to its last byte by one file, so that any file written into it fails as on a full USB stick.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(target: Path, size: str) -> None:
    target.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("needs permission to mount a small tmpfs (root on Linux)")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(target)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("could not mount a tmpfs")


@contextlib.contextmanager
def full_disk(target: Path) -> Iterator[Path]:
    """`target`, a folder on a 1 MiB file system with no byte left (a file `filler` holds them all)."""
    _mount(target, "1m")
    try:
        with contextlib.suppress(OSError), (target / "filler").open("wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


@contextlib.contextmanager
def read_only_disk(target: Path) -> Iterator[Path]:
    """`target`, an empty folder on a file system mounted read-only (a USB stick's lock switch)."""
    _mount(target, "1m")
    try:
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def left_in(folder: Path) -> list[str]:
    """What a failed save left in `folder`, the filler aside (hidden and temporary files included)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")
