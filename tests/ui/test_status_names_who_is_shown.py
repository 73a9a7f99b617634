"""The status bar names the person on screen: never the one chosen on Home while the coordinator looks
at someone else."""

from __future__ import annotations

from typing import Any

import pytest

from digigram.ui.coordinator.login import PasswordDialog
from digigram.ui.settings_dialog import Settings

SECRET = "ключ-хабу-2024"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_status_bar_names_the_trainee_on_screen_or_no_one(
    window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    chosen = ws.create_person("Оксана Петренко", hub="Хаб у Бучі")
    other = ws.create_person("Іван Мельник", hub="Хаб в Ірпені")
    ws.set_coordinator_password(SECRET)
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    window.apply_settings(Settings(language=lang), store=False)
    window.select_person(chosen.id)
    bar = window.person_status
    assert "Оксана Петренко" in bar.text()

    window.open_coordinator()
    assert "Оксана Петренко" not in bar.text(), "the dashboard shows many trainees, not the one on Home"
    window.show_trainee(other.id)
    assert "Іван Мельник" in bar.text() and "Оксана Петренко" not in bar.text()
    window.coordinator_screens["trainee"].back_to_dashboard()
    assert "Іван Мельник" not in bar.text() and "Оксана Петренко" not in bar.text()

    window.go_home()  # leaving coordinator mode: Home's person again
    assert "Оксана Петренко" in bar.text()
