"""One trainee as the coordinator sees them: gap chart, history, and the plan with a comment per step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from digigram.core.errors import DigigramError
from digigram.core.i18n import NOT_MEASURED, not_measured_why
from digigram.core.plan import goal_text
from digigram.core.records import latest_finished, measured
from digigram.ui.chart_widget import ChartWidget
from digigram.ui.coordinator import files as coordinator_files
from digigram.ui.errors import show_problem
from digigram.ui.history_table import HistoryTable
from digigram.ui.plan_view import Reached, step_label
from digigram.ui.texts import area_name, gap_text, level_label, said_text, said_vs_shown_text
from digigram.ui.widgets import ButtonRow, FocusRing, TextLabel, breakable, wrap_lines

if TYPE_CHECKING:
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate


class TraineeView(QWidget):
    fills_window = True  # its pages scroll (the chart page) or are lists: it takes the window's height
    def __init__(self, win: Shell) -> None:
        super().__init__()  # the window's stack becomes the parent
        self.win = win
        self.detail: Any = None
        self.person_id: str | None = None
        self.plan_steps: list[Any] = []
        self.person_name: str | None = None
        outer = QVBoxLayout(self)
        self.heading = TextLabel(self, scale=1.25, bold=True)
        self.about = TextLabel(self)
        outer.addWidget(self.heading)
        outer.addWidget(self.about)
        bar = ButtonRow(self)  # wraps onto more lines with large text
        self.back, self.pdf, self.data, self.delete = (QPushButton(self) for _ in range(4))
        bar.add(self.back)
        for button in (self.pdf, self.data, self.delete):
            bar.add(button, end=True)
        outer.addWidget(bar)
        self.tabs = QTabWidget(self)
        outer.addWidget(self.tabs, 1)

        # The chart keeps its designed size; the page scrolls to the said-versus-shown lines below it.
        self.chart_scroll = QScrollArea(self.tabs)
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        FocusRing(self.chart_scroll)  # its Tab stop (arrow keys scroll it) is seen
        chart_page = QWidget(self.chart_scroll)
        cp = QVBoxLayout(chart_page)
        self.chart = ChartWidget(chart_page)
        cp.addWidget(self.chart)
        # What the person said beside what they showed: per area and over all areas together.
        self.said = TextLabel(chart_page)
        cp.addWidget(self.said)
        cp.addStretch(1)
        self.chart_scroll.setWidget(chart_page)
        self.tabs.addTab(self.chart_scroll, "")
        self.history = HistoryTable(self.tabs)
        self.tabs.addTab(self.history, "")

        # The plan page scrolls on its own as the chart page does: on a netbook at 200 % its list, step
        # and comment are taller than the room, and the whole screen scrolled around the chart's scroll.
        self.plan_scroll = QScrollArea(self.tabs)
        self.plan_scroll.setWidgetResizable(True)
        self.plan_scroll.setFrameShape(QFrame.Shape.NoFrame)
        FocusRing(self.plan_scroll)  # its Tab stop (arrow keys scroll it) is seen
        plan = QWidget(self.plan_scroll)
        pl = QHBoxLayout(plan)
        left = QVBoxLayout()
        self.steps_label = QLabel(plan)
        self.steps = QListWidget(plan)
        wrap_lines(self.steps)  # the trainee's steps read whole, as on the trainee's own plan
        self.steps_label.setBuddy(self.steps)
        left.addWidget(self.steps_label)
        left.addWidget(self.steps, 1)
        pl.addLayout(left, 2)
        right = QVBoxLayout()
        self.step_text = TextLabel(plan)
        self.comment_label = QLabel(plan)
        self.comment = QPlainTextEdit(plan)
        self.comment.setTabChangesFocus(True)
        self.comment_label.setBuddy(self.comment)
        self.save_comment = QPushButton(plan)
        self.saved = QLabel(plan)
        right.addWidget(self.step_text)
        right.addWidget(self.comment_label)
        right.addWidget(self.comment, 1)
        row = QHBoxLayout()
        row.addWidget(self.save_comment)
        row.addWidget(self.saved, 1)
        right.addLayout(row)
        pl.addLayout(right, 3)
        self.plan_scroll.setWidget(plan)
        self.tabs.addTab(self.plan_scroll, "")

        self.back.clicked.connect(self.back_to_dashboard)
        self.pdf.clicked.connect(self._pdf)
        self.data.clicked.connect(self._data)
        self.delete.clicked.connect(self._delete)
        self.steps.currentRowChanged.connect(self._step_chosen)
        self.save_comment.clicked.connect(self.store_comment)
        self.comment.textChanged.connect(lambda: self.saved.setText(""))
        # Esc goes back, and Ctrl+Tab and Ctrl+Shift+Tab turn the pages wherever the focus is on this screen:
        # the tabs turned only with the focus inside them, and the screen opens with it on Back.
        for seq, act in ((QKeySequence(Qt.Key.Key_Escape), self.back_to_dashboard),
                         (QKeySequence("Ctrl+Tab"), lambda: self._turn(1)),
                         (QKeySequence("Ctrl+Shift+Tab"), lambda: self._turn(-1))):
            shortcut = QShortcut(seq, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(act)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.back.setText(translate("Trainee", "&Back to the dashboard"))
        self.pdf.setText(translate("Trainee", "Individual report as P&DF…"))
        self.data.setText(translate("Trainee", "&All data of this person…"))
        self.delete.setText(translate("Trainee", "De&lete this person…"))
        for button in (self.back, self.pdf, self.data, self.delete):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.tabs.setTabText(0, translate("Trainee", "&Gap chart"))
        self.tabs.setTabText(1, translate("Trainee", "&History"))
        self.tabs.setTabText(2, translate("Trainee", "&Plan and comments"))
        self.tabs.setAccessibleName(translate("Trainee", "Trainee pages"))
        self.chart.setAccessibleName(translate("Trainee", "Chart: level per area at the latest check"))
        self.chart_scroll.setAccessibleName(translate("Trainee", "Gap chart, and what was said beside it"))
        self.plan_scroll.setAccessibleName(translate("Trainee", "The plan's steps, each with a comment"))
        self.chart.set_placeholder(translate("Trainee", "No finished check yet."))
        self.history.retranslate_ui()
        self.steps_label.setText(translate("Trainee", "S&teps of the plan:"))
        self.steps.setAccessibleName(translate("Trainee", "Steps of the plan"))
        self.comment_label.setText(translate("Trainee", "&Your comment on this step:"))
        self.comment.setAccessibleName(translate("Trainee", "Coordinator's comment on this step"))
        self.save_comment.setText(translate("Trainee", "&Save the comment"))
        self.save_comment.setAccessibleName(translate("Trainee", "Save the comment"))
        if self.person_id is not None and self.win.coordinator is not None:
            self.show_person(self.person_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self, change: Any = None) -> None:
        # The coordinator's own writes redraw this screen directly; a new contrast or text size
        # redraws its chart in the new look.
        if (change is not None and change.kind == "setting" and self.person_id is not None
                and self.isVisible()):
            self.show_person(self.person_id)

    def forget(self) -> None:
        self.detail, self.person_id, self.person_name = None, None, None
        self.heading.setText("")
        self.about.setText("")
        self.history.setRowCount(0)
        self.steps.clear()
        self.comment.clear()
        self.chart.clear()

    # -- content -------------------------------------------------------------------------------
    def show_person(self, person_id: str) -> bool:
        co = self.win.coordinator
        if co is None:
            return False
        try:
            person = co.open_person(person_id)  # the coordinator opens people protected by a PIN
            detail = co.trainee(person_id)
        except DigigramError as exc:
            show_problem(self, exc)
            return False
        self.person_id, self.detail = person_id, detail
        self.person_name = person.name
        fw, lang = self.win.ws.framework, self.win.lang
        profile = next((p.name.get(lang) for p in fw.profiles if p.id == person.profile_id), "")
        self.heading.setText(breakable(person.name))
        self.about.setText(" · ".join(t for t in (
            person.hub, person.group and translate("Trainee", "group %1").replace("%1", person.group),
            profile) if t))
        self._fill_history(detail.attempts)
        self._draw(detail.latest_result)
        self._fill_plan(detail.plan)
        return True

    def shown_person_name(self) -> str | None:
        """The trainee on screen, whom the status bar names (not the person chosen on Home)."""
        return self.person_name

    def _profile_id(self) -> str | None:
        return self.detail.person.profile_id if self.detail is not None else None

    def _fill_history(self, attempts: Any) -> None:
        self.history.show_attempts(attempts, self.win.ws.framework, self.win.lang)

    def _draw(self, result: Any) -> None:
        if result is None:
            self.chart.clear()
            self.chart.setAccessibleDescription("")
            self.said.setText("")
            return
        from digigram.charts.gap import gap_figure
        from digigram.charts.model import bars_from_result, level_codes

        fw, lang = self.win.ws.framework, self.win.lang

        def level(res: Any) -> str:  # an area no shown answer measured has no level (records.measured)
            return level_label(fw, res.level, lang) if measured(res) else NOT_MEASURED.render(lang)

        self.chart.setAccessibleDescription("; ".join(
            f"{area_name(fw, area_id, lang)}: {level(res)}" + (f"; {gap_text(res)}" if measured(res) else "")
            for area_id, res in result.areas.items()))
        said = "\n".join(  # one area per line: easier to read than one long run-on sentence
            f"{area_name(fw, area_id, lang)}: {level(res)}, "
            + translate("Trainee", "said %1").replace("%1", said_text(fw, res, lang))
            for area_id, res in result.areas.items())
        unmeasured = [area_name(fw, a, lang) for a, res in result.areas.items() if not measured(res)]
        self.said.setText("\n".join(t for t in (
            translate("Trainee", "Shown and said:\n%1").replace("%1", said),
            not_measured_why(unmeasured, lang).render(lang) if unmeasured else "",
            said_vs_shown_text(result, about_self=False, framework=fw, lang=lang)) if t))
        bars, levels, settings = bars_from_result(result, fw, lang=lang), level_codes(fw), self.win.settings
        scale = settings.text_scale / 100

        def make(width: float) -> Any:
            return gap_figure(bars, levels=levels, lang=lang, high_contrast=settings.high_contrast,
                              dark=settings.high_contrast, font_scale=scale, width=min(width, 11.0 * scale))

        self.chart.set_chart(make, min_width_in=4.0 * scale)

    def _fill_plan(self, plan: Any) -> None:
        self.plan_steps = list(plan.steps) if plan is not None else []
        self.steps.clear()
        # A step whose target the latest check reaches says so, as on the trainee's own plan.
        detail = self.detail
        reached = (Reached.of(latest_finished(detail.attempts), detail.latest_result, self.win.ws.framework)
                   if detail is not None else None)
        for step in self.plan_steps:
            label = step_label(step, self.win.ws.framework, profile_id=self._profile_id(), lang=self.win.lang,
                               reached=reached)
            # Said in words: the speech-bubble sign is in no font of an older Windows PC, nor in DejaVu,
            # and showed as an empty box.
            if step.coordinator_comment:
                label += " · " + translate("Trainee", "with your comment")
            self.steps.addItem(label)
        has = bool(self.plan_steps)
        for widget in (self.comment, self.save_comment):
            widget.setEnabled(has)
        if has:
            self.steps.setCurrentRow(0)
        else:
            self.step_text.setText(translate("Trainee", "No development plan saved yet."))
            self.comment.clear()

    def _step_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.plan_steps):
            return
        step, fw, lang = self.plan_steps[row], self.win.ws.framework, self.win.lang
        try:
            competence = fw.competence(step.competence_id).name.get(lang)
        except KeyError:
            competence = step.competence_id
        goal = goal_text(step.goal, fw, competence_id=step.competence_id, profile_id=self._profile_id(),
                         lang=lang)
        lines = [goal, translate("Trainee", "Competence: %1").replace("%1", competence)]
        if step.notes:
            lines.append(translate("Trainee", "Trainee's notes: %1").replace("%1", step.notes))
        self.step_text.setText("\n".join(lines))
        self.comment.setPlainText(step.coordinator_comment)
        self.saved.setText("")

    def store_comment(self) -> None:
        row = self.steps.currentRow()
        co = self.win.coordinator
        if co is None or self.person_id is None or not 0 <= row < len(self.plan_steps):
            return
        step, person_id = self.plan_steps[row], self.person_id
        change = self.win.run(lambda: co.comment_on_step(person_id, step.id, self.comment.toPlainText()))
        if change is None:
            return
        self.win.notify(change)
        detail = self.win.run(lambda: co.trainee(person_id))
        if detail is not None:
            self.detail = detail
            self._fill_plan(detail.plan)
            self.steps.setCurrentRow(row)
        self.saved.setText("✓ " + translate("Trainee", "Comment saved."))

    # -- actions -------------------------------------------------------------------------------
    def _turn(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def back_to_dashboard(self) -> None:
        if self.win.coordinator is not None:
            self.win.open_coordinator()
        else:
            self.win.go_home()

    def _name(self) -> str:
        return self.detail.person.name if self.detail is not None else ""

    def _pdf(self) -> None:
        if self.win.coordinator is not None and self.person_id is not None:
            coordinator_files.export_person_pdf(self, self.win.coordinator, person_id=self.person_id,
                                                name=self._name(), lang=self.win.lang)

    def _data(self) -> None:
        if self.win.coordinator is not None and self.person_id is not None:
            coordinator_files.export_person_data(self, self.win.coordinator, person_id=self.person_id,
                                                 name=self._name())

    def _delete(self) -> None:
        if self.win.coordinator is None or self.person_id is None:
            return
        person_id = self.person_id
        change = coordinator_files.delete_person(self, self.win.coordinator, person_id=person_id,
                                                 name=self._name(), server=self.win.ws.database_path is None)
        if change is None:
            return
        self.win.unlocked.discard(person_id)
        if self.win.person_id == person_id:
            self.win.select_person(None)
        self.win.notify(change)
        self.forget()
        self.win.open_coordinator()
