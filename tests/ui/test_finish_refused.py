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
