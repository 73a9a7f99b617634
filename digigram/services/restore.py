"""Putting a backup back from the app, when the database will not open.

A librarian at a library PC has no terminal to run `digigram restore`: when the database is damaged,
the app offers the newest backup that is itself sound, asks the coordinator password first once one is
set (as the command does), and keeps the damaged file aside.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.core.i18n import N_
from digigram.core.records import BackupChoice
from digigram.services.coordinator.auth import password_is_set, verify
from digigram.store import backup
from digigram.store.db import inspect_file
from digigram.store.migrate import known_revisions
from digigram.store.vault import VAULT_NAME, FileVault


class Restorer:
    """The backups of one data folder (services.api.RestoreAPI)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.database = paths.database_path(data_dir)

    def sound_backup(self, *, progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> BackupChoice | None:
        """The newest backup that is a sound database, or None. `progress(n, total)` is told before the
        n-th backup is checked; once `cancelled` says yes the search stops with Cancelled."""
        known = set(known_revisions())
        found_all = backup.list_backups(paths.backup_dir(self.data_dir))
        for number, found in enumerate(found_all, start=1):
            if progress is not None:
                progress(number, len(found_all))
            try:
                revision = inspect_file(found.path, cancelled=cancelled)
            except (StorageError, OSError):
                continue  # damaged too, or gone: an older one may still serve
            if revision is not None and revision not in known:
                continue  # made by a newer Digigram: this one could not open it once put back
            return BackupChoice(found.path, found.made_at)
        return None

    def password_needed(self) -> bool:
        """Whether a coordinator password is set: then only the coordinator may put older data back."""
        return password_is_set(self._vault())

    def restore(self, choice: BackupChoice, *, password: str | None,
                cancelled: Callable[[], bool] | None = None) -> Path | None:
        """Put `choice` back as the database; returns where the damaged file was kept (None when there
        was none). CoordinatorLocked for a wrong password, StorageError when it cannot be done,
        Cancelled once `cancelled` says yes before the copy is whole (then nothing changed)."""
        backup.check_restorable(self.database, choice.path)  # said before a password try is counted
        vault = self._vault()
        if password_is_set(vault):
            verify(vault, password or "")
        try:
            return backup.restore(self.database, choice.path, cancelled=cancelled)
        except OSError as exc:  # the copy failed (a full disk): the current file stayed where it was
            raise StorageError(N_("The backup could not be put back ({reason}). The database file has not "
                                  "been changed.", reason=exc.strerror or str(exc))) from exc

    def _vault(self) -> FileVault:
        return FileVault(self.database.with_name(VAULT_NAME))
