"""The results screen on a framework whose area has only a self-rating: the area says "not measured", with
no level, no gap and no "target reached", in the table and in the chart, and one line says why."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import answer_to_the_end, create_person


@pytest.fixture
def ws(self_rated_ws: Any) -> Any:
    """INF has only self-ratings: no answer measures it."""
    return self_rated_ws


def _finished(qtbot: Any, window: Any, lang: str) -> Any:
    window.apply_settings(Settings(language=lang, text_scale=100), store=False)
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)
    view = window.view("results")
    assert window.stack.currentWidget() is view
    for _ in range(4):
        QApplication.processEvents()
    return view


@pytest.mark.parametrize(("lang", "words", "why"), [
    ("uk", "не виміряно", "Не виміряно: «Інформація»."),
    ("en", "not measured", "Not measured: “Information”."),
])
def test_the_table_says_not_measured_with_no_gap(qtbot: Any, window: Any, lang: str, words: str,
                                                  why: str) -> None:
    view = _finished(qtbot, window, lang)
    rows = {view.table.item(r, 0).text(): [view.table.item(r, c).text() for c in range(5)]
            for r in range(view.table.rowCount())}
    info = rows["Інформація" if lang == "uk" else "Information"]
    # it read "B1 · Intermediate, 42 % (A1–C1)" and "✓ target reached": a level nobody showed
    assert info[1] == words
    assert info[3] == "—"
    assert "✓" not in "".join(info) and "B1" not in info[1]
    safety = rows["Безпека" if lang == "uk" else "Safety"]
    assert safety[1] != words and safety[3] != "—"  # the area its questions measured keeps both
    assert view.notes.isVisible() and view.notes.text().startswith(why)
    assert words in view.chart.accessibleDescription()


def test_the_chart_draws_nothing_for_it_and_its_label_says_so(qtbot: Any, window: Any) -> None:
    view = _finished(qtbot, window, "en")
    figure = view.chart.figure
    figure.canvas.draw()
    (axes,) = [ax for ax in figure.axes if ax.get_gid() == "gap-chart"]
    gids = {artist.get_gid() for artist in [*axes.lines, *axes.patches, *axes.texts]}
    assert {"level:SAF", "band:SAF", "target:SAF"} <= gids
    assert not {g for g in gids if g and g.endswith(":INF") and not g.startswith("gaptext")}
    (mark,) = [t for t in axes.texts if t.get_gid() == "gaptext:INF"]
    assert mark.get_text() == "—"  # not "✓"
    labels = " ".join(t.get_text() for t in axes.get_yticklabels()).replace("\n", " ")
    assert "Information (not measured)" in labels
