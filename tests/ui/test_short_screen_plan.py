"""The plan on a 1024×600 netbook at 200 % text: Save, Export and Print stay in view, and the steps and
the form scroll above them rather than the whole screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui import plan_view
from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import box_in, create_person, settle, whole_in
from tests.ui.test_plan_suggest import finish_check_with_gaps


def netbook_plan(qtbot: Any, window: Any, lang: str) -> Any:
    """The plan of someone with gaps, on a 1024×600 window at 200 % text: a few steps, the form filled."""
    person = create_person(qtbot, window)
    finish_check_with_gaps(qtbot, window)
    window.resize(1024, 600)
    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    window.show_plan(person.id)
    plan = window.view("plan")
    plan.suggest.click()
    return plan


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_plan_commands_stay_in_view_on_a_netbook_at_200_percent(
        qtbot: Any, window: Any, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = netbook_plan(qtbot, window, lang)
    settle()
    assert plan.steps
    port = window.scroller.viewport()
    assert not window.scroller.verticalScrollBar().isVisible(), "the whole screen scrolls"
    assert not window.scroller.horizontalScrollBar().isVisible(), "the screen is wider than the window"
    for button in (plan.home_button, plan.save, plan.export, plan.print_button):
        assert whole_in(port, button), f"«{button.text()}» is out of view"
    # What does not fit scrolls in the screen's own area, the form included.
    assert plan.page.verticalScrollBar().maximum() > 0
    plan.page.ensureWidgetVisible(plan.notes)
    settle()
    assert plan.page.viewport().rect().intersects(box_in(plan.page.viewport(), plan.notes))
    # A PDF saved deep in a folder says where: the line wraps instead of widening the screen.
    folder = tmp_path / "Документи бібліотеки" / "Плани розвитку слухачів хабу 2026"
    folder.mkdir(parents=True)
    monkeypatch.setattr(plan_view, "ask_pdf_path", lambda parent, suggested: str(folder / "план.pdf"))
    plan.export.click()
    settle()
    assert str(folder) in plan.state.text()
    assert not window.scroller.horizontalScrollBar().isVisible(), "a long path widened the screen"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_step_is_read_whole_in_the_narrow_list(qtbot: Any, window: Any, lang: str) -> None:
    """Beside the form, or at 200 % text, the steps list is narrower than a step's goal and status."""
    plan = netbook_plan(qtbot, window, lang)
    # A goal in the person's own words, longer than the list is wide in either layout.
    plan.add.click()
    plan.goal.insert("Пройти курс про цифрову безпеку на Дії.Освіті й провести заняття для читачів")
    settle()
    steps = plan.list
    assert any("Дії.Освіті" in steps.item(row).text() for row in range(steps.count()))
    port = steps.viewport()
    assert not steps.horizontalScrollBar().isVisible(), "long steps scroll sideways"
    metrics = steps.fontMetrics()
    wrapped = 0
    for row in range(steps.count()):
        text = steps.item(row).text()
        rect = steps.visualRect(steps.model().index(row, 0))
        assert rect.right() <= port.width(), f"«{text}» runs past the list's edge"
        needed = metrics.boundingRect(rect.adjusted(4, 0, -4, 0), Qt.TextFlag.TextWordWrap, text)
        assert needed.height() <= rect.height(), f"«{text}» is cut: {needed.height()} px in {rect.height()}"
        wrapped += rect.height() >= 2 * metrics.lineSpacing()
    assert wrapped, "no step needed two lines: the case is not tested"
