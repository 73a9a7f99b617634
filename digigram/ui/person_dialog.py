"""Creating a person (name, hub, role, optional PIN, consent) and asking for a person's PIN."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from digigram.core import limits
from digigram.core.errors import DigigramError
from digigram.core.regions import Hub, folded
from digigram.ui import errors
from digigram.ui.appearance import current_language
from digigram.ui.hub_picker import HubPicker
from digigram.ui.message_box import MessageBox
from digigram.ui.widgets import ButtonText, DialogBody, breakable, fit_dialog

translate = QCoreApplication.translate


@dataclass(frozen=True)
class NewPerson:
    name: str
    hub_id: str | None  # chosen from the computer's hub list; None: no hub
    profile_id: str | None
    pin: str | None
    consent: bool


class PersonDialog(QDialog):
    """The form for a new person; OK stays disabled until the name is given and consent is ticked.

    `people`: (name, hub) of everyone already on the computer. A name one of them has (any case, any
    spacing) is asked about before it is added: on a shared PC two records of one name are easily mixed
    up, though two people may well share a name.
    """

    def __init__(self, parent: QWidget | None, *, profiles: list[tuple[str, str]], hubs: Sequence[Hub] = (),
                 lang: str = "en", people: Sequence[tuple[str, str]] = (),
                 typed: NewPerson | None = None) -> None:
        """`typed`: the form as it was filled in before, offered again after it could not be stored."""
        super().__init__(parent)
        self.people = people
        self.setWindowTitle(translate("PersonDialog", "New person"))
        outer = QVBoxLayout(self)
        self.body = DialogBody(self)  # scrolls on a screen too short for it; the buttons stay in view
        outer.addWidget(self.body, 1)
        layout = QVBoxLayout(self.body.inner())
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(translate("PersonDialog", "Name"))
        # The same limits the Workspace and bundle import apply (core.limits), so nothing typed here
        # can later make a region refuse the hub's bundle.
        self.name.setMaxLength(limits.NAME_MAX)
        self.hub = HubPicker(self, hubs=hubs, lang=lang)
        self.profile = QComboBox(self)
        self.profile.setAccessibleName(translate("PersonDialog", "Role"))
        for profile_id, name in profiles:
            self.profile.addItem(name, profile_id)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(translate("PersonDialog", "PIN (optional)"))
        self.pin.setMaxLength(limits.PIN_MAX)
        for text, field in (
            (translate("PersonDialog", "&Name:"), self.name),
            (translate("PersonDialog", "&Hub or library:"), self.hub.search),
            (translate("PersonDialog", "&Role:"), self.profile),
            (translate("PersonDialog", "&PIN (optional):"), self.pin),
        ):
            if field is self.hub.search and not hubs:
                continue  # nothing to choose: the hint goes below the form instead
            if field is self.profile and not profiles:
                self.profile.hide()  # a framework without roles: nothing to ask, no role is stored
                continue
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, self.hub if field is self.hub.search else field)
            if field is self.name:
                # Why the name cannot be taken, right below it (OK alone stayed grey without a word).
                self.name_problem = QLabel(self)
                self.name_problem.setWordWrap(True)
                form.addRow(QLabel(self), self.name_problem)
                self._problem_row = form.rowCount() - 1
        self.form = form
        layout.addLayout(form)
        if not hubs:  # in the dialog's own column, where a wrapped label gets the height it needs
            self.hub.hide()
            self.hub.hint.setParent(self)
            layout.addWidget(self.hub.hint)
        # What a PIN does not do, too: the coordinator opens a protected person with the coordinator
        # password (PinDialog's «Coordinator opens it…»), and a note saying only "stops others" overpromised.
        # "In Digigram": the database file itself is not encrypted (docs/install.md).
        # "Leave it empty if you do not need one" made way for it: the field's label says "(optional)", and
        # at 200 % text on a 1024×600 screen the form still fits without scrolling.
        self.pin_note = QLabel(
            translate(
                "PersonDialog",
                "A PIN of at least %1 characters, not easy to guess, stops others on this computer from "
                "opening your results in Digigram; the hub's coordinator can still open them with the "
                "coordinator password.",
            ).replace("%1", str(limits.PIN_MIN)),
            self,
        )
        self.pin_note.setWordWrap(True)
        self._pin_note = self.pin_note.text()
        layout.addWidget(self.pin_note)
        # Consent is something the person does: the box starts empty, and the person is only added
        # once it is ticked. Its text wraps beside it (a check box's own text would be cut off).
        consent_row = QHBoxLayout()
        self.consent = QCheckBox(translate("PersonDialog", "&Yes"), self)
        self.consent.setAccessibleName(translate("PersonDialog", "Consent to keep results on this computer"))
        self.consent.setChecked(False)
        self.consent_text = ButtonText(self.consent, self)
        self.consent_text.setText(
            translate(
                "PersonDialog",
                "Keep my answers and results on this computer, so that I can see my progress "
                "later. They are not sent anywhere. I can ask for them to be deleted at any time.",
            )
        )
        self.consent.setAccessibleDescription(self.consent_text.text())
        consent_row.addWidget(self.consent, 0, Qt.AlignmentFlag.AlignTop)
        consent_row.addWidget(self.consent_text, 1)
        layout.addLayout(consent_row)
        self.consent.toggled.connect(self._update)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self.pin.textChanged.connect(self._update)
        if typed is not None:
            self._fill_in(typed)
        self._update()
        self.setMinimumWidth(520)

    def _fill_in(self, typed: NewPerson) -> None:
        self.name.setText(typed.name)
        if typed.hub_id is not None:
            self.hub.choose(typed.hub_id)
        if (row := self.profile.findData(typed.profile_id)) >= 0:
            self.profile.setCurrentIndex(row)
        self.pin.setText(typed.pin or "")
        self.consent.setChecked(typed.consent)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_dialog(self)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        pin = self.pin.text()
        pin_ok = not pin or not limits.pin_too_short(pin)  # the note above says how long
        ok.setEnabled(bool(self.name.text().strip()) and self.consent.isChecked() and pin_ok)
        # OK alone stayed grey while a short PIN was typed: the note saying how long is marked meanwhile.
        self.pin_note.setText(self._pin_note if pin_ok else "⚠ " + self._pin_note)
        self.pin.setAccessibleDescription("" if pin_ok else self._pin_note)
        problem = self.name_check()
        self.name_problem.setText("⚠ " + problem if problem else "")
        self.form.setRowVisible(self._problem_row, bool(problem))
        self.name.setAccessibleDescription(problem)

    def name_check(self) -> str:
        """What is wrong with the typed name, in words, or "" (also while nothing is typed yet)."""
        typed = self.name.text()
        if typed and not typed.strip():
            return translate("PersonDialog", "A name cannot be only spaces.")
        if len(typed) >= limits.NAME_MAX:
            return translate("PersonDialog", "At most %1 characters: a name cannot be longer.").replace(
                "%1", str(limits.NAME_MAX))
        return ""

    def same_name_hubs(self) -> list[str]:
        """The hubs of the people already here whose name is the typed one (any case, any spacing); empty
        when nobody has it. A person without a hub counts as ""."""
        typed = folded(self.name.text())
        hubs: list[str] = []
        for name, hub in self.people:
            if folded(name) == typed and hub not in hubs:
                hubs.append(hub)
        return hubs

    def accept(self) -> None:
        same = self.same_name_hubs() if self.name.text().strip() else []
        if same and not ask_same_name(self, same):
            self.name.setFocus()  # back to the form, the name ready to be changed
            self.name.selectAll()
            return
        super().accept()

    def value(self) -> NewPerson:
        return NewPerson(
            name=self.name.text().strip(),
            hub_id=self.hub.chosen(),
            profile_id=self.profile.currentData(),
            pin=self.pin.text() or None,
            consent=self.consent.isChecked(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, *, profiles: list[tuple[str, str]], hubs: Sequence[Hub] = (),
            lang: str = "en", people: Sequence[tuple[str, str]] = (),
            typed: NewPerson | None = None) -> NewPerson | None:
        """Show the form (filled in as `typed`, if given); the new person's details, or None when
        cancelled. Tests replace this."""
        dialog = cls(parent, profiles=profiles, hubs=hubs, lang=lang, people=people, typed=typed)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_same_name(parent: QWidget, hubs: list[str]) -> bool:
    """Someone of the typed name is already here (in these hubs; "" for none): True to add another person
    of that name, False to go back to the form."""
    where = "; ".join(hub or translate("PersonDialog", "no hub") for hub in hubs)
    box = MessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("PersonDialog", "This name is already here"))
    box.setAccessibleName(translate("PersonDialog", "This name is already here"))
    box.setText(translate(
        "PersonDialog", "Someone with this name is already on this computer (%1). Add another person with "
                        "the same name?").replace("%1", where))
    again = box.addButton(translate("PersonDialog", "&Add another"), QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(translate("PersonDialog", "&Go back"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)  # Enter pressed twice out of habit goes back, adds no one
    box.setEscapeButton(back)
    errors.ask_box(box)  # through the module: tests answer it there
    clicked: QAbstractButton | None = box.clickedButton()
    return clicked is again


class PinDialog(QDialog):
    """Asks for the PIN of a person who set one; the coordinator can open the person instead."""

    BY_COORDINATOR = object()  # returned by ask() when the coordinator chose to open the person

    def __init__(self, parent: QWidget | None, *, name: str,
                 attempt: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        # Tried on OK with the PIN typed: False (a wrong PIN) or a DigigramError (a wait after several)
        # is said here, and the dialog stays open with the PIN cleared for the next try.
        self.attempt = attempt
        self.setWindowTitle(translate("PinDialog", "PIN"))
        layout = QVBoxLayout(self)
        # Wrapped: a long name on one line made the dialog wider than the screen.
        label = QLabel(translate("PinDialog", "&PIN for %1:").replace("%1", breakable(name)), self)
        label.setWordWrap(True)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(translate("PinDialog", "PIN"))
        label.setBuddy(self.pin)
        layout.addWidget(label)
        layout.addWidget(self.pin)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons = buttons
        self.coordinator = buttons.addButton(translate("PinDialog", "&Coordinator opens it…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.coordinator.setAccessibleName(translate("PinDialog", "Coordinator opens it with the password"))
        self.coordinator.clicked.connect(lambda: self.done(2))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

    def _accept(self) -> None:
        if self.attempt is None:
            self.accept()
            return
        try:
            right = self.attempt(self.pin.text())
        except DigigramError as exc:  # typed within the wait after wrong PINs: the words say how long
            said = exc.said_in_app(current_language())
        else:
            if right:
                self.accept()
                return
            said = translate("PinDialog", "That PIN is not right. Please try again.")
        self.problem.setText(said)
        self.problem.show()
        self.pin.clear()
        self.pin.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, *, name: str,
            attempt: Callable[[str], bool] | None = None) -> str | object | None:
        """The PIN typed, PinDialog.BY_COORDINATOR, or None when cancelled. With `attempt`, OK closes the
        dialog only once it has returned True. Tests replace this."""
        dialog = cls(parent, name=name, attempt=attempt)
        code = dialog.exec()
        if code == 2:
            return cls.BY_COORDINATOR
        return dialog.pin.text() if code == QDialog.DialogCode.Accepted else None
