"""Entering coordinator mode: the password set at first use, asked later, changed; locked again on leaving."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from digigram.core.coordination import MIN_PASSWORD
from digigram.core.errors import DigigramError
from digigram.ui.errors import show_problem, show_text

if TYPE_CHECKING:
    from digigram.services.api import CoordinatorAPI, WorkspaceAPI
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate



class PasswordDialog(QDialog):
    """One to three password fields: enter it, set it twice (first use), or old + new twice (change)."""

    def __init__(self, parent: QWidget | None, *, kind: str) -> None:
        super().__init__(parent)
        self.kind = kind
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.old = self._field()
        self.new = self._field()
        self.again = self._field()
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        if kind in ("enter", "restore"):
            if kind == "enter":
                self.setWindowTitle(translate("CoordinatorLogin", "Coordinator mode"))
                self.intro.setText(translate(
                    "CoordinatorLogin",
                    "The coordinator screens show every trainee's results. Enter the coordinator password to "
                    "open them."))
            else:
                self.setWindowTitle(translate("CoordinatorLogin", "Put a backup back"))
                self.intro.setText(translate("CoordinatorLogin", "Only the coordinator may put older data "
                                             "back. Enter the coordinator password to do it."))
            rows = [(translate("CoordinatorLogin", "&Password:"), self.new,
                     translate("CoordinatorLogin", "Coordinator password"))]
        else:
            if kind == "first":
                self.setWindowTitle(translate("CoordinatorLogin", "Set the coordinator password"))
                self.intro.setText(translate(
                    "CoordinatorLogin",
                    "No coordinator password is set on this computer yet. Choose one now (at least "
                    "%1 characters) and keep it safe: it opens every trainee's results.").replace(
                        "%1", str(MIN_PASSWORD)))
                rows = []
            else:
                self.setWindowTitle(translate("CoordinatorLogin", "Change the coordinator password"))
                self.intro.setText(translate("CoordinatorLogin", "The data stays as it is; only the "
                                             "password that opens the coordinator screens changes."))
                rows = [(translate("CoordinatorLogin", "&Current password:"), self.old,
                         translate("CoordinatorLogin", "Current coordinator password"))]
            rows += [
                (translate("CoordinatorLogin", "&New password:"), self.new,
                 translate("CoordinatorLogin", "New coordinator password")),
                (translate("CoordinatorLogin", "New password &again:"), self.again,
                 translate("CoordinatorLogin", "New coordinator password again")),
            ]
        used = set()
        for text, field, name in rows:
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(name)
            form.addRow(label, field)
            used.add(id(field))
        for field in (self.old, self.new, self.again):
            if id(field) not in used:
                field.hide()
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        (self.old if kind == "change" else self.new).setFocus()

    def _field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def check(self) -> str:
        """Why the typed passwords cannot be used, or "" when they can."""
        if self.kind in ("enter", "restore"):
            return "" if self.new.text() else translate("CoordinatorLogin", "Please enter the password.")
        if len(self.new.text().strip()) < MIN_PASSWORD:
            return translate("CoordinatorLogin", "The new password needs at least %1 characters.").replace(
                "%1", str(MIN_PASSWORD))
        if self.new.text() != self.again.text():
            return translate("CoordinatorLogin", "The two new passwords differ. Please type them again.")
        return ""

    def _accept(self) -> None:
        problem = self.check()
        self.problem.setText(problem)
        if not problem:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, *, kind: str) -> tuple[str, str] | None:
        """("old", "new") as typed (old is "" unless changing), or None when cancelled. Tests replace this."""
        dialog = cls(parent, kind=kind)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.old.text(), dialog.new.text()


def unlock(parent: QWidget, ws: WorkspaceAPI) -> CoordinatorAPI | None:
    """The Coordinator object after the password (set first when none exists yet), or None."""
    try:
        if not ws.coordinator_password_set():
            typed = PasswordDialog.ask(parent, kind="first")
            if typed is None:
                return None
            ws.set_coordinator_password(typed[1])
            return ws.unlock_coordinator(typed[1])
        typed = PasswordDialog.ask(parent, kind="enter")
        if typed is None:
            return None
        return ws.unlock_coordinator(typed[1])
    except DigigramError as exc:  # a wrong password, or too many: the message says how long to wait
        show_problem(parent, exc)
        return None


def change_password(parent: QWidget, co: CoordinatorAPI) -> bool:
    typed = PasswordDialog.ask(parent, kind="change")
    if typed is None:
        return False
    try:
        co.change_password(typed[0], typed[1])
    except DigigramError as exc:
        show_problem(parent, exc)
        return False
    show_text(parent, translate("CoordinatorLogin", "The coordinator password is changed."))
    return True


def open_person(win: Shell, person_id: str) -> bool:
    """The coordinator's override of a PIN: after the password, the person is open on this window."""
    parent = win.stack.window()
    if win.coordinator is None and not win.ws.coordinator_password_set():
        # Never a first password chosen on the spot to get past someone's PIN: whoever stood at the PC
        # would become the coordinator and open the results the PIN protects.
        show_text(parent, translate(
            "CoordinatorLogin", "No coordinator password is set on this computer yet, so only the PIN opens "
            "these results."))
        return False
    co = win.coordinator or unlock(parent, win.ws)
    if co is None:
        return False
    # Outside coordinator mode the object is not kept: only this one person is opened.
    try:
        co.open_person(person_id)
    except DigigramError as exc:
        show_problem(parent, exc)
        return False
    win.unlocked.add(person_id)
    return True
