"""Pausing a check on a 1024×600 netbook at 200 % text, then choosing someone else on the shared PC: the
button that has the keyboard is on screen, and the pause notice does not stay under another person."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import answer_current, create_person, settle, whole_in


def _netbook(window: Any) -> None:
    window.resize(1024, 600)
    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    settle()


def test_after_a_pause_continue_has_the_keyboard_and_is_in_view(qtbot: Any, window: Any, ws: Any) -> None:
    for name in ("Марія Коваль", "Іван Мельник"):
        ws.create_person(name)
    create_person(qtbot, window)
    _netbook(window)
    qtbot.mouseClick(window.home.quick, Qt.MouseButton.LeftButton)
    answer_current(qtbot, window)
    qtbot.keyClick(window.quiz.buttons[0], Qt.Key.Key_Escape)
    settle()
    home = window.home
    assert window.stack.currentWidget() is home
    assert home.resume.hasFocus()
    # Enter would continue the check: the person sees the button it would press.
    assert whole_in(window.scroller.viewport(), home.resume), "«Продовжити» has the keyboard out of sight"


def test_the_pause_notice_goes_when_someone_else_is_chosen(qtbot: Any, window: Any, ws: Any) -> None:
    other = ws.create_person("Марія Коваль")
    window.home.refresh()
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.quick, Qt.MouseButton.LeftButton)
    answer_current(qtbot, window)
    qtbot.keyClick(window.quiz.buttons[0], Qt.Key.Key_Escape)
    assert "paused" in window.notices.currentMessage()
    assert window.home.choose(other.id)
    # Марія has no paused check: a notice telling her to choose “Continue” was about someone else.
    assert window.notices.currentMessage() == ""
    assert not window.home.resume.isVisible()
