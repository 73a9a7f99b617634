"""Commands that only read (people, export, report, bundle export) on a data folder that cannot be written (a
write-protected stick, a copy on a backup disk) or on a full disk: they read it and change nothing;
only a database that must first be brought up to date is refused, plainly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digigram.core import paths
from digigram.services.workspace import Workspace
from digigram.store import backup, migrate
from digigram.store.db import sqlite_url
from tests.disks import fill, make_read_only
from tests.store.conftest import SMALL
from tests.ui.coordinator_seed import finish_check

PASSWORD = "coordinator-2024"


def _hub(data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
        person = ws.create_person("Олена", hub="Хаб у Бучі")
        finish_check(ws, person.id, seed=1, rating=5)


def _digigram(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digigram", *args, "--lang", "uk"], input=stdin,
                          capture_output=True, text=True, timeout=180, check=False)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _reads_everything(data_dir: Path, out: Path, *, full: bool = False) -> None:
    """Each reading command works and says what it found. On a full disk the coordinator password is
    not checked: the try could not be counted, and an uncounted try would let a program guess without
    the wait after wrong ones (filling a library PC's disk is within anyone's reach)."""
    where = ["--data-dir", str(data_dir)]
    listed = _digigram("people", *where)
    assert listed.returncode == 0, listed.stderr
    assert "Олена (Хаб у Бучі)" in listed.stdout and "завершено 1" in listed.stdout, listed.stdout
    exported = _digigram("export", "--person", "Олена", *where, "--framework", str(SMALL))
    assert exported.returncode == 0, exported.stderr
    assert '"name": "Олена"' in exported.stdout
    as_coordinator = _digigram("export", "--person", "Олена", "--coordinator", *where, "--framework",
                               str(SMALL), stdin=PASSWORD + "\n")
    if full:
        assert as_coordinator.returncode == 2, as_coordinator.stderr
        assert "Звільніть місце" in as_coordinator.stderr and not as_coordinator.stdout.strip()
    else:
        assert as_coordinator.returncode == 0, as_coordinator.stderr
        assert '"name": "Олена"' in as_coordinator.stdout
    report = _digigram("report", "--out", str(out), *where, "--framework", str(SMALL))
    assert report.returncode == 0, report.stderr
    assert out.stat().st_size > 0 and "слухачів — 1, перевірок — 1" in report.stdout, report.stdout
    bundle = out.with_name("hub.zip")
    exported = _digigram("bundle", "export", *where, "--out", str(bundle), "--unsigned",
                         stdin=PASSWORD + "\n")
    if full:
        assert exported.returncode == 2, exported.stderr
        assert "Звільніть місце" in exported.stderr and not bundle.exists()
    else:
        assert exported.returncode == 0, exported.stderr
        assert "людей 1, перевірок 1" in exported.stdout and bundle.stat().st_size > 0, exported.stdout


def test_reading_commands_work_on_a_folder_that_cannot_be_written(read_only_mount: Path,
                                                                  tmp_path: Path) -> None:
    """They said «…Digigram має записувати в неї відповіді» and read nothing."""
    data_dir = read_only_mount / "data"
    _hub(data_dir)
    before = _files(data_dir)
    make_read_only(read_only_mount, data_dir)
    _reads_everything(data_dir, tmp_path / "report.csv")
    assert _files(data_dir) == before
    # A command that writes is still refused, in words.
    quiz = _digigram("quiz", "--person", "Олена", "--data-dir", str(data_dir))
    assert quiz.returncode == 2 and "можна лише читати" in quiz.stderr, quiz.stderr


@pytest.mark.parametrize("index", ["kept", "lost"])
def test_a_copy_taken_while_the_database_was_open_is_read_with_its_last_answers(
        read_only_mount: Path, tmp_path: Path, index: str) -> None:
    """A folder copied while Digigram had it open holds the newest data in the -wal file beside the
    database (and its index in -shm, unless the copy left that out); it is read all the same."""
    source = tmp_path / "live"
    _hub(source)
    data_dir = read_only_mount / "data"
    with Workspace.open(data_dir=source, framework_path=SMALL) as ws:
        ws.create_person("Петро")
        database = paths.database_path(source)
        assert database.with_name(database.name + "-wal").stat().st_size > 0
        data_dir.mkdir()
        names = [database.name, database.name + "-wal", "digigram-secrets.sqlite3"]
        for name in [*names, *([database.name + "-shm"] if index == "kept" else [])]:
            shutil.copy2(source / name, data_dir / name)
    make_read_only(read_only_mount, data_dir)
    listed = _digigram("people", "--data-dir", str(data_dir))
    assert listed.returncode == 0, listed.stderr
    assert "Олена" in listed.stdout and "Петро" in listed.stdout, listed.stdout


def test_reading_commands_work_on_a_full_disk_and_make_no_backup(small_disk: Path, tmp_path: Path) -> None:
    """On a full disk they said the database «cannot be opened»."""
    data_dir = small_disk / "data"
    _hub(data_dir)
    backups = backup.list_backups(paths.backup_dir(data_dir))
    filler = fill(small_disk)
    try:
        before = _files(data_dir)
        _reads_everything(data_dir, tmp_path / "report.csv", full=True)
        assert _files(data_dir) == before
    finally:
        filler.unlink()
    assert backup.list_backups(paths.backup_dir(data_dir)) == backups


def _older(data_dir: Path) -> None:
    """A data folder whose database an older Digigram wrote: the revision before the newest."""
    db = paths.database_path(data_dir)
    data_dir.mkdir(parents=True)
    migrate.upgrade(sqlite_url(db), to=migrate.known_revisions()[-2])


def test_an_older_database_in_a_folder_that_cannot_be_written_is_refused_plainly(
        read_only_mount: Path) -> None:
    data_dir = read_only_mount / "data"
    _older(data_dir)
    make_read_only(read_only_mount, data_dir)
    listed = _digigram("people", "--data-dir", str(data_dir))
    assert listed.returncode == 2 and "Traceback" not in listed.stderr, listed.stderr
    assert "старіша версія Digigram" in listed.stderr and "Нічого не змінено" in listed.stderr, listed.stderr


def test_an_older_database_where_it_can_be_written_is_brought_up_to_date_as_before(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _older(data_dir)
    listed = _digigram("people", "--data-dir", str(data_dir))
    assert listed.returncode == 0, listed.stderr
    assert migrate.file_needs_upgrade(paths.database_path(data_dir)) is False


def test_on_a_full_disk_a_read_keeps_its_snapshot_while_the_open_window_writes(small_disk: Path) -> None:
    """On a full disk the reading commands read the WAL without taking part in its locks, also while the
    desktop app had the database open and went on writing (its WAL is reused, so commits still fit).
    Unseen by the writer, such a read could add up pages of two moments: a writer moving amounts between
    rows, whose total never changes, was read with a wrong total 2,534 times in 14,489. Here, with that
    reader, the writer's checkpoint failed with «database or disk is full». With the WAL's index there, a
    read is now an ordinary one: it keeps its snapshot, and the writer goes on."""
    import sqlite3

    from digigram.store.db import connect_read_only

    db = small_disk / "shared.sqlite3"
    writer = sqlite3.connect(db, isolation_level=None)  # the window's connection, kept open
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE amount (id INTEGER PRIMARY KEY, value INTEGER)")
    writer.executemany("INSERT INTO amount VALUES (?, ?)", [(n, 1) for n in range(2000)])
    writer.execute("PRAGMA wal_checkpoint(RESTART)")  # the file holds every page; the WAL is reused
    filler = fill(small_disk)
    try:
        reader = connect_read_only(db)
        reader.execute("BEGIN")
        first = reader.execute("SELECT sum(value), count(*) FROM amount").fetchone()
        writer.execute("UPDATE amount SET value = value + 1")  # a commit the reused WAL still takes
        writer.execute("PRAGMA wal_checkpoint(PASSIVE)")  # the app's checkpoint: pages into the file
        assert reader.execute("SELECT sum(value), count(*) FROM amount").fetchone() == first == (2000, 2000)
        reader.execute("COMMIT")
        assert reader.execute("SELECT sum(value) FROM amount").fetchone() == (4000,)  # then the new one
        reader.close()
    finally:
        writer.close()
        filler.unlink()


def test_a_start_backup_that_cannot_be_made_does_not_stop_a_reading_command(
        read_only_mount: Path, tmp_path: Path) -> None:
    """Where the data folder only looks writable (on Windows every folder does) or its backups folder is
    write-protected, `people` stopped with «Не вдалося зробити резервну копію…: [Errno 30] Read-only file
    system». It reads, and says the backup was not made, in words."""
    data_dir = tmp_path / "data"
    _hub(data_dir)
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.create_person("Петро")  # written since the last backup: a start backup is due
    backups = paths.backup_dir(data_dir)
    shutil.copytree(backups, read_only_mount, dirs_exist_ok=True)
    shutil.rmtree(backups)
    backups.symlink_to(read_only_mount, target_is_directory=True)
    make_read_only(read_only_mount, read_only_mount)
    listed = _digigram("people", "--data-dir", str(data_dir))
    assert listed.returncode == 0, listed.stderr
    assert "Олена" in listed.stdout and "Петро" in listed.stdout, listed.stdout
    said = listed.stderr
    assert "Не вдалося зробити резервну копію" in said and "Errno" not in said, said
