"""Real file systems that refuse to be written, for the tests of what Digigram says then: a full disk
and a read-only one, each a small tmpfs of its own (root on Linux). Where a tmpfs cannot be mounted, the
read-only folder falls back to a folder's mode (which root ignores), and a test that can have neither is
skipped. A full disk is filled to its last byte by one file, as a full USB stick is."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def mount_tmpfs(target: Path, size: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(target)],
                          capture_output=True, check=False).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 16 MiB file system (tmpfs), so that the disk really fills up."""
    mount = tmp_path / "disk"
    if not mount_tmpfs(mount, "16m"):
        pytest.skip("needs permission to mount a small tmpfs (root on Linux)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until `disk` has no room left; returns it (unlink it to make room again)."""
    filler = disk / "filler"
    try:
        with filler.open("wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
    except OSError:
        pass
    return filler


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A folder to fill, then `make_read_only(folder)`: remounted read-only when run as root (whom a mode
    does not stop), else its mode taken away; put back at the end."""
    mount = tmp_path / "ro"
    as_root = os.name == "posix" and os.geteuid() == 0
    if as_root and not mount_tmpfs(mount, "8m"):
        pytest.skip("needs permission to mount a tmpfs")
    mount.mkdir(exist_ok=True)
    try:
        yield mount
    finally:
        if as_root:
            subprocess.run(["umount", "-l", str(mount)], check=False)
        else:
            for folder in (mount, *mount.rglob("*")):
                if folder.is_dir():
                    folder.chmod(0o755)


def make_read_only(mount: Path, folder: Path) -> None:
    """`folder` (inside the read_only_mount `mount`) can no longer be written."""
    if os.name == "posix" and os.geteuid() == 0:
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    else:
        folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        pytest.skip("the folder could not be made read-only")


@contextlib.contextmanager
def full_disk(target: Path) -> Iterator[Path]:
    """`target`, a folder on a 1 MiB file system with no byte left (a file `filler` holds them all)."""
    if not mount_tmpfs(target, "1m"):
        pytest.skip("needs permission to mount a small tmpfs (root on Linux)")
    try:
        fill(target)
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


@contextlib.contextmanager
def read_only_disk(target: Path) -> Iterator[Path]:
    """`target`, an empty folder on a file system mounted read-only (a USB stick's lock switch)."""
    if not mount_tmpfs(target, "1m"):
        pytest.skip("needs permission to mount a small tmpfs (root on Linux)")
    try:
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def left_in(folder: Path) -> list[str]:
    """What a failed save left in `folder`, the filler aside (hidden and temporary files included)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")


@pytest.fixture
def full(tmp_path: Path) -> Iterator[Path]:
    """A folder on a full USB stick (a 1 MiB tmpfs with no byte left)."""
    with full_disk(tmp_path / "stick") as folder:
        yield folder


@pytest.fixture
def protected(tmp_path: Path) -> Iterator[Path]:
    """A folder on a write-protected USB stick (a tmpfs mounted read-only)."""
    with read_only_disk(tmp_path / "locked") as folder:
        yield folder
