"""The check's last step, its results stored, refused by the disk (full while the closing self-rating was
being chosen): the person is not left on the last question with nothing that works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.disks import fill
from tests.ui.helpers import answer_to_the_end, create_person


@pytest.fixture
def data_dir(data_on_a_small_disk: Path) -> Path:
    return data_on_a_small_disk


def test_results_refused_by_a_full_disk_leave_the_check_to_continue_from_home(
        qtbot: Any, window: Any, ws: Any, dialogs: dict[str, Any], messages: list[str],
        monkeypatch: pytest.MonkeyPatch, small_disk: Path) -> None:
    """It said «free some space and try again», then stayed on the last question: «Save and next»
    greyed, «Pause and leave» and Esc doing nothing, no way to try again but the Home menu."""
    from digigram.ui.rating_dialog import RatingDialog

    person = create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    filler: list[Path] = []

    def rate(cls: Any, parent: Any, after: bool = False) -> int:
        if not filler:  # the disk fills while the closing self-rating is first chosen
            filler.append(fill(small_disk))
        return 7

    monkeypatch.setattr(RatingDialog, "ask", classmethod(rate))
    answer_to_the_end(qtbot, window)
    assert len(filler) == 1 and messages and "space" in messages[-1]
    answered = ws.unfinished_attempt(person.id)
    assert answered is not None and answered.n_answers > 0, "the answers were stored before the results"

    assert window.stack.currentWidget() is window.home
    assert window.home.resume.isVisible() and window.home.resume.hasFocus()
    assert "Continue" in window.notices.currentMessage()

    # Room again: «Continue» asks the closing self-rating again and stores the results.
    filler[0].unlink()
    qtbot.mouseClick(window.home.resume, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.view("results")
    finished = ws.history(person.id)[0]
    assert finished.status == "finished" and finished.rating_after == 7
    assert finished.n_answers == answered.n_answers


def test_continuing_it_after_someone_else_paused_shows_nothing_of_their_question(
        qtbot: Any, window: Any, ws: Any, dialogs: dict[str, Any], messages: list[str],
        monkeypatch: pytest.MonkeyPatch, small_disk: Path) -> None:
    """Continuing a check whose questions are all answered goes straight to its closing self-rating,
    asked over the quiz screen. That screen still held the question another person had paused on, with
    the answer they had chosen and not saved, on a shared PC."""
    from digigram.ui.person_dialog import NewPerson
    from digigram.ui.rating_dialog import RatingDialog

    first = create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    filler: list[Path] = []
    behind: list[tuple[str, list[bool]]] = []  # what the screen shows under each closing self-rating

    def rate(cls: Any, parent: Any, after: bool = False) -> int:
        if after:
            behind.append((window.quiz.stem.text(), [b.isChecked() for b in window.quiz.buttons]))
        if not filler:
            filler.append(fill(small_disk))
        return 7

    monkeypatch.setattr(RatingDialog, "ask", classmethod(rate))
    answer_to_the_end(qtbot, window)
    assert window.stack.currentWidget() is window.home and messages and "space" in messages[-1]
    filler[0].unlink()

    dialogs["person"] = NewPerson("Петро Коваль", None, "librarian", None, True)
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.quick, Qt.MouseButton.LeftButton)
    theirs = window.quiz.stem.text()
    qtbot.keyClick(window.quiz.buttons[0], Qt.Key.Key_3)  # chosen, not saved
    assert window.quiz.buttons[2].isChecked()
    qtbot.keyClick(window.quiz.buttons[0], Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home

    assert window.home.choose(first.id)
    qtbot.mouseClick(window.home.resume, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.view("results")
    stem, checked = behind[-1]
    assert theirs and stem != theirs and not any(checked)
