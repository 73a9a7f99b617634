"""Every screen at a small laptop size and the default size, at 100/150/200 % text, normal and high contrast.

The framework here has long names, questions and answers, so that anything that does not wrap shows.
Geometry, not pixels: each text widget gets the room it asks for, anything out of view is in a scroll
area, and the window stays inside the screen (1366×768 here, offscreen and under Xvfb alike).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from digigram.core.regions import Hub
from digigram.ui.coordinator.hubs import HubsDialog
from digigram.ui.coordinator.login import PasswordDialog
from digigram.ui.coordinator.sync import SyncDialog
from digigram.ui.hub_picker import AddHubDialog
from digigram.ui.mnemonics import clashes
from digigram.ui.person_dialog import PersonDialog
from digigram.ui.settings_dialog import Settings, SettingsDialog
from tests.ui.helpers import answer_current, create_person, turn_to
from tests.ui.layout_audit import problems, scroll_areas_reach_everything, settle

LONG = Path(__file__).resolve().parents[1] / "frameworks" / "long-texts.yaml"
SIZES = {"small laptop": (1024, 600), "default": (980, 700)}
SECRET = "ключ-хабу-2024"


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Any]:
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=LONG)
    yield workspace
    workspace.close()


def audit(win: QWidget, where: str, seen: dict[str, list[str]]) -> None:
    settle()
    found = problems(win) + scroll_areas_reach_everything(win)
    found += [f"Alt+{letter} used by {texts}" for letter, texts in clashes(win).items()]
    # A widget that lost its parent becomes a window of its own, which a real X server shows.
    found += [f"stray window {type(w).__name__} at {w.geometry().getRect()}"
              for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow() and w is not win
              and not isinstance(w, (QDialog, QMainWindow))]
    scroller = getattr(win, "scroller", None)
    if scroller is not None and scroller.horizontalScrollBar().maximum() > 0:
        # Reachable, but reading sideways is no way to read: the screen's text must wrap instead.
        widest = max((win.stack.widget(i) for i in range(win.stack.count())),
                     key=lambda w: w.minimumSizeHint().width())
        found.append(f"the screen scrolls sideways by {scroller.horizontalScrollBar().maximum()} px; widest "
                     f"screen {type(widest).__name__}, {widest.minimumSizeHint().width()} px")
    if found:
        seen[where] = found


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("scale", [100, 150, 200])
@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_every_screen_fits_and_nothing_is_cut_off(
    qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, size: str, scale: int, contrast: bool
) -> None:
    win = window
    win.apply_settings(Settings(language="uk", text_scale=scale, high_contrast=contrast), store=False)
    win.resize(*SIZES[size])
    seen: dict[str, list[str]] = {}
    audit(win, "home", seen)
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    asked = 0
    while win.quiz.session is not None:
        audit(win, f"question {win.quiz.item.id}", seen)
        answer_current(qtbot, win, 1)
        asked += 1
        assert asked < 20
    results = win.view("results")
    for tab in range(results.tabs.count()):
        results.tabs.setCurrentIndex(tab)
        audit(win, f"results tab {tab}", seen)
    win.show_plan(person.id)
    audit(win, "plan", seen)
    win.show_history(person.id)
    audit(win, "history", seen)
    ws.set_coordinator_password(SECRET)
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    win.open_coordinator()
    dash = win.stack.currentWidget()
    for tab in range(dash.tabs.count()):
        turn_to(dash, tab)
        audit(win, f"dashboard tab {tab}", seen)
    win.show_trainee(person.id)
    audit(win, "trainee", seen)
    win.go_home()
    # Back at ordinary text the window is no wider than the screen either.
    win.apply_settings(Settings(language="uk", text_scale=100), store=False)
    audit(win, "home again at 100 %", seen)
    assert seen == {}


@pytest.mark.parametrize("scale", [100, 200])
def test_dialogs_fit_at_every_text_size(qtbot: Any, window: Any, scale: int) -> None:
    win = window
    win.apply_settings(Settings(language="uk", text_scale=scale, high_contrast=scale == 200), store=False)
    hubs = [Hub(f"h{n}", f"Центральна бібліотека імені Лесі Українки №{n}", region.id)
            for n, region in enumerate(win.ws.regions()[:8])]
    win.ws.set_coordinator_password(SECRET)
    co = win.ws.unlock_coordinator(SECRET)
    for hub in hubs[:5]:  # the Hubs… dialog lists stored ones, one still without a region among them
        win.ws.add_hub(hub.name, region_id=hub.region_id)
    win.ws.add_hub("Бібліотека-філія №12 Центральної бібліотечної системи для дорослих", region_id=None)
    dialogs: list[QDialog] = [
        PersonDialog(win, profiles=[("librarian", "Бібліотекар")]),
        PersonDialog(win, profiles=[("librarian", "Бібліотекар")], hubs=hubs, lang="uk"),
        AddHubDialog(win, regions=win.ws.regions(), lang="uk"),
        HubsDialog(win, ws=win.ws, co=co, lang="uk"),
        SyncDialog(win, ws=win.ws, co=co, lang="uk"),
        SettingsDialog(win, current=win.settings),
        PasswordDialog(win, kind="first"),
        PasswordDialog(win, kind="change"),
    ]
    seen: dict[str, list[str]] = {}
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        audit(dialog, f"{type(dialog).__name__}", seen)
        dialog.close()
    assert seen == {}


def test_english_alt_keys_do_not_clash(qtbot: Any, window: Any, ws: Any,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # The walk above is in Ukrainian; English underlines other letters, and two buttons on one screen
    # sharing Alt+letter means the key reaches only one of them.
    win = window
    win.apply_settings(Settings(language="en", text_scale=100), store=False)
    seen: dict[str, list[str]] = {}

    def check(where: str, widget: QWidget) -> None:
        settle()
        found = [f"Alt+{letter} used by {texts}" for letter, texts in clashes(widget).items()]
        if found:
            seen[where] = found

    check("home", win)
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    asked = 0
    while win.quiz.session is not None:
        check(f"question {win.quiz.item.id}", win)
        answer_current(qtbot, win, 1)
        asked += 1
        assert asked < 20
    results = win.view("results")
    for tab in range(results.tabs.count()):
        results.tabs.setCurrentIndex(tab)
        check(f"results tab {tab}", win)
    win.show_plan(person.id)
    check("plan", win)
    win.show_history(person.id)
    check("history", win)
    ws.set_coordinator_password(SECRET)
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    win.open_coordinator()
    dash = win.stack.currentWidget()
    for tab in range(dash.tabs.count()):
        turn_to(dash, tab)
        check(f"dashboard tab {tab}", win)
    win.show_trainee(person.id)
    check("trainee", win)
    co = ws.unlock_coordinator(SECRET)
    ws.add_hub("Central library", region_id=None)
    hubs = [Hub("h1", "Central library", None)]
    for dialog in (
        PersonDialog(win, profiles=[("librarian", "Librarian")], hubs=hubs, lang="en"),
        AddHubDialog(win, regions=ws.regions(), lang="en"),
        HubsDialog(win, ws=ws, co=co, lang="en"),
        SyncDialog(win, ws=ws, co=co, lang="en"),
        SettingsDialog(win, current=win.settings),
        PasswordDialog(win, kind="first"),
        PasswordDialog(win, kind="change"),
    ):
        dialog.show()
        qtbot.waitExposed(dialog)
        check(type(dialog).__name__, dialog)
        dialog.close()
    assert seen == {}
