"""Where save and open dialogs start: the folder used last, else the person's Documents folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

KEY = "files/last_folder"


def start_folder() -> Path:
    """The folder a file dialog opens in (it exists; else Documents, else the home folder)."""
    last = QSettings().value(KEY, "")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def suggest(name: str) -> str:
    """`name` in the start folder, for a save dialog's first suggestion."""
    return str(start_folder() / name)


def remember(chosen: str | None) -> None:
    """Keep the folder of a chosen file for the next dialog (also after a restart)."""
    if chosen:
        QSettings().setValue(KEY, str(Path(chosen).parent))
