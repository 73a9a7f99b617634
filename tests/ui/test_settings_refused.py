"""Settings the disk refuses to keep (a full disk): said once, in the language just chosen, and the
choice still applies to this session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from digigram.ui.settings_dialog import Settings
from tests.disks import fill
from tests.ui.helpers import chosen_in_settings


@pytest.fixture
def data_dir(data_on_a_small_disk: Path) -> Path:
    return data_on_a_small_disk


def test_settings_on_a_full_disk_are_refused_in_one_message(
        qtbot: Any, window: Any, ws: Any, messages: list[str], small_disk: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One choice in Settings, three «The disk is full…» boxes one after another: one per setting kept."""
    filler = fill(small_disk)
    chosen_in_settings(monkeypatch, window, language="uk", text_scale=150, high_contrast=True)
    assert len(messages) == 1, messages
    assert "На диску не залишилося місця" in messages[0]
    assert window.settings == Settings(language="uk", text_scale=150, high_contrast=True)
    filler.unlink()
