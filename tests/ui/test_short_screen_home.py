"""Home on a 1024×600 netbook at 200 % text, where the actions stack below the list of people: "New
person…" is in view at the start, a name clicked brings the actions into view, and arrow keys leave the
list where it is."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle, whole_in


def in_view(window: Any, widget: QWidget) -> bool:
    return whole_in(window.scroller.viewport(), widget)


def test_a_clicked_name_brings_the_actions_into_view_on_a_netbook(qtbot: Any, window: Any, ws: Any) -> None:
    # The actions stack below the list there in both languages.
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


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_new_person_is_in_view_at_the_start_on_a_netbook(window: Any, ws: Any, lang: str) -> None:
    """What a first-time user needs is never the part cut at the window's foot."""
    for name in ("Оксана Петренко", "Марія Коваль", "Іван Мельник"):
        ws.create_person(name)
    window.home.refresh()
    window.resize(1024, 600)
    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    settle()
    assert window.scroller.verticalScrollBar().isVisible(), "the screen fits: nothing to show here"
    assert window.scroller.verticalScrollBar().value() == 0
    assert in_view(window, window.home.new_person), f"«{window.home.new_person.text()}» is cut"
    assert in_view(window, window.home.search)
