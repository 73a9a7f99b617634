"""The Programme tab in coordinator mode: the programme's figures for a region or everyone, read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.coordinator.programme import ProgrammePage
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_accessibility import unnamed_focusable
from tests.ui.test_coordinator import SECRET, typed  # noqa: F401 - the password dialog's answer

PEOPLE = [("Оксана Петренко", "Хаб у Бучі", "Весна", None),
          ("Марія Коваль", "Хаб у Бучі", "Весна", None),
          ("Іван Мельник", "Хаб у Львові", "Осінь", None)]


def _page(qtbot: Any, window: Any) -> ProgrammePage:
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    view.tabs.setCurrentWidget(view.programme)
    page = view.programme
    qtbot.waitUntil(lambda: page.picture is not None, timeout=20000)
    return page


def test_the_tab_shows_the_figures_and_filters_by_region(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    ws.add_hub("Хаб у Бучі", region_id="UA-32")
    ws.add_hub("Хаб у Львові", region_id="UA-46")
    seed_trainees(ws, PEOPLE, checks=2)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    page = _page(qtbot, window)
    assert (page.picture.trainees, page.picture.checks) == (3, 6)
    assert "Trainees: 3; hubs: 2; finished checks: 6." in page.summary.text()
    assert [page.regions.item(r, 0).text() for r in range(page.regions.rowCount())] == [
        "Kyiv Oblast", "Lviv Oblast"]
    assert page.levels_chart.figure is not None  # the shown levels are drawn
    assert "Wilson" in page.definitions.text()
    assert not page.progress.isVisible()
    # Nothing on the page edits data: no editable table, only filters and the one button.
    for table in (page.regions, page.hardest):
        assert table.editTriggers() == table.EditTrigger.NoEditTriggers

    page.region.setCurrentIndex(page.region.findData("UA-46"))
    assert [page.hub.itemText(i) for i in range(page.hub.count())] == ["All hubs", "Хаб у Львові"]
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.picture.trainees == 1, timeout=20000)
    assert page.regions.rowCount() == 1 and page.regions.item(0, 0).text() == "Lviv Oblast"
    assert unnamed_focusable(page) == []

    window.go_home()  # leaving coordinator mode takes the figures away
    assert page.picture is None and page.regions.rowCount() == 0


def test_the_tab_is_reached_by_keyboard(qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    seed_trainees(ws, PEOPLE[:1])
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Progr&amme
    assert view.tabs.currentWidget() is view.programme
    qtbot.waitUntil(lambda: view.programme.picture is not None, timeout=20000)
    qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # R&egion
    assert view.programme.region.hasFocus()
