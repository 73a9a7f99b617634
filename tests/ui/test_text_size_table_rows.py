"""The rows of every table whose rows fit their text (the hard questions, before/after, the Programme tab's
three tables, the results' levels) follow a text size chosen while the table is open: from 100 % to 200 %
they grow as tall as their wrapped text, from 200 % back to 100 % they shrink again, as when the screen is
opened at that size. The trainee table's rows, one line each, follow it too (test_held_names_rows)."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import (
    answer_to_the_end,
    chosen_in_settings,
    create_person,
    cut_cells,
    settle,
    show_figures_page,
)
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard

# Long texts and the shipped framework's own (ws), and enough answers for the hard questions' rows.
from tests.ui.test_short_screen_dashboard_pages import PEOPLE, few_answers, ws  # noqa: F401

SIZES = pytest.mark.parametrize(("start", "then"), [(100, 200), (200, 100)], ids=["100-to-200", "200-to-100"])


def rows_out_of_step(table: Any) -> list[str]:
    """Cells whose text is cut, and rows whose height is not what the table gives them when laid out
    afresh at the present text size (the table is then laid out afresh)."""
    cut = cut_cells(table)
    kept = [table.rowHeight(row) for row in range(table.rowCount())]
    table.fit()
    fresh = [table.rowHeight(row) for row in range(table.rowCount())]
    wrong = [f"row {row}: {was} px, {now} px laid out afresh"
             for row, (was, now) in enumerate(zip(kept, fresh, strict=True)) if was != now]
    return cut + wrong


@SIZES
def test_the_figures_pages_rows_follow_the_text_size(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
        start: int, then: int) -> None:
    from digigram.core.programme import AFTER_DAYS

    monkeypatch.setattr(ws, "programme", functools.partial(ws.programme, min_answers=1))
    view = netbook_dashboard(window, ws, lang="uk", scale=start, people=PEOPLE, checks=2, size=(1366, 768),
                             apart_days=AFTER_DAYS + 2)
    programme = view.programme
    for page in (view.hard, view.before_after):
        show_figures_page(view, page)
        assert page.table.rowCount(), f"{type(page).__name__} is empty: nothing tested"
        chosen_in_settings(monkeypatch, window, text_scale=then)  # while the page is in view
        settle(16)
        wrong = rows_out_of_step(page.table)
        assert not wrong, f"{type(page).__name__}: {wrong[:4]}"
        chosen_in_settings(monkeypatch, window, text_scale=start)
        settle(16)
    view.tabs.setCurrentWidget(programme)
    qtbot.waitUntil(lambda: programme.picture is not None, timeout=20000)
    settle(16)
    tables = {"regions": programme.regions, "competences": programme.competences,
              "hardest": programme.hardest}
    assert all(table.rowCount() for table in tables.values()), "a Programme table is empty: nothing tested"
    chosen_in_settings(monkeypatch, window, text_scale=then)
    settle(16)
    for name, table in tables.items():
        wrong = rows_out_of_step(table)
        assert not wrong, f"Programme, {name}: {wrong[:4]}"


@SIZES
def test_the_results_levels_rows_follow_the_text_size(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, window: Any, start: int, then: int) -> None:
    from digigram.ui.settings_dialog import Settings

    window.resize(1366, 768)
    window.apply_settings(Settings(language="uk", text_scale=start), store=False)
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.quick, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)
    table = window.view("results").table
    settle(16)
    chosen_in_settings(monkeypatch, window, text_scale=then)
    settle(16)
    wrong = rows_out_of_step(table)
    assert not wrong, wrong[:4]
