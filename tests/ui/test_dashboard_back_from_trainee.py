"""Back from a trainee's page, the dashboard's table is still on that trainee, and the keyboard's place
is shown on both screens: going down the list one trainee after another started from the top each time."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.coordinator.trainee import TraineeView
from tests.ui.coordinator_seed import THREE, open_board
from tests.ui.test_focus_shown import marked


def test_back_from_a_trainee_the_table_is_on_them_and_the_focus_is_shown(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    board = open_board(window, ws, monkeypatch, THREE)
    table = board.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(table, Qt.Key.Key_Home)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # by name: Ганна, Іван, Оксана
    chosen = board.selected()
    assert chosen is not None and chosen.name == "Оксана Петренко"
    qtbot.keyClick(table, Qt.Key.Key_Return)
    page = window.stack.currentWidget()
    assert isinstance(page, TraineeView)
    assert page.back.hasFocus() and marked(page.back), "the trainee's page opened with its focus unmarked"
    qtbot.keyClick(page.back, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is board
    back_on = board.selected()
    assert back_on is not None and back_on.name == "Оксана Петренко", "the table went back to its top"
    assert table.selectionModel().isRowSelected(table.currentIndex().row())
    assert table.hasFocus() and marked(table), "the table has the keyboard, unmarked"
