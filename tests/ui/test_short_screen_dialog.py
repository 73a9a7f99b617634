"""The new-person form on a screen shorter than it (a 1024×600 netbook at 200 % text): it scrolls."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from digigram.core.regions import Hub
from digigram.ui.person_dialog import PersonDialog
from digigram.ui.settings_dialog import Settings
from tests.ui.layout_audit import problems, scroll_areas_reach_everything, settle


def test_a_form_taller_than_the_screen_scrolls_and_keeps_its_buttons_in_view(qtbot: Any, window: Any) -> None:
    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    hubs = [Hub(f"h{n}", f"Центральна бібліотека №{n}", region.id)
            for n, region in enumerate(window.ws.regions()[:6])]
    # A long role name widens the role box past two thirds of the screen, where adjustSize() stops.
    roles = [("librarian", "Бібліотекар"),
             ("coordinator", "Координатор хабу цифрової освіти в публічній бібліотеці громади")]
    dialog = PersonDialog(window, profiles=roles, hubs=hubs, lang="uk")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(8)
    full = dialog.height()
    assert problems(dialog) == [], "at its own size nothing is squeezed or cut"
    # What fit_dialog does on a 600-pixel screen: the dialog is kept to the screen's height.
    dialog.resize(dialog.width(), 540)
    settle(8)
    assert full > 540, "at 200 % text the form needs more than such a screen"
    assert problems(dialog) == [] and scroll_areas_reach_everything(dialog) == []
    assert dialog.body.verticalScrollBar().isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.rect().contains(QRect(ok.mapTo(dialog, QPoint(0, 0)), ok.size()))
    # Tabbing to the consent box brings it into view inside the scrolled part.
    dialog.activateWindow()
    dialog.pin.setFocus()
    for _ in range(4):
        if QApplication.focusWidget() is dialog.consent:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        settle(2)
    assert QApplication.focusWidget() is dialog.consent
    top = dialog.consent.mapTo(dialog.body.viewport(), QPoint(0, 0)).y()
    assert top >= 0 and top + dialog.consent.height() <= dialog.body.viewport().height()


def test_a_form_cut_to_the_screen_height_keeps_its_fields_whole_beside_the_scroll_bar(
        qtbot: Any, window: Any) -> None:
    # Seen at 1024×600 and 200 %: the vertical scroll bar took its width from the fields, whose right
    # ends (the hub and role boxes' arrows) were cut behind a sideways scroll bar.
    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    hubs = [Hub(f"h{n}", f"Центральна бібліотека №{n}", region.id)
            for n, region in enumerate(window.ws.regions()[:6])]
    dialog = PersonDialog(window, profiles=[("librarian", "Бібліотекар")], hubs=hubs, lang="uk")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(8)
    dialog.resize(dialog.width(), 540)  # as fit_dialog keeps it to a 600-pixel screen
    settle(8)
    assert dialog.body.verticalScrollBar().isVisible()
    assert not dialog.body.horizontalScrollBar().isVisible(), "the form scrolls sideways as well"
    port = dialog.body.viewport()
    for field in (dialog.name, dialog.hub, dialog.profile, dialog.pin):
        right = field.mapTo(port, QPoint(field.width(), 0)).x()
        assert right <= port.width(), f"{field.accessibleName()} ends {right - port.width()} px out of view"


def test_the_new_person_form_is_no_wider_than_a_narrow_screen(
        qtbot: Any, window: Any, monkeypatch: Any) -> None:
    """A 1024×600 netbook at Qt's 200 % scaling has a screen 512 pixels wide; the form kept its own
    minimum of 520, and its right edge (the fields' ends, «Скасувати») was past the screen's edge."""
    from digigram.ui import widgets

    class Narrow:
        def availableGeometry(self) -> QRect:
            return QRect(0, 0, 512, 300)

    monkeypatch.setattr(widgets, "screen_of", lambda widget: Narrow())
    dialog = PersonDialog(window, profiles=[("librarian", "Бібліотекар")], lang="uk")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(8)
    assert dialog.frameGeometry().right() <= 511, dialog.frameGeometry()
    assert problems(dialog) == []
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert dialog.rect().contains(QRect(cancel.mapTo(dialog, QPoint(0, 0)), cancel.size()))
