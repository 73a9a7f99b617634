"""A trainee's plan in coordinator mode marks, in words every font can draw, a commented step and a step
whose target a later check reached."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from digigram.core.records import Plan, PlanStep
from digigram.ui.coordinator.trainee import TraineeView
from digigram.ui.settings_dialog import Settings
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_coordinator import PEOPLE, SECRET, dashboard, typed  # noqa: F401


def open_trainee(window: Any, ws: Any, person_id: str, lang: str) -> TraineeView:
    """The trainee's page, reached as a coordinator does: the password, the dashboard, the trainee."""
    ws.set_coordinator_password(SECRET)
    window.apply_settings(Settings(language=lang), store=False)
    window.coordinator_action.trigger()
    dashboard(window)
    window.show_trainee(person_id)
    trainee = window.stack.currentWidget()
    assert isinstance(trainee, TraineeView)
    return trainee


@pytest.mark.parametrize(("lang", "words"), [("uk", "з вашим коментарем"), ("en", "with your comment")])
def test_a_commented_step_says_so_in_words_the_font_has(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str, words: str) -> None:  # noqa: F811
    person = seed_trainees(ws, PEOPLE, checks=1)[0]
    competences = [c.id for c in ws.framework.competences][:2]
    ws.save_plan(person.id, Plan(person_id=person.id, steps=tuple(
        PlanStep(competence_id=c, goal="Опрацювати посібник") for c in competences)))
    trainee = open_trainee(window, ws, person.id, lang)
    assert trainee.steps.count() >= 2
    trainee.steps.setCurrentRow(0)
    trainee.comment.setPlainText("Добре! Покажіть вправи в пʼятницю.")
    qtbot.mouseClick(trainee.save_comment, Qt.MouseButton.LeftButton)
    first, second = trainee.steps.item(0).text(), trainee.steps.item(1).text()
    assert first.endswith(words), first
    assert words not in second
    metrics = QFontMetrics(trainee.steps.font())
    missing = [ch for ch in first if not metrics.inFontUcs4(ord(ch))]
    assert not missing, f"signs the list's font cannot draw (an empty box on screen): {missing}"


@pytest.mark.parametrize(("lang", "words"), [("uk", "ціль уже досягнуто за перевіркою від"),
                                             ("en", "target already reached in the check of")])
def test_a_step_a_later_check_reached_says_so_to_the_coordinator_too(
        window: Any, ws: Any, typed: dict[str, Any], lang: str, words: str) -> None:  # noqa: F811
    """The trainee's own plan says «… — Planned · target already reached in the check of 01.12.2026»;
    the coordinator's view of the same plan said «… — Planned» alone, as if the step were still due."""
    from digigram.core.i18n import format_date
    from digigram.core.when import local
    from tests.ui.test_plan_suggest import finish_check_without_gaps, finish_quick_scan_with_gaps

    person = ws.create_person("Оксана Петренко", hub="Хаб у Бучі")
    finish_quick_scan_with_gaps(ws, person.id)
    plan = ws.suggest_plan(ws.latest_finished(person.id).id, lang=lang)
    assert len(plan.steps) >= 2, "a check with gaps suggests steps"
    done = replace(plan.steps[0], status="done")
    ws.save_plan(person.id, replace(plan, steps=(done, *plan.steps[1:])))
    finish_check_without_gaps(ws, person.id)
    day = format_date(local(ws.latest_finished(person.id).finished_at), lang)
    trainee = open_trainee(window, ws, person.id, lang)
    shown = [trainee.steps.item(row).text() for row in range(trainee.steps.count())]
    assert len(shown) == len(plan.steps)
    assert words not in shown[0], "a step marked done is not said to be reached"
    for text in shown[1:]:
        assert text.endswith(f" · {words} {day}"), text
