"""The toolbar's buttons say their keys when hovered: Home Ctrl+H, Settings Ctrl+, and Coordinator
Ctrl+K, written as the system writes keys, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QKeySequence

from digigram.ui.settings_dialog import Settings


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_each_toolbar_tooltip_names_its_key(window: Any, lang: str) -> None:
    window.apply_settings(Settings(language=lang), store=False)
    for action, key in ((window.home_action, "Ctrl+H"), (window.settings_action, "Ctrl+,"),
                        (window.coordinator_action, "Ctrl+K")):
        native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        tip = window.toolbar.widgetForAction(action).toolTip()
        assert tip.endswith(f"({native})"), f"«{action.text()}»: {tip}"
        assert tip.count(native) == 1, tip
        assert tip != f"({native})" and action.text() not in ("", tip)
    # each tooltip is said in the chosen language
    assert ("Назад на головний екран" in window.home_action.toolTip()) == (lang == "uk")
