"""«Questions left» follows the answers and may go up; when it does, the line says why, and only then."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.core.engine import Progress
from digigram.ui.quiz_view import remaining_estimate
from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import box_in, create_person, settle

# A line of its own under the area's name: a sentence, not a fragment starting in lower case.
WHY = {"en": "Your level is not clear yet, so a few more questions are needed.",
       "uk": "Ваш рівень ще не ясний, тож потрібно ще кілька питань."}


@pytest.fixture
def ws(shipped_ws: Any) -> Any:
    """The shipped framework: a full check, long enough for its estimate to move both ways."""
    return shipped_ws


class _Estimated:
    """The check begun, its questions and answers as they are, its estimate of questions left as
    `left` says for each number of answers given."""

    def __init__(self, session: Any, left: list[int]) -> None:
        self._session, self._left, self.attempt_id = session, left, session.attempt_id

    @property
    def current_item(self) -> Any:
        return self._session.current_item

    def progress(self) -> Progress:
        real = self._session.progress()
        return Progress(real.asked, self._left[real.asked], real.areas_done, real.areas_total)

    def answer(self, *args: Any, **kwargs: Any) -> Any:
        return self._session.answer(*args, **kwargs)

    def pause(self) -> Any:
        return self._session.pause()


def _start(qtbot: Any, window: Any, lang: str) -> Any:
    window.resize(1366, 768)
    window.apply_settings(Settings(language=lang, text_scale=100, high_contrast=False), store=False)
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    settle()
    return window.quiz


def _answer(qtbot: Any, quiz: Any) -> None:
    quiz._choose_by_number(1)
    qtbot.mouseClick(quiz.next_button, Qt.MouseButton.LeftButton)
    settle()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_line_says_why_only_when_the_estimate_went_up(qtbot: Any, window: Any, lang: str) -> None:
    quiz = _start(qtbot, window, lang)
    left = [26, 25, 26, 27, 27, 24, 23, 24, 23]
    quiz.begin(_Estimated(quiz.session, left))
    settle()
    said = []
    for answered in range(len(left)):
        progress, rise = quiz.progress, quiz.rise
        assert f" {left[answered]} " in f" {progress.text()} "  # never lower than the estimate
        said.append(rise.isVisible() and rise.text() == WHY[lang])
        assert WHY[lang] not in progress.text()  # under the count, not in it: the heading stays as it is
        assert progress.toolTip() == progress.accessibleDescription() == (WHY[lang] if said[-1] else "")
        # A screen reader hears it once: as the count's description, not in its name as well.
        assert progress.accessibleName() == progress.text()
        # Whole on screen, wrapped if it must be.
        for label in (progress, rise) if said[-1] else (progress,):
            assert label.height() >= label.heightForWidth(label.width())
            assert quiz.page.viewport().rect().contains(box_in(quiz.page.viewport(), label))
        if answered == 2:
            # The same question in the other language says why in that language.
            other = "en" if lang == "uk" else "uk"
            window.apply_settings(Settings(language=other, text_scale=100, high_contrast=False), store=False)
            assert quiz.rise.text() == WHY[other] and quiz.progress.toolTip() == WHY[other]
            window.apply_settings(Settings(language=lang, text_scale=100, high_contrast=False), store=False)
            assert quiz.rise.text() == WHY[lang]
        if answered < len(left) - 1:
            _answer(qtbot, quiz)
    #               26     25     26    27    27     24     23     24    23
    assert said == [False, False, True, True, False, False, False, True, False]


def test_on_a_real_check_the_note_follows_the_estimate(qtbot: Any, window: Any) -> None:
    """Answers that disagree (right, wrong, right…) move the estimate up now and then."""
    quiz = _start(qtbot, window, "en")
    last = None
    rises = 0
    for n in range(30):
        item = quiz.item
        if quiz.session is None or item is None:
            break
        _answered, left, _high = remaining_estimate(quiz.session.progress())
        rose = last is not None and left > last
        assert (quiz.rise.isVisible() and quiz.rise.text() == WHY["en"]) == rose, f"{last} → {left}"
        rises += rose
        last = left
        if item.on_scale:
            quiz._choose_by_number(len(quiz.buttons))
        else:
            scores = [item.options[i].score for i in quiz.order]
            wanted = scores.index(max(scores)) if n % 2 else scores.index(min(scores))
            quiz._choose_by_number(wanted + 1)
        qtbot.mouseClick(quiz.next_button, Qt.MouseButton.LeftButton)
        settle(2)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_note_leaves_the_heading_as_it_was(qtbot: Any, window: Any, lang: str) -> None:
    """Appended to the count, the note made the heading stack its two parts at 1024×600 and the question
    move down a line and back up; under the count, the heading keeps its arrangement."""
    quiz = _start(qtbot, window, lang)
    window.resize(1024, 600)
    settle()
    left = [26, 25, 26, 27, 24]
    quiz.begin(_Estimated(quiz.session, left))
    settle()
    arranged = []
    for answered in range(len(left)):
        arranged.append(quiz.heading.line.direction())
        if answered < len(left) - 1:
            _answer(qtbot, quiz)
    assert quiz.rise.text() == "" and len(set(arranged)) == 1, arranged
