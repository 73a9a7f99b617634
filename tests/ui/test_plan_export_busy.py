"""Saving the plan as PDF (about two seconds of drawing) and printing it show the wait cursor meanwhile,
and take it back before anything is said: the window cannot repaint while the pages are drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from digigram.core.errors import StorageError
from digigram.core.i18n import N_
from digigram.ui import main_window, plan_output, plan_view
from tests.ui.helpers import create_person


def _cursor() -> Any:
    cursor = QApplication.overrideCursor()
    return None if cursor is None else cursor.shape()


def _plan(qtbot: Any, window: Any) -> Any:
    person = create_person(qtbot, window)
    window.show_plan(person.id)
    return window.view("plan")


def test_the_pdf_is_written_under_the_wait_cursor(qtbot: Any, window: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan(qtbot, window)
    seen: list[Any] = []
    real = plan_output.write_pdf

    def write(view: Any, path: Path) -> Path:
        seen.append(_cursor())
        return real(view, path)

    monkeypatch.setattr(plan_output, "write_pdf", write)
    target = tmp_path / "план.pdf"
    monkeypatch.setattr(plan_view, "ask_pdf_path", lambda parent, suggested: str(target))
    qtbot.mouseClick(plan.export, Qt.MouseButton.LeftButton)
    assert seen == [Qt.CursorShape.WaitCursor]
    assert target.exists() and str(target) in plan.state.text()
    # The plan's own state stays said: «Saved as …» alone read as if the plan itself were saved.
    assert plan.state.text().startswith(("Not saved yet · PDF saved as ", "Saved · PDF saved as ")), (
        plan.state.text())
    assert QApplication.overrideCursor() is None  # taken back once the file is written

    # A refusal is said with the ordinary cursor back.
    def refuse(view: Any, path: Path) -> Path:
        raise StorageError(N_("The database could not be read."))

    shown: list[Any] = []
    monkeypatch.setattr(plan_output, "write_pdf", refuse)
    monkeypatch.setattr(main_window, "show_problem", lambda parent, exc: shown.append(_cursor()))
    qtbot.mouseClick(plan.export, Qt.MouseButton.LeftButton)
    assert shown == [None] and QApplication.overrideCursor() is None


def test_the_plan_is_printed_under_the_wait_cursor(qtbot: Any, window: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan(qtbot, window)
    seen: list[Any] = []
    monkeypatch.setattr(plan_output, "ask_print", lambda dialog: True)
    monkeypatch.setattr(plan_output, "paint_pages", lambda device, pages: seen.append(_cursor()))
    qtbot.mouseClick(plan.print_button, Qt.MouseButton.LeftButton)
    assert seen == [Qt.CursorShape.WaitCursor] and QApplication.overrideCursor() is None
