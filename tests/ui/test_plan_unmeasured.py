"""The plan after a check whose area had only a self-rating: that area's steps are never called reached
on the prior's level, and an empty suggestion does not say every goal was met."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.core.records import Plan, PlanStep


@pytest.fixture
def ws(self_rated_ws: Any) -> Any:
    """INF has only self-ratings: no answer measures it."""
    return self_rated_ws


def _best_everywhere(ws: Any, person_id: str) -> None:
    session = ws.start_quiz(person_id, mode="full", rating_before=3, seed=1)
    while (item := session.current_item) is not None:
        if item.scale is not None:
            session.answer(len(ws.framework.scales[item.scale].points) - 1)
        else:
            best = [i for i, o in enumerate(item.options) if o.score >= 1]
            session.answer(tuple(best) if item.select == "many" else best[0])
    session.finish(rating_after=3)


def test_a_step_in_an_area_not_measured_is_not_called_reached(qtbot: Any, window: Any, ws: Any) -> None:
    person = ws.create_person("Оксана Петренко", profile_id="librarian")
    ws.save_plan(person.id, Plan(person.id, (PlanStep("INF.1", ""), PlanStep("SAF.1", ""))))
    _best_everywhere(ws, person.id)
    window.select_person(person.id)
    window.show_plan(person.id)
    plan = window.view("plan")
    labels = {step.competence_id: plan.list.item(row).text() for row, step in enumerate(plan.steps)}
    # Information was only self-rated: the prior's B1 "reached" INF.1's target A1 and its step said so
    assert "target already reached" not in labels["INF.1"]
    assert "target already reached" in labels["SAF.1"]  # Safety's answers showed it


def test_nothing_to_suggest_does_not_say_every_goal_was_met(qtbot: Any, window: Any, ws: Any) -> None:
    person = ws.create_person("Оксана Петренко", profile_id="librarian")
    _best_everywhere(ws, person.id)
    window.select_person(person.id)
    window.show_plan(person.id)
    plan = window.view("plan")
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)
    assert not plan.steps
    text = plan.state.text()
    assert "meets every goal" not in text
    assert "Not measured: “Information”." in text


def test_suggested_steps_say_why_an_area_has_none(qtbot: Any, window: Any, ws: Any) -> None:
    person = ws.create_person("Оксана Петренко", profile_id="librarian")
    session = ws.start_quiz(person.id, mode="full", rating_before=3, seed=1)
    while (item := session.current_item) is not None:  # the poorest answer everywhere: gaps in Safety
        if item.scale is not None:
            session.answer(0)
        else:
            worst = min(range(len(item.options)), key=lambda i: item.options[i].score)
            session.answer((worst,) if item.select == "many" else worst)
    session.finish(rating_after=3)
    window.select_person(person.id)
    window.show_plan(person.id)
    plan = window.view("plan")
    assert plan.steps and {s.competence_id for s in plan.steps} == {"SAF.1"}
    # Steps for Safety alone said nothing of Information, which has none because nothing measured it.
    assert "Not measured: “Information”." in plan.state.text()
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)  # pressed again: nothing new, the same why
    assert "Not measured: “Information”." in plan.state.text()
