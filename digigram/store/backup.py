"""Rotating backups made with SQLite's online backup, and restoring one with the old file kept aside."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from digigram.core.errors import StorageError
from digigram.core.i18n import N_
from digigram.store.db import inspect_file

KEEP = 10
PREFIX = "digigram-"
SUFFIX = ".sqlite3"
SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    reason: str
    size: int


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
        except ValueError:
            continue
        reason = parts[3] if len(parts) > 3 else ""
        found.append(Backup(path=path, made_at=made, reason=reason, size=path.stat().st_size))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def make_backup(db_path: Path, folder: Path, *, reason: str, keep: int = KEEP) -> Path | None:
    """Copy the database into `folder` unless the newest backup already holds the same content.

    Returns the new backup's path, or None when nothing changed since the last one.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f".partial-*{SUFFIX}"):  # left by a copy cut short by a power cut
        stale.unlink(missing_ok=True)
    partial = folder / f".partial-{uuid.uuid4().hex}{SUFFIX}"
    try:
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        existing = list_backups(folder)
        if existing and _digest(existing[0].path) == _digest(partial):
            partial.unlink()
            return None
        final = folder / f"{PREFIX}{_stamp()}-{reason}{SUFFIX}"
        os.replace(partial, final)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(
            N_("Could not back up the database into {folder}: {exc}. Check that the disk has free space.",
               folder=folder, exc=exc),
        ) from exc
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    return final


def restore(db_path: Path, backup: Path) -> Path | None:
    """Put `backup` in place of the database; the current file (if any) is renamed aside and returned."""
    inspect_file(backup)  # refuse to restore a backup that is itself damaged
    aside: Path | None = None
    if db_path.exists():
        aside = db_path.with_name(f"{db_path.name}.aside-{_stamp()}")
        os.replace(db_path, aside)
        for side in SIDE_FILES:
            extra = db_path.with_name(db_path.name + side)
            if extra.exists():
                os.replace(extra, aside.with_name(aside.name + side))
    else:
        for side in SIDE_FILES:
            db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    partial = db_path.with_name(f".restoring-{uuid.uuid4().hex}")
    shutil.copyfile(backup, partial)
    os.replace(partial, db_path)
    return aside
