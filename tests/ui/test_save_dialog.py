"""The save dialog: a name typed without the file's suffix gets it, and the keyboard goes back where it was,
marked when it is the keyboard that saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from digigram.ui import folders
from tests.ui.test_focus_shown import marked


def _type_and_save(qtbot: Any, name: str, seen: list[str]) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QFileDialog):
        QTimer.singleShot(20, lambda: _type_and_save(qtbot, name, seen))
        return
    seen.append(dialog.windowTitle())
    # Typed as a name in the dialog's folder, or a whole path; through the dialog itself, not a wrapper of
    # its name field (a child Qt deletes with it: a wrapper outliving it was taken for a later widget).
    dialog.selectFile(name)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)


def test_a_name_typed_without_the_suffix_gets_it(qtbot: Any, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []
    for typed, saved in (("план Оксани", "план Оксани.pdf"), ("звіт.PDF", "звіт.PDF")):
        QTimer.singleShot(0, lambda typed=typed: _type_and_save(qtbot, typed, seen))  # type: ignore[misc]
        chosen = folders.ask_save_path(parent, title="Зберегти план як PDF",
                                       suggested=str(tmp_path / "план.pdf"), pattern="PDF (*.pdf)",
                                       suffix=".pdf")
        # not a file named «план Оксани», which no PDF reader offers to open; nor «звіт.PDF.pdf»
        assert chosen == str(tmp_path / saved)
    assert seen == ["Зберегти план як PDF"] * 2



def test_a_name_with_a_dot_gets_the_suffix(qtbot: Any, tmp_path: Path) -> None:
    """Qt adds its default suffix only to a name with no dot: initials or a date in the name («план Коваль
    О.П», «план 03.12.2026») were saved without «.pdf», the file no PDF reader offered to open."""
    parent = QWidget()
    qtbot.addWidget(parent)
    for typed in ("план Коваль О.П", "план 03.12.2026"):
        QTimer.singleShot(0, lambda typed=typed: _type_and_save(qtbot, typed, []))  # type: ignore[misc]
        chosen = folders.ask_save_path(parent, title="Зберегти план як PDF",
                                       suggested=str(tmp_path / "план.pdf"), pattern="PDF (*.pdf)",
                                       suffix=".pdf")
        assert chosen == str(tmp_path / f"{typed}.pdf")


def test_the_plans_pdf_saved_from_the_keyboard_leaves_the_export_button_marked(
        qtbot: Any, window: Any, ws: Any, tmp_path: Path) -> None:
    win = window
    person = ws.create_person("Оксана Коваль")
    win.home.refresh()
    assert win.home.choose(person.id)
    win.show_plan(person.id)
    plan = win.view("plan")
    QTimer.singleShot(0, lambda: _type_and_save(qtbot, str(tmp_path / "мій план"), []))
    plan.export.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(plan.export, Qt.Key.Key_Space)
    assert (tmp_path / "мій план.pdf").stat().st_size > 1000
    win.activateWindow()  # as a window manager gives the window back (offscreen has none)
    qtbot.waitUntil(lambda: win.isActiveWindow() and plan.export.hasFocus())
    qtbot.wait(50)  # and what the window does as it comes back (an X server without a window manager)
    assert marked(plan.export), "the keyboard's place after saving the PDF is not shown"
