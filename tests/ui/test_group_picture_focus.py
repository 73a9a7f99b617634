"""The group picture's page is a Tab stop (its arrow keys scroll a picture taller than the window): when the
keyboard is on it, a ring in the selection colour says so, as on every other scrolling page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from tests.ui.coordinator_seed import THREE, open_board
from tests.ui.helpers import picture_drawn, settle


def _edge_colours(page: Any) -> set[str]:
    image = page.grab().toImage()
    w, h = image.width(), image.height()
    edges = ((w // 2, 1), (w // 2, h - 2), (1, h // 2), (w - 2, h // 2))
    return {image.pixelColor(x, y).name() for x, y in edges}


def test_the_keyboard_on_the_group_picture_is_seen(qtbot: Any, window: Any, ws: Any,
                                                   monkeypatch: Any) -> None:
    board = open_board(window, ws, monkeypatch, THREE)
    board.tabs.setCurrentWidget(board.heatmap)
    page = picture_drawn(board)
    ring = page.palette().color(QPalette.ColorRole.Highlight).name()
    assert ring not in _edge_colours(page)  # not marked while the keyboard is elsewhere
    board.tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(board.tabs.tabBar(), Qt.Key.Key_Tab)
    settle()
    assert page.hasFocus()
    assert _edge_colours(page) == {ring}
