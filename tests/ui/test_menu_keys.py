"""An open menu's items are chosen by their underlined letter whichever keyboard layout is active."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMenu

from digigram.ui.coordinator import files as coordinator_files
from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.settings_dialog import Settings
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_coordinator import PEOPLE, SECRET, dashboard, typed  # noqa: F401 - the password's answer


def _choose_in_menu(qtbot: Any, opener: Any, letter: str) -> bool:
    """Open `opener`'s menu from the keyboard and type `letter` in it; whether that closed it."""
    menu: QMenu = opener.menu()
    closed: list[bool] = []

    def type_letter() -> None:
        if QApplication.activePopupWidget() is not menu:
            QTimer.singleShot(50, type_letter)
            return
        key = ord(letter.upper()) if letter.isalpha() else ord(letter)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(menu, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, letter))
        closed.append(not menu.isVisible())
        if menu.isVisible():
            menu.close()
    QTimer.singleShot(50, type_letter)
    opener.setFocus()
    qtbot.keyClick(opener, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(closed), timeout=3000)
    return closed[0]


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")  # menus
@pytest.mark.parametrize(("lang", "opener", "letter", "wanted"), [
    ("uk", "manage", ",", "hubs"),  # «б» with the Latin layout active: the comma key
    ("uk", "manage", "б", "hubs"),
    ("uk", "files", "c", "csv"),  # the CSV item with the Ukrainian layout active: «с» on the C key
    ("uk", "files", "с", "csv"),
    ("en", "files", "с", "csv"),
    ("en", "manage", "і", "hubs"),  # «і» is on the S key
])
def test_a_menu_item_is_chosen_by_its_letter_on_either_layout(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, lang: str, opener: str, letter: str, wanted: str) -> None:
    chosen: list[str] = []  # what the menu started; no dialog or file is needed to see it
    monkeypatch.setattr(DashboardView, "open_hubs", lambda self: chosen.append("hubs"))
    monkeypatch.setattr(DashboardView, "_export", lambda self, how: chosen.append(
        "csv" if how is coordinator_files.export_csv else "other"))
    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    window.apply_settings(Settings(language=lang), store=False)
    window.coordinator_action.trigger()
    view = dashboard(window)
    qtbot.waitUntil(view.manage.isVisible)
    button = view.manage if opener == "manage" else view.files_button
    assert _choose_in_menu(qtbot, button, letter), f"{letter!r} left the menu open"
    qtbot.waitUntil(lambda: bool(chosen))
    assert chosen == [wanted]


@pytest.mark.parametrize(("lang", "key", "text", "tab"), [
    # «&Картина групи»: «К» sits on the R key, which the Latin layout sends as Alt+R.
    ("uk", Qt.Key.Key_R, "r", 1),
    # "Group &picture": "P" sits on the key of «З», which X11 sends as Alt+З (its upper-case code point)
    # with the Ukrainian layout active.
    ("en", 0x0417, "з", 1),
])
def test_a_tab_is_reached_by_its_letter_on_either_layout(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str, key: int, text: str,  # noqa: F811
        tab: int) -> None:
    """Alt and a tab's underlined letter showed the tab only when the layout typed that letter; buttons
    already answered to the key in either layout, tabs did not."""
    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    window.apply_settings(Settings(language=lang), store=False)
    window.coordinator_action.trigger()
    view = dashboard(window)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    assert view.tabs.currentIndex() == 0
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(view.table, QKeyEvent(kind, key, Qt.KeyboardModifier.AltModifier, text))
    qtbot.waitUntil(lambda: view.tabs.currentIndex() == tab)
