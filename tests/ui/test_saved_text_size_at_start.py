"""With 200 % text saved in Settings, Home was laid out for the window's first size and stayed wider than
the window on every start: it scrolled sideways. A change in Settings did not; the start now fits the
screens as that change does."""

from __future__ import annotations

from typing import Any

import pytest

from digigram.ui.main_window import KEY_SCALE
from tests.ui.helpers import settle


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_home_fits_the_window_when_large_text_was_saved(qtbot: Any, ws: Any, lang: str) -> None:
    from digigram.app import finish_opening, qapplication
    from digigram.ui import appearance
    from digigram.ui.main_window import MainWindow
    from digigram.ui.settings_dialog import Settings

    ws.create_person("Оксана Коваль")
    ws.set_setting(KEY_SCALE, 200)
    qapplication()
    # As the app starts (app.open_window): the window is on screen, «Opening your data…», before the data
    # and its saved settings are there.
    appearance.install_language(lang)
    win = MainWindow(None, settings=Settings(language=lang))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    settle(4)
    finish_opening(win, ws, language=lang)
    settle(16)
    assert win.settings.text_scale == 200
    assert win.stack.currentWidget() is win.home
    sideways = win.scroller.horizontalScrollBar()
    assert sideways.maximum() == 0, f"Home is {sideways.maximum()} px wider than the window"
