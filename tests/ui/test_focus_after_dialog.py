"""A dialog closed from the keyboard gives the keyboard back marked: the coordinator who pressed Esc on
«Видалити слухача…» or Enter on «Готово» after a CSV still sees where the keyboard is."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.message_box import MessageBox
from tests.ui.coordinator_seed import TWO, open_board
from tests.ui.helpers import when_dialog_opens
from tests.ui.test_focus_shown import marked


@pytest.fixture
def board(window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> DashboardView:
    return open_board(window, ws, monkeypatch, TWO)  # type: ignore[no-any-return]


def _back_in(qtbot: Any, win: Any, widget: Any) -> None:
    win.activateWindow()  # as a window manager gives the window back (offscreen has none)
    qtbot.waitUntil(lambda: win.isActiveWindow() and widget.hasFocus())
    qtbot.wait(50)  # and what the window does as it comes back (an X server without a window manager)


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Return])
def test_the_delete_question_answered_from_the_keyboard_leaves_the_button_marked(
        qtbot: Any, window: Any, board: DashboardView, key: Qt.Key) -> None:
    seen: list[Any] = []
    when_dialog_opens(MessageBox, lambda box: qtbot.keyClick(box, key), seen)  # Enter: Cancel, the default
    board.delete_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(board.delete_button, Qt.Key.Key_Space)
    assert seen and board.model.total == 2  # asked, and nobody deleted
    _back_in(qtbot, window, board.delete_button)
    assert marked(board.delete_button), "after the question the keyboard's place is not shown"


def test_a_box_closed_with_the_mouse_leaves_the_focus_unmarked(
        qtbot: Any, window: Any, board: DashboardView) -> None:
    """As Qt has it for a click: no mark where the person did not use the keyboard."""
    seen: list[Any] = []
    when_dialog_opens(MessageBox, lambda box: qtbot.mouseClick(
        box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton), seen)
    board.delete_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(board.delete_button, Qt.Key.Key_Space)
    assert seen
    _back_in(qtbot, window, board.delete_button)
    assert QApplication.focusWidget() is board.delete_button and not marked(board.delete_button)
