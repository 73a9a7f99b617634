"""A damaged database is explained wholly in the reader's language, the reason in brackets included."""

from __future__ import annotations

from pathlib import Path

import pytest

from digigram.core.errors import DigigramError
from digigram.core.paths import database_path
from digigram.services.workspace import Workspace

SMALL = Path(__file__).resolve().parents[1] / "frameworks" / "minimal.yaml"


def _cut_off_header() -> bytes:
    """An SQLite header promising 64 pages of 4 KiB in a file of 100 bytes: a copy cut off early."""
    header = bytearray(100)
    header[:16] = b"SQLite format 3\x00"
    header[16:18] = (4096).to_bytes(2, "big")
    header[24:28] = header[92:96] = (1).to_bytes(4, "big")  # the change counter the size is valid for
    header[28:32] = (64).to_bytes(4, "big")
    return bytes(header)


@pytest.mark.parametrize(("content", "uk", "en"), [
    (b"this is not a database, it was cut off by a power failure" * 40,
     "не починається як файл SQLite", "does not begin as an SQLite file"),
    (_cut_off_header(), "коротший, ніж зазначено", "shorter than its header says"),
], ids=["not-sqlite", "cut-off"])
def test_a_damaged_database_says_why_in_the_readers_language(tmp_path: Path, content: bytes, uk: str,
                                                             en: str) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_bytes(content)
    with pytest.raises(DigigramError) as refused:
        Workspace.open(data_dir=data_dir, framework_path=SMALL)
    ukrainian = refused.value.message("uk")
    assert "пошкоджений" in ukrainian and uk in ukrainian, ukrainian
    assert "header" not in ukrainian, ukrainian
    assert en in refused.value.message("en")
    assert database_path(data_dir).read_bytes() == content, "the damaged file was changed"


def _sound_database(path: Path) -> bytearray:
    """A real SQLite file of about 100 pages (a table and its index), as bytes to damage."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
        con.execute("CREATE INDEX t_b ON t (b)")
        con.executemany("INSERT INTO t (b) VALUES (?)", [("x" * 50 + str(i),) for i in range(3000)])
        con.commit()
    return bytearray(path.read_bytes())


def _pages_misread(data: bytearray) -> bytes:
    """One byte of the header flipped (the space each page keeps in reserve): every page is then read
    with its cells out of place, and SQLite's check lists a problem per cell (the file itself opens)."""
    data[20] = 0xFF
    return bytes(data)


def _first_page_overwritten(data: bytearray) -> bytes:
    """The schema page gone (the header kept): SQLite cannot read the file as a database at all."""
    data[100:4096] = b"\xa5" * (4096 - 100)
    return bytes(data)


def _unknown_format(data: bytearray) -> bytes:
    """A header that asks for a file format this SQLite cannot read (its read version set to 7)."""
    data[19] = 7
    return bytes(data)


@pytest.mark.parametrize(("damage", "uk", "en"), [
    (_pages_misread, "власна перевірка SQLite знайшла", "SQLite's own check found"),
    (_first_page_overwritten, "частини файлу пошкоджені", "parts of the file are damaged"),
    (_unknown_format, "це не база SQLite", "not an SQLite database"),
], ids=["pages", "schema-page", "format"])
def test_damage_inside_the_file_is_told_in_a_sentence(tmp_path: Path, damage: object, uk: str,
                                                      en: str) -> None:
    """SQLite's own report of a damaged file is dozens of lines of technical English: the reader gets a
    sentence in their language with at most the first problem quoted, and the file is left as it was."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    assert callable(damage)
    content = damage(_sound_database(tmp_path / "sound.sqlite3"))
    database_path(data_dir).write_bytes(content)
    with pytest.raises(DigigramError) as refused:
        Workspace.open(data_dir=data_dir, framework_path=SMALL)
    ukrainian = refused.value.message("uk")
    assert "пошкоджений" in ukrainian and uk in ukrainian, ukrainian
    assert "***" not in ukrainian and "\n" not in ukrainian, ukrainian
    assert len(ukrainian) < 500, ukrainian
    assert "malformed" not in ukrainian and "file is not a database" not in ukrainian, ukrainian
    assert en in refused.value.message("en")
    assert database_path(data_dir).read_bytes() == content, "the damaged file was changed"


def test_a_locked_database_is_not_called_damaged(tmp_path: Path) -> None:
    """A sound file another program holds locked was called damaged, and the app would then offer to
    put an older backup over it. It is told as locked, and left as it is."""
    import sqlite3

    from digigram.core.errors import DamagedDatabase

    data_dir = tmp_path / "data"
    Workspace.open(data_dir=data_dir, framework_path=SMALL).close()
    path = database_path(data_dir)
    content = path.read_bytes()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DigigramError) as refused:
            Workspace.open(data_dir=data_dir, framework_path=SMALL)
    finally:
        holder.close()
    assert not isinstance(refused.value, DamagedDatabase), refused.value.message("en")
    ukrainian = refused.value.message("uk")
    assert "інша програма" in ukrainian and "пошкоджений" not in ukrainian, ukrainian
    assert path.read_bytes() == content
