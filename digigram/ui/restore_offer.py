"""When the database will not open because it is damaged: offer the newest sound backup, in the app.

The message alone named `digigram restore`, a terminal command a librarian at a library PC cannot run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from digigram.core.coordination import CoordinatorLocked
from digigram.core.errors import Cancelled, DamagedDatabase, DigigramError
from digigram.core.i18n import format_date
from digigram.ui import errors
from digigram.ui.appearance import current_language
from digigram.ui.errors import show_problem, show_text
from digigram.ui.message_box import MessageBox
from digigram.ui.widgets import Job, WorkDialog

if TYPE_CHECKING:
    from pathlib import Path

    from digigram.core.records import BackupChoice
    from digigram.services.api import RestoreAPI

translate = QCoreApplication.translate


def ask_to_restore(parent: QWidget | None, problem: str, choice: BackupChoice) -> bool:
    """Whether to put `choice` back, asked below what went wrong (`problem`); tests replace this."""
    lang = current_language()
    made = choice.made_at.astimezone()
    box = MessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("Restore", "Put a backup back"))
    box.setText(problem)
    box.setInformativeText(translate(
        "Restore", "Digigram keeps a backup of the data. The newest sound one was made on %1 at %2. Put it "
        "back? What was saved after it is not in it; the damaged file is kept aside, not deleted.")
        .replace("%1", format_date(made, lang)).replace("%2", made.strftime("%H:%M")))
    box.setAccessibleName(translate("Restore", "Put a backup back"))
    restore = box.addButton(translate("Restore", "&Put the backup back"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Restore", "&Close Digigram"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    errors.ask_box(box)  # through the module: tests answer it there
    return box.clickedButton() is restore


def tell_restored(parent: QWidget | None, text: str) -> None:
    box = MessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(translate("Restore", "Put a backup back"))
    box.setText(text)
    box.setAccessibleName(translate("Restore", "Backup put back"))
    errors.ask_box(box)  # through the module: tests answer it there


class RestoreProgress(WorkDialog):
    """Over the window while a step of putting a backup back (the search for a sound one, the copy)
    runs off the event loop, as the sync does: each backup's check takes seconds on a region's
    database, and the window neither repainted nor could be told to stop meanwhile. Its SQLite
    connections are made and used in the worker's thread only."""

    def __init__(self, parent: QWidget | None, text: str) -> None:
        super().__init__(parent, title=translate("Restore", "Put a backup back"), text=text,
                         cancel=translate("Restore", "Cancel"))

    def checking(self, number: int, total: int) -> None:
        if self.wasCanceled():
            return
        self.setLabelText(translate("Restore", "Checking backup %1 of %2…")
                          .replace("%1", str(number)).replace("%2", str(total)))
        self.setMaximum(total)
        self.setValue(number - 1)


def _search(backups: RestoreAPI) -> Job:
    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        choice = backups.sound_backup(progress=progress, cancelled=cancelled)
        return choice, choice is not None and backups.password_needed()
    return job


def _put_back(backups: RestoreAPI, choice: BackupChoice, password: str | None) -> Job:
    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Path | None:
        return backups.restore(choice, password=password, cancelled=cancelled)
    return job


def said_in_app(problem: DigigramError, *, none_found: bool = False) -> str:
    """What the app says of a problem that stops the data from opening: its app wording, which names no
    terminal command or option. For a damaged database that is what is wrong (the app offers the backup
    itself), and when no backup was found, who can help."""
    said = problem.said_in_app(current_language())
    if not none_found or not isinstance(problem, DamagedDatabase):
        return said
    return translate("Restore", "%1 No sound backup of it was found: ask your hub's coordinator for help."
                     ).replace("%1", said)


def offer_restore(parent: QWidget | None, problem: DigigramError, backups: RestoreAPI | None) -> bool:
    """Say what stopped the data from opening. When it is a damaged database and a sound backup exists,
    offer to put it back (the coordinator password first, once one is set, asked again after a wrong
    one). True when it was put back, so the data can be opened again. Cancel while backups are checked
    or while one is copied leaves every file as it was: the data stays closed, as when none is put back."""
    said = said_in_app(problem)
    choice = None
    needs_password = stopped = searched = False
    if isinstance(problem, DamagedDatabase) and backups is not None:
        searching = RestoreProgress(parent, translate("Restore", "Looking for a sound backup…"))
        try:
            choice, needs_password = searching.run(_search(backups), counted=searching.checking)
            searched, stopped = True, searching.stopped
            if stopped:  # pressed as the last check ended: still nothing is offered
                choice = None
        except DigigramError:  # Cancelled, or the backups could not be looked at: the problem is said
            choice, stopped = None, searching.stopped
        finally:
            searching.deleteLater()
    if choice is None or backups is None:
        show_text(parent, said_in_app(problem, none_found=searched and not stopped))
        return False
    if not ask_to_restore(parent, said, choice):
        return False
    while True:
        password = None
        if needs_password:
            from digigram.ui.coordinator.login import PasswordDialog

            typed = PasswordDialog.ask(parent, kind="restore")
            if typed is None:
                return False
            password = typed[1]
        copying = RestoreProgress(parent, translate("Restore", "Putting the backup back…"))
        try:
            aside = copying.run(_put_back(backups, choice, password))
        except Cancelled:  # stopped before the copy was whole: the damaged file is where it was
            return False
        except CoordinatorLocked as exc:  # a wrong password, or a wait after several: say so, ask again
            show_problem(parent, exc)
            continue
        except DigigramError as exc:
            show_problem(parent, exc)
            return False
        finally:
            copying.deleteLater()
        break
    text = translate("Restore", "The backup is back.")
    if aside is not None:
        text = translate("Restore", "The backup is back. The damaged file was kept as %1.").replace(
            "%1", str(aside))
    tell_restored(parent, text)
    return True
