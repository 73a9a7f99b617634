"""The development plan opens with the keyboard in its list of steps: the arrow keys choose a step at
once, instead of scrolling a whole screen ringed as one Tab stop."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import answer_to_the_end, create_person


@pytest.fixture
def ws(shipped_ws: Any) -> Any:
    """The shipped framework: a check there suggests several steps."""
    return shipped_ws


def test_the_plan_opens_in_its_list_of_steps(qtbot: Any, window: Any, ws: Any) -> None:
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window, limit=120)  # every answer the first shown: steps to suggest
    qtbot.mouseClick(window.view("results").plan_button, Qt.MouseButton.LeftButton)
    plan = window.view("plan")
    assert window.stack.currentWidget() is plan
    assert len(plan.steps) >= 2, "nothing suggested: nothing to choose here"
    assert plan.list.hasFocus()
    assert not plan.page.hasFocus()
    qtbot.keyClick(plan.list, Qt.Key.Key_Down)
    assert plan.list.currentRow() == 1
    assert plan.goal.text() and plan.list.item(1).text().startswith(plan.goal.text())  # its form is shown
