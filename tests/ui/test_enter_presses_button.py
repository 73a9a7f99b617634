"""Enter presses the button the keyboard is on in the main window's screens, as Space does (the check
teaches "Enter saves"); in a dialog Enter still presses the default button."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout

from tests.ui.helpers import create_person


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_a_focused_home_button_starts_the_check(qtbot: Any, window: Any, key: Qt.Key) -> None:
    create_person(qtbot, window)
    window.show_view(window.home)
    button = window.home.full
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    keypad = key == Qt.Key.Key_Enter
    modifiers = Qt.KeyboardModifier.KeypadModifier if keypad else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(button, key, modifiers)
    assert window.stack.currentWidget() is window.quiz and window.quiz.session is not None


def test_enter_on_the_history_button_of_home_opens_the_history(qtbot: Any, window: Any) -> None:
    create_person(qtbot, window)
    window.show_view(window.home)
    window.home.history.setFocus()
    qtbot.waitUntil(window.home.history.hasFocus)
    qtbot.keyClick(window.home.history, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.view("history")


def test_a_dialog_keeps_enter_for_its_default_button(qtbot: Any, window: Any) -> None:
    dialog = QDialog(window)
    layout = QVBoxLayout(dialog)
    other = QPushButton("Other", dialog)
    other.setAutoDefault(False)
    layout.addWidget(other)
    buttons = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(buttons.Ok | buttons.Cancel, dialog)
    layout.addWidget(box)
    box.accepted.connect(dialog.accept)
    box.button(buttons.Ok).setDefault(True)
    pressed: list[str] = []
    other.clicked.connect(lambda: pressed.append("other"))
    dialog.show()
    qtbot.waitExposed(dialog)
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_Return)
    assert pressed == [] and dialog.result() == QDialog.DialogCode.Accepted
