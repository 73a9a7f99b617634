"""UI test fixtures: a fresh Workspace in a temporary folder, the window over it, dialogs answered by code."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from digigram.ui import appearance, errors
from digigram.ui.person_dialog import NewPerson, PersonDialog, PinDialog
from digigram.ui.rating_dialog import RatingDialog
from digigram.ui.translations import compile_all
from tests.ui.fake_workspace import FakeWorkspace


@pytest.fixture(scope="session", autouse=True)
def _translations() -> None:
    compile_all()


@pytest.fixture
def ws(tmp_path: Any) -> Iterator[Any]:
    workspace = FakeWorkspace()
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
                               "person": NewPerson("Оксана Петренко", "Хаб у Бучі", "librarian", None, True)}
    monkeypatch.setattr(RatingDialog, "ask", classmethod(lambda cls, parent, after=False: answers["rating"]))
    monkeypatch.setattr(PinDialog, "ask", classmethod(lambda cls, parent, name: answers["pin"]))
    monkeypatch.setattr(PersonDialog, "ask", classmethod(lambda cls, parent, profiles: answers["person"]))
    return answers


@pytest.fixture
def window(qtbot: Any, ws: Any, dialogs: dict[str, Any], messages: list[str]) -> Iterator[Any]:
    from digigram.app import build_window, qapplication

    qapplication()
    win = build_window(ws, language="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    appearance.apply_contrast(False)
    appearance.apply_text_scale(100)
