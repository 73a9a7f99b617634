"""A question on a 1024×600 netbook at 200 % text: "Save and next" and "Pause and leave" stay in view,
and the question scrolls above them rather than the whole screen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import answer_current, create_person, settle, whole_in


@pytest.fixture
def ws(shipped_ws: Any) -> Any:
    """The shipped framework: its questions are as long as a trainee meets (the test one's are short)."""
    return shipped_ws



@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_answer_buttons_stay_in_view_on_a_netbook_at_200_percent(
        qtbot: Any, window: Any, lang: str) -> None:
    window.resize(1024, 600)
    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    quiz = window.quiz
    port = window.scroller.viewport()
    seen = 0
    while quiz.session is not None and seen < 25:  # self-ratings and knowledge questions, long and short
        settle()
        assert not window.scroller.verticalScrollBar().isVisible(), f"the screen scrolls at {quiz.item.id}"
        for button in (quiz.next_button, quiz.pause_button):
            assert whole_in(port, button), f"«{button.text()}» is out of view at {quiz.item.id}"
        answer_current(qtbot, window, 1)
        seen += 1
    assert seen == 25


def _in_view(quiz: Any, widget: Any) -> bool:
    return whole_in(quiz.page.viewport(), widget)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_each_question_opens_at_its_start_and_a_keyed_answer_is_brought_into_view(
        qtbot: Any, window: Any, lang: str) -> None:
    """At 200 % on a netbook a question's last answers may be below the fold. A trainee who scrolled
    down to them (or was taken there by the keyboard) sees the next question from its first line, and
    an answer chosen by its number key is scrolled into view rather than chosen out of sight."""
    window.resize(1024, 600)
    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    quiz = window.quiz
    bar = quiz.page.verticalScrollBar()
    scrolled = out_of_sight = 0
    # Most questions now show all their answers at once; a scenario's long answers still run below the
    # fold, and those come after the dozen self-ratings that open a check.
    for _ in range(30):
        if scrolled and out_of_sight:
            break
        settle()
        assert bar.value() == 0, f"{quiz.item.id} opens scrolled down by {bar.value()} px"
        last = quiz.buttons[-1]
        if not _in_view(quiz, last):
            # "0" is "I don't know", the others their own number.
            number = 0 if last is quiz.dont_know else len(quiz.buttons)
            qtbot.keyClick(quiz.buttons[0], getattr(Qt.Key, f"Key_{number}"))
            settle()
            assert last.isChecked() and _in_view(quiz, last), f"answer {number} out of view at {quiz.item.id}"
            out_of_sight += 1
        bar.setValue(bar.maximum())  # as a trainee reading down to the answers
        scrolled += bar.value() > 0
        answer_current(qtbot, window, 1)
    assert scrolled and out_of_sight, "no question was taller than the window: nothing was tried"
