"""When the database will not open because it is damaged: offer the newest sound backup, in the app.

The message alone named `digigram restore`, a terminal command a librarian at a library PC cannot run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from digigram.core.coordination import CoordinatorLocked
from digigram.core.errors import DamagedDatabase, DigigramError
from digigram.core.i18n import format_date
from digigram.ui import errors
from digigram.ui.appearance import current_language
from digigram.ui.errors import show_problem
from digigram.ui.widgets import busy

if TYPE_CHECKING:
    from digigram.core.records import BackupChoice
    from digigram.services.api import RestoreAPI

translate = QCoreApplication.translate


def ask_to_restore(parent: QWidget | None, problem: str, choice: BackupChoice) -> bool:
    """Whether to put `choice` back, asked below what went wrong (`problem`); tests replace this."""
    lang = current_language()
    made = choice.made_at.astimezone()
    box = QMessageBox(parent)
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
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(translate("Restore", "Put a backup back"))
    box.setText(text)
    box.setAccessibleName(translate("Restore", "Backup put back"))
    errors.ask_box(box)  # through the module: tests answer it there


def offer_restore(parent: QWidget | None, problem: DigigramError, backups: RestoreAPI | None) -> bool:
    """Say what stopped the data from opening. When it is a damaged database and a sound backup exists,
    offer to put it back (the coordinator password first, once one is set, asked again after a wrong
    one). True when it was put back, so the data can be opened again."""
    said = problem.message(current_language())
    choice = None
    if isinstance(problem, DamagedDatabase) and backups is not None:
        with busy():  # each backup is checked before it is offered: seconds on a region's database
            choice = backups.sound_backup()
    if choice is None or backups is None:
        show_problem(parent, problem)
        return False
    if not ask_to_restore(parent, said, choice):
        return False
    needs_password = backups.password_needed()
    while True:
        password = None
        if needs_password:
            from digigram.ui.coordinator.login import PasswordDialog

            typed = PasswordDialog.ask(parent, kind="restore")
            if typed is None:
                return False
            password = typed[1]
        try:
            with busy():
                aside = backups.restore(choice, password=password)
        except CoordinatorLocked as exc:  # a wrong password, or a wait after several: say so, ask again
            show_problem(parent, exc)
            continue
        except DigigramError as exc:
            show_problem(parent, exc)
            return False
        break
    text = translate("Restore", "The backup is back.")
    if aside is not None:
        text = translate("Restore", "The backup is back. The damaged file was kept as %1.").replace(
            "%1", str(aside))
    tell_restored(parent, text)
    return True
