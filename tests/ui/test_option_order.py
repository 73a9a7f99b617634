"""Options show in an order shuffled per attempt; what is stored is the option picked, in file order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from digigram.ui import quiz_view
from digigram.ui.quiz_view import display_order
from tests.ui.helpers import create_person


def shown_texts(quiz: Any) -> list[str]:
    return [b.accessibleName() for b in quiz.buttons]


def test_the_stored_choice_is_the_file_order_index_of_the_option_picked(qtbot: Any, window: Any, ws: Any,
                                                                       monkeypatch: Any) -> None:
    # An order that never matches the file (the real one can, by chance, for a few questions).
    def rotated(attempt_id: str, item: Any) -> list[int]:
        order = display_order(attempt_id, item)
        return order[1:] + order[:1] if order == sorted(order) else order

    monkeypatch.setattr(quiz_view, "display_order", rotated)
    win = window
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    quiz = win.quiz
    picked: dict[str, tuple[int, str]] = {}
    while quiz.session is not None:
        item = quiz.item
        key = 1
        if not item.on_scale:
            key = len(item.options)  # the last option shown, so that a shuffle is felt
            if item.offers_dont_know:
                assert quiz.buttons[-1] is quiz.dont_know  # "I don't know" stays last, on key 0
            button = quiz.buttons[key - 1]
            picked[item.id] = (quiz.order[key - 1], button.accessibleName())
        qtbot.keyClick(quiz.buttons[0], getattr(Qt.Key, f"Key_{key}"))
        qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_Return)
    assert picked, "the check asked no question with options"
    assert any(file_index != len(ws.framework.item(i).options) - 1 for i, (file_index, _) in picked.items())
    attempt = ws.history(person.id)[-1]
    result = ws.results_for(attempt.id)
    stored = {ev.item_id: ev.choice for res in result.competences.values() for ev in res.evidence}
    for item_id, (file_index, text) in picked.items():
        item = ws.framework.item(item_id)
        choice = stored[item_id]
        assert (list(choice) if item.select == "many" else choice) == (
            [file_index] if item.select == "many" else file_index
        )
        assert item.options[file_index].text.get("en") == text  # the option the person saw and pressed


def test_resuming_shows_the_same_order(qtbot: Any, window: Any, ws: Any) -> None:
    win = window
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    quiz = win.quiz
    while quiz.item.on_scale:  # go on to a question with options
        qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_1)
        qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_Return)
    before = (quiz.item.id, shown_texts(quiz))
    qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_Escape)
    assert win.stack.currentWidget() is win.home
    qtbot.mouseClick(win.home.resume, Qt.MouseButton.LeftButton)
    assert (quiz.item.id, shown_texts(quiz)) == before
    assert ws.unfinished_attempt(person.id) is not None


def test_each_attempt_gets_its_own_order(ws: Any) -> None:
    item = next(i for i in ws.framework.items if not i.on_scale and len(i.options) >= 3)
    orders = {tuple(display_order(f"attempt-{n}", item)) for n in range(20)}
    assert len(orders) > 1  # a retake does not repeat the positions
    for order in orders:
        assert sorted(order) == list(range(len(item.options)))
    assert display_order("attempt-7", item) == display_order("attempt-7", item)
