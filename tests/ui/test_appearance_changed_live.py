"""Text size and high contrast changed while the app is open look as they do after a fresh start."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard


def _pixels(widget: Any) -> int:
    return QFontInfo(widget.font()).pixelSize()


def _app_pixels() -> int:
    return QFontInfo(QApplication.font()).pixelSize()


# Each step is one visit to the settings dialog while Home is shown, after the dashboard was opened.
CHANGES = [
    [(200, True)],
    [(100, True), (200, True)],  # high contrast first, the larger text on a second visit
    [(200, False), (200, True)],
    [(100, True), (200, True), (200, False)],
]


@pytest.mark.parametrize("changes", CHANGES, ids=lambda c: "-".join(f"{s}{'hc' if h else ''}" for s, h in c))
def test_dashboard_tabs_follow_text_size_changed_later(
        window: Any, ws: Any, typed: dict[str, Any], changes: list[tuple[int, bool]]) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang="uk", scale=100, size=(1366, 740))
    window.go_home()
    settle()
    for scale, contrast in changes:
        window.apply_settings(Settings(language="uk", text_scale=scale, high_contrast=contrast), store=False)
        settle()
    window.coordinator_action.trigger()
    settle()
    assert window.stack.currentWidget() is view
    bar = view.tabs.tabBar()
    assert _pixels(bar) >= _app_pixels(), "the tab names stay at the old text size"


def test_home_title_stays_large_when_high_contrast_is_turned_off(window: Any) -> None:
    window.apply_settings(Settings(language="uk", text_scale=200, high_contrast=True), store=False)
    settle()
    title = window.home.title
    large = _pixels(title)
    assert large > _app_pixels()
    window.apply_settings(Settings(language="uk", text_scale=200, high_contrast=False), store=False)
    settle()
    assert _pixels(title) >= large - 1, "the Home title shrank when high contrast was turned off"

