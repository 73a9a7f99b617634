"""A check answered meanwhile in another window or the terminal: the stale question on this screen takes
no more answers, so it is not left showing as if it did."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.helpers import answer_current, create_person


def test_a_check_continued_in_the_terminal_sends_this_window_home_to_continue_it(
        qtbot: Any, window: Any, ws: Any, messages: list[str]) -> None:
    """It said «close one of the windows and open the check again», then kept the old question with
    «Save and next» on: pressed again, it said «The quiz is over: it takes no more answers» of a check
    still in progress."""
    win = window
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    answer_current(qtbot, win)
    elsewhere = ws.resume_quiz(ws.unfinished_attempt(person.id).id)  # `digigram quiz` in a terminal
    elsewhere.answer(0)
    elsewhere.answer(0)
    following = elsewhere.current_item

    answer_current(qtbot, win)
    assert len(messages) == 1 and "another window or terminal" in messages[0], messages
    assert win.stack.currentWidget() is win.home
    assert win.home.resume.isVisible()
    assert ws.unfinished_attempt(person.id).n_answers == 3

    qtbot.mouseClick(win.home.resume, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.quiz
    assert win.quiz.item is not None and win.quiz.item.id == following.id
    answer_current(qtbot, win)
    assert len(messages) == 1
    assert ws.unfinished_attempt(person.id).n_answers == 4


def test_a_check_finished_elsewhere_while_the_closing_rating_was_chosen_goes_home(
        qtbot: Any, window: Any, ws: Any, dialogs: dict[str, Any], messages: list[str],
        monkeypatch: Any) -> None:
    """The results refused because another copy finished the check first: Home, not the last question
    with nothing on it that works."""
    from digigram.ui.rating_dialog import RatingDialog

    win = window
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.quick, Qt.MouseButton.LeftButton)

    def rate(cls: Any, parent: Any, after: bool = False) -> int:
        if after:  # meanwhile the terminal finishes the same check
            other = ws.resume_quiz(ws.unfinished_attempt(person.id).id)
            other.finish(rating_after=5)
        return 7

    monkeypatch.setattr(RatingDialog, "ask", classmethod(rate))
    while win.stack.currentWidget() is win.quiz and win.quiz.item is not None:
        answer_current(qtbot, win)
    assert len(messages) == 1 and "another window or terminal" in messages[0], messages
    assert win.stack.currentWidget() is win.home
    assert ws.unfinished_attempt(person.id) is None
    assert ws.history(person.id)[0].rating_after == 5
