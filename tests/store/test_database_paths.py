"""Where the database should be and cannot be used as one: each said in the reader's language, with
what to do, and nothing there changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digigram.core import paths


def _digigram(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digigram", *args], input="", capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.mark.parametrize("command", [["quiz", "--person", "Олена"], ["people"], ["restore", "1"]])
def test_a_folder_where_the_database_file_belongs_is_said_to_be_a_folder(tmp_path: Path,
                                                                         command: list[str]) -> None:
    """`mkdir data/digigram.sqlite3`: `digigram quiz` ended in a traceback (IsADirectoryError), `people`
    said there was no database at all."""
    data_dir = tmp_path / "data"
    database = paths.database_path(data_dir)
    database.mkdir(parents=True)
    (database / "notes.txt").write_text("someone's file", encoding="utf-8")
    done = _digigram(*command, "--data-dir", str(data_dir), "--lang", "uk")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert f"{database} — це тека" in done.stderr and "--data-dir" in done.stderr, done.stderr
    beside = {p.name for p in data_dir.iterdir()} - {database.name + ".window-lock"}  # a command's claim
    assert beside == {database.name}, "something was made beside it"
    assert [p.name for p in database.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_an_sqlite_address_in_a_folder_that_is_not_there_names_the_folder(tmp_path: Path, lang: str) -> None:
    """`--database sqlite:////…/missing/x.sqlite3` said «(sqlite3.OperationalError) unable to open database
    file (Background on this error at: https://sqlalche.me/…)» and that the app might be open in another
    window."""
    folder = tmp_path / "missing"
    done = _digigram("quiz", "--person", "Олена", "--database", f"sqlite:///{folder / 'x.sqlite3'}",
                     "--lang", lang)
    assert done.returncode == 2, done.stderr
    said = done.stderr
    for english in ("OperationalError", "sqlalche.me", "unable to open", "Traceback"):
        assert english not in said, said
    expected = {"uk": f"Теки {folder} не існує", "en": f"The folder {folder} does not exist"}[lang]
    assert said.startswith(expected) and "--database" in said, said
    assert "вікні" not in said and "window" not in said, said
    assert not folder.exists(), "the folder was made"


def test_an_sqlite_address_naming_a_folder_or_below_a_file_says_which(tmp_path: Path) -> None:
    a_folder = tmp_path / "db.sqlite3"
    a_folder.mkdir()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    for path, expected in ((a_folder, f"{a_folder} — це тека, а не файл бази даних"),
                           (a_file / "db.sqlite3", f"{a_file} — це файл, а не тека")):
        for command in (["quiz", "--person", "Олена"], ["people"]):
            done = _digigram(*command, "--database", f"sqlite:///{path}", "--lang", "uk")
            assert done.returncode == 2, done.stderr
            assert done.stderr.startswith(expected) and "Traceback" not in done.stderr, done.stderr
    assert list(a_folder.iterdir()) == [] and a_file.read_text(encoding="utf-8") == "not a folder"
