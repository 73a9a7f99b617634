"""A name as long as allowed (200 characters) never makes the window wider than the screen: the status bar
ends it in "…" (whole in its tooltip), and the screens' headings wrap it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from digigram.core import limits
from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle
from tests.ui.layout_audit import problems

SPACED = ("Олександра-Марія Вишневецька-Коновалюк " * 6)[:limits.NAME_MAX].strip()
UNBROKEN = "Ш" * limits.NAME_MAX  # typed without a space: nowhere to wrap


def _fits(window: Any, width: int) -> list[str]:
    settle()
    found = problems(window)
    if window.width() > width:
        found.append(f"window {window.width()} px wide, more than {width}")
    if window.minimumSizeHint().width() > width:
        found.append(f"window asks for at least {window.minimumSizeHint().width()} px, more than {width}")
    # Nothing beyond the window's right edge either: the screen needs no sideways scrolling.
    if window.scroller.horizontalScrollBar().isVisible():
        found.append(f"{type(window.stack.currentWidget()).__name__} scrolls sideways")
    return found


@pytest.mark.parametrize(("lang", "scale", "size"), [("uk", 100, (1366, 768)), ("en", 100, (1366, 768)),
                                                      ("uk", 200, (1024, 600)), ("en", 200, (1024, 600))])
@pytest.mark.parametrize("name", [SPACED, UNBROKEN], ids=["spaced", "unbroken"])
def test_a_200_character_name_keeps_the_window_inside_the_screen(
        window: Any, ws: Any, lang: str, scale: int, size: tuple[int, int], name: str) -> None:
    assert len(name) >= limits.NAME_MAX - 1
    long = ws.create_person(name)
    short = ws.create_person("Іван Коваль")
    window.resize(*size)
    window.apply_settings(Settings(language=lang, text_scale=scale), store=False)
    window.home.refresh()
    settle()
    assert window.home.choose(long.id)
    assert _fits(window, size[0]) == []
    status = window.person_status
    assert name in status.text() and name in status.toolTip() and name in status.accessibleName()
    assert status.shown_text().endswith("…")  # the bar shows its start, not a cut-off line
    for screen in ("plan", "history"):
        getattr(window, f"show_{screen}")(long.id)
        assert _fits(window, size[0]) == [], screen
    window.go_home()
    assert window.home.choose(short.id)  # someone else: the window is its usual size again
    assert _fits(window, size[0]) == []
    assert status.toolTip() == ""  # a name that fits needs no tooltip


@pytest.mark.parametrize("name", [SPACED, UNBROKEN], ids=["spaced", "unbroken"])
def test_the_pin_dialog_wraps_a_200_character_name(window: Any, name: str) -> None:
    from digigram.ui.person_dialog import PinDialog

    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    dialog = PinDialog(window, name=name)
    dialog.show()
    settle()
    assert dialog.frameGeometry().width() <= 1024, "the PIN dialog is wider than a netbook's screen"
    dialog.close()


def test_the_plan_of_a_200_character_name_saves_under_the_suggested_file_name(
        window: Any, ws: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]) -> None:
    from digigram.ui import plan_view

    person = ws.create_person(SPACED)
    window.home.refresh()
    assert window.home.choose(person.id)
    window.show_plan(person.id)
    plan = window.view("plan")
    offered: list[str] = []

    def take_suggestion(parent: Any, suggested: str) -> str:
        offered.append(Path(suggested).name)
        return str(tmp_path / Path(suggested).name)

    monkeypatch.setattr(plan_view, "ask_pdf_path", take_suggestion)
    plan.export.click()
    (suggested,) = offered
    assert suggested.startswith("Олександра-Марія Вишневецька") and suggested.endswith(".pdf")
    assert len(suggested.encode()) <= 255  # a file name longer than that cannot be made
    assert (tmp_path / suggested).exists() and messages == []  # not «File name too long»
