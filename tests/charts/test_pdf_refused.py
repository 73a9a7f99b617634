"""A PDF saved where the disk refuses it: a full USB stick, a write-protected one. Every Digigram PDF (the
plan, the group, programme and calibration reports) is saved by save_pdf_pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure

from digigram.charts.report import save_pdf_pages
from digigram.cli.main import main
from digigram.core.errors import DigigramError
from digigram.services.workspace import Workspace
from tests.disks import left_in


def _pages() -> list[Figure]:
    pages = []
    for number in range(2):
        page = Figure(figsize=(8.27, 11.69))
        page.text(0.1, 0.9, f"Сторінка {number + 1}: " + "цифрові навички " * 20)
        pages.append(page)
    return pages


def test_a_pdf_to_a_full_stick_says_the_drive_is_full_and_leaves_nothing(full: Path) -> None:
    """matplotlib's PdfPages, closed after the disk refused a page, raised zlib.error: a traceback at the
    terminal, the crash dialog in the app (once; nothing at all the next time)."""
    target = full / "звіт.pdf"
    for _ in range(2):  # the same each time
        with pytest.raises(DigigramError) as refused:
            save_pdf_pages(target, _pages(), metadata={"Title": "Звіт"})
        said = refused.value.message("en")
        assert said == f"Could not save {target}: the drive is full. Nothing was written."
        assert refused.value.message("uk") == (f"Не вдалося зберегти {target}: на диску не залишилося місця. "
                                               "Нічого не записано.")
        assert left_in(full) == []


def test_a_pdf_to_a_write_protected_stick_says_so_in_ukrainian(protected: Path) -> None:
    target = protected / "звіт.pdf"
    with pytest.raises(DigigramError) as refused:
        save_pdf_pages(target, _pages(), metadata={})
    said = refused.value.message("uk")
    assert said == f"Не вдалося зберегти {target}: диск або теку захищено від запису. Нічого не записано."
    assert left_in(protected) == []


@pytest.mark.parametrize("name", ["програма.pdf", "програма.csv"])
def test_dg_report_to_a_full_stick_ends_with_a_message_not_a_traceback(
        full: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    with Workspace.open(data_dir=data) as ws:
        ws.set_coordinator_password("coordinator-2024")
    out = full / name
    assert main(["report", "--data-dir", str(data), "--out", str(out), "--lang", "uk"]) == 2
    said = capsys.readouterr().err
    assert said.strip() == f"Не вдалося зберегти {out}: на диску не залишилося місця. Нічого не записано."
    assert left_in(full) == []
