"""Each next question shows exactly its own answers: nothing chosen, named, numbered and in reach of the keys.

The check's screen keeps its answer rows from one question to the next and gives them the new texts,
so nothing of an earlier question may show through: a ticked box, an old text or name, a row too many.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QRadioButton

from digigram.ui.widgets import ButtonText
from tests.ui.helpers import create_person


def expected_answers(win: Any) -> list[str]:
    quiz, framework = win.quiz, win.ws.framework
    item = quiz.item
    if item.on_scale:
        texts = [point.label.get("en") for point in framework.scales[item.scale].points]
    else:
        texts = [item.options[i].text.get("en") for i in quiz.order]
    return texts + (["I don't know"] if item.offers_dont_know else [])


def shown_rows(quiz: Any) -> list[tuple[QAbstractButton, str]]:
    """The answers a person sees, top to bottom: each button and the text beside it."""
    rows = []
    for label in quiz.options_box.findChildren(ButtonText):
        if label.isVisibleTo(quiz):
            top = label.mapTo(quiz.options_box, label.rect().topLeft()).y()
            rows.append((label.button, label.text(), top))
    return [(button, text) for button, text, _ in sorted(rows, key=lambda row: row[2])]


def stored_answers(data_dir: Path) -> int:
    # A connection of its own, as another program would open the file: only committed rows count.
    with closing(sqlite3.connect(f"file:{data_dir / 'digigram.sqlite3'}?mode=ro", uri=True)) as con:
        return int(con.execute("SELECT count(*) FROM answer").fetchone()[0])


def test_every_next_question_shows_only_its_own_answers(qtbot: Any, window: Any, ws: Any,
                                                         data_dir: Path) -> None:
    win = window
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    quiz = win.quiz
    kinds: list[str] = []
    answered = 0
    while quiz.session is not None:
        QApplication.processEvents()  # what the person sees is what the event loop has shown
        item = quiz.item
        many = item.select == "many" and not item.on_scale
        kinds.append("many" if many else "scale" if item.on_scale else "one")
        rows = shown_rows(quiz)
        assert [button for button, _ in rows] == quiz.buttons
        assert [text for _, text in rows] == expected_answers(win)
        for n, (button, text) in enumerate(rows, start=1):
            key = "0" if button is quiz.dont_know else str(n) if n < 10 else ""
            assert button.text() == (f"&{key}" if key else "")
            assert button.accessibleName() == text  # what a screen reader says is what is shown
            assert isinstance(button, QCheckBox if many else QRadioButton)
            assert not button.isChecked(), f"{text!r} arrived already chosen"
        assert quiz.next_button.isEnabled() == many  # with one answer to give, one must be chosen first
        assert ("0 = I don't know" in quiz.keys.text()) == item.offers_dont_know
        qtbot.waitUntil(lambda: QApplication.focusWidget() is quiz.buttons[0])
        # Every answer given is on disk before the next question is on screen.
        assert stored_answers(data_dir) == answered

        if many and quiz.dont_know is not None:
            for key in (Qt.Key.Key_1, Qt.Key.Key_2):
                qtbot.keyClick(quiz.buttons[0], key)
            assert [b.isChecked() for b in quiz.buttons[:2]] == [True, True]
            qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_0)  # "I don't know" clears what was ticked
            assert [b for b in quiz.buttons if b.isChecked()] == [quiz.dont_know]
            qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_1)  # and a tick clears "I don't know"
            qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_2)
            assert [b for b in quiz.buttons if b.isChecked()] == quiz.buttons[:2]
        else:
            last = len(quiz.buttons) - (1 if quiz.dont_know is not None else 0)
            qtbot.keyClick(quiz.buttons[0], getattr(Qt.Key, f"Key_{min(last, 9)}"))
        qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_Return)
        answered += 1
    assert {"scale", "one", "many"} <= set(kinds), kinds
    assert stored_answers(data_dir) == answered


def test_the_key_hint_names_the_numbers_the_answers_have(qtbot: Any, window: Any) -> None:
    """The hint said «1–9 choose an answer» over four answers, so 5 to 9 were promised and did nothing."""
    win = window
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    quiz = win.quiz
    counts = set()
    while quiz.session is not None:
        last = len(quiz.buttons) - (1 if quiz.dont_know is not None else 0)
        counts.add(last)
        assert quiz.keys.text().startswith(f"Keys: 1–{min(last, 9)} choose an answer, "), quiz.keys.text()
        qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_1)
        qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_Return)
    assert len(counts) > 1, counts  # questions with different numbers of answers were on screen
