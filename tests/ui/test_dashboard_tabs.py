"""The dashboard's tab names at 200 % text on a 1024×600 netbook: whole, never «Train…»."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_tab_names_are_whole_at_200_percent(window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
                                            lang: str) -> None:
    view = netbook_dashboard(window, ws, lang=lang, scale=200)
    bar = view.tabs.tabBar()
    assert view.tabs.elideMode() == Qt.TextElideMode.ElideNone, "names cut to «Train…» cannot be read"
    for index in range(bar.count()):
        text = bar.tabText(index).replace("&", "")
        room = bar.tabRect(index).width()
        assert room >= bar.fontMetrics().horizontalAdvance(text), f"«{text}» is cut"
    # All five fit side by side on the netbook: no scroll arrows needed to reach one.
    assert bar.tabRect(bar.count() - 1).right() <= bar.width()
