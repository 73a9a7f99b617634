"""`digigram bundle`: the coordinator password first, the regional key from a file or standard input."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from digigram.cli.main import main
from digigram.services.bundles import side
from digigram.services.workspace import Workspace
from tests.coordinator.test_bundle_support import dump, make_hub

PASSWORD = "пароль координатора"
PHRASE = "Рівненська обласна бібліотека 2025"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    hub, region = tmp_path / "hub", tmp_path / "region"
    make_hub(hub, people=2)
    for folder in (hub, region):
        with Workspace.open(data_dir=folder) as ws:  # the shipped framework, as the command opens
            ws.set_coordinator_password(PASSWORD)
    return hub, region


def _run(monkeypatch: pytest.MonkeyPatch, stdin: str, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["bundle", *argv])


def test_export_then_import_with_the_key_typed_in(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    hub, region = folders
    out = tmp_path / "hub.zip"
    assert _run(monkeypatch, f"{PASSWORD}\n{PHRASE}\n", "export", "--out", str(out), "--data-dir", str(hub),
                "--lang", "en") == 0
    said = capsys.readouterr().out
    assert "signed with the regional key" in said
    # Counts after their words, as in Ukrainian: "1 people, 1 checks" was the English for one person.
    assert "): people 3, checks 3, answers " in said, said
    key_file = tmp_path / "region.key"
    key_file.write_text(PHRASE + "\n", encoding="utf-8")
    assert _run(monkeypatch, f"{PASSWORD}\n", "import", str(out), "--key-file", str(key_file),
                "--data-dir", str(region), "--lang", "uk") == 0
    printed = capsys.readouterr()
    assert "перевірки: нових 3" in printed.out and "люди: нових 3" in printed.out
    # Progress as it goes, on the error stream: a hub's bundle had said nothing until «Імпортовано:».
    said = printed.err.splitlines()
    assert said.index("Перевіряємо пакет…") < said.index("  перевірки: 3 з 3") < said.index(
        "Записуємо в базу даних…"), said
    assert said.count("  перевірки: 3 з 3") == 2 and not any(line.endswith(" 0 з 0") for line in said)
    if side.forks():  # answers checked by a second process while written: said once it has checked them
        answers = next(line for line in said if line.startswith("  відповіді: ")).split(": ")[1]
        assert said.index("Записуємо в базу даних…") < said.index(f"  перевірено відповідей: {answers}"), said


def test_without_the_coordinator_password_nothing_is_exported_or_imported(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    hub, region = folders
    out = tmp_path / "hub.zip"
    assert _run(monkeypatch, f"не той пароль\n{PHRASE}\n", "export", "--out", str(out), "--data-dir",
                str(hub), "--lang", "en") == 2
    assert not out.exists()
    assert "password" in capsys.readouterr().err
    assert _run(monkeypatch, f"{PASSWORD}\n", "export", "--out", str(out), "--unsigned", "--data-dir",
                str(hub)) == 0
    before = dump(region)
    assert _run(monkeypatch, "", "import", str(out), "--unsigned", "--data-dir", str(region),
                "--lang", "en") == 2
    assert "No coordinator password" in capsys.readouterr().err
    assert dump(region) == before


def test_an_unsigned_bundle_needs_the_explicit_choice_and_is_reported(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    hub, region = folders
    out = tmp_path / "hub.zip"
    assert _run(monkeypatch, f"{PASSWORD}\n", "export", "--out", str(out), "--unsigned", "--data-dir",
                str(hub), "--lang", "en") == 0
    assert "NOT signed" in capsys.readouterr().out
    before = dump(region)
    assert _run(monkeypatch, f"{PASSWORD}\n{PHRASE}\n", "import", str(out), "--data-dir", str(region),
                "--lang", "en") == 2
    assert "not signed" in capsys.readouterr().err and dump(region) == before
    assert _run(monkeypatch, f"{PASSWORD}\n", "import", str(out), "--unsigned", "--data-dir", str(region),
                "--lang", "en") == 0
    assert "Warning: The bundle is not signed" in capsys.readouterr().out


def test_a_bad_date_or_short_key_gets_a_plain_message(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    hub, _ = folders
    out = tmp_path / "hub.zip"
    assert _run(monkeypatch, f"{PASSWORD}\n{PHRASE}\n", "export", "--since", "01.03.2025", "--out", str(out),
                "--data-dir", str(hub), "--lang", "uk") == 2
    assert "РРРР-ММ-ДД" in capsys.readouterr().err
    # A mistyped year in the future selected nothing: an empty bundle came out without a word.
    assert _run(monkeypatch, f"{PASSWORD}\n{PHRASE}\n", "export", "--since", "2205-03-01", "--out", str(out),
                "--data-dir", str(hub), "--lang", "uk") == 2
    assert "Дата 2205-03-01 — у майбутньому" in capsys.readouterr().err and not out.exists()
    assert _run(monkeypatch, f"{PASSWORD}\nкороткий\n", "export", "--out", str(out), "--data-dir", str(hub),
                "--lang", "en") == 2
    assert "too short" in capsys.readouterr().err and not out.exists()


def test_a_bundle_an_earlier_coordinator_mode_signed_with_the_phrase_itself_still_loads(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # Coordinator mode signed with the typed phrase's own bytes until it derived the key as the command
    # line does: a hub's bundle saved that way, with the right phrase, was refused as not matching.
    hub, region = folders
    out = tmp_path / "hub.zip"
    with Workspace.open(data_dir=hub) as ws:
        ws.unlock_coordinator(PASSWORD).export_bundle(out, key=PHRASE.encode("utf-8"))
    before = dump(region)
    for wrong in ("Волинська обласна бібліотека 2025", "ab" * 32):  # another phrase; a key file's hex key
        assert _run(monkeypatch, f"{PASSWORD}\n{wrong}\n", "import", str(out), "--data-dir", str(region),
                    "--lang", "en") == 2
        assert "signature does not match" in capsys.readouterr().err and dump(region) == before
    assert _run(monkeypatch, f"{PASSWORD}\n{PHRASE}\n", "import", str(out), "--data-dir", str(region),
                "--lang", "uk") == 0
    printed = capsys.readouterr().out
    assert "люди: нових 3" in printed
    assert "режимі координатора попереднього випуску" in printed  # said, not silently taken


def test_a_missing_folder_or_key_file_is_named_in_ukrainian(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """No folder for the bundle, no key file, a folder as the key file: what to do, not an errno."""
    hub, _ = folders
    nowhere = tmp_path / "flash" / "hub.zip"
    assert _run(monkeypatch, f"{PASSWORD}\n{PHRASE}\n", "export", "--out", str(nowhere),
                "--data-dir", str(hub), "--lang", "uk") == 2
    said = capsys.readouterr().err
    assert f"Теки {nowhere.parent} немає: спершу створіть її або збережіть пакет деінде." in said
    assert not nowhere.parent.exists()
    out = tmp_path / "hub.zip"
    for key_file, words in ((tmp_path / "none.key", "Файлу ключа"), (tmp_path, "це тека, а не файл ключа")):
        assert _run(monkeypatch, f"{PASSWORD}\n", "export", "--out", str(out), "--key-file", str(key_file),
                    "--data-dir", str(hub), "--lang", "uk") == 2
        said = capsys.readouterr().err
        assert words in said and str(key_file) in said
        assert "Errno" not in said and "directory" not in said and not out.exists()


def test_with_no_coordinator_password_yet_the_command_says_where_to_set_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A fresh regional database: the refusal tells the coordinator how to set the password."""
    hub = tmp_path / "hub"
    make_hub(hub, people=1)
    assert _run(monkeypatch, "пароль\n", "export", "--out", str(tmp_path / "b.zip"), "--unsigned",
                "--data-dir", str(hub), "--lang", "uk") == 2
    said = capsys.readouterr().err
    assert "Пароль координатора ще не встановлено." in said
    assert "«digigram password»" in said  # a command sets it on any PC, PINs or not (docs/install.md)


def test_ctrl_c_during_an_import_says_nothing_was_imported_and_a_rerun_completes(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl+C ended `bundle import` with no word: had half the hub gone in? Now it says, and it had not."""
    from digigram.services.bundles import importer

    hub, region = folders
    out = tmp_path / "hub.zip"
    assert _run(monkeypatch, f"{PASSWORD}\n", "export", "--out", str(out), "--unsigned", "--data-dir",
                str(hub)) == 0
    before = dump(region)
    real = importer.import_bundle
    stages: list[str] = []

    def interrupted(*args: object, **kwargs: object) -> object:
        def progress(kind: str, done: int, total: int) -> None:
            stages.append(kind)
            if kind == "answers":
                raise KeyboardInterrupt  # Ctrl+C while the answers are written
        return real(*args, **{**kwargs, "progress": progress})  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "import_bundle", interrupted)
    capsys.readouterr()
    assert _run(monkeypatch, f"{PASSWORD}\n", "import", str(out), "--unsigned", "--data-dir", str(region),
                "--lang", "uk") == 130
    assert "answers" in stages
    assert "Імпорт скасовано. Нічого не імпортовано: щоб імпортувати пакет, запустіть команду ще раз" in (
        capsys.readouterr().err)
    assert dump(region) == before
    monkeypatch.setattr(importer, "import_bundle", real)
    assert _run(monkeypatch, f"{PASSWORD}\n", "import", str(out), "--unsigned", "--data-dir", str(region),
                "--lang", "uk") == 0
    assert "перевірки: нових 3" in capsys.readouterr().out


def _exported_unsigned(folders: tuple[Path, Path], tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The hub's bundle, unsigned, and the region's folder to import it into."""
    hub, region = folders
    out = tmp_path / "hub.zip"
    assert _run(monkeypatch, f"{PASSWORD}\n", "export", "--out", str(out), "--unsigned", "--data-dir",
                str(hub)) == 0
    return out, region


def test_ctrl_c_while_the_database_closes_after_an_import_reports_the_import_it_made(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Closing waits for the import's WAL to be copied into the file: a stop then came after the commit,
    and the command said «Nothing was imported» of checks it had imported."""
    from digigram.store.startup import Store

    out, region = _exported_unsigned(folders, tmp_path, monkeypatch)
    real = Store.settled
    stopped: list[bool] = []

    def stop_while_waiting(self: Store) -> None:
        if self._checkpoint is not None and not stopped:
            stopped.append(True)
            real(self)
            raise KeyboardInterrupt  # Ctrl+C while the copy is waited for
        real(self)

    monkeypatch.setattr(Store, "settled", stop_while_waiting)
    capsys.readouterr()
    assert _run(monkeypatch, f"{PASSWORD}\n", "import", str(out), "--unsigned", "--data-dir", str(region),
                "--lang", "uk") == 0
    said = capsys.readouterr()
    assert stopped and "перевірки: нових 3" in said.out and "Нічого не імпортовано" not in said.err
    assert said.out.count("перевірки: нових 3") == 1  # said once, before the stop
    assert len(dump(region)["attempt"]) >= 3


def test_what_was_imported_is_said_before_the_database_closes(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Closing waits for the import's WAL to be copied into the file (seconds, after a region's bundle):
    the counts were said only after it, and the command sat silent meanwhile."""
    from digigram.store.startup import Store

    out, region = _exported_unsigned(folders, tmp_path, monkeypatch)
    real = Store.settled
    before_close: list[str] = []

    def closing(self: Store) -> None:
        if self._checkpoint is not None:
            before_close.append(capsys.readouterr().out)
        real(self)

    monkeypatch.setattr(Store, "settled", closing)
    capsys.readouterr()
    assert _run(monkeypatch, f"{PASSWORD}\n", "import", str(out), "--unsigned", "--data-dir", str(region),
                "--lang", "en") == 0
    assert before_close and "checks: 3 new, 0 already there" in before_close[0], before_close
    assert "Imported:" not in capsys.readouterr().out  # and not said again


def test_the_export_summary_groups_large_counts_by_thousands(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A coordinator's export said «(14141067 байтів): людей 3000, … відповідей 214504», while the import
    of the same bundle said «люди: нових 3 000»."""
    from digigram.core.coordination import BundleSummary
    from digigram.services.coordinator.mode import Coordinator

    hub, _ = folders
    out = tmp_path / "hub.zip"

    def big(self: Coordinator, path: Path, **_: object) -> BundleSummary:
        Path(path).write_bytes(b"\0" * 14_141_067)
        return BundleSummary(path=Path(path), people=3000, attempts=5594, answers=214_504, plans=920,
                             signed=False)

    monkeypatch.setattr(Coordinator, "export_bundle", big)
    assert _run(monkeypatch, f"{PASSWORD}\n", "export", "--out", str(out), "--unsigned", "--data-dir",
                str(hub), "--lang", "uk") == 0
    said = capsys.readouterr().out
    nb = "\u202f"  # the narrow no-break space Ukrainian groups thousands with
    assert f"(14{nb}141{nb}067 байтів): людей 3{nb}000, перевірок 5{nb}594, відповідей 214{nb}504" in said


def test_a_bundle_an_earlier_coordinator_mode_signed_with_a_hex_key_typed_still_loads(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # A hub that pasted its key file's 64 hex digits into an earlier coordinator mode signed with those
    # digits' own bytes: the region, with the same key, was told the signature did not match.
    hub, region = folders
    out = tmp_path / "hub.zip"
    hex_key = "3f" * 32
    with Workspace.open(data_dir=hub) as ws:
        ws.unlock_coordinator(PASSWORD).export_bundle(out, key=hex_key.encode("ascii"))
    before = dump(region)
    assert _run(monkeypatch, f"{PASSWORD}\n{'ab' * 32}\n", "import", str(out), "--data-dir", str(region),
                "--lang", "en") == 2
    assert "signature does not match" in capsys.readouterr().err and dump(region) == before
    assert _run(monkeypatch, f"{PASSWORD}\n{hex_key}\n", "import", str(out), "--data-dir", str(region),
                "--lang", "en") == 0
    printed = capsys.readouterr().out
    assert "people: 3 new" in printed
    assert "earlier release" in printed  # said, not silently taken


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_folder_given_as_the_bundle_is_refused_before_the_password(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """`--out E:\\` (the stick itself): the whole bundle was made, then «[Errno 21] Is a directory» and
    advice to check the free space."""
    hub, _ = folders
    stick = tmp_path / "flash"
    stick.mkdir()
    assert _run(monkeypatch, "", "export", "--out", str(stick), "--unsigned", "--data-dir", str(hub),
                "--lang", lang) == 2
    said = capsys.readouterr().err
    example = stick / "hub.zip"
    assert (f"{stick} — це тека: вкажіть у ній імʼя файлу пакета, наприклад {example}" if lang == "uk"
            else f"{stick} is a folder: give the bundle a file name in it, such as {example}") in said
    assert "Errno" not in said and list(stick.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="tells a process's wait from Linux's /proc")
@pytest.mark.parametrize("action", ["export", "import"])
def test_ctrl_c_at_the_password_says_nothing_was_done(folders: tuple[Path, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, action: str) -> None:
    """Ctrl+C before the write (at the password, while the key is made) ended the command with no word:
    only a stop during the write itself was said. A real process, stopped at its prompt."""
    hub, region = folders
    out = tmp_path / "hub.zip"
    if action == "import":
        assert _run(monkeypatch, f"{PASSWORD}\n", "export", "--out", str(out), "--unsigned", "--data-dir",
                    str(hub)) == 0
    args = (["export", "--out", str(out), "--unsigned", "--data-dir", str(hub)] if action == "export"
            else ["import", str(out), "--unsigned", "--data-dir", str(region)])
    before = dump(region)
    root = Path(__file__).resolve().parents[2]
    command = subprocess.Popen([sys.executable, "-m", "digigram", "bundle", *args, "--lang", "uk"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=dict(os.environ, PYTHONPATH=str(root)), cwd=root)
    try:
        # Piped, the password is read without a prompt: wait until the command waits on that read.
        wchan, deadline = Path(f"/proc/{command.pid}/wchan"), time.monotonic() + 60
        while "pipe_read" not in wchan.read_text() and time.monotonic() < deadline:
            assert command.poll() is None, command.communicate()
            time.sleep(0.05)
        assert "pipe_read" in wchan.read_text(), "the command never waited for the password"
        command.send_signal(signal.SIGINT)
        _, err = command.communicate(timeout=60)
    finally:
        if command.poll() is None:
            command.kill()
    assert command.returncode == 130
    said = err.decode()
    words = "Збереження пакета скасовано" if action == "export" else "Імпорт скасовано. Нічого не імпортовано"
    assert words in said, said
    assert "Traceback" not in said
    assert dump(region) == before
    assert out.exists() == (action == "import")


def test_a_table_missing_from_a_damaged_file_is_not_said_as_a_lost_connection(
        folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """An SQLite file has no connection to lose: its «no such table» was said as «the connection to the
    database was lost… running the import again completes it», which it would not."""
    import sqlite3

    hub, region = folders
    out = tmp_path / "hub.zip"
    assert _run(monkeypatch, f"{PASSWORD}\n", "export", "--out", str(out), "--unsigned", "--data-dir",
                str(hub)) == 0
    capsys.readouterr()
    with sqlite3.connect(region / "digigram.sqlite3") as db:  # damaged: a table of the rows is gone
        db.execute("DROP TABLE area_result")
    code = _run(monkeypatch, f"{PASSWORD}\n", "import", str(out), "--unsigned", "--data-dir",
                str(region), "--lang", "en")
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert "was lost" not in err and "completes it" not in err and "rolled back" in err, err
