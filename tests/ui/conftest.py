"""UI test fixtures: a fresh Workspace in a temporary folder, the window over it, dialogs answered by code."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError as WaitTimeout

from digigram.ui import appearance, errors, main_window
from digigram.ui.person_dialog import NewPerson, PersonDialog, PinDialog
from digigram.ui.rating_dialog import RatingDialog
from digigram.ui.translations import compile_all

UI_DIR = Path(__file__).resolve().parent

# The offscreen platform's own screen is 800×800; the screens are checked against a common laptop's
# 1366×768, the same size the Xvfb run uses (Makefile), so both runs judge the same geometry.
if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={UI_DIR / 'offscreen-1366x768.json'}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot pass size hints to a window manager it does not have;
    # it says nothing about Digigram, so that one message is allowed while every other warning fails.
    for item in items:
        if UI_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture(scope="session", autouse=True)
def _translations() -> None:
    compile_all()


@pytest.fixture(scope="session", autouse=True)
def _own_folders() -> None:
    # Qt's test mode keeps Documents and the remembered folders (QSettings) away from the real ones.
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)


MINI = Path(__file__).resolve().parents[1] / "frameworks" / "minimal.yaml"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def data_on_a_small_disk(small_disk: Path) -> Iterator[Path]:
    """A data folder on a 16 MiB disk of its own, to fill (a module names it its `data_dir`)."""
    yield small_disk / "data"
    # The window pytest-qt closed is deleted now, while its disk is still mounted: left for later, it
    # answered the next test's change of language by reading a database whose disk was gone.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Any]:
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=MINI)
    yield workspace
    workspace.close()


SELF_RATED_AREA = Path(__file__).resolve().parents[1] / "frameworks" / "self-rated-area.yaml"


@pytest.fixture
def self_rated_ws(data_dir: Path) -> Iterator[Any]:
    """A workspace on a framework whose INF area has only self-ratings, so no answer measures it
    (core.records.measured). A module that needs it names it its `ws`."""
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=SELF_RATED_AREA)
    yield workspace
    workspace.close()


@pytest.fixture
def shipped_ws(data_dir: Path) -> Iterator[Any]:
    """A workspace on the shipped framework: its areas, levels and questions as long as a person meets
    (the test framework's are short). A module that needs it names it its `ws`."""
    from competency_framework import shipped_framework_path
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=shipped_framework_path())
    yield workspace
    workspace.close()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes are recorded here instead of waiting for a click."""
    seen: list[str] = []
    monkeypatch.setattr(errors, "ask_box", lambda box: seen.append(box.text()) or 0)
    return seen


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Answers the dialogs would give; tests change them."""
    answers: dict[str, Any] = {"rating": 6, "pin": None,
                               "person": NewPerson("Оксана Петренко", None, "librarian", None, True)}
    monkeypatch.setattr(RatingDialog, "ask", classmethod(lambda cls, parent, after=False: answers["rating"]))
    monkeypatch.setattr(PinDialog, "ask", classmethod(lambda cls, parent, name, **_: answers["pin"]))
    monkeypatch.setattr(PersonDialog, "ask",
                        classmethod(lambda cls, parent, profiles, **_: answers["person"]))
    answers["paused"] = "continue"  # starting while a check is paused: continue it, "restart" or None
    monkeypatch.setattr(main_window, "ask_continue_or_restart", lambda parent: answers["paused"])
    return answers


@pytest.fixture
def window(qtbot: Any, ws: Any, dialogs: dict[str, Any], messages: list[str]) -> Iterator[Any]:
    from digigram.app import build_window, qapplication

    qapplication()
    win = build_window(ws, language="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    # Keyboard shortcuts go to the active window only; a real X server without a window manager
    # does not activate a new window by itself (offscreen does).
    for _ in range(3):
        if QApplication.platformName() != "offscreen":  # offscreen cannot raise and warns
            win.raise_()
        win.activateWindow()
        try:
            qtbot.waitUntil(win.isActiveWindow, timeout=2000)
            break
        except WaitTimeout:
            continue  # asked again: the X server may still be handing focus back from the last test
    yield win
    appearance.apply_looks(text_scale=100, high_contrast=False)
    # A test that switched to Ukrainian left it on for the next one, which may build its widgets
    # without a window (the hubs' search dialog expected English and read «Показано хабів: 5 з 5»).
    appearance.install_language("en")
