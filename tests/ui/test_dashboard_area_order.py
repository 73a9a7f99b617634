"""The trainee table sorted by an area, as a coordinator clicks the area's head: the column reads in order."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.helpers import settle
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard


@pytest.fixture
def ws(data_dir: Any) -> Any:  # the shipped framework: six levels, so the same gap has several
    from competency_framework import shipped_framework_path
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=shipped_framework_path())
    yield workspace
    workspace.close()


PEOPLE = [(f"Слухач {n:02}", "Хаб у Бучі", "Весна", None) for n in range(16)]


def reading(cell: str, levels: list[str]) -> tuple[int, int, int]:
    """Where a cell («—», «✓ B1», «▼1 A1 → B1») stands: no gap first, then by the gap, then by the level."""
    if cell == "—":
        return (0, 0, -1)
    if cell.startswith("✓"):
        return (1, 0, levels.index(cell.split()[1]))
    gap, level = cell.split()[:2]
    return (1, int(gap.lstrip("▼")), levels.index(level))


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder],
                         ids=["rising", "falling"])
def test_a_column_sorted_by_its_area_reads_in_order(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], order: Qt.SortOrder) -> None:  # noqa: F811
    """Sorted by an area, those with the same gap came by name: a column reading ✓ B1, ✓ B1, ✓ C1, ✓ C1,
    ✓ B1 looked unsorted. Now the same gap goes by the level shown, in the same direction."""
    view = netbook_dashboard(window, ws, lang="en", scale=100, people=PEOPLE, checks=1, size=(1366, 768))
    model, table = view.model, view.table
    levels = [level.code for level in ws.framework.levels]
    column = model.column_of("area:" + model.area_ids[0])
    head = table.horizontalHeader()
    table.scrollTo(model.index(0, column))
    settle()
    spot = QPoint(head.sectionViewportPosition(column) + head.sectionSize(column) // 2, head.height() // 2)
    clicks = 1 if order == Qt.SortOrder.AscendingOrder else 2
    for _ in range(clicks):
        qtbot.mouseClick(head.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        settle()
    assert model.order == ("area:" + model.area_ids[0], order == Qt.SortOrder.DescendingOrder)
    cells = [str(model.data(model.index(row, column))) for row in range(model.rowCount())]
    places = [reading(cell, levels) for cell in cells]
    # the case is tested: some trainees share a gap and differ in level
    assert len({p for p in places if p[:2] == (1, 0)}) > 1, cells
    wanted = sorted(places, reverse=order == Qt.SortOrder.DescendingOrder)
    assert places == wanted, f"the column reads {cells}"
