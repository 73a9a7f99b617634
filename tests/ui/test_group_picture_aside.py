"""The group picture is drawn off the window's thread: on a region's 150 rows matplotlib takes most of
a second, and the window froze for all of it. Meanwhile the page says the picture is coming, and a
picture drawn for rows that have changed since never replaces the newest one."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.helpers import picture_drawn, settle
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import PEOPLE, netbook_dashboard

ROOT = Path(__file__).resolve().parents[2]
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


def _spin(seconds: float) -> None:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        QApplication.processEvents()
        time.sleep(0.01)


def test_a_picture_drawn_for_earlier_rows_never_replaces_the_newest(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from digigram.charts import heatmap

    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=PEOPLE, checks=1, size=(1366, 768))
    view.tabs.setCurrentWidget(view.heatmap)
    page = picture_drawn(view)
    board = view.dashboard
    first, second = board.rows[0], board.rows[1]
    assert first.name != second.name
    real, started = heatmap.heatmap_figure, threading.Event()
    held = {first.name: threading.Event(), second.name: threading.Event()}

    def held_back(names: Any, *args: Any, **kwargs: Any) -> Any:
        started.set()
        held[names[0]].wait(10)  # each picture is made only when the test lets it
        return real(names, *args, **kwargs)

    monkeypatch.setattr(heatmap, "heatmap_figure", held_back)

    def ask(row: Any) -> None:
        page.draw(replace(board, rows=(row,), total=1), window.ws.framework, lang="uk", text_scale=100)

    ask(first)
    assert started.wait(10)  # the first picture is being made...
    ask(second)  # ...when the rows change
    held[first.name].set()
    _spin(1.0)  # the first picture arrives late: it is not shown, and the page still waits
    assert page.chart.figure is None and page.busy()
    held[second.name].set()
    picture_drawn(view)
    assert second.name in _names(page) and first.name not in _names(page)


def test_requests_in_a_row_are_drawn_one_at_a_time_and_only_the_newest_in_full(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Six quick changes (a region chosen after another) drew six pictures at once, each slowing the
    others and the window: now one worker makes one picture at a time, and asked again meanwhile, a
    picture not begun is never made."""
    from digigram.charts import heatmap

    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=PEOPLE, checks=1, size=(1366, 768))
    view.tabs.setCurrentWidget(view.heatmap)
    page = picture_drawn(view)
    board = view.dashboard
    real, lock = heatmap.heatmap_figure, threading.Lock()
    made: list[str] = []
    at_once = [0, 0]  # now, most

    def counted(names: Any, *args: Any, **kwargs: Any) -> Any:
        with lock:
            at_once[0] += 1
            at_once[1] = max(at_once)
        try:
            time.sleep(0.2)
            made.append(names[0])
            return real(names, *args, **kwargs)
        finally:
            with lock:
                at_once[0] -= 1

    monkeypatch.setattr(heatmap, "heatmap_figure", counted)
    rows = board.rows[:6]
    for row in rows:
        page.draw(replace(board, rows=(row,), total=1), window.ws.framework, lang="uk", text_scale=100)
    picture_drawn(view)
    _spin(0.5)
    assert at_once[1] == 1, f"{at_once[1]} pictures were made at once"
    assert made[-1] == rows[-1].name and len(made) <= 2, made
    assert _names(page) & {r.name for r in rows} == {rows[-1].name}


def test_closing_while_a_picture_is_made_ends_the_program_cleanly(tmp_path: Any) -> None:
    """Stopped at exit inside matplotlib's text layout, a daemon worker aborted the process («terminate
    called without an active exception», status 134): the program ends only once the picture is made."""
    script = tmp_path / "close_while_drawing.py"
    script.write_text(CLOSE_WHILE_DRAWING, encoding="utf-8")
    for delay in (0.15, 0.3, 0.45, 0.6):
        done = subprocess.run([sys.executable, str(script), str(delay)], capture_output=True, text=True,
                              timeout=120, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert done.returncode == 0 and "terminate" not in done.stderr, (delay, done.returncode, done.stderr)
        assert done.stdout.strip() == "asked", done.stdout


CLOSE_WHILE_DRAWING = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from digigram.ui.coordinator.background import Newest, Relay
from digigram.ui.chart_widget import draw_aside
from digigram.charts import heatmap
names = [f"Слухач {n}" for n in range(150)]
gaps = [[n % 4, None, 1, 2, 0, 3] for n in range(150)]
from PySide6.QtWidgets import QWidget
page = QWidget()
relay = Relay(page)
worker = Newest(relay, name="group-picture", failed=lambda d: RuntimeError(d))
picture = lambda: heatmap.heatmap_figure(names, list("ABCDEF"), gaps, lang="uk", width=10)
worker.ask(1, lambda: draw_aside(picture(), 1.0))
time.sleep(float(sys.argv[1]))
print("asked")
sys.exit(0)
"""


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


def test_a_filter_change_asks_for_the_picture_once(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """The new rows asked for the picture, and then the filter's own code asked for it again: each change
    made a second picture, or most of one, on a region's data."""
    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=PEOPLE, checks=1, size=(1366, 768))
    view.tabs.setCurrentWidget(view.heatmap)
    page = picture_drawn(view)
    asked: list[int] = []
    real = page.draw
    monkeypatch.setattr(page, "draw", lambda *a, **k: (asked.append(1), real(*a, **k))[1])
    view.name.setText("Слухач 1")  # the name filter: typed, then read after a short pause
    ends = time.monotonic() + 10
    while not asked and time.monotonic() < ends:
        _spin(0.05)
    picture_drawn(view)
    _spin(1.0)
    assert len(asked) == 1, f"{len(asked)} pictures asked for one change"
    assert _names(page) & {p[0] for p in PEOPLE} == {"Слухач 1", "Слухач 10", "Слухач 11"}


def test_namesakes_in_the_picture_are_told_apart_by_their_hub(
        window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """On a region's data the picture's first eight rows all read «Андрій Бойко», the hub column of the
    table far off to the right: each namesake is now followed by their hub; other names stay bare."""
    people = [("Андрій Бойко", hub, "Весна", None) for hub in ("Хаб у Бучі", "Хаб у Львові", "Хаб в Ірпені")]
    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=[*people, *PEOPLE[:3]], checks=1,
                             size=(1366, 768))
    page = view.heatmap
    view.tabs.setCurrentWidget(page)
    picture_drawn(view)
    names = _names(page)
    assert {f"Андрій Бойко ({hub})" for _name, hub, *_ in people} <= names
    assert "Андрій Бойко" not in names
    assert {name for name, *_ in PEOPLE[:3]} <= names  # a name borne once, without a hub
