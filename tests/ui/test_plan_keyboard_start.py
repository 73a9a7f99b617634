"""The development plan opens with the keyboard in its list of steps: the arrow keys choose a step at
once, instead of scrolling a whole screen ringed as one Tab stop."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import answer_current, create_person


@pytest.fixture
def ws(shipped_ws: Any) -> Any:
    """The shipped framework: a check there suggests several steps."""
    return shipped_ws


def test_the_plan_opens_in_its_list_of_steps(qtbot: Any, window: Any, ws: Any) -> None:
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    # Someone who knows little: "I don't know" where it is offered, the least credited option of a
    # scenario, the lowest scale point elsewhere. Levels then fall below the role's targets, so there
    # are steps to choose between whatever order the options came in (with the first shown option
    # everywhere, a lucky order once left a single step).
    for _ in range(120):
        quiz = window.quiz
        if window.stack.currentWidget() is not quiz or quiz.session is None:
            break
        item = quiz.session.current_item
        if quiz.dont_know is not None:
            number = 0
        elif item.kind == "scenario":
            number = 1 + min(range(len(quiz.order)), key=lambda shown: item.options[quiz.order[shown]].score)
        else:
            number = 1
        answer_current(qtbot, window, number)
    else:
        raise AssertionError("the check never ended")
    qtbot.mouseClick(window.view("results").plan_button, Qt.MouseButton.LeftButton)
    plan = window.view("plan")
    assert window.stack.currentWidget() is plan
    assert len(plan.steps) >= 2, "nothing suggested: nothing to choose here"
    assert plan.list.hasFocus()
    assert not plan.page.hasFocus()
    qtbot.keyClick(plan.list, Qt.Key.Key_Down)
    assert plan.list.currentRow() == 1
    assert plan.goal.text() and plan.list.item(1).text().startswith(plan.goal.text())  # its form is shown
