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


# A suggested file name keeps this many characters of a person's name at most: a name of 200 Cyrillic
# letters is 400 bytes, past the 255 a file name may have, and saving under it failed.
FILE_NAME_MAX = 60


def file_name(name: str, suffix: str) -> str:
    """A file name made from a person's `name`: letters, digits, spaces, - and _ (others become _), cut at a
    word's end when long, with `suffix` (".pdf")."""
    kept = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in name).strip()
    if len(kept) > FILE_NAME_MAX:
        cut = kept[:FILE_NAME_MAX]
        kept = (cut.rsplit(" ", 1)[0] if " " in cut[FILE_NAME_MAX // 2:] else cut).strip()
    return (kept or "digigram") + suffix


def suggest(name: str) -> str:
    """`name` in the start folder, for a save dialog's first suggestion."""
    return str(start_folder() / name)


def remember(chosen: str | None) -> None:
    """Keep the folder of a chosen file for the next dialog (also after a restart)."""
    if chosen:
        QSettings().setValue(KEY, str(Path(chosen).parent))
