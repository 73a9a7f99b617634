"""At 200 % text a message box's buttons show their whole text: Qt kept the box narrower than the screen
less 480 px and squeezed the buttons, so «Продовжити призупинену перевірку» and «Почати нову перевірку»
read «жити призупинену пе» and «Почати нову перевірк» at 1366×768."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from digigram.core.records import BackupChoice
from digigram.ui import errors
from digigram.ui.main_window import continue_or_restart_box
from digigram.ui.person_dialog import ask_same_name
from digigram.ui.restore_offer import ask_to_restore
from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle


def _cut(box: QMessageBox) -> list[str]:
    """The buttons narrower than their text needs, and those past the box's edge."""
    shown = [b for b in box.findChildren(QAbstractButton) if b.isVisible()]
    assert shown
    return [b.text() for b in shown
            if b.width() < b.sizeHint().width() or b.mapTo(box, b.rect().bottomRight()).x() > box.width()]


def _paused(parent: QWidget) -> QMessageBox:
    return continue_or_restart_box(parent)[0]


def _asked(ask: Callable[[QWidget], object]) -> Callable[[QWidget], QMessageBox]:
    """The box a function asks through errors.ask_box, left open (not answered) to be looked at."""
    def make(parent: QWidget) -> QMessageBox:
        seen: list[QMessageBox] = []
        saved = errors.ask_box
        errors.ask_box = lambda box: seen.append(box) or 0
        try:
            ask(parent)
        finally:
            errors.ask_box = saved
        return seen[0]
    return make


BOXES = {
    "paused check": _paused,
    "backup offer": _asked(lambda parent: ask_to_restore(
        parent, "Файл даних пошкоджено.", BackupChoice(Path("backup.sqlite3"), dt.datetime.now(dt.UTC)))),
    "same name": _asked(lambda parent: ask_same_name(parent, ["Хаб у Бучі", ""])),
    "problem": _asked(lambda parent: errors.show_text(parent, "Щось пішло не так.")),
}


@pytest.mark.parametrize("contrast", [False, True])
@pytest.mark.parametrize("which", list(BOXES))
def test_message_box_buttons_are_whole_at_200_percent(qtbot: Any, window: Any, contrast: bool,
                                                      which: str) -> None:
    window.apply_settings(Settings(language="uk", text_scale=200, high_contrast=contrast), store=False)
    settle()
    box = BOXES[which](window)
    qtbot.addWidget(box)
    box.show()
    settle()
    assert _cut(box) == []
    screen = box.screen().availableGeometry()
    assert box.frameGeometry().width() <= screen.width()  # it did not grow off the screen


def test_the_paused_check_buttons_read_in_full(qtbot: Any, window: Any) -> None:
    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    settle()
    box, go_on, again = continue_or_restart_box(window)
    qtbot.addWidget(box)
    box.show()
    settle()
    for button, words in ((go_on, "Продовжити призупинену перевірку"), (again, "Почати нову перевірку")):
        assert button.text().replace("&", "") == words
        needed = button.fontMetrics().horizontalAdvance(words)
        assert button.contentsRect().width() >= needed, (words, button.width(), needed)
