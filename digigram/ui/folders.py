"""Where save and open dialogs start (the folder its owner used last, else the Documents folder), and the
save dialog itself.

On a shared library PC one person's folder is not offered to the next: each person's own exports
remember their own folder, and coordinator mode its own, so a save dialog does not open where someone
else's plan lies under her name.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

GROUP = "files/folder_of"
SHARED = "files/last_folder"  # one folder for everyone, as earlier versions kept it: no longer read
COORDINATOR = "coordinator"


def person_owner(person_id: str) -> str:
    """The owner key of a person's own exports."""
    return f"person-{person_id}"


def start_folder(owner: str) -> Path:
    """The folder a file dialog of `owner` opens in (it exists; else Documents, else the home folder)."""
    last = QSettings().value(f"{GROUP}/{owner}", "")
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


def suggest(name: str, owner: str) -> str:
    """`name` in `owner`'s start folder, for a save dialog's first suggestion."""
    return str(start_folder(owner) / name)


def remember(chosen: str | None, owner: str) -> None:
    """Keep the folder of a file `owner` chose for their next dialog (also after a restart)."""
    if chosen:
        settings = QSettings()
        settings.setValue(f"{GROUP}/{owner}", str(Path(chosen).parent))
        settings.remove(SHARED)


def forget(owner: str) -> None:
    """Drop `owner`'s remembered folder (a person erased: its path could hold her name)."""
    QSettings().remove(f"{GROUP}/{owner}")


class _SaveDialog(QFileDialog):
    """Qt's own save dialog, which adds its default suffix only to a name with no dot at all: «план Коваль
    О.П» or «план 03.12.2026» stayed without «.pdf». The suffix goes onto the chosen name before Qt checks
    it, so Qt asks before replacing a file of the final name. (Through the dialog's own API: a wrapper of
    its name field, a child Qt deletes with it, outlived it and was taken for a later widget.)"""

    def __init__(self, parent: QWidget | None, title: str, suggested: str, pattern: str, suffix: str) -> None:
        super().__init__(parent, title, suggested, pattern)
        self.suffix = suffix

    def accept(self) -> None:
        chosen = self.selectedFiles()
        if chosen and chosen[0] and not Path(chosen[0]).is_dir():
            named = with_suffix(chosen[0], self.suffix)
            if named != chosen[0]:
                self.selectFile(named)
        super().accept()


def with_suffix(path: str, suffix: str) -> str:
    """`path` ending in `suffix` (any case), added when it does not."""
    return path if not suffix or path.lower().endswith(suffix.lower()) else path + suffix


def ask_save_path(parent: QWidget | None, *, title: str, suggested: str, pattern: str,
                  suffix: str) -> str | None:
    """The file a person chooses to save as, or None. A name typed without `suffix` gets it, and the
    dialog asks before replacing a file of that whole name («план» was saved as a file named «план»,
    which no PDF reader offered to open). The focus comes back marked after a key press (app_filter)."""
    dialog = _SaveDialog(parent, title, suggested, pattern, suffix)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix.lstrip("."))
    try:
        chosen = dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else None
    finally:
        dialog.deleteLater()
    # A system's dialog may return a name with a dot but not the suffix as well: it gets it here.
    return with_suffix(chosen, suffix) if chosen else None
