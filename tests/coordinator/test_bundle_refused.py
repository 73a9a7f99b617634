"""A bundle saved where it cannot be: a write-protected or a full USB stick. Said in the reader's words,
naming the file they chose; a bundle holds a whole hub's names and results, so nothing of it may stay."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from digigram.cli.main import main
from digigram.services.workspace import Workspace
from tests.coordinator.test_bundle_support import make_hub
from tests.disks import left_in

PASSWORD = "пароль координатора"


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    """A hub's data folder with two people and the coordinator password (this file's and the partials')."""
    folder = tmp_path / "hub"
    make_hub(folder, people=2)
    with Workspace.open(data_dir=folder) as ws:
        ws.set_coordinator_password(PASSWORD)
    return folder


def _export(monkeypatch: pytest.MonkeyPatch, hub: Path, out: Path, lang: str = "uk") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    return main(["bundle", "export", "--out", str(out), "--unsigned", "--data-dir", str(hub), "--lang", lang])


def test_a_bundle_to_a_write_protected_stick_names_the_chosen_file_in_ukrainian(
        hub: Path, protected: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Removing the partial file it could not create failed again on the read-only disk: a traceback
    naming «.x.zip.<hex>.partial», exit 1."""
    out = protected / "x.zip"
    assert _export(monkeypatch, hub, out) == 2
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert said == (f"Не вдалося записати пакет {out}: диск або теку захищено від запису. "
                    "Нічого не експортовано.")


@pytest.mark.parametrize(("lang", "expected"), [
    ("uk", "Не вдалося записати пакет {out}: на диску не залишилося місця. Нічого не експортовано."),
    ("en", "Could not write the bundle {out}: the drive is full. Nothing was exported."),
])
def test_a_bundle_to_a_full_stick_says_so_in_the_readers_words(
        hub: Path, full: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        lang: str, expected: str) -> None:
    """It said «Не вдалося записати пакет …: [Errno 28] No space left on device.»"""
    out = full / "x.zip"
    assert _export(monkeypatch, hub, out, lang) == 2
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert said == expected.format(out=out)
    assert left_in(full) == []
