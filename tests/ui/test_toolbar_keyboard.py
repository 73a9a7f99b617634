"""The toolbar's Home, Settings and Coordinator are reached with Tab, like the screen's own fields, and
show their Ctrl key when reached: a keyboard-only person found neither Settings nor its key."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QToolTip

from digigram.ui.settings_dialog import Settings, SettingsDialog
from tests.ui.helpers import create_person


def _tab(qtbot: Any) -> None:
    """Tab as a keyboard sends it: the key goes down where the focus is and comes up where it went."""
    qtbot.keyPress(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyRelease(QApplication.focusWidget(), Qt.Key.Key_Tab)


def _tabbed_through(qtbot: Any, limit: int = 40) -> list[Any]:
    """The widgets Tab visits from the focus, once round the window."""
    seen: list[Any] = []
    for _ in range(limit):
        _tab(qtbot)
        now = QApplication.focusWidget()
        if now in seen:
            break
        seen.append(now)
    return seen


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")  # tooltips
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_tab_reaches_the_toolbar_and_says_each_key(
        qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    win = window
    win.apply_settings(Settings(language=lang), store=False)
    create_person(qtbot, win)
    win.home.take_focus()
    qtbot.waitUntil(win.home.people.hasFocus)
    visited = _tabbed_through(qtbot)
    buttons = [win.toolbar.widgetForAction(a)
               for a in (win.home_action, win.settings_action, win.coordinator_action)]
    assert all(b in visited for b in buttons), [type(w).__name__ for w in visited]
    # in the order they are read, one after the other
    at = visited.index(buttons[0])
    assert visited[at:at + 3] == buttons
    # reached with Tab, Settings says what it holds and its key, as hovering it does
    while QApplication.focusWidget() is not buttons[1]:
        _tab(qtbot)
    key = QKeySequence("Ctrl+,").toString(QKeySequence.SequenceFormat.NativeText)
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text() == buttons[1].toolTip())
    assert QToolTip.text().endswith(f"({key})")
    # and Enter opens it
    asked: list[bool] = []
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, parent, current: asked.append(True)))
    qtbot.keyClick(buttons[1], Qt.Key.Key_Return)
    assert asked == [True]


def test_a_click_on_the_toolbar_leaves_the_focus_in_the_screen(qtbot: Any, window: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    win = window
    create_person(qtbot, win)
    win.home.people.setFocus()
    qtbot.waitUntil(win.home.people.hasFocus)
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, parent, current: None))
    qtbot.mouseClick(win.toolbar.widgetForAction(win.settings_action), Qt.MouseButton.LeftButton)
    assert win.home.people.hasFocus()
