"""Finding trainees by part of the name or by region: among thousands the table's pages were the only way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from digigram.ui.coordinator import files as coordinator_files
from tests.ui.helpers import type_text
from tests.ui.test_coordinator import SECRET, files, open_dashboard, typed  # noqa: F401

MORE = [("Олена Петрук", "Хаб в Ірпені", "Осінь", None), ("Anna Smith", "Хаб в Ірпені", "Осінь", None),
        ("Сто_відсотків%", "Хаб в Ірпені", "Осінь", None)]


def _find(qtbot: Any, view: Any, text: str) -> list[str]:
    view.name.clear()
    type_text(view.name, text)  # as typed, letter by letter: the table follows once typing pauses
    qtbot.waitUntil(lambda: view.current_filter() == view._filters, timeout=5000)
    return sorted(row.name for row in view.model.rows)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_part_of_a_name_in_any_letter_case_finds_the_trainee(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    from digigram.ui.settings_dialog import Settings
    from tests.ui.coordinator_seed import seed_trainees

    seed_trainees(ws, MORE)
    window.apply_settings(Settings(language=lang), store=False)
    view = open_dashboard(window, ws)
    view.filters_toggle.setChecked(True)
    assert view.name.isVisible() and view.name_label.buddy() is view.name
    assert view.name_label.text() == ("&Імʼя містить:" if lang == "uk" else "Name contain&s:")

    assert _find(qtbot, view, "петр") == ["Оксана Петренко", "Олена Петрук"]
    assert view.count.text().startswith("Показано слухачів: 2" if lang == "uk" else "Trainees shown: 2")
    assert _find(qtbot, view, "КОВАЛЬ") == ["Марія Коваль"]
    assert _find(qtbot, view, "smith") == ["Anna Smith"]
    assert _find(qtbot, view, "%") == ["Сто_відсотків%"]  # the typed text, not a pattern
    assert _find(qtbot, view, "ст%в") == []  # as a pattern it would find that name
    assert _find(qtbot, view, "жодного") == []

    view.filters_toggle.setChecked(False)  # folded: the count says a filter is on
    type_text(view.name, "")
    assert "(фільтри ввімкнено)" in view.count.text() or "(filters are on)" in view.count.text()

    window.go_home()  # leaving coordinator mode: the name typed goes with the rest
    assert view.name.text() == ""


def test_the_csv_and_the_report_hold_the_trainees_found(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any],  # noqa: F811
        tmp_path: Path) -> None:
    view = open_dashboard(window, ws)
    view.filters_toggle.setChecked(True)
    assert _find(qtbot, view, "мельник") == ["Іван Мельник"]
    coordinator_files.export_csv(view, window.coordinator, view.current_filter(), lang="en")
    written = (tmp_path / "out" / "table.csv").read_text(encoding="utf-8-sig")
    assert "Іван Мельник" in written and "Петренко" not in written and "Коваль" not in written
    from digigram.services.coordinator.exports import describe

    assert describe(view.current_filter(), ws.framework, lang="uk") == "Імʼя містить: «мельник»"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_region_shows_its_trainees_and_lists_only_its_hubs(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any],  # noqa: F811
        tmp_path: Path, lang: str) -> None:
    """A regional coordinator saw every region's trainees and could choose only one hub at a time."""
    from digigram.services.coordinator.exports import describe
    from digigram.ui.settings_dialog import Settings

    ws.add_hub("Хаб у Бучі", region_id="UA-32")
    ws.add_hub("Хаб в Ірпені", region_id="UA-32")
    ws.add_hub("Хаб у Львові", region_id="UA-46")
    from tests.ui.coordinator_seed import seed_trainees

    seed_trainees(ws, [("Ольга Мороз", "Хаб у Львові", "Весна", None)])
    window.apply_settings(Settings(language=lang), store=False)
    view = open_dashboard(window, ws)
    view.filters_toggle.setChecked(True)
    assert view.region.isVisible()
    kyiv, lviv = ("Київська область", "Львівська область") if lang == "uk" else ("Kyiv Oblast", "Lviv Oblast")
    assert [view.region.itemText(i) for i in range(view.region.count())][1:] == [kyiv, lviv]

    view.region.setCurrentIndex(view.region.findData("UA-46"))
    assert sorted(r.name for r in view.model.rows) == ["Ольга Мороз"]
    assert [view.hub.itemText(i) for i in range(1, view.hub.count())] == ["Хаб у Львові"]
    view.region.setCurrentIndex(view.region.findData("UA-32"))
    assert sorted(r.name for r in view.model.rows) == ["Іван Мельник", "Марія Коваль", "Оксана Петренко"]
    assert [view.hub.itemText(i) for i in range(1, view.hub.count())] == ["Хаб в Ірпені", "Хаб у Бучі"]
    assert view.count.text().startswith("Показано слухачів: 3" if lang == "uk" else "Trainees shown: 3")

    view.hub.setCurrentIndex(view.hub.findText("Хаб у Бучі"))  # a hub of the region, then another region
    assert sorted(r.name for r in view.model.rows) == ["Марія Коваль", "Оксана Петренко"]
    view.region.setCurrentIndex(view.region.findData("UA-46"))
    assert view.hub.currentData() is None and [r.name for r in view.model.rows] == ["Ольга Мороз"]

    coordinator_files.export_csv(view, window.coordinator, view.current_filter(), lang=lang)
    written = (tmp_path / "out" / "table.csv").read_text(encoding="utf-8-sig")
    assert "Ольга Мороз" in written and "Петренко" not in written
    assert describe(view.current_filter(), ws.framework, lang=lang) == (
        "Регіон: Львівська область" if lang == "uk" else "Region: Lviv Oblast")


def test_tab_goes_through_the_filters_in_the_order_they_read(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """The region, first on the screen, was reached by Tab after the role."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    view = open_dashboard(window, ws)
    view.filters_toggle.setChecked(True)
    view.filters_toggle.setFocus()
    qtbot.waitUntil(view.filters_toggle.hasFocus)
    reached = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == [view.region, view.hub, view.group, view.profile, view.use_from]


def test_a_name_is_found_whichever_apostrophe_is_typed(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """«Марʼяна» typed with the keyboard's apostrophe found nobody: names keep the apostrophe each trainee
    typed (ʼ, ' or ’), and the coordinator's keyboard gives another one."""
    from tests.ui.coordinator_seed import seed_trainees

    seed_trainees(ws, [("Марʼяна Ткач", "Хаб в Ірпені", "Осінь", None),
                       ("Ярослав Дем'янчук", "Хаб в Ірпені", "Осінь", None)])
    view = open_dashboard(window, ws)
    view.filters_toggle.setChecked(True)
    assert _find(qtbot, view, "мар'яна") == ["Марʼяна Ткач"]
    assert _find(qtbot, view, "Демʼян") == ["Ярослав Дем'янчук"]
    assert _find(qtbot, view, "дем’янчук") == ["Ярослав Дем'янчук"]
    assert _find(qtbot, view, "демян") == ["Ярослав Дем'янчук"]
    assert view.count.text().startswith("Trainees shown: 1") or view.count.text().startswith(
        "Показано слухачів: 1")
