"""A new person the disk refuses to store (a full disk): the form comes back with everything typed, so
that nothing has to be typed again once there is room."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.person_dialog import NewPerson, PersonDialog
from tests.disks import fill


@pytest.fixture
def data_dir(data_on_a_small_disk: Path) -> Path:
    return data_on_a_small_disk


def test_a_new_person_refused_by_a_full_disk_is_offered_again_as_typed(
        qtbot: Any, window: Any, ws: Any, messages: list[str], small_disk: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """«The disk is full… try again», and the form with the name, hub, role, PIN and consent typed was
    gone: all of it to be typed again."""
    hub = ws.add_hub("Бучанська публічна бібліотека", region_id=None)
    typed = NewPerson("Оксана Петренко", hub.id, "librarian", "2580-осінь", True)
    filler: list[Path] = []
    shown: list[Any] = []

    def ask(cls: Any, parent: Any, *, profiles: Any, typed: NewPerson | None = None, **kwargs: Any) -> Any:
        if typed is None:  # the first time: the person fills the form in, and meanwhile the disk fills
            filler.append(fill(small_disk))
            return NewPerson("Оксана Петренко", hub.id, "librarian", "2580-осінь", True)
        dialog = cls(parent, profiles=profiles, typed=typed, **kwargs)  # the form offered again
        shown.append(dialog.value())
        dialog.deleteLater()
        filler[0].unlink()  # room made meanwhile; OK pressed
        return shown[-1]

    monkeypatch.setattr(PersonDialog, "ask", classmethod(ask))
    qtbot.mouseClick(window.home.new_person, Qt.MouseButton.LeftButton)
    assert len(messages) == 1 and "disk is full" in messages[0], messages
    assert shown == [typed], "the form came back empty, or not at all"
    person = window.person
    assert person is not None and person.name == "Оксана Петренко" and person.has_pin
    assert [p.name for p in ws.people()] == ["Оксана Петренко"]


def test_cancelling_the_form_offered_again_adds_nobody(
        qtbot: Any, window: Any, ws: Any, messages: list[str], small_disk: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Any] = []

    def ask(cls: Any, parent: Any, *, typed: NewPerson | None = None, **_: Any) -> Any:
        asked.append(typed)
        if typed is None:
            fill(small_disk)
            return NewPerson("Оксана Петренко", None, "librarian", None, True)
        return None  # Cancel

    monkeypatch.setattr(PersonDialog, "ask", classmethod(ask))
    qtbot.mouseClick(window.home.new_person, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and asked[1] is not None and asked[1].name == "Оксана Петренко"
    assert len(messages) == 1
    assert ws.people() == [] and window.person is None
