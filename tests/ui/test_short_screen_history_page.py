"""The history on a 1024×600 netbook at 200 % text, with the shipped framework's six long area names: one
scroll for the whole screen, in which a whole check and a whole area's panel of the chart are seen.

It was a chart in a scroll area of its own above a table that scrolled too: the chart showed a sliver of
one panel, and the table one check cut at its foot."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea

from tests.ui.helpers import settle
from tests.ui.test_short_screen_history import netbook_history


@pytest.fixture
def ws(shipped_ws: Any) -> Any:
    """The shipped framework: six areas whose names are as long as a person meets."""
    return shipped_ws


def _scrolled_to(area: QAbstractScrollArea, widget: Any, rect: QRect) -> QRect:
    """`rect` (in `widget`'s coordinates) scrolled to the top of `area`'s view, there in its coordinates."""
    port = area.viewport()
    bar = area.verticalScrollBar()
    bar.setValue(bar.value() + widget.mapTo(port, rect.topLeft()).y())
    shown = QRect(widget.mapTo(port, rect.topLeft()), rect.size())  # the scroll moves it at once
    settle()  # (a chart may be drawn anew meanwhile, its old canvas gone)
    return shown


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_whole_check_and_a_whole_area_of_the_chart_are_seen_on_a_netbook_at_200_percent(
        qtbot: Any, window: Any, lang: str) -> None:
    history = netbook_history(qtbot, window, lang=lang, checks=2)
    settle(16)
    assert len(history.attempts) == 2
    assert not window.scroller.verticalScrollBar().isVisible(), "the window scrolls around the screen"
    # One scroll for the screen: no box inside it scrolls on its own.
    scrolling = [area for area in history.findChildren(QAbstractScrollArea)
                 if area.isVisible() and area.verticalScrollBar().maximum() > 0]
    assert len(scrolling) == 1, f"{len(scrolling)} boxes scroll on the screen, one inside another"
    area = scrolling[0]
    port = area.viewport().rect()
    table, chart = history.table, history.chart
    assert area.viewport().isAncestorOf(table) and area.viewport().isAncestorOf(chart)

    # The newest check, scrolled to: every line of it in view at once.
    first = table.visualRect(table.model().index(0, 0))
    row = QRect(0, first.top(), table.viewport().width(), table.rowHeight(0))
    shown = _scrolled_to(area, table.viewport(), row)
    assert port.contains(shown), f"the check ({row.height()} px) is cut in a view {port.height()} px high"
    assert table.viewport().rect().contains(row), "the check is cut by the table's own edge"

    # The first area's panel of the chart (its name, levels, line and dates), scrolled to: whole in view.
    figure = chart.figure
    panel = figure.axes[0].get_tightbbox()
    canvas = chart.findChild(type(chart._canvas))
    height = figure.bbox.height
    box = QRect(QPoint(int(panel.x0), int(height - panel.y1)), QPoint(int(panel.x1), int(height - panel.y0)))
    shown = _scrolled_to(area, canvas, box)
    assert port.contains(shown), \
        f"a sliver of the chart: its first panel is {box.height()} px high in a view {port.height()} px high"


def test_the_arrow_keys_bring_each_check_into_view_on_a_netbook(qtbot: Any, window: Any) -> None:
    """The page scrolls, not the table: a check reached with the arrow keys is scrolled to, whole."""
    from PySide6.QtCore import Qt

    history = netbook_history(qtbot, window, lang="uk", checks=3)
    settle(16)
    table, page = history.table, history.page
    table.setFocus()
    table.setCurrentCell(0, 0)
    for row in range(1, 3):
        qtbot.keyClick(table, Qt.Key.Key_Down)
        settle()
        assert table.currentRow() == row
        rect = table.visualRect(table.model().index(row, 0))
        seen = QRect(table.viewport().mapTo(page.viewport(), rect.topLeft()),
                     QRect(0, 0, rect.width(), table.rowHeight(row)).size())
        assert page.viewport().rect().contains(seen), f"check {row + 1} is out of view: {seen}"
