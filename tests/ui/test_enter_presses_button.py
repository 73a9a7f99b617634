"""Enter presses the button the keyboard is on in the main window's screens, as Space does (the check
teaches "Enter saves"), a tool button too (the toolbar's «Керування» opens its menu); in a dialog Enter
still presses the default button."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QToolButton, QVBoxLayout

from tests.ui.helpers import create_person, settle
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard


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


@pytest.mark.parametrize("kind", [QPushButton, QToolButton])
def test_a_dialog_keeps_enter_for_its_default_button(qtbot: Any, window: Any, kind: type[Any]) -> None:
    """Enter on another button of a dialog (a push or a tool button) is the dialog's: its default."""
    dialog = QDialog(window)
    layout = QVBoxLayout(dialog)
    other = kind(dialog)
    other.setText("Other")
    if isinstance(other, QPushButton):
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


def _popup_after(press: Any) -> Any:
    """The popup `press()` opens (closed again at once), or None when none opens within a second."""
    seen: list[Any] = []

    def look() -> None:
        popup = QApplication.activePopupWidget()
        if popup is None:
            return
        seen.append(popup)
        popup.close()

    # A menu runs its own loop until it closes: looked for while it is open. The timer is this call's
    # own and stops with it, so no look is left over to close the next test's menu.
    poll = QTimer()
    poll.setInterval(25)
    poll.timeout.connect(look)
    poll.start()
    try:
        press()
        for _ in range(40):
            if seen:
                break
            QTest.qWait(25)
    finally:
        poll.stop()
    settle(16)
    return seen[0] if seen else None


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")  # menus
@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_the_toolbars_manage_button_opens_its_menu(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], key: Qt.Key) -> None:  # noqa: F811
    """«Керування» on the toolbar, reached with Tab, opened its menu on Space but not on Enter."""
    view = netbook_dashboard(window, ws, lang="uk", scale=100, size=(1366, 768))
    manage = view.manage
    manage.setFocus()
    qtbot.waitUntil(manage.hasFocus)
    keypad = key == Qt.Key.Key_Enter
    modifiers = Qt.KeyboardModifier.KeypadModifier if keypad else Qt.KeyboardModifier.NoModifier
    # The key goes to the window, which hands it to the button the keyboard is on, as a key from the
    # keyboard does.
    menu = _popup_after(lambda: QTest.keyClick(window.windowHandle(), key, modifiers))
    assert menu is manage.menu(), "Enter on «Керування» did not open its menu"


def test_enter_on_the_filters_button_unfolds_the_filters(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """«Показати лише…», a tool button too, folded and unfolded the filters on Space only."""
    view = netbook_dashboard(window, ws, lang="uk", scale=200)  # a netbook at 200 %: folded at first
    toggle = view.filters_toggle
    assert not view.filters.isVisible()
    toggle.setFocus()
    qtbot.waitUntil(toggle.hasFocus)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    settle()
    assert view.filters.isVisible(), "Enter on «Показати лише…» did not unfold the filters"
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    settle()
    assert not view.filters.isVisible()
