"""The count of questions above a question: one line on a 1366×768 laptop, wrapped (never cut) on a
netbook at 200 % text."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import answer_current, box_in, create_person, settle


@pytest.fixture
def ws(shipped_ws: Any) -> Any:
    """The shipped framework: its area and competence names are as long as a trainee meets."""
    return shipped_ws


def _start(qtbot: Any, window: Any, *, lang: str, size: tuple[int, int], scale: int) -> Any:
    window.resize(*size)
    window.apply_settings(Settings(language=lang, text_scale=scale, high_contrast=False), store=False)
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    settle()
    return window.quiz


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_count_of_questions_is_one_line_at_1366_by_768(qtbot: Any, window: Any, lang: str) -> None:
    quiz = _start(qtbot, window, lang=lang, size=(1366, 768), scale=100)
    progress = quiz.progress
    for _ in range(16):  # self-ratings and knowledge questions, from areas with long and short names
        settle()
        one_line = progress.heightForWidth(100_000)
        assert progress.height() == one_line, (
            f"«{progress.text()}» takes {progress.height()} px at {progress.width()} px, one line is "
            f"{one_line} px ({quiz.item.id})")
        answer_current(qtbot, window, 1)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_count_of_questions_wraps_whole_on_a_netbook_at_200_percent(
        qtbot: Any, window: Any, lang: str) -> None:
    quiz = _start(qtbot, window, lang=lang, size=(1024, 600), scale=200)
    progress, port = quiz.progress, quiz.page.viewport()
    for _ in range(4):
        settle()
        assert progress.height() >= progress.heightForWidth(progress.width()), "the count is cut off"
        assert port.rect().contains(box_in(port, progress)), "the count runs past the screen's edge"
        answer_current(qtbot, window, 1)
