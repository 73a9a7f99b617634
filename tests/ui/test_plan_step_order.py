"""A step of the development plan is moved up or down with the buttons beside «Remove the step» (and
reached with Tab and Space): the order is kept when the plan is saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.helpers import create_person, type_text


def _three_steps(qtbot: Any, window: Any) -> Any:
    """A new person's plan with three steps typed in, the last one current."""
    person = create_person(qtbot, window)
    window.show_plan(person.id)
    plan = window.view("plan")
    for goal in ("Перший крок", "Другий крок", "Третій крок"):
        qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
        plan.goal.clear()
        type_text(plan.goal, goal)
    return plan


def test_a_step_is_moved_up_and_the_order_is_saved(qtbot: Any, window: Any, ws: Any) -> None:
    plan = _three_steps(qtbot, window)
    assert plan.list.currentRow() == 2
    assert not plan.down.isEnabled() and plan.up.isEnabled()  # the last step goes no lower
    plan.up.setFocus()
    qtbot.keyClick(plan.up, Qt.Key.Key_Space)
    assert [plan.list.item(i).text().split(" — ")[0] for i in range(3)] == [
        "Перший крок", "Третій крок", "Другий крок"]
    assert plan.list.currentRow() == 1 and plan.goal.text() == "Третій крок"  # it stays chosen
    assert plan.state.text() == "Not saved yet"
    qtbot.mouseClick(plan.up, Qt.MouseButton.LeftButton)
    assert plan.list.currentRow() == 0 and not plan.up.isEnabled()
    qtbot.mouseClick(plan.save, Qt.MouseButton.LeftButton)
    saved = [step.goal for step in ws.plan_for(window.person_id).steps]
    assert saved == ["Третій крок", "Перший крок", "Другий крок"]


def test_two_steps_alike_are_told_apart_by_their_resource(qtbot: Any, window: Any, ws: Any) -> None:
    # A newer check suggests another resource for a goal already in the plan (the older step done):
    # the two lines read the same, and only the resource, which the line did not name, differs.
    person = create_person(qtbot, window)
    window.show_plan(person.id)
    plan = window.view("plan")
    first, second = ws.framework.resources[:2]
    for goal, resource in (("Досягти рівня B1", first), ("Досягти рівня B1", second), ("Інше", first)):
        qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
        plan.goal.clear()
        type_text(plan.goal, goal)
        plan.resource.setCurrentIndex(plan.resource.findData(resource.id))
    lines = [plan.list.item(i).text() for i in range(3)]
    assert lines[0] != lines[1]
    lang = window.lang
    assert lines[0].endswith(first.title.get(lang)) and lines[1].endswith(second.title.get(lang))
    assert first.title.get(lang) not in lines[2]  # a step like no other keeps its short line


def test_a_step_edited_to_read_as_another_is_told_apart_at_once(qtbot: Any, window: Any, ws: Any) -> None:
    # A goal typed the same as another step's, with another resource, gave two identical lines until the
    # list was drawn again (another step added).
    person = create_person(qtbot, window)
    window.show_plan(person.id)
    plan = window.view("plan")
    first, second = ws.framework.resources[:2]
    for resource in (first, second):
        qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
        plan.goal.clear()
        type_text(plan.goal, "Досягти рівня B1")
        plan.resource.setCurrentIndex(plan.resource.findData(resource.id))
    lang = window.lang
    lines = [plan.list.item(i).text() for i in range(2)]
    assert lines[0] != lines[1]
    assert lines[0].endswith(first.title.get(lang)) and lines[1].endswith(second.title.get(lang))
    plan.goal.clear()
    type_text(plan.goal, "Інша мета")  # no longer alike: both lines short again
    assert first.title.get(lang) not in plan.list.item(0).text()
    assert second.title.get(lang) not in plan.list.item(1).text()


def test_moving_a_step_by_keyboard_keeps_the_focus_off_its_goal(qtbot: Any, window: Any, ws: Any) -> None:
    """At the end of the list the pressed arrow is disabled, and its focus went on to the «Goal» field with
    all its text selected: the next Space, pressed to move the step again, erased the goal."""
    plan = _three_steps(qtbot, window)
    plan.up.setFocus()
    qtbot.keyClick(plan.up, Qt.Key.Key_Space)
    assert plan.list.currentRow() == 1 and plan.up.hasFocus()  # a second Space moves it again
    qtbot.keyClick(plan.up, Qt.Key.Key_Space)
    assert plan.list.currentRow() == 0 and not plan.up.isEnabled()
    assert not plan.goal.hasFocus() and plan.goal.selectedText() == ""
    assert plan.list.hasFocus()  # on the moved step
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
    assert plan.goal.text() == "Третій крок" and plan.list.item(0).text().startswith("Третій крок")

    plan.down.setFocus()
    qtbot.keyClick(plan.down, Qt.Key.Key_Space)
    assert plan.list.currentRow() == 1 and plan.down.hasFocus()
    qtbot.keyClick(plan.down, Qt.Key.Key_Space)
    assert plan.list.currentRow() == 2 and not plan.down.isEnabled()
    assert not plan.goal.hasFocus() and plan.goal.selectedText() == "" and plan.list.hasFocus()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
    assert plan.goal.text() == "Третій крок"
    assert [plan.list.item(i).text().split(" — ")[0] for i in range(3)] == [
        "Перший крок", "Другий крок", "Третій крок"]


def test_tab_leaves_the_due_date_in_one_press(qtbot: Any, window: Any) -> None:
    """Tab walked the date's day, month and year before it left the field: it looked stuck."""
    plan = _three_steps(qtbot, window)
    plan.has_due.setChecked(True)
    plan.due.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(plan.due.hasFocus)
    qtbot.keyClick(plan.due, Qt.Key.Key_Tab)
    assert plan.status.hasFocus()  # the next field of the form
    qtbot.keyClick(plan.status, Qt.Key.Key_Backtab)
    assert plan.due.hasFocus()
    qtbot.keyClick(plan.due, Qt.Key.Key_Backtab)
    assert plan.has_due.hasFocus()


def test_a_removed_step_comes_back_in_its_place(qtbot: Any, window: Any) -> None:
    """«Remove the step» asks nothing, and a step removed by mistake was lost unless the plan was left
    unsaved. «Bring the step back» returns the removed steps, the last one first, each in its place."""
    plan = _three_steps(qtbot, window)
    goals = [step.goal for step in plan.steps]
    assert not plan.bring_back.isVisible()
    plan.list.setCurrentRow(1)
    qtbot.mouseClick(plan.remove, Qt.MouseButton.LeftButton)
    plan.list.setCurrentRow(0)
    qtbot.mouseClick(plan.remove, Qt.MouseButton.LeftButton)
    assert [step.goal for step in plan.steps] == [goals[2]] and plan.bring_back.isVisible()
    qtbot.mouseClick(plan.bring_back, Qt.MouseButton.LeftButton)
    assert [step.goal for step in plan.steps] == [goals[0], goals[2]]
    assert plan.list.currentRow() == 0 and plan.goal.text() == goals[0]  # chosen where it came back
    qtbot.mouseClick(plan.bring_back, Qt.MouseButton.LeftButton)
    assert [step.goal for step in plan.steps] == goals and not plan.bring_back.isVisible()
    assert plan.state.text() == "Not saved yet"

    qtbot.mouseClick(plan.remove, Qt.MouseButton.LeftButton)
    window.show_plan(window.person_id)  # another opening of the plan starts afresh
    assert not plan.bring_back.isVisible()


def test_a_removed_step_the_suggestion_brought_again_is_not_brought_back_twice(
        qtbot: Any, window: Any, ws: Any) -> None:
    from tests.ui.test_plan_suggest import _plan_after_a_check

    _person, plan = _plan_after_a_check(qtbot, window)
    if not plan.steps:
        qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)
    assert plan.steps
    plan.list.setCurrentRow(0)
    qtbot.mouseClick(plan.remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)  # suggests the removed step again
    keys = [(s.competence_id, s.resource_id) for s in plan.steps]
    assert len(keys) == len(set(keys)) and not plan.bring_back.isVisible()
