"""Where the keyboard moves the focus for the person, the style marks it: the first answer of each new
question, and the results' page tabs after the PIN. Where a click moved on, no mark, as Qt has it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QStyle, QStyleOption, QWidget

from digigram.ui.rating_dialog import RatingDialog
from tests.ui.helpers import answer_to_the_end, create_person


def marked(widget: QWidget) -> bool:
    """Whether the style draws `widget` with its focus mark (Fusion draws it for a keyboard focus only)."""
    option = QStyleOption()
    option.initFrom(widget)
    wanted = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
    return option.state & wanted == wanted


def test_each_new_question_shows_where_the_keyboard_is(qtbot: Any, window: Any) -> None:
    win = window
    create_person(qtbot, win)  # (a click)
    win.home.full.setFocus()
    qtbot.keyClick(win.home.full, Qt.Key.Key_Space)  # started from the keyboard
    assert win.stack.currentWidget() is win.quiz
    assert marked(win.quiz.buttons[0]), "the first question's first answer has the focus unmarked"
    first = win.quiz.item.id
    qtbot.keyClick(win.quiz.buttons[0], Qt.Key.Key_1)
    qtbot.keyClick(win.quiz.buttons[0], Qt.Key.Key_Return)
    assert win.quiz.item.id != first
    assert marked(win.quiz.buttons[0]), "the next question's first answer has the focus unmarked"
    # answered with the mouse, the next question's focus is not marked, as Qt leaves a click's focus
    qtbot.mouseClick(win.quiz.buttons[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(win.quiz.next_button, Qt.MouseButton.LeftButton)
    assert win.quiz.buttons[0].hasFocus() and not marked(win.quiz.buttons[0])


def test_the_first_question_after_the_self_rating_shows_where_the_keyboard_is(
        qtbot: Any, window: Any, monkeypatch: Any) -> None:
    """The self-rating is a dialog of its own: the window comes back to the front as it closes, and Qt
    then gave the first answer its focus unmarked."""
    win = window

    def rated_with_the_keyboard(cls: Any, parent: Any, after: bool = False) -> int:
        dialog = QDialog(parent)
        QTimer.singleShot(0, lambda: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
        dialog.exec()
        return 6
    monkeypatch.setattr(RatingDialog, "ask", classmethod(rated_with_the_keyboard))
    create_person(qtbot, win)
    win.home.full.setFocus()
    qtbot.keyClick(win.home.full, Qt.Key.Key_Space)
    win.activateWindow()  # as a window manager gives the window back (offscreen has none)
    qtbot.waitUntil(lambda: win.isActiveWindow() and win.quiz.buttons[0].hasFocus())
    assert marked(win.quiz.buttons[0])


def test_results_after_the_pin_start_on_the_page_tabs(qtbot: Any, window: Any, ws: Any,
                                                      dialogs: dict[str, Any]) -> None:
    win = window
    person = ws.create_person("Оксана Коваль", pin="1234")
    win.home.refresh()
    assert win.home.choose(person.id)
    dialogs["pin"] = "1234"
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, win)
    results = win.view("results")
    results.tabs.setCurrentIndex(2)  # the last page was the one read last
    win.go_home()
    assert win.home.choose(person.id)
    win.home.results.setFocus()
    qtbot.keyClick(win.home.results, Qt.Key.Key_Space)  # the PIN is given, and the results open
    assert win.stack.currentWidget() is results
    assert results.tabs.currentIndex() == 0, "the results opened on the page read last time"
    focused = QApplication.focusWidget()
    assert focused is results.tabs.tabBar() and marked(focused), type(focused).__name__
    qtbot.keyClick(focused, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert results.tabs.currentIndex() == 1, "Ctrl+Tab did not turn the page"


def test_a_check_paused_from_the_keyboard_leaves_continue_marked_and_a_click_does_not(
        qtbot: Any, window: Any) -> None:
    """Esc goes Home with «Continue» holding the keyboard: Enter would press it, so the person sees it
    marked. Paused with the mouse, the focus is there unmarked, as after any click."""
    win = window
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.quick, Qt.MouseButton.LeftButton)
    qtbot.keyClick(win.quiz.buttons[0], Qt.Key.Key_Escape)
    assert win.stack.currentWidget() is win.home
    assert win.home.resume.hasFocus() and marked(win.home.resume), "«Continue» has the keyboard unmarked"
    qtbot.mouseClick(win.home.resume, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.quiz
    qtbot.mouseClick(win.quiz.pause_button, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.home
    assert win.home.resume.hasFocus() and not marked(win.home.resume)
