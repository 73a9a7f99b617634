"""Behind the closing self-rating the check's screen says the questions are done, not "about 1" left."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from digigram.ui.rating_dialog import RatingDialog
from tests.ui.helpers import create_person


def test_the_closing_self_rating_is_asked_over_no_more_questions(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    win = window
    quiz = win.quiz
    behind: list[tuple[str, bool]] = []  # what the check's screen said, and whether "next" was on

    def ask(cls: type[RatingDialog], parent: Any, after: bool = False) -> int:
        if after:
            QApplication.processEvents()
            behind.append((quiz.progress.text(), quiz.next_button.isEnabled()))
        return 6

    monkeypatch.setattr(RatingDialog, "ask", classmethod(ask))
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.quick, Qt.MouseButton.LeftButton)
    answered = 0
    while quiz.session is not None:
        assert "questions left: about" in quiz.progress.text()
        quiz._choose_by_number(1)
        qtbot.mouseClick(quiz.next_button, Qt.MouseButton.LeftButton)
        answered += 1
    assert behind == [(f"{answered} answered · no more questions", False)]
    assert quiz.progress.accessibleName() == behind[0][0]
    # The next check goes on as usual: its questions are counted and an answer can be sent.
    qtbot.mouseClick(win.home.quick, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: quiz.session is not None and quiz.item is not None)
    assert "questions left: about" in quiz.progress.text()
    quiz._choose_by_number(1)
    assert quiz.next_button.isEnabled()
