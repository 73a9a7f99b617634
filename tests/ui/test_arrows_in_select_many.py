"""«Select all that apply» questions: the arrow keys move between the answers, as the keys line says and
as they do in one-answer questions. They did nothing there: a keyboard user had to Tab through."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import create_person


def _to_a_select_many_question(qtbot: Any, window: Any) -> Any:
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    quiz = window.quiz
    for _ in range(60):
        if quiz.item is None:
            break
        if quiz.item.select == "many" and not quiz.item.on_scale:
            return quiz
        quiz._choose_by_number(1)
        quiz.submit()
    raise AssertionError("the check asked no «select all» question")


def test_arrow_keys_move_between_the_answers_and_choose_nothing(qtbot: Any, window: Any) -> None:
    quiz = _to_a_select_many_question(qtbot, window)
    buttons = quiz.buttons
    assert len(buttons) >= 3
    buttons[0].setFocus()
    qtbot.keyClick(buttons[0], Qt.Key.Key_Down)
    assert QApplication.focusWidget() is buttons[1]
    qtbot.keyClick(buttons[1], Qt.Key.Key_Down)
    assert QApplication.focusWidget() is buttons[2]
    qtbot.keyClick(buttons[2], Qt.Key.Key_Up)
    assert QApplication.focusWidget() is buttons[1]
    qtbot.keyClick(buttons[1], Qt.Key.Key_Down, Qt.KeyboardModifier.KeypadModifier)  # the number pad's ↓
    assert QApplication.focusWidget() is buttons[2]
    qtbot.keyClick(buttons[2], Qt.Key.Key_Up, Qt.KeyboardModifier.KeypadModifier)
    assert QApplication.focusWidget() is buttons[1]
    assert not any(button.isChecked() for button in buttons)  # moving chooses nothing
    qtbot.keyClick(buttons[1], Qt.Key.Key_Space)
    assert [b.isChecked() for b in buttons[:3]] == [False, True, False]
