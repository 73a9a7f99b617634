"""«Файли» and «Керування» opened from the keyboard start their first command on Enter: Qt opened them with
nothing highlighted, and Enter did nothing until an arrow was pressed."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from digigram.ui.coordinator import files as coordinator_files
from digigram.ui.coordinator.dashboard import DashboardView
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_coordinator import PEOPLE, SECRET, dashboard, typed  # noqa: F401 - the password's answer


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")  # menus
@pytest.mark.parametrize(("opener", "key", "wanted"), [
    ("files", Qt.Key.Key_Space, "csv"), ("files", Qt.Key.Key_Return, "csv"),
    ("manage", Qt.Key.Key_Space, "hubs"), ("manage", Qt.Key.Key_Return, "hubs")])
def test_enter_in_a_menu_opened_from_the_keyboard_starts_its_first_command(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, opener: str, key: Qt.Key, wanted: str) -> None:
    chosen: list[str] = []
    monkeypatch.setattr(DashboardView, "open_hubs", lambda self: chosen.append("hubs"))
    monkeypatch.setattr(DashboardView, "_export", lambda self, how: chosen.append(
        "csv" if how is coordinator_files.export_csv else "other"))
    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = dashboard(window)
    qtbot.waitUntil(view.manage.isVisible)
    button = view.manage if opener == "manage" else view.files_button
    pressed: list[bool] = []

    def enter(menu: QMenu) -> None:
        qtbot.keyClick(menu, Qt.Key.Key_Return)
        pressed.append(True)
        if menu.isVisible():  # Enter started nothing
            menu.close()

    def when_open() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, when_open)
            return
        QTimer.singleShot(100, lambda: enter(menu))  # as a person reads the menu first

    QTimer.singleShot(0, when_open)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, key)
    qtbot.waitUntil(lambda: bool(pressed), timeout=3000)
    assert chosen == [wanted], "Enter in the menu just opened started nothing"
