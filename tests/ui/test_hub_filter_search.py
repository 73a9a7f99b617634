"""The coordinator's hub choices at a region's size: a region has hundreds of hubs, and the dashboard's hub
filter was a plain list of them, reached only by scrolling or by its first letters. Typing any part of a
hub's name or its region's now lists the matching hubs, and choosing one filters the trainee table; text
that matches no hub never leaves the table filtered by a hub other than the one the box shows."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import settle, type_text
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard

# The list under the box is a popup, which the offscreen platform cannot raise or give the keyboard.
popup_shown = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")

# 330 hubs in three regions, each with one trainee, and a few with names as real ones are.
REGIONS = {"UA-46": "Бібліотека-філія №{n}", "UA-51": "Центр цифрової освіти №{n}", "UA-32": "ЦНАП №{n}"}
YOUTH = "Обласна бібліотека для юнацтва"  # Lviv Oblast; two trainees
KAMIANKA = "Камʼянка-Бузька бібліотека"  # Lviv Oblast, with the Ukrainian apostrophe (U+02BC)


def many_hubs(ws: Any) -> dict[str, Any]:
    """The hubs by name; one trainee in each, two in YOUTH. In one transaction: 665 of them, each made
    and committed on its own, took 4-7 s of every test here."""
    from datetime import UTC, datetime

    from digigram.store.db import transaction
    from digigram.store.repo import hubs as hub_rows
    from digigram.store.repo import people as people_rows

    named = [(name.format(n=n), region) for region, name in REGIONS.items() for n in range(1, 111)]
    named += [(YOUTH, "UA-46"), (KAMIANKA, "UA-46")]
    role, agreed = ws.framework.profiles[0].id, datetime.now(UTC)
    with transaction(ws.store.sessions) as session:
        hubs = {name: hub_rows.add_hub(session, name=name, region_id=region) for name, region in named}
        people = [(f"Слухач {n:03}", hub) for n, hub in enumerate(hubs.values())]
        for name, hub in [*people, ("Оксана Петренко", hubs[YOUTH])]:
            people_rows.add_person(session, name=name, hub_id=hub.id, profile_id=role, consent_at=agreed)
    return hubs


def dashboard(window: Any, ws: Any, *, lang: str = "uk", scale: int = 100,
              size: tuple[int, int] = (1366, 768)) -> tuple[Any, dict[str, Any]]:
    hubs = many_hubs(ws)
    view = netbook_dashboard(window, ws, lang=lang, scale=scale, people=[], size=size)
    if not view.filters_toggle.isChecked():
        view.filters_toggle.click()
    settle()
    assert view.hub.count() == len(hubs) + 1  # and «Усі хаби» first
    return view, hubs


def search(box: Any, text: str) -> list[str]:
    """`text` typed over the box's hub, as a coordinator does; the entries the box then offers."""
    assert box.lineEdit() is not None, "the hub box cannot be typed in"
    box.setFocus()
    box.lineEdit().selectAll()
    type_text(box, text)
    settle(2)
    popup = box.finder.popup()
    assert popup.isVisible(), "nothing is listed under the box while typing"
    model = popup.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def shown(view: Any) -> list[str]:
    return sorted(row.name for row in view.model.rows)


@popup_shown
@pytest.mark.parametrize(("lang", "region"), [("uk", "Львівська область"), ("en", "Lviv Oblast")])
def test_typing_part_of_a_hub_name_narrows_the_list_and_choosing_it_filters_the_table(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str, region: str) -> None:  # noqa: F811
    view, hubs = dashboard(window, ws, lang=lang)
    assert view.model.total == 333
    # A word from the middle of the name, in another letter case: the one hub, with its region.
    assert search(view.hub, "ЮНАЦТВ") == [f"{YOUTH} ({region})"]
    qtbot.keyClick(view.hub, Qt.Key.Key_Return)
    settle()
    assert view.hub.currentData() == hubs[YOUTH].id
    assert view.hub.lineEdit().text() == f"{YOUTH} ({region})"
    assert not view.hub.finder.popup().isVisible()
    assert shown(view) == ["Оксана Петренко", "Слухач 330"]
    # Two words, anywhere in the name, narrow it further; the arrows move to the one wanted.
    assert search(view.hub, "філія 10") == [
        f"Бібліотека-філія №{n} ({region})" for n in (10, *range(100, 111))]
    qtbot.keyClick(view.hub, Qt.Key.Key_Down)
    qtbot.keyClick(view.hub, Qt.Key.Key_Down)
    qtbot.keyClick(view.hub, Qt.Key.Key_Return)
    settle()
    assert view.hub.currentData() == hubs["Бібліотека-філія №101"].id
    assert shown(view) == ["Слухач 100"]


@popup_shown
@pytest.mark.parametrize("typed_region", ["одеськ", "Odesa", "ОДЕС"])
def test_typing_a_region_lists_its_hubs(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], typed_region: str) -> None:  # noqa: F811
    """In Ukrainian, in English or in Latin letters, whatever the app's language."""
    view, hubs = dashboard(window, ws)
    found = search(view.hub, typed_region)
    assert len(found) == 110 and all(f.endswith("(Одеська область)") for f in found), found[:3]
    assert found[0] == "Центр цифрової освіти №1 (Одеська область)"
    # Clicked in the list, as with the mouse.
    popup = view.hub.finder.popup()
    index = popup.model().index(2, 0)
    popup.scrollTo(index)
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(index).center())
    settle()
    assert view.hub.currentData() == hubs["Центр цифрової освіти №100"].id
    assert shown(view) == ["Слухач 209"]


@popup_shown
@pytest.mark.parametrize("variant", ["камʼянка", "кам'янка", "КАМ’ЯНКА", "камянка", "kamianka"])
def test_any_apostrophe_finds_a_hub_named_with_another(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], variant: str) -> None:  # noqa: F811
    view, hubs = dashboard(window, ws)
    assert search(view.hub, variant) == [f"{KAMIANKA} (Львівська область)"]
    qtbot.keyClick(view.hub, Qt.Key.Key_Enter)
    settle()
    assert view.hub.currentData() == hubs[KAMIANKA].id
    assert shown(view) == ["Слухач 331"]


@popup_shown
@pytest.mark.parametrize("leave", ["Return", "Escape", "Tab"])
def test_text_matching_no_hub_leaves_no_wrong_filter(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], leave: str) -> None:  # noqa: F811
    """The box said a hub the table was not filtered by: the typed text stayed while the filter was the
    hub chosen before. Nothing matching is said while typing; then Enter, Esc or leaving the box puts the
    chosen hub back in the box, and the table still shows its trainees."""
    view, hubs = dashboard(window, ws)
    search(view.hub, "юнацтв")
    qtbot.keyClick(view.hub, Qt.Key.Key_Return)
    settle()
    assert shown(view) == ["Оксана Петренко", "Слухач 330"]
    assert search(view.hub, "Брюховичі") == ["Жоден хаб не відповідає «Брюховичі»"]
    qtbot.keyClick(view.hub, getattr(Qt.Key, f"Key_{leave}"))
    settle()
    assert view.hub.lineEdit().text() == f"{YOUTH} (Львівська область)"
    assert view.hub.currentData() == hubs[YOUTH].id
    assert shown(view) == ["Оксана Петренко", "Слухач 330"]
    assert not view.hub.finder.popup().isVisible()


@popup_shown
def test_all_hubs_stays_reachable_by_keyboard(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    view, _ = dashboard(window, ws, lang="en")
    search(view.hub, "kamianka")
    qtbot.keyClick(view.hub, Qt.Key.Key_Return)
    settle()
    assert view.model.total == 1
    # Typed: its name is one of the entries found…
    assert search(view.hub, "all") == ["All hubs"]
    qtbot.keyClick(view.hub, Qt.Key.Key_Return)
    settle()
    assert view.hub.currentData() is None and view.hub.lineEdit().text() == "All hubs"
    assert view.model.total == 333
    # …and an emptied box lists everything, all hubs first, which Enter takes.
    search(view.hub, "kamianka")
    qtbot.keyClick(view.hub, Qt.Key.Key_Return)
    qtbot.keyClick(view.hub, Qt.Key.Key_Backspace)  # the whole name was selected
    settle()
    assert view.hub.lineEdit().text() == ""
    qtbot.keyClick(view.hub, Qt.Key.Key_Return)
    settle()
    assert view.hub.currentData() is None and view.model.total == 333
    assert view.hub.accessibleName() == "Filter by hub"


@popup_shown
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_on_a_netbook_at_200_percent_the_matches_are_in_the_window(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    view, _ = dashboard(window, ws, lang=lang, scale=200, size=(1024, 600))
    found = search(view.hub, "юнацтв")
    assert found == [f"{YOUTH} ({'Львівська область' if lang == 'uk' else 'Lviv Oblast'})"]
    popup = view.hub.finder.popup()
    frame = window.frameGeometry()
    assert frame.contains(popup.geometry()), (popup.geometry(), frame)
    # Wide enough for the hub and its region whole, not only as wide as the box.
    assert popup.viewport().width() >= popup.fontMetrics().horizontalAdvance(found[0]), "the match is cut"
    # Chosen, the box too narrow for all of it shows the hub's name, not the end of its region's.
    qtbot.keyClick(view.hub, Qt.Key.Key_Return)
    settle()
    edit = view.hub.lineEdit()
    assert edit.selectedText() == found[0], "the name is not ready to be typed over"
    assert edit.cursorPosition() == 0, f"the box shows «…{found[0][-12:]}», not the name's start"


@popup_shown
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_on_a_netbook_at_200_percent_the_whole_list_shows_each_hub_whole(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    """Alt+↓ opened the whole list as narrow as the box: at 200 % text each hub read «Обла…тва (Льв…»,
    the region cut out of the middle. It is as wide as the longest hub and region, within the window."""
    view, _ = dashboard(window, ws, lang=lang, scale=200, size=(1024, 600))
    box = view.hub
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    list_ = box.view()
    qtbot.waitUntil(list_.isVisible, timeout=2000)
    width = list_.fontMetrics().horizontalAdvance
    longest = max((box.itemText(row) for row in range(box.count())), key=width)
    assert YOUTH in longest, longest
    assert list_.viewport().width() >= width(longest), "the hubs are cut"
    frame = window.frameGeometry()
    assert frame.contains(list_.window().geometry()), (list_.window().geometry(), frame)
    box.hidePopup()


@popup_shown
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_programme_tab_finds_a_hub_by_typing_and_follows_the_region(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    view, hubs = dashboard(window, ws, lang=lang)
    page = view.programme
    view.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.picture is not None, timeout=20000)
    lviv = "Львівська область" if lang == "uk" else "Lviv Oblast"
    # All regions: a region's name finds its hubs, each said with its region.
    found = search(page.hub, "lviv")
    assert len(found) == 112 and all(f.endswith(f"({lviv})") for f in found)
    assert search(page.hub, "кам'янка") == [f"{KAMIANKA} ({lviv})"]
    qtbot.keyClick(page.hub, Qt.Key.Key_Return)
    assert page.current_filter().hub_id == hubs[KAMIANKA].id
    # One region chosen: only its hubs are found, by name.
    page.region.setCurrentIndex(page.region.findData("UA-51"))
    settle()
    assert page.hub.currentData() is None
    assert search(page.hub, "№5") == ["Центр цифрової освіти №5", *[f"Центр цифрової освіти №{n}" for n in
                                                                     range(50, 60)]]
    assert search(page.hub, "камʼянка") == [
        "Жоден хаб не відповідає «камʼянка»" if lang == "uk" else "No hub matches “камʼянка”"]
    qtbot.keyClick(page.hub, Qt.Key.Key_Escape)
    assert page.hub.lineEdit().text() == ("Усі хаби" if lang == "uk" else "All hubs")
    assert page.current_filter().hub_id is None


def test_a_cleared_box_searches_nothing_and_takes_a_new_list(qtbot: Any) -> None:
    """Leaving coordinator mode empties the Programme tab's box; a search in it then looked in the old
    hubs against rows that were gone (a ValueError at the next key)."""
    from digigram.core.regions import Hub
    from digigram.ui.hub_picker import HubCombo

    box = HubCombo()
    qtbot.addWidget(box)
    hubs = [Hub(f"h{n}", f"Хаб № {n}", "UA-46") for n in range(3)]
    box.set_hubs("Усі хаби", [(h.label("uk"), h) for h in hubs])
    box.lineEdit().setText("№")
    assert box.found() == [1, 2, 3]
    box.clear()
    box.addItem("Усі хаби", None)  # a list with no hubs
    box.lineEdit().setText("№")
    assert box.found() == []
    box.set_hubs("Усі хаби", [(h.label("uk"), h) for h in hubs[:1]])
    box.lineEdit().setText("№ 0")
    assert box.found() == [1]
