"""Home on a 1024×600 netbook at 200 % text, where the actions stack below the list of people: a name
clicked brings the actions into view; arrow keys leave the list where it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle, whole_in


def in_view(window: Any, widget: QWidget) -> bool:
    return whole_in(window.scroller.viewport(), widget)


def test_a_clicked_name_brings_the_actions_into_view_on_a_netbook(qtbot: Any, window: Any, ws: Any) -> None:
    # In Ukrainian, whose longer labels stack the actions below the list there (English keeps them beside).
    for name in ("Оксана Петренко", "Марія Коваль", "Іван Мельник"):
        ws.create_person(name)
    window.home.refresh()
    window.resize(1024, 600)
    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    settle()
    home = window.home
    assert window.scroller.verticalScrollBar().isVisible(), "the screen fits: nothing to show here"
    assert not in_view(window, home.history)  # the actions go on below the window
    people = home.people
    people.scrollToTop()
    settle()
    first = people.model().index(0, 0)
    qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=people.visualRect(first).center())
    settle()
    assert home.chosen_id() is not None
    assert in_view(window, home.full) and in_view(window, home.quick)
    # Choosing with the arrow keys keeps the list where it is: the keyboard stays in it.
    window.scroller.verticalScrollBar().setValue(0)
    people.setFocus()
    qtbot.keyClick(people, Qt.Key.Key_Down)
    settle()
    assert home.chosen_id() is not None
    assert window.scroller.verticalScrollBar().value() == 0
