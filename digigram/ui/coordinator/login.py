"""Entering coordinator mode: the password set at first use, asked later, changed; locked again on leaving."""

from __future__ import annotations

from collections.abc import Callable
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

from digigram.core.coordination import MIN_PASSWORD, PINS_GUARD, CoordinatorError, CoordinatorLocked
from digigram.core.errors import DigigramError
from digigram.ui.appearance import current_language
from digigram.ui.errors import show_problem, show_text

if TYPE_CHECKING:
    from digigram.services.api import CoordinatorAPI, WorkspaceAPI
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate



class PasswordDialog(QDialog):
    """One to three password fields: enter it, set it twice (first use), or old + new twice (change)."""

    def __init__(self, parent: QWidget | None, *, kind: str,
                 attempt: Callable[[str, str], object] | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        # Tried on OK with (old, new) as typed; a DigigramError it raises (a wrong password, a wait after
        # several) is said in the dialog, which stays open with the password to retype cleared.
        self.attempt = attempt
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
        if problem:
            return
        if self.attempt is not None:
            try:
                self.attempt(self.old.text(), self.new.text())
            except CoordinatorLocked as exc:  # the password was wrong (or a wait lasts): only it is retyped
                self.problem.setText(exc.said_in_app(current_language()))
                wrong = self.old if self.kind == "change" else self.new
                wrong.clear()
                wrong.setFocus()
                return
            except DigigramError as exc:
                self.problem.setText(exc.said_in_app(current_language()))
                return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, *, kind: str,
            attempt: Callable[[str, str], object] | None = None) -> tuple[str, str] | None:
        """("old", "new") as typed (old is "" unless changing), or None when cancelled. With `attempt`,
        OK runs it and the dialog closes only once it has not raised. Tests replace this."""
        dialog = cls(parent, kind=kind, attempt=attempt)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.old.text(), dialog.new.text()


def unlock(parent: QWidget, ws: WorkspaceAPI) -> CoordinatorAPI | None:
    """The Coordinator object after the password (set first when none exists yet), or None."""
    try:
        if not ws.coordinator_password_set():
            if ws.first_password_guarded():
                # Not chosen at this keyboard over people's PINs (Workspace.first_password_guarded).
                show_problem(parent, CoordinatorError(PINS_GUARD))
                return None
            typed = PasswordDialog.ask(parent, kind="first")
            if typed is None:
                return None
            ws.set_coordinator_password(typed[1])
            return ws.unlock_coordinator(typed[1])
        opened: list[CoordinatorAPI] = []
        # A wrong password is said in the dialog, which stays open for the next try (it closed, and
        # the coordinator had to start again from the menu).
        typed = PasswordDialog.ask(parent, kind="enter",
                                   attempt=lambda _old, new: opened.append(ws.unlock_coordinator(new)))
        if typed is None:
            return None
        return opened[0] if opened else ws.unlock_coordinator(typed[1])
    except DigigramError as exc:  # a wrong password, or too many: the message says how long to wait
        show_problem(parent, exc)
        return None


def change_password(parent: QWidget, co: CoordinatorAPI) -> bool:
    changed: list[object] = []
    typed = PasswordDialog.ask(parent, kind="change",
                               attempt=lambda old, new: changed.append(co.change_password(old, new)))
    if typed is None:
        return False
    try:
        if not changed:
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
