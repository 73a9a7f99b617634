"""Read-only tables are one Tab stop: Tab and Shift+Tab leave them (arrows move inside), so the buttons
after the results' levels table are reached by keyboard, and Ctrl+Tab switches the results' tabs while
the keyboard is in the table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from tests.ui.helpers import answer_to_the_end, create_person


def settle() -> None:
    for _ in range(8):
        QApplication.processEvents()


def _results(qtbot: Any, window: Any) -> Any:
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.quick, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)
    view = window.view("results")
    assert window.stack.currentWidget() is view
    settle()
    return view


def _focus_in_table(qtbot: Any, table: QTableView) -> None:
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.waitUntil(table.hasFocus)


def test_tab_leaves_the_levels_table_and_reaches_the_buttons(qtbot: Any, window: Any) -> None:
    view = _results(qtbot, window)
    table = view.table
    _focus_in_table(qtbot, table)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert not table.hasFocus(), "Tab moved to the next cell, not out of the table"
    reached = set()
    for _ in range(12):
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert view.home_button in reached and view.plan_button in reached
    _focus_in_table(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not table.hasFocus(), "Shift+Tab moved to the cell before, not out of the table"


def test_ctrl_tab_switches_the_results_tabs_from_the_table(qtbot: Any, window: Any) -> None:
    view = _results(qtbot, window)
    assert view.tabs.currentIndex() == 0
    _focus_in_table(qtbot, view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentIndex() == 1


def test_no_read_only_table_on_the_person_screens_keeps_tab(qtbot: Any, window: Any) -> None:
    view = _results(qtbot, window)
    screens = [view, window.view("history")]
    tables = [table for screen in screens for table in screen.findChildren(QTableView)]
    assert tables
    for table in tables:
        assert not table.tabKeyNavigation(), f"{type(table).__name__} in {type(table.parent()).__name__}"
