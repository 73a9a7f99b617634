"""`digigram restore N`, the command the "database is damaged" message names, where it cannot be done: a
full disk or a write-protected folder is said in the reader's language, with what to do, and the
database is left as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.core.records import BackupChoice
from digigram.services.restore import Restorer
from digigram.services.workspace import Workspace
from digigram.store import backup
from tests.disks import fill, make_read_only
from tests.store.conftest import SMALL

PASSWORD = "coordinator-2024"


def _hub(data_dir: Path, *, notes: int = 0) -> None:
    """A data folder with a person, a coordinator password and a start-up backup of them; `notes` bytes
    of padding make the database (and its backup) that much bigger."""
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
        ws.create_person("Олена")
        if notes:
            from sqlalchemy import text

            with ws.store.engine.begin() as conn:
                conn.execute(text("INSERT INTO setting (key, value) VALUES ('notes', :v)"),
                             {"v": '"' + "x" * notes + '"'})
    Workspace.open(data_dir=data_dir, framework_path=SMALL).close()  # the start-up backup
    assert backup.list_backups(paths.backup_dir(data_dir))


def _restore(data_dir: Path, *, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """`digigram restore 1` as typed at a terminal (the password on standard input); `limit` caps the size
    of any file the command writes, as a disk without room for the copy would."""

    def capped() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails (EFBIG) instead of the process
        assert limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "digigram", "restore", "1", "--data-dir", str(data_dir), "--lang", "uk"],
        input=PASSWORD + "\n", capture_output=True, text=True, timeout=120, check=False,
        preexec_fn=None if limit is None else capped)


def _untouched(data_dir: Path, before: bytes) -> None:
    assert paths.database_path(data_dir).read_bytes() == before, "the database was changed"
    left = [p.name for p in data_dir.iterdir() if p.name.startswith(".restoring-")]
    assert not left, "a partial copy stayed"
    assert not backup.list_asides(paths.database_path(data_dir))


def test_restore_on_a_full_disk_says_to_free_space_and_leaves_the_database(small_disk: Path) -> None:
    data_dir = small_disk / "data"
    _hub(data_dir)
    before = paths.database_path(data_dir).read_bytes()
    filler = fill(small_disk)
    try:
        done = _restore(data_dir)
        # The app puts a backup back through the same copy.
        (newest, *_) = backup.list_backups(paths.backup_dir(data_dir))
        with pytest.raises(StorageError) as in_app:
            Restorer(data_dir).restore(BackupChoice(newest.path, newest.made_at), password=PASSWORD)
    finally:
        filler.unlink()
    assert done.returncode == 2, done.stderr
    said = done.stderr
    assert "Traceback" not in said and "Errno" not in said and "No space" not in said, said
    assert "не вистачає вільного місця" in said and "Звільніть місце" in said, said
    assert "Пароль" not in done.stdout, "a password was asked for a restore that could not be done"
    app_said = in_app.value.said_in_app("uk")
    assert "Звільніть місце" in app_said and "No space" not in app_said, app_said
    _untouched(data_dir, before)


def test_restore_in_a_read_only_folder_says_it_is_write_protected(read_only_mount: Path) -> None:
    data_dir = read_only_mount / "data"
    _hub(data_dir)
    before = paths.database_path(data_dir).read_bytes()
    make_read_only(read_only_mount, data_dir)
    done = _restore(data_dir)
    assert done.returncode == 2, done.stderr
    said = done.stderr
    assert "Traceback" not in said and "Errno" not in said and "Read-only" not in said, said
    assert "можна лише читати" in said and "доступ на запис" in said, said
    (newest, *_) = backup.list_backups(paths.backup_dir(data_dir))
    with pytest.raises(StorageError) as in_app:
        Restorer(data_dir).restore(BackupChoice(newest.path, newest.made_at), password=PASSWORD)
    assert "можна лише читати" in in_app.value.said_in_app("uk")
    _untouched(data_dir, before)


@pytest.mark.skipif(os.name != "posix", reason="a file size limit (RLIMIT_FSIZE) is a POSIX feature")
def test_a_copy_that_fails_partway_is_said_in_words_and_removed(data_dir: Path) -> None:
    """The disk had room when the restore began and none partway through the copy."""
    _hub(data_dir, notes=2 << 20)
    before = paths.database_path(data_dir).read_bytes()
    done = _restore(data_dir, limit=1 << 20)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "не вистачає вільного місця" in done.stderr, done.stderr
    _untouched(data_dir, before)
