"""Expected problems as a message in the user's language; anything else as one crash dialog and a log."""

from __future__ import annotations

import datetime as _dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from digigram.core.errors import DigigramError
from digigram.core.files import append_owner_only
from digigram.ui.appearance import current_language
from digigram.ui.message_box import MessageBox

LOG_NAME = "digigram-errors.log"
T = TypeVar("T")
# Where the errors of the database's own libraries come from (a connection dropped, a server gone, a
# damaged file): a problem to say in words, not a mistake in Digigram for the crash handler.
_DATABASE_LIBRARIES = ("sqlalchemy.", "psycopg", "sqlite3")


def database_failed(exc: BaseException) -> bool:
    """Whether `exc` is the database failing, rather than a mistake in the code."""
    return type(exc).__module__.startswith(_DATABASE_LIBRARIES)


def show_problem(parent: QWidget | None, exc: DigigramError) -> None:
    """Tell the user about an expected problem in their language, as the app words it (no command-line
    option a librarian cannot type)."""
    show_text(parent, exc.said_in_app(current_language()))


def show_text(parent: QWidget | None, text: str) -> None:
    """A warning the user can read and dismiss."""
    box = MessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Something needs your attention"))
    box.setText(text)
    box.setAccessibleName(QCoreApplication.translate("Errors", "Problem message"))
    ask_box(box)


def ask_box(box: QMessageBox) -> int:
    """Run a message box; tests replace this to answer it without a human."""
    return box.exec()


def guarded(parent: QWidget | None, action: Callable[[], T]) -> T | None:
    """Run one user action; a DigigramError becomes a message, and the action's result is returned."""
    try:
        return action()
    except DigigramError as exc:
        show_problem(parent, exc)
        return None


class CrashHandler:
    """sys.excepthook: write the traceback to a log in the data folder and show one dialog per run."""

    def __init__(self, log_dir: Path) -> None:
        self.log_path = log_dir / LOG_NAME
        self.shown = False
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, DigigramError):
            # An expected problem that escaped a handler still deserves a plain message, not a crash.
            show_problem(QApplication.activeWindow(), exc)
            return
        text = "".join(traceback.format_exception(kind, exc, tb))
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            # Owner-only: even without SQL parameters a traceback is nobody else's business.
            with append_owner_only(self.log_path) as log:
                log.write(f"--- {_dt.datetime.now().isoformat(timespec='seconds')}\n{text}\n".encode())
        except OSError:
            pass
        print(text, file=sys.stderr)
        if self.shown or QApplication.instance() is None:
            return
        self.shown = True  # one dialog, even when the same bug repeats on every repaint
        box = MessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("Errors", "Unexpected error"))
        box.setText(
            QCoreApplication.translate(
                "Errors",
                "Something went wrong inside Digigram. Your answers so far are saved. "
                "Please tell the person who looks after this computer; the details are in this file:",
            )
        )
        box.setInformativeText(str(self.log_path))
        box.setDetailedText(text)
        box.setAccessibleName(QCoreApplication.translate("Errors", "Error message"))
        ask_box(box)
