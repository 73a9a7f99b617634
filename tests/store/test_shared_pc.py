"""A shared library PC: odd folder names, two writers at once, locked, full or read-only disks, starts."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from digigram.core import paths
from digigram.core.errors import DigigramError, StorageError
from digigram.services.workspace import Workspace
from digigram.store import backup
from tests.disks import fill, make_read_only
from tests.store.conftest import SMALL
from tests.store.helpers import some_choice

OWNER_ONLY = 0o600
BUSY_TIMEOUT_S = 5.0  # store.db.BUSY_TIMEOUT_MS; written out so that this file also runs on older code


def _python(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True,
                          text=True, timeout=timeout, check=False)


def _answer(ws: Workspace, session: object, n: int) -> None:
    import random

    rng = random.Random(7)
    for _ in range(n):
        item = session.current_item  # type: ignore[attr-defined]
        assert item is not None
        session.answer(some_choice(ws.framework, item, rng))  # type: ignore[attr-defined]


def test_a_data_folder_named_with_hash_and_percent_is_checked_and_backed_up(tmp_path: Path) -> None:
    folder = tmp_path / "Хаб #2 100%"
    with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
        ws.create_person("Олена")
    with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:  # the start-up backup
        assert [p.name for p in ws.people()] == ["Олена"]
    (newest, *_) = backup.list_backups(paths.backup_dir(folder))
    con = sqlite3.connect(newest.path)
    assert con.execute("SELECT name FROM person").fetchall() == [("Олена",)]
    con.close()
    assert [p.name for p in tmp_path.iterdir()] == ["Хаб #2 100%"]  # no stray file named "Хаб "
    db = paths.database_path(folder)
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.close()
    with pytest.raises(StorageError) as refused:
        Workspace.open(data_dir=folder, framework_path=SMALL)
    assert "newer version" in refused.value.message("en")


def _hold_write_lock(db: Path) -> sqlite3.Connection:
    con = sqlite3.connect(db, isolation_level=None, timeout=0)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO setting (key, value) VALUES ('held', '1')")
    return con


def test_a_second_writer_waits_for_the_first_instead_of_failing(data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        person = ws.create_person("Олена")
    # Starting a check reads the items seen before, then writes: with a plain BEGIN the upgrade to a
    # write lock was refused at once, whatever the busy timeout.
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sys, time
            from digigram.services.workspace import Workspace
            with Workspace.open(data_dir=sys.argv[1], framework_path=sys.argv[2]) as ws:
                print("ready", flush=True)
                sys.stdin.readline()
                t = time.monotonic()
                ws.start_quiz(sys.argv[3], mode="quick")
                print(f"waited {time.monotonic() - t:.2f}", flush=True)
        """), str(data_dir), str(SMALL), person.id],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline().strip() == "ready"
    holder = _hold_write_lock(paths.database_path(data_dir))
    proc.stdin.write("go\n")
    proc.stdin.flush()
    time.sleep(1.5)
    holder.execute("COMMIT")
    holder.close()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert float(out.split()[1]) > 1.0, out  # it waited for the lock, and then succeeded
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert ws.unfinished_attempt(person.id) is not None


def test_a_database_locked_past_the_timeout_gives_a_plain_message_and_keeps_the_answers(
        data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        person = ws.create_person("Олена")
        session = ws.start_quiz(person.id, mode="full")
        _answer(ws, session, 2)
        holder = _hold_write_lock(paths.database_path(data_dir))
        try:
            started = time.monotonic()
            with pytest.raises(StorageError) as refused:
                _answer(ws, session, 1)
            assert time.monotonic() - started >= BUSY_TIMEOUT_S * 0.9
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert getattr(refused.value, "reason", None) == "busy"
        assert "answers so far" in refused.value.message("en")
        assert "відповіді" in refused.value.message("uk")
        _answer(ws, session, 1)  # the lock gone, the same question is taken
        assert ws.attempt(session.attempt_id).n_answers == 3


def test_the_same_person_in_two_quiz_processes_gets_a_message_and_loses_nothing(data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as first, \
            Workspace.open(data_dir=data_dir, framework_path=SMALL) as second:
        person = first.create_person("Олена")
        one = first.start_quiz(person.id, mode="full")
        _answer(first, one, 1)
        two = second.resume_quiz(one.attempt_id)
        _answer(first, one, 1)  # the first window goes on
        with pytest.raises(StorageError) as refused:
            _answer(second, two, 1)  # the second still shows the second question
        assert "another window" in refused.value.message("en")
        assert first.attempt(one.attempt_id).n_answers == 2
        again = second.resume_quiz(one.attempt_id)  # reopened, the second takes over cleanly
        _answer(second, again, 1)
        assert second.attempt(one.attempt_id).n_answers == 3


def test_several_starts_at_once_all_open_and_leave_only_whole_backups(data_dir: Path) -> None:
    n = 8
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        for k in range(30):
            ws.create_person(f"Людина {k}")
    script = """
        import sys
        from digigram.services.workspace import Workspace
        sys.stdin.readline()  # all start together
        with Workspace.open(data_dir=sys.argv[1], framework_path=sys.argv[2]) as ws:
            ws.create_person("ще одна")
    """
    command = [sys.executable, "-c", textwrap.dedent(script), str(data_dir), str(SMALL)]
    procs = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(n)]
    time.sleep(1.5)  # let every process import its modules, so that the openings really overlap
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [proc.communicate(timeout=180) for proc in procs]
    failed = [err for proc, (_, err) in zip(procs, results, strict=True) if proc.returncode != 0]
    assert failed == []
    folder = paths.backup_dir(data_dir)
    assert not list(folder.glob(".partial-*"))
    for item in backup.list_backups(folder):
        con = sqlite3.connect(item.path)
        assert con.execute("SELECT count(*) FROM person").fetchone()[0] >= 30
        con.close()


def test_restore_keeps_and_lists_only_the_newest_files_set_aside(data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.create_person("Олена")
        made = ws.backup_now("manual")
    assert made is not None
    db = paths.database_path(data_dir)
    for _ in range(5):
        backup.restore(db, made)
    asides = sorted(data_dir.glob(f"{db.name}.aside-*[0-9]"), reverse=True)
    assert len(asides) == 3
    for path in asides:
        assert stat.S_IMODE(path.stat().st_mode) == OWNER_ONLY or path.stat().st_uid == 0
    out = subprocess.run([sys.executable, "-m", "digigram", "restore", "--data-dir", str(data_dir),
                          "--lang", "en"], capture_output=True, text=True, check=True).stdout
    assert "kept aside" in out and all(str(p) in out for p in asides)


# --- a full disk and a read-only folder need a file system of their own ---------------------------


def test_a_full_disk_during_a_check_keeps_the_answers_and_the_next_start_still_works(
        small_disk: Path) -> None:
    data_dir = small_disk / "data"
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        person = ws.create_person("Олена")
        session = ws.start_quiz(person.id, mode="full")
        _answer(ws, session, 2)
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        session = ws.resume_quiz(ws.unfinished_attempt(person.id).id)  # type: ignore[union-attr]
        # One answer after this start's backup: the database then differs from every backup.
        _answer(ws, session, 1)
        filler = fill(small_disk)
        refused: StorageError | None = None
        answered = 3
        for _ in range(40):
            try:
                _answer(ws, session, 1)
                answered += 1
            except StorageError as exc:
                refused = exc
                break
        assert refused is not None, "the disk never filled up"
        assert getattr(refused, "reason", None) in ("full", "failed")
        assert "answers so far" in refused.message("en")
    newest = backup.list_backups(paths.backup_dir(data_dir))[0]
    # Still full: the start cannot copy the database, and says so instead of refusing to start.
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert [type(n).__name__ for n in ws.notices] == ["NoRoomForBackup"]
        assert ws.attempt(session.attempt_id).n_answers == answered
    assert backup.list_backups(paths.backup_dir(data_dir))[0] == newest  # the newest backup is kept
    assert not list(paths.backup_dir(data_dir).glob(".partial-*"))
    filler.unlink()
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert ws.notices == []


@pytest.fixture
def read_only_folder(read_only_mount: Path) -> Path:
    """A data folder holding a sound database, then made read-only (a read-only mount when run as root)."""
    data_dir = read_only_mount / "data"
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.create_person("Олена")
    make_read_only(read_only_mount, data_dir)
    return data_dir


def test_a_read_only_data_folder_is_called_read_only_not_damaged(read_only_folder: Path) -> None:
    with pytest.raises(DigigramError) as refused:
        Workspace.open(data_dir=read_only_folder, framework_path=SMALL)
    for lang in ("en", "uk"):
        text = refused.value.message(lang)
        assert "restore" not in text and "damaged" not in text.replace("not damaged", "")
    assert "can only be read" in refused.value.message("en")
    assert "лише читати" in refused.value.message("uk")


@pytest.fixture
def read_only_database(tmp_path: Path) -> Iterator[Path]:
    """A data folder that can be written, holding a sound database file that can only be read (when run as
    root, whom a file's mode does not stop, a read-only bind mount of the file)."""
    data_dir = tmp_path / "data"
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.create_person("Олена")
    database = paths.database_path(data_dir)
    as_root = os.name == "posix" and os.geteuid() == 0
    if as_root:
        if subprocess.run(["mount", "--bind", str(database), str(database)], capture_output=True,
                          check=False).returncode != 0:
            pytest.skip("needs permission to bind-mount a file")
        subprocess.run(["mount", "-o", "remount,ro,bind", str(database), str(database)], check=False)
    else:
        database.chmod(0o400)
    try:
        if os.access(database, os.W_OK):
            pytest.skip("the database file could not be made read-only")
        yield data_dir
    finally:
        if as_root:
            subprocess.run(["umount", "-l", str(database)], check=False)
        else:
            database.chmod(OWNER_ONLY)


def test_a_read_only_database_file_is_called_the_database_file_not_the_data_folder(
        read_only_database: Path) -> None:
    """A database file that could only be read, in a folder that could be written, was «the data folder
    …/digigram.sqlite3»: a file called a folder, and its folder, which needed nothing, named for access."""
    database = paths.database_path(read_only_database)
    with pytest.raises(DigigramError) as refused:
        Workspace.open(data_dir=read_only_database, framework_path=SMALL)
    for lang, named in (("en", f"The database file {database} can only be read"),
                        ("uk", f"Файл бази даних {database} можна лише читати")):
        text = refused.value.message(lang)
        assert text.startswith(named) and "--data-dir" in text, text
        in_app = refused.value.said_in_app(lang)
        assert in_app.startswith(named) and "--data-dir" not in in_app, in_app
        assert "restore" not in text and "damaged" not in text.replace("not damaged", "")


def test_a_start_on_a_full_disk_says_the_disk_is_full(small_disk: Path) -> None:
    """Started with its disk already full, the app said the file «could not be read (disk I/O error)»
    and to close other programs: English inside the Ukrainian sentence, and advice that cannot help."""
    data_dir = small_disk / "data"
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.create_person("Олена")
    database = paths.database_path(data_dir)
    before = database.read_bytes()
    filler = fill(small_disk)
    try:
        with pytest.raises(StorageError) as info:
            Workspace.open(data_dir=data_dir, framework_path=SMALL).close()
    finally:
        filler.unlink()
    uk = info.value.message("uk")
    assert "місця" in uk and "disk I/O" not in uk and "Закрийте інші програми" not in uk, uk
    assert "no room" in info.value.message("en")
    assert database.read_bytes() == before
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:  # room again: it opens
        assert [p.name for p in ws.people()] == ["Олена"]
