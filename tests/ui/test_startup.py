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


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The statuses the app asked to end with. Recorded, not done: QCoreApplication.exit outside a
    running loop left every later wait of the test process returning at once."""
    from PySide6.QtCore import QCoreApplication

    asked: list[int] = []
    monkeypatch.setattr(QCoreApplication, "exit", staticmethod(lambda code=0: asked.append(code)))
    return asked


def test_a_damaged_database_is_explained_in_the_users_language(qtbot: Any, data_dir: Path,
                                                               messages: list[str], exits: list[int]) -> None:
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
    assert exits == [2]


def _damaged_with_a_backup(data_dir: Path, *, password: str | None = None) -> tuple[Path, bytes]:
    """A data folder whose database holds one person and has a backup, then was damaged."""
    from digigram.core.paths import database_path
    from digigram.services.workspace import Workspace

    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Оксана Петренко")
        if password is not None:
            ws.set_coordinator_password(password)
        assert ws.backup_now("manual") is not None
    damaged = b"SQLite format 3\x00" + b"\xff" * 4000  # the header's start, then garbage
    database_path(data_dir).write_bytes(damaged)
    return database_path(data_dir), damaged


def _started(qtbot: Any, data_dir: Path) -> Any:
    """The app's window on `data_dir`, in English, shown as `digigram` shows it."""
    from digigram.app import open_window, qapplication

    qapplication()
    win = open_window(Namespace(data_dir=str(data_dir), lang="en", lang_explicit=True))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.mark.parametrize("password", [None, "тридцять-два-кити"])
def test_a_damaged_database_can_be_replaced_by_its_backup_in_the_app(
        qtbot: Any, data_dir: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch,
        exits: list[int], password: str | None) -> None:
    """The message named `digigram restore`, a terminal command a librarian at a library PC cannot
    run. The app now offers the newest sound backup below what went wrong (after the coordinator
    password, once one is set), keeps the damaged file aside and opens the data."""
    from digigram.ui import restore_offer
    from digigram.ui.coordinator.login import PasswordDialog

    db, damaged = _damaged_with_a_backup(data_dir, password=password)
    offered: list[str] = []
    monkeypatch.setattr(restore_offer, "ask_to_restore",
                        lambda parent, problem, choice: offered.append(problem) or True)
    asked: list[str] = []
    monkeypatch.setattr(PasswordDialog, "ask",
                        classmethod(lambda cls, parent, *, kind: asked.append(kind) or ("", password)))
    win = _started(qtbot, data_dir)
    qtbot.waitUntil(lambda: win.is_ready, timeout=10000)
    try:
        assert len(offered) == 1 and "damaged" in offered[0]
        assert asked == ([] if password is None else ["restore"]) and exits == []
        assert len(messages) == 1 and "kept as" in messages[0], messages  # no separate problem box
        assert [p.name for p in win.ws.people()] == ["Оксана Петренко"]
        kept = [p for p in db.parent.iterdir() if p.is_file() and p.read_bytes() == damaged]
        assert kept and all(p != db for p in kept), "the damaged file was not kept aside"
    finally:
        win.ws.close()


def test_a_backup_is_put_back_only_with_the_coordinator_password(
        qtbot: Any, data_dir: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch,
        exits: list[int]) -> None:
    """A wrong password is said and asked again (it closed the app); giving up leaves the file."""
    from digigram.ui import restore_offer
    from digigram.ui.coordinator.login import PasswordDialog

    db, damaged = _damaged_with_a_backup(data_dir, password="тридцять-два-кити")
    monkeypatch.setattr(restore_offer, "ask_to_restore", lambda parent, problem, choice: True)
    typed = iter([("", "не той пароль"), None])  # a wrong one, then Cancel
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind: next(typed)))
    win = _started(qtbot, data_dir)
    qtbot.waitUntil(lambda: exits == [2], timeout=10000)
    assert len(messages) == 1 and "password" in messages[0].lower(), messages
    assert not win.is_ready
    assert db.read_bytes() == damaged, "the damaged file was replaced without the password"


def test_a_wrong_password_then_the_right_one_puts_the_backup_back(
        qtbot: Any, data_dir: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch,
        exits: list[int]) -> None:
    from digigram.ui import restore_offer
    from digigram.ui.coordinator.login import PasswordDialog

    _damaged_with_a_backup(data_dir, password="тридцять-два-кити")
    monkeypatch.setattr(restore_offer, "ask_to_restore", lambda parent, problem, choice: True)
    typed = iter([("", "не той пароль"), ("", "тридцять-два-кити")])
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind: next(typed)))
    win = _started(qtbot, data_dir)
    qtbot.waitUntil(lambda: win.is_ready, timeout=10000)
    try:
        assert exits == [] and "password" in messages[0].lower() and "kept as" in messages[-1]
        assert [p.name for p in win.ws.people()] == ["Оксана Петренко"]
    finally:
        win.ws.close()
