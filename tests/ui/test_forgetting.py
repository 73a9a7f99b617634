"""A shared PC: the window starts with nobody chosen and forgets a PIN on Home, on a change and when idle."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.person_dialog import PinDialog
from tests.ui.helpers import opened_on_screen


@pytest.fixture
def pins(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The PIN typed when asked (None cancels), and how many times it was asked."""
    state: dict[str, Any] = {"typed": None, "asked": 0}

    def ask(cls: Any, parent: Any, name: str, **_: Any) -> Any:
        state["asked"] += 1
        return state["typed"]

    monkeypatch.setattr(PinDialog, "ask", classmethod(ask))
    return state


def _people(ws: Any) -> tuple[Any, Any]:
    return ws.create_person("Анна", pin="1111"), ws.create_person("Богдан", pin="2222")


def _choose(win: Any, person_id: str) -> None:
    assert win.home.choose(person_id)
    assert win.person_id == person_id


def _open_history(qtbot: Any, win: Any) -> bool:
    qtbot.mouseClick(win.home.history, Qt.MouseButton.LeftButton)
    return win.stack.currentWidget() is not win.home


def test_the_window_opens_with_nobody_chosen(qtbot: Any, ws: Any, messages: list[str]) -> None:
    _people(ws)
    # As the app does it: the window is on screen first, the data is attached to it afterwards.
    win = opened_on_screen(qtbot, ws)
    win.home.people.setFocus()
    qtbot.wait(100)
    assert len(win.home.shown_names()) == 2
    assert win.person_id is None and win.home.chosen_id() is None
    assert not win.home.results.isEnabled()


def test_choosing_someone_else_forgets_the_pin(qtbot: Any, window: Any, ws: Any,
                                               pins: dict[str, Any]) -> None:
    anna, bohdan = _people(ws)
    window.home.refresh()
    _choose(window, anna.id)
    pins["typed"] = "1111"
    assert _open_history(qtbot, window) and pins["asked"] == 1
    window.show_view(window.home)  # back without the Home button, straight to choosing
    _open_history(qtbot, window)
    assert pins["asked"] == 1  # still open while Anna is the one chosen
    window.show_view(window.home)
    _choose(window, bohdan.id)
    _choose(window, anna.id)
    pins["typed"] = None  # a visitor who does not know the PIN
    assert not _open_history(qtbot, window)
    assert pins["asked"] == 2 and anna.id not in window.unlocked


def test_going_home_forgets_the_pin(qtbot: Any, window: Any, ws: Any, pins: dict[str, Any]) -> None:
    anna, _ = _people(ws)
    window.home.refresh()
    _choose(window, anna.id)
    pins["typed"] = "1111"
    assert _open_history(qtbot, window)
    window.home_action.trigger()
    assert window.stack.currentWidget() is window.home and window.unlocked == set()
    assert window.person_id is None  # and she is no longer named as the one chosen
    _choose(window, anna.id)  # chosen again by whoever sits down next
    pins["typed"] = None
    assert not _open_history(qtbot, window) and pins["asked"] == 2


def test_a_few_idle_minutes_close_the_person(qtbot: Any, window: Any, ws: Any, pins: dict[str, Any]) -> None:
    anna, _ = _people(ws)
    window.home.refresh()
    window.idle_timer.setInterval(300)  # the five minutes, shortened
    window.idle_timer.start()
    _choose(window, anna.id)
    pins["typed"] = "1111"
    assert _open_history(qtbot, window)
    qtbot.waitUntil(lambda: window.person_id is None, timeout=5000)
    assert window.unlocked == set() and window.stack.currentWidget() is window.home
    assert window.home.chosen_id() is None


def test_an_idle_check_is_paused_with_every_answer_kept(qtbot: Any, window: Any, ws: Any,
                                                        pins: dict[str, Any]) -> None:
    anna, _ = _people(ws)
    window.home.refresh()
    _choose(window, anna.id)
    pins["typed"] = "1111"
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    session = window.quiz.session
    assert session is not None
    session.answer(0)
    window.idle_timer.setInterval(300)
    window.idle_timer.start()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    assert window.quiz.session is None and window.person_id is None
    assert ws.unfinished_attempt(anna.id).n_answers == 1
