"""Where Digigram keeps its data: one place that reads --data-dir, DIGIGRAM_DATA_DIR and the OS default."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs

ENV_DATA_DIR = "DIGIGRAM_DATA_DIR"
ENV_CACHE_DIR = "DIGIGRAM_CACHE_DIR"
DATABASE_NAME = "digigram.sqlite3"
BACKUP_DIR_NAME = "backups"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: `explicit`, else $DIGIGRAM_DATA_DIR, else the per-user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Digigram", appauthor=False))


def data_dir_from_args(args: Any) -> Path:
    """The data folder chosen by a parsed command line (the options may be absent)."""
    return data_dir(getattr(args, "data_dir", None))


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def backup_dir(folder: Path) -> Path:
    return folder / BACKUP_DIR_NAME


def cache_dir() -> Path:
    """Rebuildable files (the compiled framework): $DIGIGRAM_CACHE_DIR, else the per-user cache folder."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir("Digigram", appauthor=False))
