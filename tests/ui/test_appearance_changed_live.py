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


# One visit to the settings dialog from Home per step, each followed by a look at the dashboard, as a
# coordinator helping trainees would do over a session.
STEPS = ((200, True), (100, False), (200, True), (100, True), (200, True), (200, False), (100, True),
         (200, True))


# Whether the stale size shows depends on the order Qt restyles the widgets in (their places in memory),
# so not every window shows it; the walk is made in three windows in turn.
@pytest.mark.parametrize("window_number", [1, 2, 3])
def test_dashboard_tabs_follow_text_size_changed_later(
        window: Any, ws: Any, typed: dict[str, Any], window_number: int) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang="uk", scale=100, size=(1366, 740))
    for scale, contrast in STEPS:
        window.go_home()
        settle()
        window.apply_settings(Settings(language="uk", text_scale=scale, high_contrast=contrast), store=False)
        settle()
        window.coordinator_action.trigger()
        settle()
        assert window.stack.currentWidget() is view
        assert _pixels(view.tabs.tabBar()) == _app_pixels(), \
            f"the tab names are not at {scale} %{' in high contrast' if contrast else ''}"


def test_home_title_stays_large_when_high_contrast_is_turned_off(window: Any) -> None:
    window.apply_settings(Settings(language="uk", text_scale=200, high_contrast=True), store=False)
    settle()
    title = window.home.title
    large = _pixels(title)
    assert large > _app_pixels()
    window.apply_settings(Settings(language="uk", text_scale=200, high_contrast=False), store=False)
    settle()
    assert _pixels(title) >= large - 1, "the Home title shrank when high contrast was turned off"


@pytest.mark.parametrize("scale", [100, 200])
def test_scaled_titles_keep_their_size_when_high_contrast_is_turned_on(window: Any, scale: int) -> None:
    """The style sheet goes on after the app's font has changed; a title sized relative to that font
    (Home's, 1.4 times) keeps its size under it."""
    window.apply_settings(Settings(language="uk", text_scale=scale, high_contrast=False), store=False)
    settle()
    title = window.home.title
    plain = _pixels(title)
    assert plain > _app_pixels()
    window.apply_settings(Settings(language="uk", text_scale=scale, high_contrast=True), store=False)
    settle()
    assert abs(_pixels(title) - plain) <= 1, "the Home title changed size when high contrast was turned on"
