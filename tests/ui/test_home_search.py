"""Home: a person finds their name by typing (in Ukrainian, in Latin letters, or on the English keys), and
the next person at a shared PC never finds the last one's search."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _shown(win: Any) -> list[str]:
    return list(win.home.shown_names())


def _people(ws: Any) -> None:
    hub = ws.add_hub("Бучанська бібліотека", region_id="UA-32").id
    ws.create_person("Олена Шевченко", hub_id=hub)
    ws.create_person("Юлія Коваленко")
    ws.create_person("Ірина Шевчук")


def test_typing_keeps_the_names_that_match_and_says_how_many(qtbot: Any, window: Any, ws: Any) -> None:
    _people(ws)
    window.home.refresh()
    assert len(_shown(window)) == 3 and not window.home.shown.isVisible()
    qtbot.keyClicks(window.home.search, "shevch")  # typed key by key (QTest types Latin letters only)
    assert _shown(window) == ["Ірина Шевчук", "Олена Шевченко — Бучанська бібліотека"]
    assert window.home.shown.isVisible() and window.home.shown.text() == "Shown: 2 of 3"
    window.home.search.setText("шевч олена")  # words in any order
    assert _shown(window) == ["Олена Шевченко — Бучанська бібліотека"]
    window.home.search.setText("Yuliia")  # the name as a passport writes it
    assert _shown(window) == ["Юлія Коваленко"]
    window.home.search.setText("jktyf")  # «олена» with the keyboard left in English
    assert _shown(window) == ["Олена Шевченко — Бучанська бібліотека"]
    window.home.search.setText("бучанська")  # the hub's name
    assert _shown(window) == ["Олена Шевченко — Бучанська бібліотека"]
    window.home.search.setText("buchanska")  # the hub's name in Latin letters, as the hub dialogs take it
    assert _shown(window) == ["Олена Шевченко — Бучанська бібліотека"]
    window.home.search.setText("Петро")
    assert _shown(window) == []
    assert "Nobody matches “Петро”" in window.home.shown.text()


def test_down_goes_to_the_first_name_shown_and_escape_clears(qtbot: Any, window: Any, ws: Any) -> None:
    _people(ws)
    window.home.refresh()
    window.home.search.setFocus()
    qtbot.waitUntil(window.home.search.hasFocus)
    qtbot.keyClicks(window.home.search, "Kovalenko")
    qtbot.keyClick(window.home.search, Qt.Key.Key_Down)
    assert window.home.people.hasFocus()
    assert window.person is not None and window.person.name == "Юлія Коваленко"
    window.home.search.setFocus()
    qtbot.keyClick(window.home.search, Qt.Key.Key_Escape)
    assert window.home.search.text() == "" and len(_shown(window)) == 3


def test_a_chosen_name_that_the_search_hides_is_no_longer_chosen(window: Any, ws: Any) -> None:
    _people(ws)
    window.home.refresh()
    assert window.home.choose(next(p.id for p in ws.people() if p.name == "Юлія Коваленко"))
    assert window.person is not None
    window.home.search.setText("Шевч")
    assert window.person is None and not window.home.full.isEnabled()


def test_the_next_person_never_sees_the_last_ones_search(qtbot: Any, window: Any, ws: Any) -> None:
    _people(ws)
    window.home.refresh()
    window.home.search.setText("Олена")
    window.idle_timer.setInterval(300)  # the idle minutes, shortened
    window.idle_timer.start()
    qtbot.waitUntil(lambda: window.home.search.text() == "", timeout=5000)
    assert len(_shown(window)) == 3


def test_a_new_person_is_shown_whatever_was_typed(window: Any, ws: Any, dialogs: dict[str, Any]) -> None:
    _people(ws)
    window.home.refresh()
    window.home.search.setText("Олена")
    window.home.create_person()
    QApplication.processEvents()
    assert window.home.search.text() == ""
    assert window.person is not None and window.home.chosen_id() == window.person.id
    assert window.person.name in window.home.shown_names()


def test_the_pin_mark_speaks_the_language_just_chosen(window: Any, ws: Any) -> None:
    from digigram.ui import appearance

    ws.create_person("Ірина Шевчук", pin="4321")
    ws.create_person("Олена Шевченко")
    window.home.refresh()
    assert window.home.choose(next(p.id for p in ws.people() if p.name == "Ірина Шевчук"))
    assert window.home.shown_names() == ["Ірина Шевчук (PIN)", "Олена Шевченко"]
    appearance.install_language("uk")
    try:
        assert window.home.shown_names() == ["Ірина Шевчук (з PIN)", "Олена Шевченко"]
        first = window.home.model.index(0)
        assert first.data(Qt.ItemDataRole.AccessibleTextRole) == "Ірина Шевчук (з PIN)"  # what a reader says
        assert window.person is not None and window.home.chosen_id() == window.person.id  # still chosen
    finally:
        appearance.install_language("en")
    assert window.home.shown_names()[0] == "Ірина Шевчук (PIN)"


def test_down_keeps_the_person_already_chosen(qtbot: Any, window: Any, ws: Any) -> None:
    _people(ws)
    window.home.refresh()
    iryna = next(p for p in ws.people() if p.name == "Ірина Шевчук")
    olena = next(p for p in ws.people() if p.name == "Олена Шевченко")
    assert window.home.choose(olena.id)
    window.unlocked.add(olena.id)  # as after her PIN
    window.home.search.setText("шевч")  # both stay shown; Ірина is first
    assert window.home.shown_names()[0].startswith(iryna.name)
    window.home.search.setFocus()
    qtbot.keyClick(window.home.search, Qt.Key.Key_Down)
    assert window.person_id == olena.id and olena.id in window.unlocked
    assert window.home.people.hasFocus()


def test_a_long_line_ends_in_an_ellipsis_not_cut_by_a_sideways_scroll(window: Any, ws: Any) -> None:
    # Every line is laid out as wide as the first one (25,000 names are not measured one by one): a
    # sideways scroll would stop at the first line's width and cut longer ones with no sign of it.
    ws.create_person("Ан", hub="Х")
    ws.create_person("Яна Довгопрізвищенко-Криворотенко", hub="Дуже довга назва хабу на весь рядок")
    window.home.refresh()
    view = window.home.people
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    last = window.home.model.index(1)
    assert last.data(Qt.ItemDataRole.ToolTipRole) == window.home.shown_names()[1]


@pytest.mark.parametrize("people, key", [(1, Qt.Key.Key_Down), (3, Qt.Key.Key_Home), (3, Qt.Key.Key_End)])
def test_arrows_in_the_list_choose_the_name_they_land_on(
        qtbot: Any, window: Any, ws: Any, people: int, key: Qt.Key) -> None:
    """Tabbed into the list, the focus frame sat on a name but nobody was chosen, and Down (one person)
    or Home (on the first name) chose nobody: only Space did, which a keyboard user cannot guess."""
    for n in range(people):
        ws.create_person(f"Слухач {n}")
    window.home.refresh()
    window.forget_person()  # as the next person finds the PC: nobody chosen
    window.activateWindow()
    window.home.people.setFocus()
    QApplication.processEvents()
    assert window.home.chosen_id() is None and window.person is None
    qtbot.keyClick(window.home.people, key)
    QApplication.processEvents()
    current = window.home.people.currentIndex().data()
    assert window.person is not None and window.person.name == current
    assert window.home.quick.isEnabled()
