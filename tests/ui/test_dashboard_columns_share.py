"""The trainee table at 1366×768: its columns share the width, heads wrapping word by word, so two
trainees' rows are read whole without scrolling sideways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.coordinator_seed import finish_check
from tests.ui.helpers import cut_cells, settle
from tests.ui.test_coordinator import SECRET, typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard

SHIPPED = Path(__file__).resolve().parents[2] / "competency_framework" / "librarians.yaml"
LONG_HUB = "Публічна бібліотека м. Вінниця — Хаб цифрової освіти"


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Any]:
    """The shipped framework: six areas with long names, as a coordinator sees them."""
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=SHIPPED)
    yield workspace
    workspace.close()


class _Text:
    def __init__(self, text: str) -> None:
        self._text = text

    def text(self) -> str:
        return self._text


class _StyleOf:
    """The table's style, measuring for the table itself."""

    def __init__(self, table: Any) -> None:
        self._table = table

    def pixelMetric(self, metric: Any, option: Any = None, _widget: Any = None) -> int:
        return int(self._table.style().pixelMetric(metric, option, self._table))


class ModelTable:
    """The trainee table (a view over a model) as cut_cells reads a QTableWidget: items and heads."""

    def __init__(self, table: Any, columns: int | None = None) -> None:
        self._table = table
        self._columns = columns

    def __getattr__(self, name: str) -> Any:
        return getattr(self._table, name)

    def columnCount(self) -> int:
        return self._columns if self._columns is not None else self._table.model().columnCount()

    def rowCount(self) -> int:
        return int(self._table.model().rowCount())

    def item(self, row: int, column: int) -> _Text:
        return _Text(str(self._table.model().data(self._table.model().index(row, column))))

    def style(self) -> Any:
        return _StyleOf(self._table)

    def horizontalHeaderItem(self, column: int) -> _Text:
        return _Text(str(self._table.model().headerData(column, Qt.Orientation.Horizontal)))


def two_trainees(window: Any, ws: Any, *, lang: str, hub: str, size: tuple[int, int] = (1366, 768),
                 scale: int = 100) -> Any:
    """One trainee never checked, one checked twice: the walk's dashboard."""
    ws.create_person("Іван Коваль")
    checked = ws.create_person("Оксана Петренко-Сидоренко", hub=hub)
    finish_check(ws, checked.id, seed=1, rating=8)
    finish_check(ws, checked.id, seed=2, rating=3)
    view = netbook_dashboard(window, ws, lang=lang, scale=scale, people=[], size=size)
    settle(16)
    return view


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_two_trainees_are_read_whole_at_1366(window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
                                             lang: str) -> None:
    """The table scrolled sideways with two trainees and cut the last check's date to «01.», while the
    empty «Потрібна допомога» column stood wide. Now every column, its head and its cells are in view."""
    view = two_trainees(window, ws, lang=lang, hub="Хаб у Бучі")
    table = view.table
    assert table.horizontalScrollBar().maximum() == 0, "the table still scrolls sideways"
    cut = cut_cells(ModelTable(table))
    assert not cut, cut[:4]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_long_hub_name_leaves_the_last_check_whole(window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
                                                     lang: str) -> None:
    """A hub named in 52 letters is cut short with "…" (as it always was, at the widest a column takes)
    rather than push the role off the edge; every other column and the last check's date are whole."""
    view = two_trainees(window, ws, lang=lang, hub=LONG_HUB)
    assert view.table.horizontalScrollBar().maximum() == 0, "the table still scrolls sideways"
    cut = cut_cells(ModelTable(view.table))
    assert len(cut) <= 1 and all(c.startswith(f"«{LONG_HUB[:40]}» is cut") for c in cut), cut[:4]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_long_hub_name_is_whole_on_a_window_with_room_for_it(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    """On a wide window (1920 px) the hub and its region stayed cut at the widest a column takes, «…»
    and all, while the area columns spread out over the room it lacked. Where the row has room, the hub
    is read whole; nothing else is cut and the table does not scroll sideways. (The dashboard's table
    over the same trainees, 1900 px wide: the test screen is a 1366 px laptop's.)"""
    from digigram.ui.coordinator.dashboard import MAX_COLUMN_LINES
    from digigram.ui.coordinator.table import NameHeldTable

    view = two_trainees(window, ws, lang=lang, hub=LONG_HUB)
    table = NameHeldTable()
    qtbot.addWidget(table)
    table.setModel(view.model)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.resize(1900, 400)
    table.show()
    qtbot.waitExposed(table)
    table.fit_columns(MAX_COLUMN_LINES * table.fontMetrics().height())
    settle()
    assert table.viewport().width() > 1800, "the table is not wide: the case is not tested"
    assert table.horizontalScrollBar().maximum() == 0, "the table scrolls sideways"
    cut = cut_cells(ModelTable(table))
    assert not cut, cut[:4]
