""""Suggest from my results" fills the plan with a step per gap, each with a resource for that gap."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import create_person, settle, type_text


def finish_check_with_gaps(qtbot: Any, win: Any) -> None:
    """Answer "I don't know" wherever offered and the lowest choice elsewhere: levels stay low."""
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    while win.quiz.session is not None:
        win.quiz._choose_by_number(0 if win.quiz.dont_know is not None else 1)
        win.quiz.submit()


def _plan_after_a_check(qtbot: Any, win: Any) -> tuple[Any, Any]:
    """(the person, their plan screen) after a check with gaps, the plan opened as its button does."""
    person = create_person(qtbot, win)
    finish_check_with_gaps(qtbot, win)
    win.show_plan(person.id)
    return person, win.view("plan")


def test_suggest_fills_steps_from_the_persons_gaps(qtbot: Any, window: Any, ws: Any) -> None:
    win = window
    person = create_person(qtbot, win)
    finish_check_with_gaps(qtbot, win)
    attempt = ws.history(person.id)[-1]
    gaps = ws.suggestions(attempt.id, lang="en")
    assert gaps, "answering nothing right must leave gaps"
    assert any(g.resources for g in gaps), "the test framework links resources to its competences"

    win.show_plan(person.id)
    plan = win.view("plan")
    while plan.steps:  # start from an empty plan, as after removing every step
        qtbot.mouseClick(plan.remove, Qt.MouseButton.LeftButton)
    assert plan.list.count() == 0
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)

    assert [s.competence_id for s in plan.steps] == [g.competence_id for g in gaps]
    for step, gap in zip(plan.steps, gaps, strict=True):
        if gap.resources:
            assert step.resource_id == gap.resources[0].id
            assert step.resource_id in {r.id for r in ws.framework.resources}
        assert step.goal == "", "a suggested goal is stored language-neutral"
    assert plan.list.count() == len(gaps)
    for row, gap in enumerate(gaps):  # and read in the language the plan is opened in
        assert plan.list.item(row).text().startswith("Reach level " + gap.target)
    assert plan.state.text() == "Not saved yet"
    # Pressing it again adds nothing twice.
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)
    assert len(plan.steps) == len(gaps)


def test_saving_keeps_the_step_being_edited_in_the_form(qtbot: Any, window: Any, ws: Any) -> None:
    win = window
    _person, plan = _plan_after_a_check(qtbot, win)
    qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
    last = len(plan.steps) - 1
    assert last > 0 and plan.list.currentRow() == last
    plan.goal.setText("Мій власний крок")
    plan.goal.textEdited.emit("Мій власний крок")
    qtbot.mouseClick(plan.save, Qt.MouseButton.LeftButton)
    assert plan.state.text() == "Saved"
    assert plan.list.currentRow() == last
    assert plan.goal.text() == "Мій власний крок"


def test_the_step_list_and_the_date_field_show_a_due_date_alike(qtbot: Any, window: Any, ws: Any) -> None:
    # The list once said 2026-12-15 while the field beside it said 15.12.26: one pattern, per language.
    import datetime as dt

    from digigram.ui.settings_dialog import Settings

    win = window
    person = create_person(qtbot, win)
    finish_check_with_gaps(qtbot, win)
    win.show_plan(person.id)
    plan = win.view("plan")
    plan.list.setCurrentRow(0)
    plan.has_due.setChecked(True)
    plan.due.setDate(dt.date(2026, 12, 15))
    for lang, shown in (("en", "15 Dec 2026"), ("uk", "15.12.2026")):
        win.apply_settings(Settings(language=lang), store=False)
        assert plan.list.item(0).text().endswith(" · " + shown)
        assert plan.due.text() == shown
    assert "2026-12-15" not in plan.list.item(0).text()


def finish_check_without_gaps(ws: Any, person_id: str) -> None:
    """The best answer everywhere: every area reaches its goal, so there is nothing to suggest."""
    session = ws.start_quiz(person_id, mode="full", rating_before=6, seed=3)
    while (item := session.current_item) is not None:
        if item.scale is not None:
            session.answer(len(ws.framework.scales[item.scale].points) - 1)
        else:
            session.answer(max(range(len(item.options)), key=lambda i: item.options[i].score))
    session.finish(rating_after=7)


def test_suggest_says_so_when_there_is_nothing_to_add(qtbot: Any, window: Any, ws: Any) -> None:
    win = window
    person = create_person(qtbot, win)
    finish_check_without_gaps(ws, person.id)
    assert ws.suggestions(ws.history(person.id)[-1].id, lang="en") == []

    win.show_plan(person.id)
    plan = win.view("plan")
    # Opened empty, it says why, not «Saved» alone over an empty list.
    assert plan.steps == [] and plan.state.text().startswith("Nothing to suggest")
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)
    assert plan.steps == [] and plan.list.count() == 0
    assert "Nothing to suggest" in plan.state.text()  # the press was heard, and why nothing came

    qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)  # a step of one's own
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)
    assert len(plan.steps) == 1 and "Not saved yet" in plan.state.text()


def test_an_empty_plan_offers_a_due_date_a_month_ahead_not_the_year_2000(qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import QDate

    win = window
    person = create_person(qtbot, win)
    win.show_plan(person.id)
    plan = win.view("plan")
    assert plan.steps == []
    assert plan.form_box.due.date() == QDate.currentDate().addDays(30)


@pytest.mark.parametrize("leave", ["home", "idle", "close"])
def test_a_plan_edited_then_left_keeps_the_edits(qtbot: Any, window: Any, ws: Any, leave: str) -> None:
    """A step added, then Home (or the idle reset, or closing the window): the edit is stored, not lost
    on the way out."""
    win = window
    person, plan = _plan_after_a_check(qtbot, win)
    qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(plan.goal, "Read the guide")
    assert plan.state.text() == "Not saved yet"
    if leave == "home":
        qtbot.mouseClick(plan.home_button, Qt.MouseButton.LeftButton)
        assert "saved" in win.statusBar().currentMessage().lower()
    elif leave == "idle":
        win.forget_person()
    else:
        win.close()
    stored = ws.plan_for(person.id)
    assert stored is not None and [s.goal for s in stored.steps][-1] == "Read the guide"


def test_a_plan_only_looked_at_is_not_stored(qtbot: Any, window: Any, ws: Any) -> None:
    """The steps suggested on opening an empty plan are a proposal: leaving without touching them
    stores nothing (they are suggested again next time)."""
    person, plan = _plan_after_a_check(qtbot, window)
    assert plan.steps, "the empty plan is opened with suggested steps"
    qtbot.mouseClick(plan.home_button, Qt.MouseButton.LeftButton)
    stored = ws.plan_for(person.id)
    assert stored is None or not stored.steps


@pytest.mark.parametrize("leave", ["idle", "home"])
def test_a_refused_save_on_the_way_out_is_said_at_most_once(
        qtbot: Any, window: Any, ws: Any, messages: list[str], leave: str) -> None:
    """A goal past the length a step may hold cannot be stored. Leaving by Home says so once; the idle
    reset, with nobody perhaps at the PC, says nothing and still forgets the person."""
    from digigram.core.limits import NOTE_MAX

    win = window
    _person, plan = _plan_after_a_check(qtbot, win)
    qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
    plan.goal.setText("x" * NOTE_MAX)
    qtbot.keyClicks(plan.goal, "y")  # as typed: one character past what a goal may hold
    assert plan.dirty and plan.touched
    if leave == "idle":
        win.forget_person()
        assert messages == [] and win.person is None and not win.unlocked
    else:
        qtbot.mouseClick(plan.home_button, Qt.MouseButton.LeftButton)
        assert len(messages) == 1, messages
    win.show_view(win.home)
    assert len(messages) == (0 if leave == "idle" else 1)


def test_a_suggested_steps_goal_is_shown_as_its_text_not_as_a_grey_hint(qtbot: Any, window: Any,
                                                                         ws: Any) -> None:
    """The goal of a suggested step stood as the empty field's grey placeholder: it read as a hint, and
    nobody could tell whether the step had a goal. It is the field's text; kept, it is stored as before
    (empty: it reads in the language the plan is opened in and follows the competence chosen)."""
    from digigram.ui.settings_dialog import Settings

    win = window
    _person, plan = _plan_after_a_check(qtbot, win)
    plan.list.setCurrentRow(0)
    shown = plan.list.item(0).text().split(" — ")[0]
    assert shown.startswith("Reach level ")
    assert plan.goal.text() == shown, "the goal is the field's text"
    # Editing another field keeps the suggested goal as it was stored.
    plan.status.setCurrentIndex(plan.status.findData("in_progress"))
    assert plan.steps[0].goal == "" and plan.steps[0].status == "in_progress"
    # Another competence: the suggested goal in the field follows it.
    other = next(row for row in range(plan.competence.count())
                 if plan.competence.itemData(row) != plan.steps[0].competence_id)
    plan.competence.setCurrentIndex(other)
    assert plan.steps[0].goal == ""
    assert plan.goal.text() == plan.list.item(0).text().split(" — ")[0] != shown
    assert plan.goal.text().endswith(plan.competence.currentText())
    win.apply_settings(Settings(language="uk"), store=False)
    assert plan.goal.text().startswith("Досягти рівня ")
    # Words of one's own are stored as typed.
    plan.goal.selectAll()
    type_text(plan.goal, "Пройти курс")
    assert plan.steps[0].goal == "Пройти курс" and plan.goal.text() == "Пройти курс"


def test_steps_whose_target_a_later_check_reaches_say_so(qtbot: Any, window: Any, ws: Any) -> None:
    """After a later check meets every goal, «Nothing to suggest» stood beside 34 «Planned» steps from the
    earlier gaps, none saying it was out of date. Each says the target is reached, and in which check;
    marked done, it no longer says so. No step is removed for the person."""
    from digigram.core.i18n import format_date
    from digigram.core.when import local

    win = window
    person, plan = _plan_after_a_check(qtbot, win)
    qtbot.mouseClick(plan.save, Qt.MouseButton.LeftButton)
    planned = len(plan.steps)
    assert planned and not any("already reached" in plan.list.item(r).text() for r in range(planned))

    finish_check_without_gaps(ws, person.id)
    day = format_date(local(ws.latest_finished(person.id).finished_at), "en")
    win.show_plan(person.id)
    assert len(plan.steps) == planned
    for row in range(planned):
        assert plan.list.item(row).text().endswith(f" · target already reached in the check of {day}")
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)
    assert len(plan.steps) == planned and "Nothing to suggest" in plan.state.text()
    assert "quick" not in plan.state.text()

    plan.list.setCurrentRow(0)
    plan.status.setCurrentIndex(plan.status.findData("done"))
    assert "already reached" not in plan.list.item(0).text()


def finish_quick_scan_with_gaps(ws: Any, person_id: str) -> None:
    """A quick scan with the lowest answer everywhere: gaps again."""
    session = ws.start_quiz(person_id, mode="quick", rating_before=3, seed=5)
    while (item := session.current_item) is not None:
        session.answer(0 if item.scale is not None else
                       min(range(len(item.options)), key=lambda i: item.options[i].score))
    session.finish(rating_after=3)


def test_a_plan_suggested_from_a_quick_scan_says_so(qtbot: Any, window: Any, ws: Any) -> None:
    """A full check with gaps, then a quick scan: the suggestion comes from the quick scan, which is
    rough, and the plan screen says so."""
    from digigram.core.i18n import format_date
    from digigram.core.when import local

    win = window
    person = create_person(qtbot, win)
    finish_check_with_gaps(qtbot, win)
    finish_quick_scan_with_gaps(ws, person.id)
    latest = ws.latest_finished(person.id)
    assert latest.mode == "quick"
    day = format_date(local(latest.finished_at), "en")
    win.show_plan(person.id)
    plan = win.view("plan")
    assert plan.steps, "the empty plan opens with the quick scan's suggestions"
    assert f"Suggested from the quick scan of {day}" in plan.state.text()
    while plan.steps:
        qtbot.mouseClick(plan.remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)
    assert plan.steps and f"Suggested from the quick scan of {day}" in plan.state.text()


def test_every_suggested_step_already_in_the_plan_says_a_quick_scan_is_rough(
        qtbot: Any, window: Any, ws: Any) -> None:
    """Suggest pressed again after a quick scan's steps were saved said only «Every suggested step is
    already in the plan», as if the quick scan were as sure as a full check. It says it is rough."""
    from digigram.core.i18n import format_date
    from digigram.core.when import local

    win = window
    person = create_person(qtbot, win)
    finish_check_with_gaps(qtbot, win)
    finish_quick_scan_with_gaps(ws, person.id)
    day = format_date(local(ws.latest_finished(person.id).finished_at), "en")
    win.show_plan(person.id)
    plan = win.view("plan")
    assert plan.steps, "the empty plan opens with the quick scan's suggestions"
    qtbot.mouseClick(plan.save, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(plan.suggest, Qt.MouseButton.LeftButton)
    said = plan.state.text()
    assert "Every suggested step is already in the plan." in said, said
    assert f"Suggested from the quick scan of {day}, which is rough; a full check is surer." in said, said


def test_a_goal_longer_than_its_field_is_shown_from_its_start(qtbot: Any, window: Any) -> None:
    """At 200 % text the suggested goal is wider than its field: «…evel B1: …» showed its end."""
    from digigram.ui.settings_dialog import Settings

    person = create_person(qtbot, window)
    finish_check_with_gaps(qtbot, window)
    window.apply_settings(Settings(language="en", text_scale=200), store=False)
    window.show_plan(person.id)
    view = window.view("plan")
    settle()
    assert view.steps, "a check with gaps suggests steps"
    view.list.setCurrentRow(0)
    settle()
    goal = view.goal
    assert goal.text() and goal.cursorPosition() == 0


def test_the_open_button_does_not_call_a_course_or_a_website_a_handout(qtbot: Any, window: Any) -> None:
    """The button read "Open the handout" beside an online course or a website, whatever the resource was."""
    win = window
    person = create_person(qtbot, win)
    win.show_plan(person.id)
    plan = win.view("plan")
    qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
    for rid in ("R-1", "R-2"):  # a handout on this computer, then a course on the internet
        plan.resource.setCurrentIndex(plan.resource.findData(rid))
        assert plan.open_button.isEnabled()
        assert plan.open_button.text().replace("&", "") == "Open the resource"
