"""Starting the app: the window shows at once, data opens after; the language it speaks first."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path
from typing import Any

import pytest

from digigram.app import requested_language
from digigram.ui.main_window import KEY_LANGUAGE, load_settings


@pytest.mark.parametrize(
    ("args", "stored", "expected"),
    [
        # The system locale alone (args.lang filled in, but no --lang) never beats Ukrainian.
        (Namespace(lang="en", lang_explicit=False), None, "uk"),
        (Namespace(lang="en"), None, "uk"),
        # The saved choice wins over the system locale...
        (Namespace(lang="uk", lang_explicit=False), "en", "en"),
        # ...and an explicit --lang wins over the saved choice.
        (Namespace(lang="en", lang_explicit=True), "uk", "en"),
        (Namespace(lang="uk", lang_explicit=True), "en", "uk"),
    ],
)
def test_language_at_start(ws: Any, args: Namespace, stored: str | None, expected: str) -> None:
    if stored is not None:
        ws.set_setting(KEY_LANGUAGE, stored)
    assert load_settings(ws, language=requested_language(args)).language == expected


def test_the_window_shows_at_once_and_opens_the_data_after(qtbot: Any, data_dir: Path,
                                                            messages: list[str]) -> None:
    from digigram.app import open_window, qapplication

    qapplication()
    win = open_window(Namespace(data_dir=str(data_dir), lang="en", lang_explicit=False))
    qtbot.addWidget(win)
    # Before the first paint: a calm line in Ukrainian, nothing to press yet.
    assert win.stack.currentWidget() is win.opening
    assert win.opening.text.text() == "Відкриваємо дані…"
    assert not win.is_ready and not win.settings_action.isEnabled()
    with qtbot.waitSignal(win.ready, timeout=10000):
        win.show()
    try:
        assert win.stack.currentWidget() is win.home
        assert win.home.full.text() == "Почати повн&у перевірку"
        assert win.settings_action.isEnabled()
        assert messages == []
    finally:
        win.ws.close()


def test_a_damaged_database_is_explained_in_the_users_language(qtbot: Any, data_dir: Path,
                                                               messages: list[str]) -> None:
    from digigram.app import open_window, qapplication
    from digigram.core.paths import database_path

    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(b"this is not a database, it was cut off by a power failure" * 40)
    qapplication()
    win = open_window(Namespace(data_dir=str(data_dir), lang="en", lang_explicit=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert len(messages) == 1
    assert "damaged" in messages[0] and "digigram restore" in messages[0]
    # The window says the same, rather than going on saying it is opening.
    assert win.opening.text.text() == messages[0]
    assert not win.is_ready
