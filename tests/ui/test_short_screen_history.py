"""The history of checks on a 1024×600 netbook at 200 % text: the screen is one page that scrolls, its
commands and the start of the checks in view when it opens, every check and the chart below them read
whole as the page scrolls."""

from __future__ import annotations

from typing import Any

import pytest

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import create_person, cut_cells, settle, whole_in
from tests.ui.test_plan_suggest import finish_check_with_gaps


def netbook_history(qtbot: Any, window: Any, *, lang: str, checks: int) -> Any:
    """The history of a new person with `checks` finished checks, on a 1024×600 netbook at 200 % text."""
    person = create_person(qtbot, window)
    for _ in range(checks):
        finish_check_with_gaps(qtbot, window)
    window.resize(1024, 600)
    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    window.show_history(person.id)
    return window.view("history")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_commands_and_the_checks_open_in_view_on_a_netbook_at_200_percent(
        qtbot: Any, window: Any, lang: str) -> None:
    history = netbook_history(qtbot, window, lang=lang, checks=2)
    settle()
    assert len(history.attempts) == 2
    port = window.scroller.viewport()
    assert not window.scroller.verticalScrollBar().isVisible(), "the window scrolls around the screen's page"
    assert not window.scroller.horizontalScrollBar().isVisible(), "the screen is wider than the window"
    page = history.page.viewport()
    for widget in (history.home_button, history.open_button, history.table_label):
        assert whole_in(port, widget) and whole_in(page, widget), f"«{widget.text()}» is out of view"
    # The newest check starts in view below the heads, two lines of it at least; the rest is read by
    # scrolling the page (the table shows every row whole and scrolls nothing itself).
    table = history.table
    first = table.visualRect(table.model().index(0, 0))
    top = table.viewport().mapTo(page, first.topLeft()).y()
    lines = 2 * table.fontMetrics().lineSpacing()
    assert top >= 0 and top + min(first.height(), lines) <= page.height(), \
        f"not one check starts in view: {first} at {top} in {page.rect()}"
    assert table.verticalScrollBar().maximum() == 0, "the checks scroll in a box of their own"


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 200), ((1366, 768), 100)])
def test_every_check_is_read_whole_without_scrolling_sideways(
        qtbot: Any, window: Any, lang: str, size: tuple[int, int], scale: int) -> None:
    """The levels per area wrap in their column: neither cut with "…" nor a sideways scroll away."""
    person = create_person(qtbot, window)
    for _ in range(2):
        finish_check_with_gaps(qtbot, window)
    window.resize(*size)
    window.apply_settings(Settings(language=lang, text_scale=scale), store=False)
    window.show_history(person.id)
    table = window.view("history").table
    settle(16)
    assert table.rowCount() == 2
    assert table.horizontalScrollBar().maximum() == 0, "the checks scroll sideways"
    cut = cut_cells(table)
    assert not cut, cut[:3]


def test_a_short_table_of_checks_leaves_its_room_to_the_chart(qtbot: Any, window: Any) -> None:
    """On a usual screen two checks take two rows; the room below them goes to the chart, not to blank
    rows under a chart that scrolls."""
    person = create_person(qtbot, window)
    for _ in range(2):
        finish_check_with_gaps(qtbot, window)
    window.resize(1366, 768)
    window.apply_settings(Settings(language="uk", text_scale=100), store=False)
    window.show_history(person.id)
    history = window.view("history")
    settle(16)
    table = history.table
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    blank = table.viewport().height() - rows
    assert blank <= table.fontMetrics().lineSpacing(), f"{blank} px of blank rows under the checks"
    # ...and the chart's first row of panels is in view below them.
    panel = history.chart.figure.axes[0].get_tightbbox()
    canvas_top = history.chart.mapTo(history.page.viewport(), history.chart.rect().topLeft()).y()
    assert canvas_top + history.chart.figure.bbox.height - panel.y0 <= history.page.viewport().height()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_heads_of_the_checks_take_two_lines_at_most_on_a_netbook_at_200_percent(
        qtbot: Any, window: Any, lang: str) -> None:
    """A narrow column's head («Власна оцінка до → після») stood four lines tall at 200 % text, and the
    rows and the chart above shared what was left of a netbook's screen."""
    person = create_person(qtbot, window)
    finish_check_with_gaps(qtbot, window)
    window.resize(1024, 600)
    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    window.show_history(person.id)
    table = window.view("history").table
    settle(16)
    header = table.horizontalHeader()
    line = header.fontMetrics().lineSpacing()
    assert header.height() < 3 * line, f"heads {header.height()} px tall, {header.height() / line:.1f} lines"
    assert table.horizontalScrollBar().maximum() == 0, "the checks scroll sideways"
    assert not cut_cells(table)
