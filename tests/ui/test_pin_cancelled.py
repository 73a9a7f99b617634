"""Esc in the PIN dialog leaves nobody chosen: «Selected: …» and the status line went on naming the
protected person, as if they had signed in."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.settings_dialog import Settings


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_cancelled_pin_leaves_nobody_chosen(qtbot: Any, window: Any, ws: Any, dialogs: dict[str, Any],
                                              lang: str) -> None:
    win = window
    win.apply_settings(Settings(language=lang), store=False)
    person = ws.create_person("Оксана Коваль", pin="1234")
    ws.create_person("Петро Гнатюк")
    win.home.refresh()
    assert win.home.choose(person.id)
    assert "Оксана Коваль" in win.home.who.text()
    dialogs["pin"] = None  # Esc
    win.home.results.setFocus()
    qtbot.keyClick(win.home.results, Qt.Key.Key_Space)
    assert win.stack.currentWidget() is win.home
    assert "Оксана" not in win.home.who.text(), win.home.who.text()
    assert "Оксана" not in win.person_status.text(), win.person_status.text()
    assert win.person_id is None and win.home.chosen_id() is None
    assert not win.home.results.isEnabled()
    # the keyboard is back in the list, on her name: Space (or an arrow) chooses again
    assert win.home.people.hasFocus()
    assert win.home.people.currentIndex().data(Qt.ItemDataRole.UserRole) == person.id
    qtbot.keyClick(win.home.people, Qt.Key.Key_Space)
    assert win.person_id == person.id


def test_home_after_a_protected_persons_plan_names_nobody(qtbot: Any, window: Any, ws: Any,
                                                         dialogs: dict[str, Any]) -> None:
    win = window
    person = ws.create_person("Оксана Коваль", pin="1234")
    other = ws.create_person("Петро Гнатюк")
    win.home.refresh()
    assert win.home.choose(person.id)
    dialogs["pin"] = "1234"
    win.home.plan.setFocus()
    qtbot.keyClick(win.home.plan, Qt.Key.Key_Space)
    assert win.stack.currentWidget() is win.view("plan")
    win.go_home()
    assert "Оксана" not in win.home.who.text(), win.home.who.text()
    assert "Оксана" not in win.person_status.text(), win.person_status.text()
    assert win.person_id is None and not win.home.results.isEnabled()
    assert win.home.people.hasFocus()
    assert win.home.people.currentIndex().data(Qt.ItemDataRole.UserRole) == person.id
    # someone without a PIN stays chosen on the way back: nothing of hers is closed by it
    assert win.home.choose(other.id)
    win.show_plan(other.id)
    win.go_home()
    assert win.person_id == other.id and "Петро" in win.home.who.text()
