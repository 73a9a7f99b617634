"""The running window comes to the front when Digigram is started again on the same data.

A second start adds a byte to a request file beside the database and ends; this window watches that file
(QFileSystemWatcher, in QtCore: nothing more to load, no socket to serve) and answers each request by
showing itself, restored if it was minimised, above the other windows.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget


def bring_to_front(window: QWidget) -> None:
    """Show `window` restored (a maximised one stays maximised), raised and active, with the dialog it
    has open, if any, in front of it."""
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized or not window.isVisible():
        window.setWindowState((state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.raise_()
        modal.activateWindow()


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


POLL_MS = 1000  # a look at the request file besides the watcher's: a file deleted, a share that tells nothing


class ComeForward(QObject):
    """Brings `window` to the front whenever the file `request` holds a request, and answers it by
    emptying the file (the second start waits for that)."""

    def __init__(self, window: QWidget, request: Path) -> None:
        super().__init__(window)
        from PySide6.QtCore import QFileSystemWatcher, QTimer

        self._window, self._request = window, request
        self._watcher = QFileSystemWatcher([str(request)], self)
        self._watcher.fileChanged.connect(self._changed)
        # The watcher forgets a file that was deleted or replaced; a look each second finds it again.
        self._poll = QTimer(self)
        self._poll.timeout.connect(self._changed)
        self._poll.start(POLL_MS)
        self._changed()  # a request made while this window was still starting

    def _changed(self, _path: str = "") -> None:
        if str(self._request) not in self._watcher.files() and self._request.exists():
            self._watcher.addPath(str(self._request))  # replaced or recreated: watch the new file
        if _size(self._request) == 0:
            return
        bring_to_front(self._window)
        try:
            os.truncate(self._request, 0)  # answered
        except OSError:
            return
