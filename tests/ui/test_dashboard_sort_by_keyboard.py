"""The trainee table sorts from the keyboard: only a click on a column's head sorted it, and a coordinator
using the keyboard could not put those needing help, or the latest checks, first."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from tests.ui.coordinator_seed import THREE, open_board


def _choose_in_menu(qtbot: Any, seen: list[str]) -> None:
    menu = QApplication.activePopupWidget()
    if not isinstance(menu, QMenu):
        QTimer.singleShot(20, lambda: _choose_in_menu(qtbot, seen))
        return
    seen.extend(action.text() for action in menu.actions())
    qtbot.keyClick(menu, Qt.Key.Key_Return)  # Enter alone: the command is ready


def _menu_key(table: Any) -> None:
    """What the platform sends for the Menu key or Shift+F10 (offscreen sends nothing for them)."""
    at = table.visualRect(table.currentIndex()).center()
    QApplication.sendEvent(table.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, at, table.viewport().mapToGlobal(at)))


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")  # menus
def test_the_menu_key_sorts_by_the_column_the_keyboard_is_in(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_board(window, ws, monkeypatch, THREE)
    table, model = view.table, view.model
    hub = model.column_of("hub")
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.setCurrentIndex(model.index(0, hub))  # as the arrows bring the keyboard to the Hub column
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _choose_in_menu(qtbot, seen))
    _menu_key(table)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["&Sort by “Hub”"]
    qtbot.waitUntil(lambda: model.order == ("hub", False))
    assert table.horizontalHeader().sortIndicatorSection() == hub  # the head shows it, as after a click
    assert table.currentIndex().column() == hub, "the keyboard left the column it sorted by"
    assert [r.hub for r in model.rows] == sorted(r.hub for r in model.rows)
    seen.clear()
    QTimer.singleShot(0, lambda: _choose_in_menu(qtbot, seen))
    _menu_key(table)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["&Sort by “Hub” the other way round"]
    qtbot.waitUntil(lambda: model.order == ("hub", True))
