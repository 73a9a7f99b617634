"""The app's start: the home screen first, then the start backup and the rest behind it, before any write."""

from __future__ import annotations

import ast
import os
import sqlite3
import subprocess
import sys
import threading
from argparse import Namespace
from pathlib import Path
from typing import Any

from digigram.core import paths
from digigram.services.workspace import Workspace
from digigram.store import backup

ROOT = Path(__file__).resolve().parents[2]


def test_the_start_backup_follows_the_home_screen_and_precedes_the_first_write(
        qtbot: Any, data_dir: Path, messages: list[str]) -> None:
    from digigram.app import open_window, qapplication

    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Олена")
    folder = paths.backup_dir(data_dir)
    before = len(backup.list_backups(folder))
    qapplication()
    win = open_window(Namespace(data_dir=str(data_dir), lang_explicit=False))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=10000):
        win.show()
    try:
        names = win.home.shown_names()
        assert names == ["Олена"]  # real data on the first screen
        qtbot.waitUntil(lambda: len(backup.list_backups(folder)) == before + 1, timeout=60000)
        qtbot.wait(50)  # the loader's signal reaches the window through the event loop
        assert win.ws.create_person("Андрій").name == "Андрій"
        assert len(backup.list_backups(folder)) == before + 1  # one start backup, not one per write
        assert messages == []
    finally:
        win.ws.close()


START = r"""
import sys
from argparse import Namespace
from PySide6.QtCore import QTimer
from digigram.app import open_window, qapplication

app = qapplication()
win = open_window(Namespace(data_dir=sys.argv[1], lang_explicit=False))

def at_ready():
    # What the home screen shows when it first takes input, and what had to be imported for it.
    heavy = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "alembic", "numpy", "yaml",
                                                              "matplotlib"})
    people = win.home.shown_names()
    print(repr((people, win.home.full.text(), win.settings.text_scale, win.settings.high_contrast, heavy)))
    QTimer.singleShot(0, app.quit)

win.ready.connect(at_ready)
win.show()
app.exec()
win.ws.close()
"""


def test_the_home_screen_takes_input_with_the_stored_settings_before_the_orm_loads(
        data_dir: Path, tmp_path: Path) -> None:
    # A usual start (the database current, the compiled framework cached) shows the people and the
    # saved language, size and contrast from plain sqlite3 reads: SQLAlchemy, Alembic, numpy and the
    # YAML loader come in the background afterwards, so they never hold up the first screen.
    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Олена")
        ws.create_person("Андрій")
        ws.set_setting("ui.language", "en")
        ws.set_setting("ui.text_scale", 150)
        ws.set_setting("ui.high_contrast", True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), DIGIGRAM_CACHE_DIR=str(tmp_path / "cache"))
    env["QT_QPA_PLATFORM"] = "offscreen"
    seen = []
    for _ in range(2):  # the first start compiles the framework into the cache, as after an update
        out = subprocess.run([sys.executable, "-c", START, str(data_dir)], capture_output=True, text=True,
                             env=env, cwd=ROOT, timeout=120, check=True)
        seen.append(ast.literal_eval(out.stdout.strip().splitlines()[-1]))
    expected = (["Андрій", "Олена"], "Start the &full check", 150, True)
    assert seen[0][:4] == expected
    assert seen[1] == (*expected, [])


def test_the_home_screens_first_frame_is_drawn_before_the_background_loading_starts(
        qtbot: Any, data_dir: Path, messages: list[str]) -> None:
    from PySide6.QtCore import QEvent, QObject

    from digigram.app import open_window, qapplication

    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Олена")
    folder = paths.backup_dir(data_dir)
    before = len(backup.list_backups(folder))
    at_first_paint: list[list[str]] = []

    class Frames(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not at_first_paint:
                at_first_paint.append([t.name for t in threading.enumerate()])
            return False

    frames = Frames()
    qapplication()
    win = open_window(Namespace(data_dir=str(data_dir), lang_explicit=False))
    qtbot.addWidget(win)
    win.ready.connect(lambda: win.home.installEventFilter(frames))
    with qtbot.waitSignal(win.ready, timeout=10000):
        win.show()
    try:
        qtbot.waitUntil(lambda: bool(at_first_paint), timeout=10000)
        assert "digigram-preload" not in at_first_paint[0]
        assert len(backup.list_backups(folder)) == before
        # Once that frame is drawn the loader runs and makes the start backup.
        qtbot.waitUntil(lambda: len(backup.list_backups(folder)) == before + 1, timeout=60000)
        assert messages == []
    finally:
        win.ws.close()


def test_a_window_never_painted_still_opens_the_data_and_makes_the_start_backup(
        qtbot: Any, data_dir: Path, messages: list[str]) -> None:
    from digigram.app import open_window, qapplication

    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Олена")
    folder = paths.backup_dir(data_dir)
    before = len(backup.list_backups(folder))
    qapplication()
    win = open_window(Namespace(data_dir=str(data_dir), lang_explicit=False))  # never shown (minimised)
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: win.is_ready, timeout=10000)
        qtbot.waitUntil(lambda: len(backup.list_backups(folder)) == before + 1, timeout=60000)
        assert messages == []
    finally:
        if win.ws is not None:
            win.ws.close()


def test_a_write_before_the_home_screen_paints_is_backed_up_first_and_once(
        qtbot: Any, data_dir: Path, messages: list[str]) -> None:
    from digigram.app import open_window, qapplication

    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Олена")
    folder = paths.backup_dir(data_dir)
    before = len(backup.list_backups(folder))
    written: list[str] = []
    qapplication()
    win = open_window(Namespace(data_dir=str(data_dir), lang_explicit=False))
    qtbot.addWidget(win)
    # The first moment the home screen takes input, before the loader has started.
    win.ready.connect(lambda: written.append(win.ws.create_person("Андрій").name))
    with qtbot.waitSignal(win.ready, timeout=10000):
        win.show()
    try:
        assert written == ["Андрій"]
        made = backup.list_backups(folder)
        assert len(made) == before + 1
        con = sqlite3.connect(made[0].path)
        try:  # the start backup holds the data as it was before that write
            assert [r[0] for r in con.execute("SELECT name FROM person")] == ["Олена"]
        finally:
            con.close()
        with qtbot.waitSignal(win.preloaded, timeout=30000):
            pass  # the loader runs after the first frame; it must not back up a second time
        qtbot.wait(50)
        assert len(backup.list_backups(folder)) == before + 1
        assert messages == []
    finally:
        win.ws.close()
