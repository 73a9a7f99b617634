"""A plan's edits refused as the plan screen is left (a full disk, a goal too long to store): the screen
stays with them, to be saved once that is put right, instead of going on and dropping them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.disks import fill
from tests.ui.helpers import create_person
from tests.ui.test_coordinator import SECRET
from tests.ui.test_plan_suggest import finish_check_with_gaps


@pytest.fixture
def data_dir(data_on_a_small_disk: Path) -> Path:
    return data_on_a_small_disk


def _edited_plan(qtbot: Any, win: Any) -> tuple[Any, Any]:
    person = create_person(qtbot, win)
    finish_check_with_gaps(qtbot, win)
    win.show_plan(person.id)
    plan = win.view("plan")
    qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(plan.goal, "Read the guide")
    assert plan.dirty and plan.touched
    return person, plan


def test_a_plan_the_full_disk_refuses_stays_on_screen_to_be_saved_once_there_is_room(
        qtbot: Any, window: Any, ws: Any, messages: list[str], small_disk: Path) -> None:
    """«No space left… free some space and try again», then Home came up and the step typed was gone:
    nothing was left to try again with."""
    win = window
    person, plan = _edited_plan(qtbot, win)
    filler = fill(small_disk)
    qtbot.mouseClick(plan.home_button, Qt.MouseButton.LeftButton)
    assert len(messages) == 1 and "space" in messages[0], messages
    assert win.stack.currentWidget() is plan, "the plan was left and its edits with it"
    assert [s.goal for s in plan.steps][-1] == "Read the guide"

    filler.unlink()
    qtbot.mouseClick(plan.save, Qt.MouseButton.LeftButton)
    stored = ws.plan_for(person.id)
    assert stored is not None and [s.goal for s in stored.steps][-1] == "Read the guide"
    qtbot.mouseClick(plan.home_button, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.home
    assert len(messages) == 1


def test_leaving_a_refused_plan_a_second_time_goes_without_a_second_message(
        qtbot: Any, window: Any, messages: list[str], small_disk: Path) -> None:
    """The refusal is said once: a person who leaves again means to go (the disk may stay full)."""
    win = window
    _person, plan = _edited_plan(qtbot, win)
    fill(small_disk)
    qtbot.mouseClick(plan.home_button, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is plan
    qtbot.mouseClick(plan.home_button, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.home
    assert len(messages) == 1


def test_a_plan_refused_on_the_way_to_the_coordinators_screens_stays_and_the_mode_stays_locked(
        qtbot: Any, window: Any, ws: Any, messages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Coordinator mode is another way off the plan screen. There the refusal must not leave the mode
    unlocked with no coordinator screen shown: the next press of «Coordinator» would skip the password."""
    from digigram.core.limits import NOTE_MAX
    from digigram.ui.coordinator.login import PasswordDialog

    win = window
    ws.set_coordinator_password(SECRET)
    asked: list[str] = []

    def ask(cls: Any, parent: Any, *, kind: str, **_: Any) -> tuple[str, str]:
        asked.append(kind)
        return "", SECRET

    monkeypatch.setattr(PasswordDialog, "ask", classmethod(ask))
    _person, plan = _edited_plan(qtbot, win)
    plan.goal.setText("x" * NOTE_MAX)
    qtbot.keyClicks(plan.goal, "y")  # as typed: one character past what a goal may hold
    win.coordinator_action.trigger()
    assert len(messages) == 1, messages
    assert win.stack.currentWidget() is plan
    assert win.coordinator is None
    win.coordinator_action.trigger()  # leaving again goes; the password is asked again
    assert win.coordinator is not None and len(asked) == 2
    assert len(messages) == 1
