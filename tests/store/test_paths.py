"""Where data lives: --data-dir beats DIGIGRAM_DATA_DIR beats the per-user folder; --database takes a URL."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from digigram.cli.main import main
from digigram.core import paths
from tests.store.conftest import SMALL


def test_the_data_folder_is_chosen_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    default = paths.data_dir()
    assert default.name == "Digigram"
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    assert paths.data_dir(tmp_path / "flag") == tmp_path / "flag"


def test_the_environment_variable_is_honoured_by_the_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env"))
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n\nq\n"))
    assert main(["quiz", "--person", "Ірина", "--framework", str(SMALL), "--lang", "en"]) == 0
    assert paths.database_path(tmp_path / "env").exists()


def test_a_database_url_is_used_as_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n4\n2\nq\n"))
    assert main(["quiz", "--person", "Ірина", "--framework", str(SMALL), "--database", url,
                 "--data-dir", str(tmp_path / "unused"), "--lang", "en"]) == 0
    capsys.readouterr()
    assert (tmp_path / "elsewhere.db").exists()
    assert not (tmp_path / "unused" / paths.DATABASE_NAME).exists()
    assert main(["export", "--person", "Ірина", "--framework", str(SMALL), "--database", url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["attempts"][0]["n_answers"] == 1 and data["attempts"][0]["rating_before"] == 4


@pytest.mark.parametrize("command", [
    ["report", "--out", "звіт.csv"], ["people"], ["export", "--person", "Ірина"]])
def test_a_command_that_only_reads_refuses_a_folder_without_a_database(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    """A mistyped --data-dir had made a new empty database, and `report` wrote an empty report with exit 0.
    A command that only reads now says there is nothing there, in the reader's language, and makes nothing."""
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "порожня"
    empty.mkdir()
    cases = [
        (["--data-dir", str(tmp_path / "Digigarm")], "does not exist", "не існує"),
        (["--data-dir", str(empty)], "There is no Digigram database in", "немає бази даних Digigram"),
        (["--database", f"sqlite:///{tmp_path / 'elsewhere.db'}"], "There is no Digigram database in",
         "немає бази даних Digigram"),
    ]
    for where, en, uk in cases:
        for lang, words in (("en", en), ("uk", uk)):
            assert main([*command, *where, "--framework", str(SMALL), "--lang", lang]) == 2
            err = capsys.readouterr().err
            assert words in err and "--data-dir" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["порожня"]  # no folder, database or report made
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize("command", [
    ["report", "--out", "звіт.csv"], ["people"], ["export", "--person", "Ірина"]])
def test_a_command_that_only_reads_leaves_an_empty_or_another_programs_sqlite_file_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    """Given with --database, an empty file (0 bytes) was made into a new Digigram database, 184 KB, and
    `people` answered «Nobody is stored yet»; another program's SQLite file would have been switched to
    Digigram's journal. Both are now refused as --data-dir refuses them, and neither file changes."""
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "порожній.sqlite3"
    empty.touch()
    other = tmp_path / "інша.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (text TEXT)")
    con.execute("INSERT INTO notes VALUES ('чужі дані')")
    con.commit()
    con.close()
    before = {path: path.read_bytes() for path in (empty, other)}
    for path in (empty, other):
        for lang, words in (("en", "There is no Digigram database in"), ("uk", "немає бази даних Digigram")):
            assert main([*command, "--database", f"sqlite:///{path}", "--framework", str(SMALL),
                         "--lang", lang]) == 2
            err = capsys.readouterr().err
            assert words in err and str(path) in err, err
    assert {path: path.read_bytes() for path in (empty, other)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([empty.name, other.name])


@pytest.mark.parametrize("command", [
    ["people"], ["report", "--out", "звіт.csv"], ["quiz", "--person", "Ірина"],
    ["delete", "--person", "Ірина"], ["restore"]])
def test_a_data_folder_given_as_a_file_is_said_to_be_a_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    """--data-dir naming a file was answered with "does not exist", "File exists" in English inside a
    Ukrainian sentence about the database, or "no backups in FILE/backups"."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    file = tmp_path / "digigram.sqlite3"
    file.write_bytes(b"not a folder")
    for given in (file, file / "дані"):
        said = {"en": f"{file} is a file, not a folder", "uk": f"{file} — це файл, а не тека"}
        for lang, words in said.items():
            framework = [] if command[0] in ("delete", "restore") else ["--framework", str(SMALL)]
            assert main([*command, "--data-dir", str(given), *framework, "--lang", lang]) == 2
            err = capsys.readouterr().err
            assert words in err and "--data-dir" in err and "Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digigram.sqlite3"]
    assert file.read_bytes() == b"not a folder"
