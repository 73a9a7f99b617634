"""Home at the first start, with nobody on the computer yet: the right pane says to add a person first and
names the button and its key, instead of asking to choose someone from an empty list."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.settings_dialog import Settings


# «Alt+Н» alone read as Alt+H, which does nothing; the Latin layout's key for «Н» is Y.
@pytest.mark.parametrize(("lang", "button", "key"), [
    ("uk", "«Нова людина…»", "(Alt+Н, або Alt+Y на латинській розкладці)"),
    ("en", "“New person…”", "(Alt+N)")])
def test_with_nobody_yet_home_points_to_new_person(qtbot: Any, window: Any, lang: str, button: str,
                                                   key: str) -> None:
    window.apply_settings(Settings(language=lang), store=False)
    home = window.home
    assert home.shown_names() == []
    said = home.who.text()
    assert button in said and key in said, said
    assert {"uk": "виберіть", "en": "Choose"}[lang] not in said  # there is nobody to choose
    qtbot.mouseClick(home.new_person, Qt.MouseButton.LeftButton)  # the dialog answers «Оксана Петренко»
    assert home.shown_names() == ["Оксана Петренко"]
    assert "Оксана Петренко" in home.who.text()
    window.go_home()  # someone is here now, chosen by nobody: the usual words
    home.people.clearSelection()
    assert {"uk": "виберіть людину", "en": "Choose a person"}[lang] in home.who.text()
