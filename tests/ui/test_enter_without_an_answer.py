"""Enter on a question with no answer chosen: the check stays on the question and says what to do,
instead of nothing at all (arrow keys only move between answers, so Enter after them did nothing)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.helpers import create_person


def test_enter_with_nothing_chosen_says_how_to_choose(qtbot: Any, window: Any, ws: Any) -> None:
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    quiz = window.quiz
    first = quiz.item
    assert first is not None and first.select != "many"
    qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_Down)  # moves the focus; nothing is chosen yet
    assert not any(button.isChecked() for button in quiz.buttons)
    qtbot.keyClick(quiz.buttons[1], Qt.Key.Key_Return)
    assert quiz.item is first  # nothing was saved
    said = window.notices.currentMessage()
    assert said == "Choose an answer first: press its number, or Space on it."
    # Once chosen, Enter goes on as before.
    qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_1)
    qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_Return)
    assert quiz.item is not first
