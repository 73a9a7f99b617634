"""When the database will not open because it is damaged: offer the newest sound backup, in the app.

The message alone named `digigram restore`, a terminal command a librarian at a library PC cannot run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from digigram.core.errors import DamagedDatabase, DigigramError
from digigram.core.i18n import format_date
from digigram.ui.appearance import current_language
from digigram.ui.errors import ask_box, show_problem, show_text

if TYPE_CHECKING:
    from digigram.core.records import BackupChoice
    from digigram.services.api import RestoreAPI

translate = QCoreApplication.translate


def ask_to_restore(parent: QWidget | None, choice: BackupChoice) -> bool:
    """Whether to put `choice` back; tests replace this."""
    lang = current_language()
    made = choice.made_at.astimezone()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Restore", "Put a backup back"))
    box.setText(translate(
        "Restore", "Digigram keeps a backup of the data. The newest sound one was made on %1 at %2. Put it "
        "back? What was saved after it is not in it; the damaged file is kept aside, not deleted.")
        .replace("%1", format_date(made, lang)).replace("%2", made.strftime("%H:%M")))
    box.setAccessibleName(translate("Restore", "Put a backup back"))
    restore = box.addButton(translate("Restore", "&Put the backup back"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Restore", "&Close Digigram"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    ask_box(box)
    return box.clickedButton() is restore


def offer_restore(parent: QWidget | None, problem: DigigramError, backups: RestoreAPI | None) -> bool:
    """After `problem` stopped the data from opening: when it is a damaged database and a sound backup
    exists, offer to put it back (the coordinator password first, once one is set). True when it was
    put back, so the data can be opened again."""
    if not isinstance(problem, DamagedDatabase) or backups is None:
        return False
    choice = backups.sound_backup()
    if choice is None or not ask_to_restore(parent, choice):
        return False
    password = None
    if backups.password_needed():
        from digigram.ui.coordinator.login import PasswordDialog

        typed = PasswordDialog.ask(parent, kind="restore")
        if typed is None:
            return False
        password = typed[1]
    try:
        aside = backups.restore(choice, password=password)
    except DigigramError as exc:
        show_problem(parent, exc)
        return False
    if aside is not None:
        show_text(parent, translate("Restore", "The backup is back. The damaged file was kept as %1.")
                  .replace("%1", str(aside)))
    return True
