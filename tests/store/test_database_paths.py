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
