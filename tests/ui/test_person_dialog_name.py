"""The new-person form says what is wrong with a name beside it, and asks before adding a second person of
a name already on the computer (two people may share a name, so it does not forbid it)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from digigram.core import limits
from digigram.ui import errors
from digigram.ui.person_dialog import NewPerson, PersonDialog
from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle, type_text


def _dialog(qtbot: Any, window: Any, **kwargs: Any) -> PersonDialog:
    kwargs.setdefault("profiles", [("librarian", "Бібліотекар")])
    dialog = PersonDialog(window, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_name_of_spaces_or_cut_at_the_limit_is_explained_beside_the_field(
        qtbot: Any, window: Any, lang: str) -> None:
    window.apply_settings(Settings(language=lang), store=False)
    dialog = _dialog(qtbot, window)
    problem = dialog.name_problem
    assert not problem.isVisible()  # nothing typed yet: nothing to complain about
    dialog.consent.setChecked(True)
    type_text(dialog.name, "   ")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert problem.isVisible() and {"uk": "пробіл", "en": "spaces"}[lang] in problem.text()
    assert dialog.name.accessibleDescription() == problem.text().removeprefix("⚠ ")
    # The note sits right below the name field, between it and the next field.
    settle()
    assert dialog.name.geometry().bottom() < problem.geometry().top() < dialog.profile.geometry().top()
    dialog.name.clear()
    dialog.name.insert("Я" * 300)  # pasted: the field keeps 200
    assert len(dialog.name.text()) == limits.NAME_MAX
    assert problem.isVisible() and str(limits.NAME_MAX) in problem.text()
    assert ok.isEnabled()  # 200 characters are a name; the note only says why no more were taken
    dialog.name.setText("Оксана Петренко")
    assert not problem.isVisible() and dialog.name.accessibleDescription() == ""


@pytest.mark.parametrize(("typed", "answer"), [("  оксана   петренко-сидоренко ", "back"),
                                               ("Оксана Петренко-Сидоренко", "another")])
def test_a_name_already_here_is_asked_about_and_can_still_be_added(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, typed: str, answer: str) -> None:
    window.apply_settings(Settings(language="uk"), store=False)
    ws.create_person("Оксана Петренко-Сидоренко", hub="Хаб у Бучі")
    ws.create_person("Іван Коваль")
    window.home.refresh()
    asked: list[str] = []

    def reply(box: QMessageBox) -> int:
        asked.append(box.text())
        wanted = "Додати ще одну" if answer == "another" else "Повернутися"
        next(b for b in box.buttons() if b.text().replace("&", "") == wanted).click()
        return 0

    monkeypatch.setattr(errors, "ask_box", reply)

    def drive(cls: Any, parent: Any, **kwargs: Any) -> NewPerson | None:
        dialog = _dialog(qtbot, parent, **kwargs)
        dialog.name.setText(typed)
        dialog.consent.setChecked(True)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        if answer == "back":
            assert dialog.isVisible(), "going back leaves the form open with what was typed"
            assert dialog.focusWidget() is dialog.name and dialog.name.selectedText() == typed
            dialog.reject()
            return None
        assert not dialog.isVisible()
        return dialog.value()

    monkeypatch.setattr(PersonDialog, "ask", classmethod(drive))
    window.home.create_person()
    assert len(asked) == 1 and "уже є" in asked[0] and "Хаб у Бучі" in asked[0]
    same = [p for p in ws.people() if "Сидоренко" in p.name]
    assert len(same) == (2 if answer == "another" else 1)


def test_a_new_name_is_added_without_a_question(qtbot: Any, window: Any, ws: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    ws.create_person("Оксана Петренко-Сидоренко")
    asked: list[str] = []
    monkeypatch.setattr(errors, "ask_box", lambda box: asked.append(box.text()) or 0)
    dialog = _dialog(qtbot, window, people=[(p.name, p.hub) for p in ws.people()])
    dialog.name.setText("Оксана Петренко")  # a part of a name is another name
    dialog.consent.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert asked == [] and not dialog.isVisible()


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", ("щонайменше з 4 символів", "не дасть іншим людям", "у Digigram",
            "координатор хабу все ж може відкрити їх паролем координатора")),
    ("en", ("at least 4 characters", "stops others", "in Digigram",
            "the hub's coordinator can still open them with the coordinator password"))])
@pytest.mark.parametrize("scale", [100, 200])
def test_the_pin_note_says_the_coordinator_can_still_open_the_results(
        qtbot: Any, window: Any, lang: str, words: tuple[str, ...], scale: int) -> None:
    """«A PIN stops others on this computer from opening your results» promised more than it keeps: the
    PIN box's «Coordinator opens it…» opens them with the coordinator password, and the database file is
    not encrypted (only Digigram keeps them closed). The note says so, whole."""
    window.apply_settings(Settings(language=lang, text_scale=scale), store=False)
    dialog = _dialog(qtbot, window)
    settle(8)
    note = dialog.pin_note
    for said in words:
        assert said in note.text(), said
    assert note.isVisible() and note.height() >= note.heightForWidth(note.width()), "the note is cut"
    assert note.width() <= dialog.body.viewport().width(), "the note is wider than the form"


def test_a_pin_too_short_points_at_the_note_that_says_how_long(qtbot: Any, window: Any) -> None:
    """OK stayed grey while a three-digit PIN was typed, with no mark of why: the note on the PIN's length
    is marked while the PIN typed is too short, and unmarked once it is long enough."""
    dialog = _dialog(qtbot, window)
    type_text(dialog.name, "Тетяна Бондаренко")
    dialog.consent.setChecked(True)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    note = dialog.pin_note.text()
    type_text(dialog.pin, "123")
    assert not ok.isEnabled()
    assert dialog.pin_note.text() == "⚠ " + note
    assert dialog.pin.accessibleDescription() == note  # a screen reader hears why, at the field
    type_text(dialog.pin, "4")
    assert ok.isEnabled()
    assert dialog.pin_note.text() == note and dialog.pin.accessibleDescription() == ""
