"""A trainee's plan in coordinator mode marks a commented step in words every font can draw."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from digigram.core.records import Plan, PlanStep
from digigram.ui.coordinator.trainee import TraineeView
from digigram.ui.settings_dialog import Settings
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_coordinator import PEOPLE, SECRET, dashboard, typed  # noqa: F401


@pytest.mark.parametrize(("lang", "words"), [("uk", "з вашим коментарем"), ("en", "with your comment")])
def test_a_commented_step_says_so_in_words_the_font_has(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str, words: str) -> None:  # noqa: F811
    person = seed_trainees(ws, PEOPLE, checks=1)[0]
    competences = [c.id for c in ws.framework.competences][:2]
    ws.save_plan(person.id, Plan(person_id=person.id, steps=tuple(
        PlanStep(competence_id=c, goal="Опрацювати посібник") for c in competences)))
    ws.set_coordinator_password(SECRET)
    window.apply_settings(Settings(language=lang), store=False)
    window.coordinator_action.trigger()
    dashboard(window)
    window.show_trainee(person.id)
    trainee = window.stack.currentWidget()
    assert isinstance(trainee, TraineeView)
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
