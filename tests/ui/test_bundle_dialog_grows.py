"""The bundle dialog grows for what it comes to say: choosing «Прийняти пакет без підпису» shows a warning
of two lines, and the dialog squeezed its file and key fields to slivers to make room for it instead."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from digigram.ui import appearance
from digigram.ui.coordinator.bundles import BundleDialog


def _squeezed(dialog: BundleDialog) -> list[str]:
    """Fields lower than they ask to be, and texts given fewer lines than their words need."""
    found = []
    for edit in (dialog.path, dialog.key):
        if edit.isVisible() and edit.height() < edit.sizeHint().height():
            found.append(f"{edit.accessibleName()}: {edit.height()} < {edit.sizeHint().height()} px")
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.height() < label.heightForWidth(label.width()):
            found.append(f"{label.text()[:30]}…: {label.height()} px")
    return found


@pytest.mark.parametrize("saving", [False, True])
def test_the_unsigned_warning_and_a_problem_get_their_room(qtbot: Any, window: Any, saving: bool) -> None:
    appearance.install_language("uk")
    dialog = BundleDialog(window, saving=saving)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for _ in range(4):
        QApplication.processEvents()
    assert not _squeezed(dialog)
    dialog.unsigned.setFocus(Qt.FocusReason.TabFocusReason)
    dialog.unsigned.click()
    for _ in range(4):
        QApplication.processEvents()
    assert dialog.warning.isVisible()
    assert not _squeezed(dialog), "the warning squeezed the form"
    dialog._accept()  # no file chosen: the dialog says so above the buttons
    for _ in range(4):
        QApplication.processEvents()
    assert dialog.problem.text() and dialog.isVisible()
    assert not _squeezed(dialog), "the problem squeezed the form"
