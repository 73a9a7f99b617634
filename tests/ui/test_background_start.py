"""The app's start: the home screen first, then the start backup and the rest behind it, before any write."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path
from typing import Any

from digigram.core import paths
from digigram.services.workspace import Workspace
from digigram.store import backup


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
        names = [win.home.people.item(i).text() for i in range(win.home.people.count())]
        assert names == ["Олена"]  # real data on the first screen
        qtbot.waitUntil(lambda: len(backup.list_backups(folder)) == before + 1, timeout=60000)
        qtbot.wait(50)  # the loader's signal reaches the window through the event loop
        assert win.ws.create_person("Андрій").name == "Андрій"
        assert len(backup.list_backups(folder)) == before + 1  # one start backup, not one per write
        assert messages == []
    finally:
        win.ws.close()
