"""In high contrast a focused button's thicker yellow edge takes no room from its text: «Видалити
слухача…» was cut to «Видалити слухача..» when the keyboard reached it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle


def _room_for_text(button: Any) -> int:
    """The width the style leaves for the button's text, in its present state (focused or not)."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    return button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button).width()


@pytest.mark.parametrize("scale", [100, 200])
def test_a_focused_button_keeps_room_for_its_text(qtbot: Any, window: Any, scale: int) -> None:
    window.home.search.setFocus()  # the button is laid out at rest, as the dashboard's was
    qtbot.waitUntil(window.home.search.hasFocus)
    window.apply_settings(Settings(language="uk", text_scale=scale, high_contrast=True), store=False)
    settle()
    button = window.home.new_person  # at its own width, beside the list's label
    at_rest = _room_for_text(button)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    settle()
    assert QApplication.focusWidget() is button
    text = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
    assert _room_for_text(button) >= text, f"«{button.text()}» is cut when focused"
    assert _room_for_text(button) == at_rest, "the yellow edge narrows the text's room"
