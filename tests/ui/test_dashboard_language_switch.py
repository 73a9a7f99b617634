"""Switching the language on the coordinator's dashboard words the same table again instead of reading it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from tests.ui.helpers import settle, show_figures_page
from tests.ui.test_coordinator import open_dashboard, typed  # noqa: F401 - the password dialog's answer


def test_the_language_switch_keeps_the_chosen_trainee_and_reads_nothing_again(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """On a region's database a language switch read the first page and the counts again: the window
    stood still for 0.6–0.8 s, and the table went back to its first page with the trainee chosen in it
    unchosen. Now the same rows, filter and figures are worded in the new language, and nothing is read."""
    from digigram.ui.settings_dialog import Settings

    view = open_dashboard(window, ws)
    view.group.setCurrentIndex(view.group.findData("Весна"))
    settle()
    show_figures_page(view, view.hard)
    stats_shown = view.hard.table.rowCount()
    view.tabs.setCurrentIndex(0)
    row = next(r for r in range(view.model.rowCount()) if view.model.rows[r].name == "Оксана Петренко")
    view.table.setCurrentIndex(view.model.index(row, 0, QModelIndex()))
    co = window.coordinator
    reads: list[str] = []
    for name in ("dashboard", "dashboard_figures", "filter_options"):
        real = getattr(co, name)
        monkeypatch.setattr(co, name,
                            lambda *a, real=real, name=name, **k: (reads.append(name), real(*a, **k))[1])

    window.apply_settings(Settings(language="uk"), store=False)
    settle()
    assert reads == []
    assert view.selected() is not None and view.selected().name == "Оксана Петренко"
    assert view.group.currentData() == "Весна" and view.group.itemText(0) == "Усі групи"
    assert view.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Імʼя"
    assert view.count.text().startswith("Показано слухачів: 2")
    assert view.figures_ready() and view.hard.table.rowCount() == stats_shown

    # The next filter is read as before, in the new language.
    view.group.setCurrentIndex(0)
    settle()
    assert "dashboard" in reads and view.count.text().startswith("Показано слухачів: 3")


def test_the_figures_pages_say_they_are_working_or_failed_in_the_new_language(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        messages: list[str]) -> None:
    import threading
    import time

    from PySide6.QtWidgets import QApplication

    from digigram.core.errors import StorageError
    from digigram.core.i18n import N_
    from digigram.ui.settings_dialog import Settings

    window.apply_settings(Settings(language="en"), store=False)
    view = open_dashboard(window, ws)
    co = window.coordinator
    gate, real = threading.Event(), co.dashboard_figures
    monkeypatch.setattr(co, "dashboard_figures", lambda *a, **k: (gate.wait(10), real(*a, **k))[1])
    view.tabs.setCurrentWidget(view.hard)
    settle()
    assert view.hard.empty.text() == "Working out the figures…"
    window.apply_settings(Settings(language="uk"), store=False)
    settle()
    said = (view.hard.empty.text(), view.before_after.summary.text())
    gate.set()
    ends = time.monotonic() + 20
    while not view.figures_ready() and time.monotonic() < ends:
        QApplication.processEvents()
        time.sleep(0.01)
    assert said == ("Обчислення показників…",) * 2, said

    def fail(*_a: Any, **_k: Any) -> Any:
        raise StorageError(N_("the connection dropped"))

    monkeypatch.setattr(co, "dashboard_figures", fail)
    window.apply_settings(Settings(language="en"), store=False)
    view.group.setCurrentIndex(view.group.findData("Весна"))  # another filter: the figures read again
    ends = time.monotonic() + 20
    while view.hard.retry.isHidden() and time.monotonic() < ends:
        QApplication.processEvents()
        time.sleep(0.01)
    assert view.hard.empty.text() == "The figures could not be read."
    window.apply_settings(Settings(language="uk"), store=False)
    settle()
    assert view.hard.empty.text() == "Не вдалося прочитати показники."
    assert view.before_after.summary.text() == "Не вдалося прочитати показники."
