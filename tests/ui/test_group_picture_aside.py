"""The group picture is drawn off the window's thread: on a region's 150 rows matplotlib takes most of
a second, and the window froze for all of it. Meanwhile the page says the picture is coming, and a
picture drawn for rows that have changed since never replaces the newest one."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.helpers import picture_drawn, settle
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import PEOPLE, netbook_dashboard

DRAWING = {"uk": "Малюємо картину групи…", "en": "Drawing the group picture…"}


def _names(page: Any) -> set[str]:
    """The texts of the picture, a trainee's "needs help" mark taken off the name."""
    return {t.get_text().removesuffix(" ⚠") for t in page.chart.figure.texts}


def _said(page: Any) -> list[str]:
    return [label.text() for label in page.chart.findChildren(QLabel) if label.isVisibleTo(page.chart)]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_page_says_the_picture_is_coming_then_shows_it(
        window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang=lang, scale=100, people=PEOPLE, checks=1, size=(1366, 768))
    page = view.heatmap
    view.tabs.setCurrentWidget(page)
    # The tab is shown at once, saying what is on its way; the picture is not drawn in the window's thread.
    assert page.busy() and page.chart.figure is None
    assert _said(page) == [DRAWING[lang]]
    picture_drawn(view)
    assert page.chart.figure is not None and _said(page) == []
    assert {row.name for row in view.model.rows} <= _names(page)
    # Drawn again (another order, a new text size): the words are in view, not where the old picture ended.
    page.draw(view.dashboard, window.ws.framework, lang=lang, text_scale=100)
    settle()
    label = next(lb for lb in page.chart.findChildren(QLabel) if lb.isVisibleTo(page.chart))
    assert label.text() == DRAWING[lang]
    port = page.viewport()
    words = label.contentsRect().translated(label.mapTo(port, QPoint(0, 0)))
    assert port.rect().contains(words), f"{words} is not in {port.rect()}"
    picture_drawn(view)


def test_a_picture_drawn_for_earlier_rows_never_replaces_the_newest(
        window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=PEOPLE, checks=1, size=(1366, 768))
    view.tabs.setCurrentWidget(view.heatmap)
    page = picture_drawn(view)
    board = view.dashboard
    first, second = board.rows[0], board.rows[1]
    assert first.name != second.name
    for row in (first, second):  # the second request comes before the first picture is drawn
        page.draw(replace(board, rows=(row,), total=1), window.ws.framework, lang="uk", text_scale=100)
    picture_drawn(view)
    ends = time.monotonic() + 1.0  # time for a late picture of the first request to arrive, and be dropped
    while time.monotonic() < ends:
        QApplication.processEvents()
        time.sleep(0.01)
    assert second.name in _names(page) and first.name not in _names(page)


def test_leaving_coordinator_mode_drops_a_picture_on_its_way(
        window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=PEOPLE, checks=1, size=(1366, 768))
    view.tabs.setCurrentWidget(view.heatmap)
    page = view.heatmap
    assert page.busy()
    view.forget()  # what leaving the mode does: nothing about trainees stays on screen
    ends = time.monotonic() + 3.0
    while time.monotonic() < ends:
        QApplication.processEvents()
        time.sleep(0.01)
    assert page.chart.figure is None and not page.busy()
