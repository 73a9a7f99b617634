"""The held name column beside the table's rows: each name on its own row's line, whatever the text size.

At 100 % text, a change to 200 % left the table's rows at their old height while the held names grew to
the new one: scrolled down, «Лариса Федорук» sat beside Олена Петренко's levels."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import chosen_in_settings, settle
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard

PEOPLE = [(name, "Хаб у Бучі", "Весна", None) for name in (
    "Валентина Мороз", "Віра Марченко", "Галина Карпенко", "Ганна Коваленко", "Ганна Марченко",
    "Іван Романюк", "Ірина Олійник", "Ірина Яковенко", "Лариса Лисенко", "Лариса Федорук",
    "Олена Петренко", "Софія Клименко", *(f"Слухач {n:02}" for n in range(12)))]


def misplaced_names(view: Any) -> list[str]:
    """Each row in view whose name, as painted, is not on that row's line: its y and height on the
    screen differ from the row's cells, or the name painted there is another's."""
    table, model = view.table, view.model
    names = table.names
    wrong = []
    for row in range(model.rowCount()):
        cells = table.visualRect(model.index(row, 1))
        if cells.bottom() < 0 or cells.top() > table.viewport().height():
            continue
        name = names.visualRect(model.index(row, 0))
        at_cells = table.viewport().mapToGlobal(cells.topLeft()).y()
        at_name = names.viewport().mapToGlobal(name.topLeft()).y()
        if (at_cells, cells.height()) != (at_name, name.height()):
            wrong.append(f"row {row}: cells at y {at_cells}, {cells.height()} px;"
                         f" name «{model.rows[row].name}» at y {at_name}, {name.height()} px")
            continue
        # what a person reads at the left of the row's cells
        spot = names.viewport().mapFromGlobal(table.viewport().mapToGlobal(cells.center()))
        shown = names.indexAt(QPoint(4, spot.y()))
        if shown.row() != row:
            wrong.append(f"row {row} ({model.rows[row].name}): beside it «{model.data(shown)}»")
    return wrong


@pytest.mark.parametrize(("start", "then"), [
    (Settings(language="en", text_scale=100), {"text_scale": 200}),
    (Settings(language="en", text_scale=200), {"text_scale": 100}),
    (Settings(language="en", text_scale=150), {"high_contrast": True, "text_scale": 200}),
], ids=["100-to-200", "200-to-100", "contrast-and-200"])
def test_each_name_stays_beside_its_own_row_after_the_text_size_changes(
        qtbot: Any, monkeypatch: Any, window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
        start: Settings, then: dict[str, Any]) -> None:
    view = netbook_dashboard(window, ws, lang="en", scale=start.text_scale, people=PEOPLE, checks=1,
                             size=(1366, 768))
    settle(16)
    table = view.table
    assert not misplaced_names(view), "out of line before any change"
    chosen_in_settings(monkeypatch, window, **then)  # Ctrl+, then OK
    settle(16)
    bar = table.verticalScrollBar()
    assert bar.maximum() > 0, "every row in view: no scrolling to test"
    bar.setValue(bar.maximum())
    settle()
    assert not misplaced_names(view), misplaced_names(view)
    # The rows are as tall as the new text needs, as when the dashboard is opened at that size.
    assert table.rowHeight(0) >= table.fontMetrics().height(), "the rows kept the smaller text's height"
    bar.setValue(bar.maximum() // 2)
    settle()
    assert not misplaced_names(view), misplaced_names(view)
