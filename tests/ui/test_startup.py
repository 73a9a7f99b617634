"""Starting the app: the window shows at once, data opens after; the language it speaks first."""

from __future__ import annotations

import threading
from argparse import Namespace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.app import requested_language
from digigram.ui.main_window import KEY_LANGUAGE, load_settings
from tests.disks import read_only_mount  # noqa: F401  (a fixture, used by name)
from tests.store.test_shared_pc import (  # noqa: F401  (fixtures, used by name)
    read_only_database,
    read_only_folder,
)


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
    # Said as the app can act on it: no terminal command (a librarian has none), and since there is no
    # backup to offer, who can help.
    assert "damaged" in messages[0] and "digigram restore" not in messages[0]
    assert messages[0].endswith("No sound backup of it was found: ask your hub's coordinator for help.")
    # The window says what is wrong too, rather than going on saying it is opening.
    assert win.opening.text.text() in messages[0] and "damaged" in win.opening.text.text()
    assert "digigram restore" not in win.opening.text.text()
    assert not win.is_ready
    assert exits == [2]


@pytest.mark.parametrize("case", ["read-only", "a file", "a folder for the database"])
def test_a_data_folder_the_app_cannot_use_says_who_can_help_not_a_command_line_option(
        qtbot: Any, tmp_path: Path, messages: list[str], exits: list[int], request: pytest.FixtureRequest,
        capsys: pytest.CaptureFixture[str], case: str) -> None:
    """A read-only data folder told the librarian to «choose another one with --data-dir», an option of a
    command line they never type. The app says whom to ask; the terminal keeps --data-dir. A folder where
    the database file belongs gave the crash dialog, and the window stayed on «Opening your data…»."""
    from digigram.app import open_window, qapplication
    from digigram.cli.main import main
    from digigram.core.paths import database_path

    if case == "a file":
        folder = tmp_path / "data"
        folder.write_bytes(b"")
        said = {"en": "is a file, not a folder", "uk": "це файл, а не тека"}
    elif case == "a folder for the database":
        folder = tmp_path / "data"
        database_path(folder).mkdir(parents=True)
        said = {"en": "is a folder, but Digigram keeps its database in a file",
                "uk": "це тека, а Digigram зберігає базу даних у файлі"}
    else:
        folder = request.getfixturevalue("read_only_folder")
        said = {"en": "can only be read", "uk": "можна лише читати"}
    qapplication()
    for lang, helper in (("en", "ask the person who set up this computer"),
                         ("uk", "попросіть того, хто налаштовував цей компʼютер")):
        win = open_window(Namespace(data_dir=str(folder), lang=lang, lang_explicit=True))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: bool(messages), timeout=10000)
        (shown,) = messages
        assert said[lang] in shown and helper in shown.lower() and "--data-dir" not in shown, shown
        assert win.opening.text.text() == shown and not win.is_ready
        messages.clear()
        assert main(["quiz", "--person", "Олена", "--data-dir", str(folder), "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert said[lang] in err and "--data-dir" in err, err
    assert exits == [2, 2]


def test_a_read_only_database_file_is_named_as_the_file_in_the_app_and_at_the_terminal(
        qtbot: Any, messages: list[str], exits: list[int], request: pytest.FixtureRequest,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A database file that could only be read, in a folder that could be written, was called «the data
    folder …/digigram.sqlite3». Both now name the file; the app says whom to ask, the terminal --data-dir."""
    from digigram.app import open_window, qapplication
    from digigram.cli.main import main
    from digigram.core.paths import database_path

    folder = request.getfixturevalue("read_only_database")
    database = database_path(folder)
    qapplication()
    for lang, named, helper in (
            ("en", f"The database file {database} can only be read",
             "ask the person who set up this computer"),
            ("uk", f"Файл бази даних {database} можна лише читати",
             "попросіть того, хто налаштовував цей компʼютер")):
        win = open_window(Namespace(data_dir=str(folder), lang=lang, lang_explicit=True))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: bool(messages), timeout=10000)
        (shown,) = messages
        assert shown.startswith(named) and helper in shown and "--data-dir" not in shown, shown
        assert win.opening.text.text() == shown and not win.is_ready
        messages.clear()
        assert main(["quiz", "--person", "Олена", "--data-dir", str(folder), "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert named in err and "--data-dir" in err, err
    assert exits == [2, 2]


def test_a_database_from_a_newer_digigram_says_what_a_librarian_can_do_not_an_option(
        qtbot: Any, data_dir: Path, messages: list[str], exits: list[int],
        capsys: pytest.CaptureFixture[str]) -> None:
    """A database a newer Digigram wrote ended with «(--data-dir)» in the app too. The app says to use
    that newer Digigram or to ask for it; the terminal keeps --data-dir."""
    import sqlite3

    from digigram.app import open_window, qapplication
    from digigram.cli.main import main
    from digigram.core.paths import database_path
    from digigram.services.workspace import Workspace

    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Оксана Петренко")
    with sqlite3.connect(database_path(data_dir)) as con:
        con.execute("UPDATE alembic_version SET version_num = 'f00d1e5500ff'")
    con.close()
    qapplication()
    for lang, said, helper in (
            ("en", "was written by a newer version of Digigram (schema f00d1e5500ff)",
             "use the newer Digigram it was written with, or ask the person who set up this computer"),
            ("uk", "записала новіша версія Digigram (схема f00d1e5500ff)",
             "працюйте з нею в новішій версії Digigram, якою її записано, або попросіть того, хто "
             "налаштовував цей компʼютер")):
        win = open_window(Namespace(data_dir=str(data_dir), lang=lang, lang_explicit=True))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: bool(messages), timeout=10000)
        (shown,) = messages
        assert said in shown and helper in shown and "--data-dir" not in shown, shown
        assert win.opening.text.text() == shown and not win.is_ready
        messages.clear()
        assert main(["people", "--data-dir", str(data_dir), "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert said in err and "--data-dir" in err, err
    assert exits == [2, 2]


def _damaged_with_a_backup(data_dir: Path, *, password: str | None = None,
                           backups: int = 1) -> tuple[Path, bytes]:
    """A data folder whose database holds one person and has `backups` backups, then was damaged."""
    from digigram.core.paths import database_path
    from digigram.services.workspace import Workspace

    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Оксана Петренко")
        if password is not None:
            ws.set_coordinator_password(password)
        for n in range(backups):
            if n:  # a backup is made only of changed data
                ws.create_person(f"Учасниця {n}")
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
                        classmethod(lambda cls, parent, *, kind, **_: asked.append(kind) or ("", password)))
    win = _started(qtbot, data_dir)
    qtbot.waitUntil(lambda: win.is_ready, timeout=10000)
    try:
        assert len(offered) == 1 and "damaged" in offered[0]
        assert "digigram restore" not in offered[0], "the offer named a terminal command"
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
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: next(typed)))
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
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: next(typed)))
    win = _started(qtbot, data_dir)
    qtbot.waitUntil(lambda: win.is_ready, timeout=10000)
    try:
        assert exits == [] and "password" in messages[0].lower() and "kept as" in messages[-1]
        assert [p.name for p in win.ws.people()] == ["Оксана Петренко"]
    finally:
        win.ws.close()


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _held(monkeypatch: pytest.MonkeyPatch, module: Any) -> tuple[threading.Event, list[threading.Thread]]:
    """Each backup check in `module` waits for the returned event before it reads the real file (at
    most 5 s, so that a check run on the window's thread cannot hang the test); the threads it ran in
    are listed."""
    gate = threading.Event()
    ran_in: list[threading.Thread] = []
    real = module.inspect_file

    def held(path: Path, **kwargs: Any) -> str | None:
        ran_in.append(threading.current_thread())
        gate.wait(timeout=5)
        return real(path, **kwargs)

    monkeypatch.setattr(module, "inspect_file", held)
    return gate, ran_in


class _Watch:
    """Looks at the restore's progress dialog every 20 ms while its work is held, from a timer, as a
    person's clicks come: the work runs under the dialog's own event loop, so a test waiting outside
    it would only go on after it ended. Once the dialog has shown `text` for `ticks` looks in a row,
    `then` is done with it."""

    def __init__(self, win: Any, gate: threading.Event, text: str, then: Any, ticks: int = 5) -> None:
        from PySide6.QtCore import QTimer

        self.win, self.gate, self.text, self.then, self.ticks = win, gate, text, then, ticks
        self.looks: list[str] = []  # what the dialog said at each look while the work was held
        self.timer = QTimer()
        self.timer.timeout.connect(self.look)
        self.timer.start(20)

    def look(self) -> None:
        from digigram.ui.restore_offer import RestoreProgress

        shown = [d for d in self.win.findChildren(RestoreProgress) if d.isVisible()]
        if not shown or self.gate.is_set():
            return
        self.looks.append(shown[0].labelText())
        if len([t for t in self.looks if self.text in t]) >= self.ticks:
            self.then(shown[0])
            self.gate.set()

    def stop(self) -> None:
        self.gate.set()
        self.timer.stop()


def _cancel(dialog: Any) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)


def _cancelled_at(qtbot: Any, data_dir: Path, gate: Any, text: str, exits: list[int]) -> tuple[Any, Any]:
    """The app started on `data_dir`, and Cancel pressed once the dialog says `text`; (window, what the
    watch saw) once the app has asked to end."""
    win = _started(qtbot, data_dir)
    watch = _Watch(win, gate, text, _cancel)
    try:
        qtbot.waitUntil(lambda: exits == [2], timeout=15000)
    finally:
        watch.stop()
    return win, watch


def test_the_window_goes_on_while_backups_are_checked_and_cancel_leaves_every_file(
        qtbot: Any, data_dir: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch,
        exits: list[int]) -> None:
    """Each backup was checked on the window's thread: on a region's database the window stood still
    for seconds per backup, with no word of what it did and no way to stop. Now a dialog says which
    backup is being checked while the window goes on, and Cancel leaves every file as it was."""
    from digigram.services import restore
    from digigram.ui import restore_offer

    _damaged_with_a_backup(data_dir, backups=2)
    before = _files(data_dir)
    gate, ran_in = _held(monkeypatch, restore)
    offered: list[object] = []
    monkeypatch.setattr(restore_offer, "ask_to_restore", lambda *args: offered.append(args) or True)
    win, watch = _cancelled_at(qtbot, data_dir, gate, "Checking backup 1 of 2…", exits)
    assert ran_in and threading.main_thread() not in ran_in, "a backup was checked on the window's thread"
    # The dialog was seen, saying which backup, at several timer ticks while the check was held.
    assert watch.looks.count("Checking backup 1 of 2…") >= 5, watch.looks
    assert offered == [], "a backup was offered after Cancel"
    assert len(messages) == 1 and "damaged" in messages[0], messages
    assert "No sound backup" not in messages[0], "the search was stopped, not found empty"
    assert not win.is_ready
    assert _files(data_dir) == before, "Cancel changed a file"


def test_putting_a_backup_back_runs_beside_the_window_and_cancel_leaves_the_damaged_file(
        qtbot: Any, data_dir: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch,
        exits: list[int]) -> None:
    """The chosen backup was checked again and copied on the window's thread, seconds on a region's
    database with the window still. Now it runs beside the window under a dialog with Cancel, and
    Cancel keeps the damaged file where it was: the data stays closed, as when no backup is put back."""
    from digigram.store import backup
    from digigram.ui import restore_offer

    db, damaged = _damaged_with_a_backup(data_dir)
    before = _files(data_dir)
    gate, ran_in = _held(monkeypatch, backup)
    monkeypatch.setattr(restore_offer, "ask_to_restore", lambda parent, problem, choice: True)
    win, watch = _cancelled_at(qtbot, data_dir, gate, "Putting the backup back…", exits)
    assert ran_in and threading.main_thread() not in ran_in, "the backup was copied on the window's thread"
    assert watch.looks.count("Putting the backup back…") >= 5, watch.looks
    assert messages == [] and not win.is_ready  # nothing "is back"; the window still says what is wrong
    assert _files(data_dir) == before and db.read_bytes() == damaged, "Cancel changed a file"


@pytest.mark.parametrize("engine_name", ["postgresql"])  # a regional account's rights are the server's
def test_a_regional_account_without_rights_on_the_tables_is_told_whom_to_ask_not_the_crash_dialog(
        qtbot: Any, messages: list[str], exits: list[int], new_target: Any, postgresql: Any) -> None:
    """An account the schema's GRANTs leave out met the crash dialog over «Opening your data…»."""
    from digigram.app import open_window, qapplication

    target = new_target()
    database = target.url.split("@/", 1)[1].split("?", 1)[0]
    with postgresql.cluster.admin(database) as conn:
        conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        conn.execute("CREATE ROLE digigram_ui_nobody LOGIN")
    url = target.url.replace("://digigram_test@", "://digigram_ui_nobody@", 1)
    qapplication()
    for lang, said in (("en", "does not let this account read Digigram's tables"),
                       ("uk", "не дає цьому обліковому запису читати таблиці Digigram")):
        win = open_window(Namespace(database=url, lang=lang, lang_explicit=True))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: bool(messages), timeout=20000)
        (shown,) = messages
        assert said in shown and "docs/regional.md" in shown, shown
        assert win.opening.text.text() == shown and not win.is_ready
        messages.clear()
    assert exits == [2, 2]
