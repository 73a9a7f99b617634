"""The form for one step of the development plan: goal, competence, resource, due date, status, notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from digigram.core.plan import goal_text
from digigram.core.records import PlanStep
from digigram.ui.widgets import show_dates

if TYPE_CHECKING:
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate
STATUSES = ("planned", "in_progress", "done")


def status_label(status: str) -> str:
    return {
        "planned": translate("Plan", "Planned"),
        "in_progress": translate("Plan", "In progress"),
        "done": translate("Plan", "Done"),
    }.get(status, status)


class DateField(QDateEdit):
    """A date that is one stop for Tab, as every other field of the form: Qt's date field walked day,
    month and year with Tab, so Tab seemed stuck in it. ← and → move between its parts."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class StepEditor(QWidget):
    """Shows one PlanStep; every change by the person is sent as the edited step."""

    edited = Signal(object)  # the PlanStep with the person's change

    def __init__(self, parent: QWidget, win: Shell) -> None:
        super().__init__(parent)
        self.win = win
        self.step: PlanStep | None = None
        self._loading = False
        form = QFormLayout(self)
        self.goal = QLineEdit(self)
        self.competence = QComboBox(self)
        self.competence.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.competence.setMinimumContentsLength(24)
        self.resource = QComboBox(self)
        # Long resource titles must not widen the window beyond the screen of an old PC.
        self.resource.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.resource.setMinimumContentsLength(24)
        self.has_due = QCheckBox(self)
        self.due = DateField(self)
        self.due.setCalendarPopup(True)
        # Before any step is shown the field held Qt's 01.01.2000; a step without a date offers this one.
        self.due.setDate(QDate.currentDate().addDays(30))
        self.status = QComboBox(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.open_button = QPushButton(self)
        self.labels: list[QLabel] = []
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        for field in self.fields():
            label = QLabel(self)
            label.setBuddy(field)
            self.labels.append(label)
            form.addRow(label, due_row if field is self.has_due else field)
        form.addRow(self.open_button)
        self.goal.textEdited.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        for combo in (self.competence, self.resource, self.status):
            combo.currentIndexChanged.connect(self._edited)
        self.has_due.toggled.connect(self._edited)
        self.due.dateChanged.connect(self._edited)
        self.retranslate_ui()

    def fields(self) -> tuple[QWidget, ...]:
        return (self.goal, self.competence, self.resource, self.has_due, self.status, self.notes)

    def retranslate_ui(self) -> None:
        texts = (
            translate("Plan", "&Goal:"),
            translate("Plan", "&Competence:"),
            translate("Plan", "&Resource:"),
            translate("Plan", "&Due date:"),
            translate("Plan", "Stat&us:"),
            translate("Plan", "&Notes:"),
        )
        names = (
            translate("Plan", "Goal"),
            translate("Plan", "Competence"),
            translate("Plan", "Resource"),
            translate("Plan", "Set a due date"),
            translate("Plan", "Status"),
            translate("Plan", "Notes"),
        )
        for label, text, name, field in zip(self.labels, texts, names, self.fields(), strict=True):
            label.setText(text)
            field.setAccessibleName(name)
        self.has_due.setText(translate("Plan", "by"))
        self.due.setAccessibleName(translate("Plan", "Due date"))
        show_dates(self.due, self.win.lang)
        self.open_button.setText(translate("Plan", "&Open the resource"))
        self._fill_combos()
        if self.step is not None:
            self.load(self.step)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fill_combos(self) -> None:
        fw, lang = self.win.ws.framework, self.win.lang
        for combo in (self.competence, self.resource, self.status):
            combo.blockSignals(True)
            combo.clear()
        for c in fw.competences:
            self.competence.addItem(c.name.get(lang), c.id)
        self.resource.addItem(translate("Plan", "(none)"), None)
        for r in fw.resources:
            mark = " — " + translate("Plan", "on this computer") if r.offline else ""
            self.resource.addItem(r.title.get(lang) + mark, r.id)
        for s in STATUSES:
            self.status.addItem(status_label(s), s)
        for combo in (self.competence, self.resource, self.status):
            combo.blockSignals(False)

    def load(self, step: PlanStep) -> None:
        """Show `step` in the form (sends no `edited`)."""
        self.step = step
        self._loading = True
        self.competence.setCurrentIndex(max(0, self.competence.findData(step.competence_id)))
        # A kept suggested goal is stored empty (it reads in the language the plan is opened in) but is
        # the step's goal all the same: the field shows it as text, not as a grey hint in an empty field.
        self.goal.setText(step.goal or self._default_goal(step.competence_id))
        self.goal.setCursorPosition(0)  # a goal longer than the field is read from its start, not its end
        self.resource.setCurrentIndex(max(0, self.resource.findData(step.resource_id)))
        self.has_due.setChecked(step.due is not None)
        self.due.setEnabled(step.due is not None)
        due = step.due or dt.date.today() + dt.timedelta(days=30)
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.status.setCurrentIndex(max(0, self.status.findData(step.status)))
        self.notes.setPlainText(step.notes)
        self._loading = False
        self._update_open()
        self._update_goal_hint()

    def _default_goal(self, competence_id: str) -> str:
        """The suggested goal, "reach the target" in this competence, worded in the reader's language."""
        person = self.win.person
        return goal_text("", self.win.ws.framework, competence_id=competence_id,
                         profile_id=person.profile_id if person else None, lang=self.win.lang)

    def _update_goal_hint(self) -> None:
        """A field emptied by the person still means the suggested goal: the hint says which it is."""
        competence = self.competence.currentData() or (self.step.competence_id if self.step else "")
        self.goal.setPlaceholderText(self._default_goal(competence))

    def _edited(self, *_: object) -> None:
        if self._loading or self.step is None:
            return
        qd = self.due.date()
        self.due.setEnabled(self.has_due.isChecked())
        # The suggested goal as shown is stored as before, empty, so it follows the language and the
        # competence; a goal in the person's own words is stored as typed.
        before = self.step.competence_id
        typed = self.goal.text()
        kept = typed.strip() in ("", self._default_goal(before))
        competence = self.competence.currentData()
        self.step = replace(
            self.step,
            goal="" if kept else typed,
            competence_id=competence,
            resource_id=self.resource.currentData(),
            status=self.status.currentData(),
            due=dt.date(qd.year(), qd.month(), qd.day()) if self.has_due.isChecked() else None,
            notes=self.notes.toPlainText(),
        )
        if kept and typed and competence != before:  # the suggested goal follows the competence chosen
            self.goal.setText(self._default_goal(competence))
        self._update_open()
        self._update_goal_hint()
        self.edited.emit(self.step)

    def _update_open(self) -> None:
        rid = self.resource.currentData()
        res = self.win.ws.framework.resource(rid) if rid else None
        self.open_button.setEnabled(res is not None and (res.offline or bool(res.url)))
