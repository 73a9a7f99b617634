"""The development plan: steps suggested from the gaps, edited, saved, opened offline, exported, printed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digigram.core.errors import DigigramError
from digigram.core.framework import Framework
from digigram.core.i18n import format_date, not_measured_why
from digigram.core.plan import goal_text, reached_surely
from digigram.core.records import Attempt, Change, Plan, PlanStep, measured
from digigram.core.scoring import QuizResult
from digigram.core.when import local
from digigram.ui import folders, plan_output
from digigram.ui.plan_step_editor import StepEditor, status_label
from digigram.ui.texts import area_name
from digigram.ui.widgets import StackingScreen, TextLabel, breakable, scroll_page, wrap_lines

if TYPE_CHECKING:
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Reached:
    """A person's latest finished check and the competences whose target it reaches
    (core.plan.reached_surely: at the target and shown, not only by the area's level; from a quick
    scan, with under a 10 % chance of being below it). A step planned from an earlier gap says so, on
    the person's plan and on the coordinator's view of it, rather than standing «Planned» beside «the
    latest check meets every goal»."""

    check: Attempt
    competences: frozenset[str]

    @classmethod
    def of(cls, check: Attempt | None, result: QuizResult | None, framework: Framework) -> Reached | None:
        """From the latest finished check and its result; None without either."""
        if check is None or result is None:
            return None
        return cls(check, frozenset(c.competence_id for c in result.competences.values()
                                    if reached_surely(result, c, framework)))

    def note(self, step: PlanStep, lang: str) -> str:
        """ "target already reached in the check of 01.12.2026" for a step not done whose competence the
        check reaches; "" otherwise."""
        if step.status == "done" or step.competence_id not in self.competences:
            return ""
        day = format_date(local(self.check.finished_at or self.check.started_at), lang)
        if self.check.mode == "quick":
            note = translate("Plan", "target already reached in the quick scan of %1")
        else:
            note = translate("Plan", "target already reached in the check of %1")
        return note.replace("%1", day)


def step_label(step: PlanStep, framework: Framework, *, profile_id: str | None, lang: str,
               reached: Reached | None = None) -> str:
    """One line for the list of steps: goal, status and due date; and whether `reached`, the latest
    check, already reaches its target."""
    goal = goal_text(step.goal, framework, competence_id=step.competence_id, profile_id=profile_id, lang=lang)
    due = f" · {format_date(step.due, lang)}" if step.due else ""
    note = reached.note(step, lang) if reached is not None else ""
    return f"{goal} — {status_label(step.status)}{due}" + (f" · {note}" if note else "")


def open_file(path: Path) -> bool:
    """Open a handout with the system's viewer; tests replace this."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def ask_pdf_path(parent: QWidget, suggested: str) -> str | None:
    """Where to save the PDF, starting from the `suggested` path; tests replace this."""
    return folders.ask_save_path(parent, title=translate("Plan", "Save the plan as PDF"), suggested=suggested,
                                 pattern="PDF (*.pdf)", suffix=".pdf")


class PlanView(StackingScreen):
    fills_window = True  # the steps and the form scroll inside it: the screen takes the window's height

    def __init__(self, win: Shell) -> None:
        super().__init__()  # the window's stack becomes the parent
        self.win = win
        self.person_id: str | None = None
        self.plan: Plan | None = None
        self.steps: list[PlanStep] = []
        self.dirty = False
        self.touched = False  # changed by the person, not only the steps suggested on opening
        # The latest finished check (what Suggest reads) and the competences whose target it reaches.
        self.latest: Attempt | None = None
        self.unmeasured: list[str] = []  # the latest check's areas without a level (records.measured)
        self.reached: Reached | None = None
        # The steps and the form scroll on their own above Save, Export and Print, which stay at the
        # window's foot: at 200 % text on a 1024×600 netbook the form stacks under the steps and pushed
        # them below the window, to be found only by scrolling the whole screen.
        outer = QVBoxLayout(self)
        self.page, column = scroll_page(self)
        self.heading = TextLabel(self.page.widget(), scale=1.25, bold=True)
        column.addWidget(self.heading)
        body = QHBoxLayout()
        self.stacking = body  # side by side, or stacked when large text leaves too little width
        column.addLayout(body, 1)
        outer.addWidget(self.page, 1)
        left = QVBoxLayout()
        self.list_label = QLabel(self)
        self.list = QListWidget(self)
        # A step's goal and status are read whole: the list is narrow beside the form and at large text.
        wrap_lines(self.list)
        self.list_label.setBuddy(self.list)
        left.addWidget(self.list_label)
        left.addWidget(self.list, 1)
        # The suggestion on its own line: three buttons in one row did not fit beside the form.
        self.suggest = QPushButton(self)
        self.add = QPushButton(self)
        self.remove = QPushButton(self)
        left.addWidget(self.suggest)
        # The order is the person's: what to do first goes first (the list, the PDF and the print).
        self.up = QPushButton("↑", self)
        self.down = QPushButton("↓", self)
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addWidget(self.up)
        row.addWidget(self.down)
        left.addLayout(row)
        # Removing a step asks nothing: this brings it back (shown only while there is one to bring back).
        self.bring_back = QPushButton(self)
        self.bring_back.hide()
        self.removed: list[tuple[int, PlanStep]] = []  # (its place, the step), the last removed last
        # Its own line: the row above and the buttons at the bottom are full at 200 % text.
        left.addWidget(self.bring_back)
        body.addLayout(left, 2)

        self.form_box = StepEditor(self, win)
        # The form's fields, named as before for the code that drives this screen.
        ed = self.form_box
        self.goal, self.competence, self.resource = ed.goal, ed.competence, ed.resource
        self.has_due, self.due, self.status, self.notes = ed.has_due, ed.due, ed.status, ed.notes
        self.open_button = ed.open_button
        body.addWidget(self.form_box, 3)

        bottom = QGridLayout()
        self.home_button = QPushButton(self)
        self.save = QPushButton(self)
        self.export = QPushButton(self)
        self.print_button = QPushButton(self)
        bottom.addWidget(self.home_button, 0, 0)
        bottom.setColumnStretch(1, 1)
        bottom.addWidget(self.save, 0, 2)
        bottom.addWidget(self.export, 0, 3)
        bottom.addWidget(self.print_button, 0, 4)
        outer.addLayout(bottom)
        self.state = TextLabel(self)  # wraps: a long note (a saved file's path) must not widen the screen
        outer.addWidget(self.state)

        self.list.currentRowChanged.connect(self._row_changed)
        self.suggest.clicked.connect(self.suggest_steps)
        self.add.clicked.connect(self.add_step)
        self.remove.clicked.connect(self.remove_step)
        self.bring_back.clicked.connect(self.bring_back_step)
        self.up.clicked.connect(lambda: self.move_step(-1))
        self.down.clicked.connect(lambda: self.move_step(1))
        self.save.clicked.connect(self.save_plan)
        self.export.clicked.connect(self.export_pdf)
        self.print_button.clicked.connect(lambda: plan_output.print_plan(self))
        self.home_button.clicked.connect(self.win.go_home)
        self.open_button.clicked.connect(self.open_resource)
        self.form_box.edited.connect(self._edited)
        self.retranslate_ui()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.list_label.setText(translate("Plan", "S&teps:"))
        self.list.setAccessibleName(translate("Plan", "Steps of the plan"))
        # Focusable, so that what is longer than the window scrolls with Page Up/Down from the keyboard too.
        self.page.setAccessibleName(translate("Plan", "The plan's steps and the chosen step"))
        self.suggest.setText(translate("Plan", "&Suggest from my results"))
        self.add.setText(translate("Plan", "&Add a step"))
        self.remove.setText(translate("Plan", "Re&move the step"))
        self.bring_back.setText(translate("Plan", "Bring the step &back"))
        for button, words in ((self.up, translate("Plan", "Move the step up")),
                              (self.down, translate("Plan", "Move the step down"))):
            button.setToolTip(words)
            button.setAccessibleName(words)
        self.home_button.setText(translate("Plan", "&Home"))
        self.save.setText(translate("Plan", "Sa&ve the plan"))
        self.export.setText(translate("Plan", "&Export as PDF…"))
        self.print_button.setText(translate("Plan", "&Print…"))
        if self.person_id is not None:
            # The heading and the line under the buttons are set with the person's plan: they stayed in
            # the language the plan was opened in («Development plan of…» over a Ukrainian screen).
            self._show_heading()
            self._render_list()
            self._load_form()
            self._update_state()
            if not self.steps:
                self.state.setText(self._empty_note())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, change: Any = None) -> None:
        if change is None or change.kind != "plan" or change.person_id != self.person_id or self.dirty:
            return
        if self.person_id is None:
            return
        row = self.list.currentRow()
        self.show_person(self.person_id)
        if 0 <= row < len(self.steps):  # after saving, the step being edited stays in the form
            self.list.setCurrentRow(row)
            self._load_form()

    def _label(self, step: PlanStep) -> str:
        person = self.win.person
        return step_label(step, self.win.ws.framework, profile_id=person.profile_id if person else None,
                          lang=self.win.lang, reached=self.reached)

    def _read_latest(self) -> None:
        """The person's latest finished check and the competences at their target in it."""
        self.latest, self.reached = None, None
        self.unmeasured = []
        if self.person_id is None:
            return
        latest = self.latest = self.win.ws.latest_finished(self.person_id)
        # A result that cannot be read was said; then no step is marked reached.
        result = None if latest is None else self.win.run(lambda: self.win.ws.results_for(latest.id))
        self.reached = Reached.of(latest, result, self.win.ws.framework)
        fw, lang = self.win.ws.framework, self.win.lang
        self.unmeasured = [] if result is None else [  # areas the check gives no level: no step, no gap
            area_name(fw, area_id, lang) for area_id, area in result.areas.items() if not measured(area)]

    def _quick_note(self) -> str:
        """When the latest check is a quick scan, that what it suggests is rough."""
        if self.latest is None or self.latest.mode != "quick":
            return ""
        return translate("Plan", "Suggested from the quick scan of %1, which is rough; a full check "
                                 "is surer.").replace(
            "%1", format_date(local(self.latest.finished_at or self.latest.started_at), self.win.lang))

    def _about_suggestions(self) -> str:
        """Said beside suggested steps: that a quick scan's are rough, and why an area has none at all."""
        lang = self.win.lang
        why = not_measured_why(self.unmeasured, lang).render(lang) if self.unmeasured else ""
        return " ".join(t for t in (self._quick_note(), why) if t)

    def show_person(self, person_id: str) -> None:
        self.person_id = person_id
        self._show_heading()
        self.plan = self.win.run(lambda: self.win.ws.plan_for(person_id))
        self.steps = list(self.plan.steps) if self.plan is not None else []
        self.removed.clear()
        self.bring_back.hide()
        self.dirty = self.touched = False
        self._read_latest()
        if not self.steps:
            self.suggest_steps(quiet=True)
        self._render_list()
        self.list.setCurrentRow(0 if self.steps else -1)
        self._load_form()
        self._update_state()
        if not self.steps:  # «Saved» alone over an empty list said nothing of why it is empty
            self.state.setText(self._empty_note())
        elif self.dirty and (about := self._about_suggestions()):  # steps suggested on opening
            self.state.setText(self.state.text() + " · " + about)

    def _show_heading(self) -> None:
        person = self.win.person
        name = breakable(person.name) if person else ""
        self.heading.setText(translate("Plan", "Development plan of %1").replace("%1", name))

    def _render_list(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for label in self._labels():
            self.list.addItem(label)
        self.list.setCurrentRow(min(row, len(self.steps) - 1) if row >= 0 else (0 if self.steps else -1))
        self.list.blockSignals(False)
        self.form_box.setEnabled(bool(self.steps))
        self.remove.setEnabled(bool(self.steps))
        self._update_moves()

    def _labels(self) -> list[str]:
        """The list's lines, one a step."""
        labels = [self._label(step) for step in self.steps]
        fw, lang = self.win.ws.framework, self.win.lang
        told = []
        for step, label in zip(self.steps, labels, strict=True):
            if labels.count(label) > 1 and step.resource_id and fw.has_resource(step.resource_id):
                # Two steps alike (a newer check suggests another resource for the same goal): what sets
                # them apart is the resource, which the line did not name.
                label = f"{label} · {fw.resource(step.resource_id).title.get(lang)}"
            told.append(label)
        return told

    def _row_changed(self, _row: int) -> None:
        self._load_form()
        self._update_moves()

    def _update_moves(self) -> None:
        row = self.list.currentRow()
        self.up.setEnabled(0 < row < len(self.steps))
        self.down.setEnabled(0 <= row < len(self.steps) - 1)

    def _load_form(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.steps):
            self.form_box.load(self.steps[row])

    def _edited(self, step: PlanStep) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.steps):
            return
        self.steps[row] = step
        self.dirty = self.touched = True
        # Every line: a step edited to read as another (or no longer so) changes whether both name
        # their resource.
        for k, label in enumerate(self._labels()):
            if self.list.item(k).text() != label:
                self.list.item(k).setText(label)
        self._update_state()

    def _update_state(self) -> None:
        self.state.setText(translate("Plan", "Not saved yet") if self.dirty else translate("Plan", "Saved"))

    # -- actions -------------------------------------------------------------------------------
    def suggest_steps(self, *, quiet: bool = False) -> None:
        if self.person_id is None:
            return
        if not quiet:  # a check may have been finished since the plan was opened
            self._read_latest()
        latest = self.latest
        if latest is None:
            if not quiet:
                self.state.setText(self._empty_note())
            return
        # The goals are written in the language the person reads the app in.
        plan = self.win.run(lambda: self.win.ws.suggest_plan(latest.id, lang=self.win.lang))
        if plan is None:
            return
        known = {(s.competence_id, s.resource_id) for s in self.steps}
        new = [s for s in plan.steps if (s.competence_id, s.resource_id) not in known]
        self.steps.extend(new)
        # A removed step the suggestion brought again is not to be brought back a second time.
        again = {(s.competence_id, s.resource_id) for s in new}
        self.removed = [(row, s) for row, s in self.removed if (s.competence_id, s.resource_id) not in again]
        if not self.removed:
            self._hide_bring_back()
        if new:
            self.dirty = True
            self.touched = self.touched or not quiet
        self._render_list()
        self._load_form()
        self._update_state()
        if not new and not quiet:  # a press that changes nothing must still say why
            # What a quick scan suggests is rough, whether or not its steps are already in the plan
            # (_empty_note says so itself).
            already = translate("Plan", "Every suggested step is already in the plan.")
            note = (" ".join(t for t in (already, self._about_suggestions()) if t) if plan.steps
                    else self._empty_note())
            self.state.setText(self.state.text() + " · " + note)
        elif new and not quiet and (about := self._about_suggestions()):
            self.state.setText(self.state.text() + " · " + about)

    def _empty_note(self) -> str:
        """Why no step is suggested: no finished check yet, or the latest meets every goal."""
        if self.person_id is None or self.latest is None:  # read with the plan (_read_latest)
            return translate("Plan", "Finish a check first: suggestions come from its results.")
        if self.unmeasured:  # "meets every goal" of areas it gave no level was not so
            note = " ".join((translate("Plan", "Nothing to suggest from the areas the latest check measured. "
                                               "You can add a step of your own."),
                             not_measured_why(self.unmeasured, self.win.lang).render(self.win.lang)))
        else:
            note = translate("Plan", "Nothing to suggest: the latest check meets every goal for your role. "
                                     "You can add a step of your own.")
        quick = self._quick_note()
        return f"{note} {quick}" if quick else note

    def add_step(self) -> None:
        fw = self.win.ws.framework
        first = next(iter(fw.competences))
        self.steps.append(PlanStep(competence_id=first.id, goal=""))
        self.dirty = self.touched = True
        self._render_list()
        self.list.setCurrentRow(len(self.steps) - 1)
        self._load_form()
        self._update_state()
        self.goal.setFocus()
        self.goal.selectAll()  # the suggested goal is shown as text: typing one's own replaces it

    def remove_step(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.steps):
            self.removed.append((row, self.steps.pop(row)))
            self.dirty = self.touched = True
            self._render_list()
            self._load_form()
            self._update_state()
            self.bring_back.show()
            if not self.steps:  # the removed button gave its focus away: to the way back, not the window
                self.bring_back.setFocus(Qt.FocusReason.OtherFocusReason)

    def bring_back_step(self) -> None:
        """The step removed last, back in its place and chosen."""
        if not self.removed:
            return
        row, step = self.removed.pop()
        row = min(row, len(self.steps))
        self.steps.insert(row, step)
        self.dirty = self.touched = True
        self._render_list()
        self.list.setCurrentRow(row)
        self._load_form()
        self._update_state()
        if not self.removed:
            self._hide_bring_back()

    def _hide_bring_back(self) -> None:
        if self.bring_back.hasFocus():  # its focus goes to the list, not to the window
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.bring_back.hide()

    def move_step(self, by: int) -> None:
        """Move the chosen step `by` places (-1 up, 1 down); it stays chosen."""
        row, to = self.list.currentRow(), self.list.currentRow() + by
        if not (0 <= row < len(self.steps) and 0 <= to < len(self.steps)):
            return
        pressed = self.up if by < 0 else self.down
        if pressed.hasFocus() and not 0 <= to + by < len(self.steps):
            # The button is disabled at the end of the list, and Qt handed its focus to the next widget,
            # the goal, with all its text selected: the next Space (pressed to move again) erased the goal.
            # The focus goes to the list instead, on the moved step, before the button is disabled.
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.steps[row], self.steps[to] = self.steps[to], self.steps[row]
        self.dirty = self.touched = True
        self._render_list()
        self.list.setCurrentRow(to)
        self._update_state()

    def current_plan(self) -> Plan:
        base = self.plan or Plan(person_id=self.person_id or "")
        return replace(base, steps=tuple(self.steps))

    def save_plan(self, *, quiet: bool = False) -> bool:
        """Store the plan as shown; a refusal is said in a message, or, `quiet`, not at all."""
        person_id = self.person_id
        if person_id is None:
            return False
        plan = self.current_plan()
        if quiet:
            try:
                change: Change | None = self.win.ws.save_plan(person_id, plan)
            except DigigramError:
                change = None
        else:
            change = self.win.run(lambda: self.win.ws.save_plan(person_id, plan))
        if change is None:
            return False
        self.dirty = self.touched = False
        self._update_state()
        self.plan = self.win.ws.plan_for(person_id) or plan
        self.win.notify(change)
        return True

    def keep_edits(self, *, quiet: bool = False) -> bool | None:
        """Save what the person changed as the screen is left (another screen, Home, the idle reset,
        closing the window), so no edit is lost on the way out. Steps only suggested on opening and
        left untouched are a proposal, suggested again next time, and not stored. Tried once: a refusal
        is said once (or, `quiet`, when nobody may be at the PC, not at all). True when saved, None when
        the saving was refused, False when there was nothing to save."""
        if not (self.dirty and self.touched):
            return False
        self.touched = False
        return True if self.save_plan(quiet=quiet) else None

    def open_resource(self) -> None:
        rid = self.resource.currentData()
        if not rid:
            return
        res = self.win.ws.framework.resource(rid)
        if res.path is not None:
            if not open_file(res.path):
                # Nothing happened on screen: say why, and where the file is, so it can be opened by hand.
                self.state.setText(
                    translate("Plan", "No program on this computer opens this file. It is here: %1")
                    .replace("%1", str(res.path))
                )
        elif res.url:
            self.state.setText(
                translate("Plan", "Online resource (needs the internet): %1").replace("%1", res.url)
            )

    def export_pdf(self) -> str | None:
        person = self.win.person
        # In Documents or the folder this person used last (never another person's); a long name is
        # cut, a "/" in it does not make a folder.
        owner = folders.person_owner(person.id) if person else folders.COORDINATOR
        suggested = folders.file_name(person.name if person else "plan", ".pdf")
        path = ask_pdf_path(self, folders.suggest(suggested, owner))
        if not path:
            return None
        folders.remember(path, owner)
        # About two seconds of drawing pages on the window's thread: the wait cursor says it is working.
        done = self.win.run(lambda: plan_output.write_pdf(self, Path(path)), slow=True)
        if done is not None:
            # The plan's own state first: "Saved as …" after an export read as if the plan were saved.
            self._update_state()
            # The file holds her levels and plan under her name, in a folder the next person may open.
            self.state.setText(self.state.text() + " · " + translate("Plan", "PDF saved as %1").replace(
                "%1", path) + " · " + translate("Plan", "On a shared computer, take the file with you or "
                                                     "delete it when you are done."))
        return path
