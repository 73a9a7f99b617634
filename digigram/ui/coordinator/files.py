"""Coordinator exports (CSV, group and individual PDF, one person's data) and deleting a person."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from digigram.core.errors import Cancelled, DigigramError, os_reason
from digigram.core.files import save_whole
from digigram.core.i18n import N_
from digigram.ui import folders
from digigram.ui.errors import show_problem
from digigram.ui.message_box import MessageBox
from digigram.ui.widgets import WorkDialog, busy

if TYPE_CHECKING:
    from digigram.core.coordination import Dashboard
    from digigram.core.records import Change
    from digigram.services.api import CoordinatorAPI

translate = QCoreApplication.translate
T = TypeVar("T")


class Ask:
    """Every question these actions put to the coordinator; tests replace the class methods."""

    @classmethod
    def save_path(cls, parent: QWidget | None, *, title: str, suggested: str, pattern: str) -> str | None:
        start = folders.suggest(suggested, folders.COORDINATOR)
        path = folders.ask_save_path(parent, title=title, suggested=start, pattern=pattern,
                                     suffix=Path(suggested).suffix)
        folders.remember(path, folders.COORDINATOR)
        return path

    @classmethod
    def open_path(cls, parent: QWidget | None, *, title: str, pattern: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, str(folders.start_folder(folders.COORDINATOR)),
                                              pattern)
        folders.remember(path, folders.COORDINATOR)
        return path or None

    @classmethod
    def confirm(cls, parent: QWidget | None, *, title: str, text: str) -> bool:
        box = MessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter alone never deletes anyone
        box.setAccessibleName(title)
        return box.exec() == QMessageBox.StandardButton.Yes

    @classmethod
    def done(cls, parent: QWidget | None, *, text: str) -> None:
        box = MessageBox(QMessageBox.Icon.Information, translate("CoordinatorFiles", "Done"), text,
                          QMessageBox.StandardButton.Ok, parent)
        box.setAccessibleName(translate("CoordinatorFiles", "Done"))
        box.exec()


def _with_suffix(path: str, suffix: str) -> Path:
    return Path(folders.with_suffix(path, suffix))


def _run(parent: QWidget, action: Callable[[], T], waiting: WorkDialog | None = None) -> T | None:
    """Write a file the coordinator asked for: seconds for a region's table (1.3 s for the CSV of 25,391
    trainees, 2.5 s for the PDF on this machine), under the wait cursor; `waiting`, the progress dialog
    of a long one, goes before any message."""
    try:
        with busy():
            return action()
    except (DigigramError, OSError) as exc:
        problem: DigigramError | OSError = exc
    finally:
        if waiting is not None:
            waiting.close()
            waiting.deleteLater()
    if isinstance(problem, Cancelled):  # asked for: said quietly, not as a problem
        Ask.done(parent, text=translate("CoordinatorFiles", "Saving was cancelled. No file was written."))
    elif isinstance(problem, DigigramError):
        show_problem(parent, problem)
    else:  # a full disk or a folder without write access: say so in the user's words, no traceback
        show_problem(parent, DigigramError(N_("The file could not be written: {reason}.",
                                              reason=os_reason(problem))))
    return None


Progress = Callable[[str, int, int], None]
# A group export given everyone the filter selects (read already), where to say how far it is, and
# what says Cancel was pressed.
Export = Callable[["Dashboard", Progress, Callable[[], bool]], Path]


def _group_export(parent: QWidget, co: CoordinatorAPI, filters: Any, title: str,
                  export: Export, *, order: Any = None) -> Path | None:
    """A file of everyone the filter selects (a region: thousands), with a progress dialog that says
    which step it is at, counts the pages, and can cancel before the file is written. The trainees are
    read off the window's thread (a second for a region here), so the window repaints meanwhile."""
    reading = translate("CoordinatorFiles", "Reading the trainees' results…")
    waiting = WorkDialog(parent, title=title, text=reading, cancel=translate("CoordinatorFiles", "Cancel"))

    def heard(step: str, done: int, total: int) -> None:
        if step == "pages":
            text = (translate("CoordinatorFiles", "Writing page %1 of %2…")
                    .replace("%1", str(min(done + 1, total))).replace("%2", str(total)))
        elif step == "drawing":
            text = (translate("CoordinatorFiles", "Laying out page %1…").replace("%1", str(done)) if done
                    else translate("CoordinatorFiles", "Laying out the report…"))
        elif step == "writing":
            text = translate("CoordinatorFiles", "Writing the file…")
        else:
            text = reading
        waiting.report(text, done, total)

    def write() -> Path:
        rows = waiting.run(lambda _progress, _cancelled: co.dashboard(filters, order=order), keep=True)
        return export(rows, heard, waiting.wasCanceled)  # a Cancel pressed while reading stops it here

    path = _run(parent, write, waiting)
    if path is not None:
        Ask.done(parent, text=translate("CoordinatorFiles", "Saved: %1").replace("%1", str(path)))
    return path


def export_csv(parent: QWidget, co: CoordinatorAPI, filters: Any, *, lang: str,
               order: Any = None) -> Path | None:
    """The trainee table as CSV, everyone the filter selects, in `order` (the table's; None: by name)."""
    title = translate("CoordinatorFiles", "Save the trainee table as CSV")
    chosen = Ask.save_path(parent, title=title, suggested=f"digigram-{date.today().isoformat()}.csv",
                           pattern=translate("CoordinatorFiles", "CSV table (*.csv)"))
    if chosen is None:
        return None
    return _group_export(parent, co, filters, title, lambda rows, progress, cancelled: co.export_group_csv(
        _with_suffix(chosen, ".csv"), filters, lang=lang, rows=rows, progress=progress, cancelled=cancelled),
        order=order)


def export_group_pdf(parent: QWidget, co: CoordinatorAPI, filters: Any, *, lang: str,
                     order: Any = None) -> Path | None:
    """The group report (`order` is not used: its picture puts those needing help first, by name)."""
    title = translate("CoordinatorFiles", "Save the group report as PDF")
    chosen = Ask.save_path(parent, title=title, suggested=f"digigram-group-{date.today().isoformat()}.pdf",
                           pattern="PDF (*.pdf)")
    if chosen is None:
        return None
    return _group_export(parent, co, filters, title, lambda rows, progress, cancelled: co.export_group_pdf(
        _with_suffix(chosen, ".pdf"), filters, lang=lang, rows=rows, progress=progress, cancelled=cancelled))


def export_person_pdf(parent: QWidget, co: CoordinatorAPI, *, person_id: str, name: str,
                      lang: str) -> Path | None:
    chosen = Ask.save_path(parent, title=translate("CoordinatorFiles", "Save the individual report as PDF"),
                           suggested=folders.file_name(name, ".pdf"), pattern="PDF (*.pdf)")
    if chosen is None:
        return None
    path = _run(parent, lambda: co.export_person_pdf(_with_suffix(chosen, ".pdf"), person_id, lang=lang))
    if path is not None:
        Ask.done(parent, text=translate("CoordinatorFiles", "Saved: %1").replace("%1", str(path)))
    return path


def export_person_data(parent: QWidget, co: CoordinatorAPI, *, person_id: str, name: str) -> Path | None:
    """Everything stored about one person as a JSON file (the right to a copy of one's data)."""
    chosen = Ask.save_path(parent, title=translate("CoordinatorFiles", "Save all data of this person"),
                           suggested=folders.file_name(name, ".json"),
                           pattern=translate("CoordinatorFiles", "JSON file (*.json)"))
    if chosen is None:
        return None
    target = _with_suffix(chosen, ".json")

    def write() -> Path:
        data = co.export_person_data(person_id)
        # Whole or not at all, owner-only: a full stick leaves no cut-off copy of someone's data.
        return save_whole(target, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))

    path = _run(parent, write)
    if path is not None:
        Ask.done(parent, text=translate("CoordinatorFiles", "Saved: %1").replace("%1", str(path)))
    return path


def delete_person(parent: QWidget, co: CoordinatorAPI, *, person_id: str, name: str,
                  server: bool = False) -> Change | None:
    """Delete after a confirmation that also says older backups keep the data until they rotate out:
    this computer's, or on a regional database server (`server`) the region's, not a file here."""
    question = translate("CoordinatorFiles",
                         "Delete %1 with all their answers, results and plans? This cannot be undone.")
    if server:
        kept = translate("CoordinatorFiles",
                         "The data is removed from the regional database. Its backups, which the region's "
                         "database administrator makes, still hold it until they are replaced by newer ones.")
    else:
        kept = translate("CoordinatorFiles",
                         "The data is wiped from the database file. Older backups on this computer still "
                         "hold it until they are replaced by newer ones.")
    text = f"{question.replace('%1', name)}\n\n{kept}"
    title = translate("CoordinatorFiles", "Delete a person")
    if not Ask.confirm(parent, title=title, text=text):
        return None
    # Rows go at once, but overwriting their bytes can rebuild the whole file (VACUUM) when the name is
    # still in it, as a namesake's is: 13 s for a region's 1.2 GB here, a minute or more on a library
    # PC. It runs off the window's thread, which repaints meanwhile; it cannot be stopped halfway.
    deleting = translate("CoordinatorFiles", "Deleting %1 and erasing their data…")
    waiting = WorkDialog(parent, title=title, text=deleting.replace("%1", name), cancel=None)
    change = _run(parent, lambda: waiting.run(lambda _progress, _cancelled: co.delete_person(person_id)),
                  waiting)
    if change is not None:
        folders.forget(folders.person_owner(person_id))  # the folder she saved in could name her
    return change
