"""Turning the dashboard's pages with Ctrl+Tab keeps the keyboard on the pages: from «Картина групи» on,
the focus fell to the toolbar's «Головна», unmarked, and the next Ctrl+Tab turned nothing."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.coordinator_seed import TWO, open_board
from tests.ui.helpers import picture_drawn, settle, show_figures_page, turn_to
from tests.ui.test_focus_shown import marked


def test_ctrl_tab_goes_round_every_page_with_the_focus_shown(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_board(window, ws, monkeypatch, TWO)
    view.open_button.setFocus(Qt.FocusReason.TabFocusReason)
    pages = view.tabs.count()
    for step in range(1, pages + 1):
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        settle()
        assert view.tabs.currentIndex() == step % pages, f"Ctrl+Tab number {step} turned no page"
        focused = QApplication.focusWidget()
        assert focused is not None and view.tabs.isAncestorOf(focused) and focused.isVisible(), (
            f"on «{view.tabs.tabText(step % pages)}» the keyboard is on {type(focused).__name__}")
        assert marked(focused), f"on «{view.tabs.tabText(step % pages)}» the focus is not shown"


def test_a_page_turned_by_its_alt_key_shows_where_the_keyboard_is(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Alt+A («Programme») put the keyboard on the page's region list with no mark at all: the window
    forgot it was being used by keyboard as the page turned, and the list looked like any other."""
    view = open_board(window, ws, monkeypatch, TWO)
    view.table.setFocus(Qt.FocusReason.TabFocusReason)
    assert marked(view.table)
    for page in range(view.tabs.count() - 1, -1, -1):  # each page by its own Alt key, from the last
        key = view.tabs.tabText(page).partition("&")[2][:1]
        assert key, f"«{view.tabs.tabText(page)}» has no Alt key"
        qtbot.keyClick(QApplication.focusWidget(), ord(key.upper()), Qt.KeyboardModifier.AltModifier)
        settle()
        assert view.tabs.currentIndex() == page, f"Alt+{key} turned no page"
        focused = QApplication.focusWidget()
        assert focused is not None and focused.isVisible() and view.isAncestorOf(focused)
        assert marked(focused), (f"on «{view.tabs.tabText(page)}» the keyboard is on "
                                 f"{type(focused).__name__}, unmarked")
    # Every page read or drew its figures off the window's thread: wait for them, so no worker reports to
    # a window a later test no longer has.
    turn_to(view, view.tabs.indexOf(view.programme))
    show_figures_page(view, view.hard)
    view.tabs.setCurrentWidget(view.heatmap)
    picture_drawn(view)
