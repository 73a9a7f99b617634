"""Starting the app: which language it speaks first."""

from __future__ import annotations

from argparse import Namespace
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
