"""The Hubs… dialog's search line: filters as typed (name or region, uk or en, Latin letters or the keyboard
left in English, letter case and apostrophes aside), reached by Alt key, Down into the list, a count and
a plain "no hub matches"; 5,000 hubs work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from digigram.store.db import transaction
from digigram.store.repo import hubs as hub_rows
from digigram.ui import appearance
from digigram.ui.coordinator.hubs import HubsDialog
from tests.ui.helpers import type_text
from tests.ui.test_coordinator import SECRET

HUBS = [("Хаб у Камʼянці-Подільському", "UA-68"), ("Бібліотека імені Лесі Українки", "UA-46"),
        ("Хаб у Бучі", "UA-32"), ("Хаб у Львові", "UA-46"), ("Старий хаб", None)]


def _open(qtbot: Any, ws: Any, *, lang: str = "en") -> HubsDialog:
    ws.set_coordinator_password(SECRET)
    co = ws.unlock_coordinator(SECRET)
    dialog = HubsDialog(None, ws=ws, co=co, lang=lang)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _names(dialog: HubsDialog) -> list[str]:
    return [dialog._hubs[h].name for h in dialog.shown_hubs()]


def _type(qtbot: Any, dialog: HubsDialog, text: str) -> None:
    dialog.search.clear()
    type_text(dialog.search, text)


@pytest.fixture
def hubs(ws: Any) -> None:
    for name, region in HUBS:
        ws.add_hub(name, region_id=region)


@pytest.mark.usefixtures("hubs")
def test_the_search_keeps_the_hubs_whose_name_or_region_holds_what_is_typed(qtbot: Any, ws: Any) -> None:
    dialog = _open(qtbot, ws)
    assert dialog.found.text() == "5 of 5 hubs"
    # Alt+F reaches the search from the list, where the dialog opens.
    assert QApplication.focusWidget() is dialog.list
    qtbot.keyClick(dialog.list, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.search

    type_text(dialog.search, "хаб у")
    assert _names(dialog) == ["Хаб у Бучі", "Хаб у Камʼянці-Подільському", "Хаб у Львові"]
    assert dialog.found.text() == "3 of 5 hubs"
    # Letter case and apostrophes (typographic, keyboard or none at all) do not matter.
    for typed in ("КАМ'ЯНЦІ", "камʼянці", "камянці", "Кам’янці"):
        _type(qtbot, dialog, typed)
        assert _names(dialog) == ["Хаб у Камʼянці-Подільському"], typed
    # The region, in English or Ukrainian whatever the app's language; words in any order.
    _type(qtbot, dialog, "lviv")
    assert _names(dialog) == ["Бібліотека імені Лесі Українки", "Хаб у Львові"]
    _type(qtbot, dialog, "львівська хаб")
    assert _names(dialog) == ["Хаб у Львові"]
    _type(qtbot, dialog, "oblast kyiv")
    assert _names(dialog) == ["Хаб у Бучі"]
    # The hub's own name in Latin letters, as passports write Ukrainian names; or typed in Ukrainian
    # with the keyboard still in English (",exs" is «бучі» on the same keys).
    for typed, hub in (("Buchi", "Хаб у Бучі"), ("kamiantsi", "Хаб у Камʼянці-Подільському"),
                       (",exs", "Хаб у Бучі")):
        _type(qtbot, dialog, typed)
        assert _names(dialog) == [hub], typed
    _type(qtbot, dialog, "oblast kyiv")

    # The highlighted hub is always one shown; its region shows below and can be saved.
    assert dialog.list.currentItem().text() == "Хаб у Бучі — Kyiv Oblast"
    assert dialog.region.currentData() == "UA-32"
    # Down goes into the list, on that hub; the arrows then move among the hubs shown.
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dialog.list and dialog.chosen() is not None

    _type(qtbot, dialog, "Житомир")
    assert _names(dialog) == [] and dialog.chosen() is None
    assert dialog.found.text() == ("No hub matches “Житомир”. Try fewer letters or the region, or add the "
                                   "hub.")
    assert dialog.found.isVisible() and dialog.region.currentIndex() == -1
    assert not dialog.save.isEnabled()  # nothing highlighted: nothing to save a region for
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dialog.search  # an empty list has nothing to go into

    # Esc clears the search first (every hub again); only the next Esc closes the dialog.
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert dialog.search.text() == "" and dialog.isVisible() and dialog.found.text() == "5 of 5 hubs"
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.fixture
def ukrainian() -> Iterator[None]:
    appearance.install_language("uk")
    yield
    appearance.install_language("en")


@pytest.mark.usefixtures("hubs", "ukrainian")
def test_a_region_saved_from_a_search_keeps_the_search(qtbot: Any, ws: Any) -> None:
    dialog = _open(qtbot, ws, lang="uk")
    assert dialog.found.text() == "Показано хабів: 5 з 5"
    type_text(dialog.search, "старий")
    assert _names(dialog) == ["Старий хаб"]
    dialog.region.setCurrentIndex(dialog.region.findData("UA-05"))
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert ws.hubs() and [h.region_id for h in ws.hubs() if h.name == "Старий хаб"] == ["UA-05"]
    # The list is read again after saving; the search still applies, and the hub stays highlighted.
    assert dialog.search.text() == "старий" and _names(dialog) == ["Старий хаб"]
    assert dialog.list.currentItem().text() == "Старий хаб — Вінницька область"
    _type(qtbot, dialog, "вінниц")
    assert _names(dialog) == ["Старий хаб"]
    _type(qtbot, dialog, "Житомир")
    assert dialog.found.text() == ("Жоден хаб не відповідає «Житомир». Спробуйте менше літер або регіон "
                                   "чи додайте хаб.")


def test_five_thousand_hubs_are_searched_as_typed(qtbot: Any, ws: Any) -> None:
    regions = [r.id for r in ws.regions()]
    with transaction(ws.store.sessions) as session:
        for n in range(5_000):
            hub_rows.add_hub(session, name=f"Хаб № {n:04d}", region_id=regions[n % len(regions)])
    dialog = _open(qtbot, ws)
    assert dialog.list.count() == 5_000 and dialog.found.text() == "5,000 of 5,000 hubs"
    qtbot.keyClick(dialog.list, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    type_text(dialog.search, "№ 12")  # four keystrokes, each filtering all 5,000
    # Both words anywhere: "12" in any place of the number (0012, 0112, 1120, 1203…).
    expected = [f"Хаб № {n:04d}" for n in range(5_000) if "12" in f"{n:04d}"]
    assert len(expected) == 199 and _names(dialog) == expected
    assert dialog.found.text() == "199 of 5,000 hubs"
    # Narrowed by region too: hub 12 is in the 13th region of the list.
    region = next(r for r in ws.regions() if r.id == regions[12])
    _type(qtbot, dialog, f"{region.name_en} № 12")
    assert _names(dialog) == [name for name in _names(dialog) if name.startswith("Хаб № ")]
    assert "Хаб № 0012" in _names(dialog) and len(_names(dialog)) < 199
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_End)
    assert dialog.chosen() == dialog.shown_hubs()[-1]  # End reaches the last hub shown, not a hidden one


@pytest.mark.usefixtures("hubs")
def test_the_new_person_hub_list_searches_the_same_way(qtbot: Any, ws: Any) -> None:
    from digigram.ui.hub_picker import HubPicker

    picker = HubPicker(None, hubs=ws.hubs(), lang="uk")
    qtbot.addWidget(picker)
    picker.show()

    def shown() -> list[str]:
        return [picker.list.item(r).text().split(" — ")[0] for r in range(picker.list.count())
                if not picker.list.item(r).isHidden()]

    type_text(picker.search, "lviv")  # the region in English, the app in Ukrainian
    assert shown() == ["Бібліотека імені Лесі Українки", "Хаб у Львові"]
    picker.search.clear()
    type_text(picker.search, "камянці")  # no apostrophe typed
    assert shown() == ["Хаб у Камʼянці-Подільському"]
    # Enter puts the whole line in the search; the hub stays found and chosen.
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.search.text() == "Хаб у Камʼянці-Подільському — Хмельницька область"
    assert picker.chosen() is not None and shown() == ["Хаб у Камʼянці-Подільському"]
