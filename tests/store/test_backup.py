"""Backups and damaged files: a clear message, the original kept, and a way back through restore."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.store import backup
from digigram.store.startup import open_store


def _add_person(data_dir: Path, name: str) -> None:
    store = open_store(data_dir=data_dir)
    try:
        with store.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO person (id, name, hub, group_tag, created_at) "
                     "VALUES (:id, :name, '', '', '2025-01-01')"),
                {"id": name, "name": name},
            )
    finally:
        store.close()


def _names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT name FROM person ORDER BY name")]
    finally:
        con.close()


def test_pragmas_are_durable(data_dir: Path) -> None:
    store = open_store(data_dir=data_dir)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_a_backup_is_made_at_start_only_when_the_data_changed(data_dir: Path) -> None:
    folder = paths.backup_dir(data_dir)
    open_store(data_dir=data_dir).close()
    assert backup.list_backups(folder) == []  # a brand-new database has nothing worth keeping yet
    _add_person(data_dir, "A")
    open_store(data_dir=data_dir).close()
    count = len(backup.list_backups(folder))
    assert _names(backup.list_backups(folder)[0].path) == ["A"]
    open_store(data_dir=data_dir).close()
    open_store(data_dir=data_dir).close()
    assert len(backup.list_backups(folder)) == count  # unchanged: no new copy
    _add_person(data_dir, "B")
    open_store(data_dir=data_dir).close()
    assert len(backup.list_backups(folder)) == count + 1
    assert _names(backup.list_backups(folder)[0].path) == ["A", "B"]


def test_backups_rotate(tmp_path: Path, data_dir: Path) -> None:
    db = paths.database_path(data_dir)
    open_store(data_dir=data_dir).close()
    folder = tmp_path / "b"
    for n in range(5):
        con = sqlite3.connect(db)
        with con:
            con.execute(
                "INSERT INTO person (id, name, hub, group_tag, created_at) "
                "VALUES (?, ?, '', '', '2025-01-01')",
                (str(n), str(n)),
            )
        con.close()
        assert backup.make_backup(db, folder, reason="test", keep=3) is not None
    kept = backup.list_backups(folder)
    assert len(kept) == 3
    assert _names(kept[0].path) == ["0", "1", "2", "3", "4"]


def _damage_truncate(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def _damage_random(db: Path) -> None:
    db.write_bytes(os.urandom(64 * 1024))


def _damage_empty(db: Path) -> None:
    db.write_bytes(b"")


def _damage_pages(db: Path) -> None:
    """Keep the header but scribble over the table pages."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : len(data)] = os.urandom(len(data) - page)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_random, _damage_empty, _damage_pages])
def test_a_damaged_file_gives_a_clear_message_and_restore_brings_the_data_back(
    data_dir: Path, damage: object
) -> None:
    _add_person(data_dir, "Олена")
    open_store(data_dir=data_dir).close()  # backs the person up
    db = paths.database_path(data_dir)
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    assert callable(damage)
    damage(db)
    damaged = db.read_bytes()
    with pytest.raises(StorageError) as info:
        open_store(data_dir=data_dir)
    assert "digigram restore" in info.value.message("en")
    assert "digigram restore" in info.value.message("uk")
    assert db.read_bytes() == damaged  # the damaged file is left as it was
    (latest, *_) = backup.list_backups(paths.backup_dir(data_dir))
    aside = backup.restore(db, latest.path)
    assert aside is not None and aside.read_bytes() == damaged
    store = open_store(data_dir=data_dir)
    store.close()
    assert _names(db) == ["Олена"]


def test_restoring_a_damaged_backup_is_refused(data_dir: Path, tmp_path: Path) -> None:
    _add_person(data_dir, "A")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all")
    db = paths.database_path(data_dir)
    before = db.read_bytes()
    with pytest.raises(StorageError):
        backup.restore(db, bad)
    assert db.read_bytes() == before


def _count_copies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The databases make_backup opens to copy (the real sqlite3 still does the work)."""
    opened: list[str] = []
    real = backup.sqlite3.connect

    def counting(database: str | Path, *args: object, **kwargs: object) -> sqlite3.Connection:
        opened.append(str(database))
        return real(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backup.sqlite3, "connect", counting)
    return opened


def test_an_unchanged_database_is_not_read_again_to_find_it_unchanged(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_person(data_dir, "A")
    db = paths.database_path(data_dir)
    folder = tmp_path / "b"
    assert backup.make_backup(db, folder, reason="test") is not None
    opened = _count_copies(monkeypatch)
    assert backup.make_backup(db, folder, reason="test") is None
    assert opened == []  # a region's 1 GB database is not copied on every start to learn nothing changed
    assert len(backup.list_backups(folder)) == 1


def test_every_kind_of_change_is_still_backed_up(data_dir: Path, tmp_path: Path) -> None:
    _add_person(data_dir, "A")
    db = paths.database_path(data_dir)
    folder = tmp_path / "b"
    assert backup.make_backup(db, folder, reason="test") is not None

    # A write still in the WAL (another Digigram has the database open).
    holder = sqlite3.connect(db)
    holder.execute("PRAGMA journal_mode=WAL")
    with holder:
        holder.execute("INSERT INTO person (id, name, hub, group_tag, created_at) "
                       "VALUES ('B', 'B', '', '', '2025-01-01')")
    made = backup.make_backup(db, folder, reason="test")
    assert made is not None and _names(made) == ["A", "B"]
    # That write moved from the WAL into the file: other bytes, the same data; nothing new to keep.
    holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert backup.make_backup(db, folder, reason="test") is None
    assert len(backup.list_backups(folder)) == 2
    # A change of one byte in a name, same sizes everywhere.
    with holder:
        holder.execute("UPDATE person SET name = 'C' WHERE id = 'B'")
    holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    holder.close()
    made = backup.make_backup(db, folder, reason="test")
    assert made is not None and _names(made) == ["A", "C"]
    # The database replaced by another file (a restore, a copy from a USB stick).
    other = tmp_path / "other.sqlite3"
    other.write_bytes(db.read_bytes())
    con = sqlite3.connect(other)
    with con:
        con.execute("UPDATE person SET name = 'D' WHERE id = 'A'")
    con.close()
    os.replace(other, db)
    made = backup.make_backup(db, folder, reason="test")
    assert made is not None and _names(made) == ["C", "D"]
    # The newest backup deleted by hand: the next start makes one again.
    made.unlink()
    again = backup.make_backup(db, folder, reason="test")
    assert again is not None and _names(again) == ["C", "D"]


def test_a_write_over_old_wal_frames_in_the_same_clock_tick_is_backed_up(
    data_dir: Path, tmp_path: Path
) -> None:
    """After a checkpoint SQLite writes new frames over the old ones: the WAL keeps its size and header.
    Only its time of change tells the write apart, and that time can stay the same: on a FAT USB stick
    it moves in 2-second steps, and another Digigram may write in the same step as this start."""
    _add_person(data_dir, "A")
    db = paths.database_path(data_dir)
    wal = db.with_name(db.name + "-wal")
    folder = tmp_path / "b"
    holder = sqlite3.connect(db)  # another Digigram, open the whole time
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("PRAGMA wal_autocheckpoint=0")
    with holder:
        for n in range(50):
            holder.execute("INSERT INTO person (id, name, hub, group_tag, created_at) "
                           "VALUES (?, 'x', '', '', '2025-01-01')", (f"x{n}",))
    holder.execute("PRAGMA wal_checkpoint(PASSIVE)")
    with holder:  # the WAL starts again from its beginning, over the old frames
        holder.execute("UPDATE person SET name = 'B' WHERE id = 'A'")
    assert backup.make_backup(db, folder, reason="test") is not None
    before = os.stat(wal)
    with holder:
        holder.execute("UPDATE person SET name = 'C' WHERE id = 'A'")
    after = os.stat(wal)
    assert after.st_size == before.st_size
    with wal.open("rb") as handle:  # the WAL's header is the one the stamp recorded
        assert handle.read(32).hex() in (folder / backup.SOURCE_STAMP).read_text()
    os.utime(wal, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same clock step
    made = backup.make_backup(db, folder, reason="test")
    holder.close()
    assert made is not None and "C" in _names(made)


def test_a_backup_folder_that_is_a_file_gives_the_plain_message(data_dir: Path) -> None:
    # Someone (or a sync tool) left a file where the backups folder belongs: the start must say where
    # it could not back up, in the user's words, rather than fail with the operating system's error.
    _add_person(data_dir, "A")
    folder = paths.backup_dir(data_dir)
    if folder.exists():
        for old in folder.iterdir():
            old.unlink()
        folder.rmdir()
    folder.write_text("not a folder")
    db = data_dir / "digigram.sqlite3"
    with pytest.raises(StorageError) as raised:
        backup.make_backup(db, folder, reason="start")
    assert str(folder) in str(raised.value.message("en"))
    assert folder.read_text() == "not a folder" and _names(db) == ["A"]


def test_a_restore_that_cannot_copy_leaves_the_current_file_in_place(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The current file was moved aside before the copy: a copy that failed (a full disk) left no
    database at all, and the next start made an empty one."""
    import errno
    import shutil

    _add_person(data_dir, "Олена")
    open_store(data_dir=data_dir).close()  # backs the person up
    db = paths.database_path(data_dir)
    before = db.read_bytes()
    (latest, *_) = backup.list_backups(paths.backup_dir(data_dir))

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", full)
    with pytest.raises(backup.CannotRestore):
        backup.restore(db, latest.path)
    assert db.read_bytes() == before, "the current database was moved away"
    assert not [p for p in db.parent.iterdir() if p.name.startswith(".restoring-")], "a partial copy was left"


def test_a_cancelled_restore_leaves_every_file_as_it_was(data_dir: Path) -> None:
    """Putting a region's backup back takes seconds (the check, then the copy); Cancel in the app stops
    it, at the check or in the middle of the copy, and must leave the current file where it was."""
    from digigram.core.errors import Cancelled

    _add_person(data_dir, "Олена")
    store = open_store(data_dir=data_dir)
    try:  # a backup of several copy blocks, so the copy can be stopped partway
        with store.engine.begin() as conn:
            conn.execute(text("INSERT INTO setting (key, value) VALUES ('notes', :v)"),
                         {"v": "x" * (3 * backup.COPY_BLOCK)})
    finally:
        store.close()
    open_store(data_dir=data_dir).close()  # backs it up
    db = paths.database_path(data_dir)
    before = db.read_bytes()
    (latest, *_) = backup.list_backups(paths.backup_dir(data_dir))
    assert latest.path.stat().st_size > 3 * backup.COPY_BLOCK
    files = sorted(p.name for p in db.parent.iterdir())
    copied: list[int] = []

    def partway() -> bool:
        copied[:] = [p.stat().st_size for p in db.parent.iterdir() if p.name.startswith(".restoring-")]
        return bool(copied) and copied[0] >= backup.COPY_BLOCK

    for cancelled in (lambda: True, partway):  # at once, while checked; with part of the copy written
        with pytest.raises(Cancelled):
            backup.restore(db, latest.path, cancelled=cancelled)
        assert db.read_bytes() == before, "the current database was moved away"
        assert sorted(p.name for p in db.parent.iterdir()) == files, "a copy or a file aside was left"
    assert backup.COPY_BLOCK <= copied[0] < latest.path.stat().st_size  # stopped in the middle


def test_the_search_for_a_sound_backup_says_which_one_it_checks_and_stops_when_told(
        data_dir: Path) -> None:
    from digigram.core.errors import Cancelled
    from digigram.services.restore import Restorer

    _add_person(data_dir, "Олена")
    open_store(data_dir=data_dir).close()
    _add_person(data_dir, "Богдан")
    open_store(data_dir=data_dir).close()
    newest, older = backup.list_backups(paths.backup_dir(data_dir))[:2]
    newest.path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # damaged: the older one serves
    told: list[tuple[int, int]] = []
    choice = Restorer(data_dir).sound_backup(progress=lambda n, total: told.append((n, total)))
    assert choice is not None and choice.path == older.path
    total = len(backup.list_backups(paths.backup_dir(data_dir)))
    assert told == [(1, total), (2, total)]
    with pytest.raises(Cancelled):
        Restorer(data_dir).sound_backup(cancelled=lambda: True)


def test_cancel_stops_sqlites_own_check_of_a_large_file(tmp_path: Path) -> None:
    """The check of a region's backup takes seconds after the file is read: Cancel is heard within it,
    not only between backups."""
    from digigram.core.errors import Cancelled
    from digigram.store.db import inspect_file

    big = tmp_path / "big.sqlite3"
    con = sqlite3.connect(big)
    con.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
    con.execute("CREATE INDEX tb ON t (b)")
    con.executemany("INSERT INTO t (b) VALUES (?)", ((os.urandom(40).hex(),) for _ in range(60000)))
    con.commit()
    con.close()
    read_ahead = -(-big.stat().st_size // (1 << 20))  # the file is first read once, a MiB at a time
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > read_ahead

    with pytest.raises(Cancelled):
        inspect_file(big, cancelled=cancelled)
    assert len(asked) > read_ahead  # heard after the file was read: by SQLite's check itself
    assert inspect_file(big) is None  # the file itself is sound


def test_checking_a_backup_leaves_nothing_beside_it(data_dir: Path) -> None:
    """Backups were copies of a database in WAL mode: each read-only check of one (a restore, the app's
    search for a sound one) left an empty -wal and -shm beside it, and rotation never removed them."""
    from digigram.store.db import inspect_file

    folder = paths.backup_dir(data_dir)
    open_store(data_dir=data_dir).close()
    _add_person(data_dir, "A")
    open_store(data_dir=data_dir).close()
    made = backup.list_backups(folder)[0].path
    before = sorted(p.name for p in folder.iterdir())
    inspect_file(made)
    assert sorted(p.name for p in folder.iterdir()) == before
    assert _names(made) == ["A"]
