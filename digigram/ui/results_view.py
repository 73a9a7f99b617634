"""Results: per area the level, band and target as a chart and a table; evidence; answers to review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digigram.core.i18n import not_measured_why, quoted_names
from digigram.core.records import measured
from digigram.ui.chart_widget import ChartWidget
from digigram.ui.history_table import format_moment, mode_label
from digigram.ui.texts import (
    answer_text,
    below_chance_text,
    competence_gap_text,
    level_chance_text,
    level_label,
    said_text,
    said_vs_shown_text,
)
from digigram.ui.widgets import FittedTable, FocusRing, TextLabel, breakable

if TYPE_CHECKING:
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate


class WrappedRows(QStyledItemDelegate):
    """A tree's rows as tall as their text wrapped in its column (QTreeView measures one line).

    The rows are measured again whenever a column's width changes, so a wider window takes fewer lines.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        self._pending = False
        tree.header().sectionResized.connect(self._relayout)

    def _relayout(self, *_: object) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.tree, self._again)

    def _again(self) -> None:
        self._pending = False
        self.tree.doItemsLayout()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        width = self.tree.header().sectionSize(index.column())
        if index.column() == 0:
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= depth * self.tree.indentation()  # the branch lines and arrows take the row's start
        style = self.tree.style()
        inset = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.tree) + 1)
        text = str(index.data() or "")
        needed = option.fontMetrics.boundingRect(QRect(0, 0, max(width - inset, 1), 100_000),
                                                 int(Qt.TextFlag.TextWordWrap), text)
        return QSize(size.width(), max(size.height(), needed.height() + 4))


class ResultsView(QWidget):
    fills_window = True  # the overview scrolls inside its tab: the screen takes the window's height

    def __init__(self, win: Shell) -> None:
        super().__init__()  # the window's stack becomes the parent
        self.win = win
        self.attempt_id: str | None = None
        self.result: Any = None
        outer = QVBoxLayout(self)
        self.heading = TextLabel(self, scale=1.25, bold=True)
        outer.addWidget(self.heading)
        self.tabs = QTabWidget(self)
        outer.addWidget(self.tabs, 1)

        # The chart keeps its designed size, so the overview scrolls when the window is smaller.
        self.overview_scroll = QScrollArea(self.tabs)
        self.overview_scroll.setWidgetResizable(True)
        self.overview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        FocusRing(self.overview_scroll)  # its Tab stop (arrow keys scroll it) is seen
        overview = QWidget(self.overview_scroll)
        ov = QVBoxLayout(overview)
        self.chart = ChartWidget(overview)
        ov.addWidget(self.chart)
        self.table_label = QLabel(overview)
        self.table_label.setWordWrap(True)
        # Five columns, the likely range beside the level it surrounds: as a sixth column of its own, at
        # 200 % text on a 1024×600 netbook the columns' longest words were wider than the window and the
        # last column («Що ви сказали про себе») was a sideways scroll away.
        self.table = FittedTable(0, 5, overview)
        self.table_label.setBuddy(self.table)
        ov.addWidget(self.table_label)
        ov.addWidget(self.table)
        # What ✓ and ▼ say, under the table and the chart's column that use them: the coordinator's
        # before/after page uses ▼ for a fall between two checks.
        self.marks = TextLabel(overview)
        ov.addWidget(self.marks)
        self.notes = TextLabel(overview)
        ov.addWidget(self.notes)
        ov.addStretch(1)
        self.overview_scroll.setWidget(overview)
        self.tabs.addTab(self.overview_scroll, "")

        self.evidence = QTreeWidget(self.tabs)
        self.evidence.setItemDelegate(WrappedRows(self.evidence))
        self.evidence.setColumnCount(2)
        # The questions and answers wrap in two columns sharing the width: at their text's length on
        # one line each ended in "…" at any window size, and the answers were read nowhere else.
        self.evidence.setWordWrap(True)
        self.evidence.setUniformRowHeights(False)
        self.evidence.header().setStretchLastSection(False)
        self.evidence.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.evidence.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tabs.addTab(self.evidence, "")
        self.review = QTextBrowser(self.tabs)
        self.review.setOpenLinks(False)
        self.tabs.addTab(self.review, "")

        bar = QHBoxLayout()
        self.home_button = QPushButton(self)
        self.plan_button = QPushButton(self)
        bar.addWidget(self.home_button)
        bar.addStretch(1)
        bar.addWidget(self.plan_button)
        outer.addLayout(bar)
        self.home_button.clicked.connect(self.win.go_home)
        self.plan_button.clicked.connect(self._plan)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, translate("Results", "Overview"))
        self.tabs.setTabText(1, translate("Results", "By competence"))
        self.tabs.setTabText(2, translate("Results", "Answers to review"))
        self.tabs.setAccessibleName(translate("Results", "Result pages"))
        self.table_label.setText(
            translate("Results", "&Levels per area (the same as the chart, as a table):")
        )
        self.table.setAccessibleName(translate("Results", "Levels per area"))
        self.marks.setText(translate("Results", "✓ target reached; ▼ below the target."))
        self.table.setHorizontalHeaderLabels(
            [
                translate("Results", "Area"),
                translate("Results", "Level, how likely (likely range)"),
                translate("Results", "Target for your role"),
                translate("Results", "Compared with the target"),
                translate("Results", "What you said about yourself"),
            ]
        )
        self.overview_scroll.setAccessibleName(translate("Results", "Overview: chart and table of levels"))
        self.chart.setAccessibleName(translate("Results", "Chart: your level per area against the target"))
        self.chart.set_placeholder(translate("Results", "The chart appears here."))
        self.evidence.setAccessibleName(translate("Results", "Answers per competence"))
        # A competence's row holds its result against the target, a question's row the answer: headed
        # «Your answer», the competence's result read as an answer of its own.
        self.evidence.setHeaderLabels(
            [translate("Results", "Competence and question"), translate("Results", "Result and answer")]
        )
        self.review.setAccessibleName(
            translate("Results", "Questions answered wrongly, with the right answer")
        )
        self.home_button.setText(translate("Results", "&Home"))
        self.plan_button.setText(translate("Results", "Make a development &plan"))
        if self.attempt_id is not None:
            self.show_attempt(self.attempt_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self, change: Any = None) -> None:
        if change is not None and change.kind == "setting" and self.attempt_id is not None:
            self.show_attempt(self.attempt_id)  # text size or contrast changed: redraw the chart

    def _plan(self) -> None:
        if self.win.person_id is not None:
            self.win.show_plan(self.win.person_id)

    # -- content -------------------------------------------------------------------------------
    def show_attempt(self, attempt_id: str) -> None:
        self.attempt_id = attempt_id
        result = self.win.run(lambda: self.win.ws.results_for(attempt_id))
        if result is None:
            return
        self.result = result
        fw, lang = self.win.ws.framework, self.win.lang
        person = self.win.person
        name = breakable(person.name) if person is not None else ""
        # Which check: the history opens older ones as well as the latest.
        attempt = self.win.run(lambda: self.win.ws.attempt(attempt_id))
        if attempt is None:
            return
        self.heading.setText(translate("Results", "Results of %1: %2, %3").replace("%1", name).replace(
            "%2", mode_label(attempt.mode, fw, lang)).replace(
            "%3", format_moment(attempt.finished_at or attempt.started_at, lang)))
        areas = [a for a in fw.areas if a.id in result.areas]
        self.table.setRowCount(len(areas))
        # Without a target (a framework with no roles) no row carries ✓ or ▼, so a key to them would
        # only puzzle; nor do the target's two columns, which held «—» and «no target set» on every row.
        targets = any(result.areas[a.id].target is not None for a in areas)
        self.marks.setVisible(targets)
        for column in (2, 3):
            self.table.setColumnHidden(column, not targets)
        notes: list[str] = []
        summary: list[str] = []
        said_more: list[str] = []  # areas whose self-ratings were above the answers, and below
        showed_more: list[str] = []
        unmeasured: list[str] = []  # areas with no shown answer: no level (core.records.measured)
        for row, area in enumerate(areas):
            res = result.areas[area.id]
            if not measured(res):
                unmeasured.append(area.name.get(lang))
            cells = [
                area.name.get(lang),
                level_chance_text(fw, res, lang),
                "—" if res.target is None else level_label(fw, res.target, lang),
                below_chance_text(res, lang),
                said_text(fw, res, lang),
            ]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)  # whole, should a narrow column end a word in "…"
                self.table.setItem(row, col, cell)
            summary.append(f"{cells[0]}: {cells[1]}; {cells[3]}")
            svs = getattr(res, "self_vs_shown", None)
            if svs is not None and svs.flag:
                (said_more if svs.difference > 0 else showed_more).append(area.name.get(lang))
        # One sentence per direction naming its areas: the same sentence once per area filled the
        # overview with six lines alike under the overall one.
        if said_more:
            notes.append(
                translate(
                    "Results",
                    "%1: you rated yourself higher than your answers to the "
                    "questions showed. That is very common; the plan can help "
                    "close the difference.",
                ).replace("%1", quoted_names(said_more, lang))
            )
        if showed_more:
            notes.append(
                translate(
                    "Results",
                    "%1: your answers showed more than you gave yourself credit "
                    "for. You may know more than you think.",
                ).replace("%1", quoted_names(showed_more, lang))
            )
        overall = said_vs_shown_text(result, about_self=True, framework=fw, lang=lang)
        person = getattr(result, "self_vs_shown", None)
        if overall and len(areas) == 1 and person is not None and person.flag and (
                said_more if person.difference > 0 else showed_more):
            notes.clear()  # one area is all of them: its line said the overall sentence a second time
        if overall:
            notes.insert(0, overall)
        if unmeasured:  # why those rows hold no level, first: the table above shows them so
            notes.insert(0, not_measured_why(unmeasured, lang).render(lang))
        self._fit_table()
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.chart.setAccessibleDescription("; ".join(summary))
        self._draw_chart(result)
        self._fill_evidence(result)
        self._fill_review(result)

    def _fit_table(self) -> None:
        self.table.fit()

    def _draw_chart(self, result: Any) -> None:
        from digigram.charts.gap import gap_figure
        from digigram.charts.model import bars_from_result, level_codes

        fw, lang = self.win.ws.framework, self.win.lang
        bars = bars_from_result(result, fw, lang=lang)
        levels, settings = level_codes(fw), self.win.settings
        scale = settings.text_scale / 100

        def make(width: float) -> Any:
            # As wide as the screen allows, up to a width that still reads as one chart.
            return gap_figure(bars, levels=levels, lang=lang, high_contrast=settings.high_contrast,
                              dark=settings.high_contrast, font_scale=scale, width=min(width, 11.0 * scale))

        self.chart.set_chart(make, min_width_in=4.0 * scale)

    def _fill_evidence(self, result: Any) -> None:
        fw, lang = self.win.ws.framework, self.win.lang
        self.evidence.clear()
        competences = getattr(result, "competences", {}) or {}
        for competence in fw.competences:
            res = competences.get(competence.id)
            if res is None or not res.evidence:
                continue
            area = result.areas.get(res.area_id)
            # A framework without roles sets no target: «no target set» on every competence said nothing.
            gap = (competence_gap_text(res, area_measured=area is None or measured(area))
                   if fw.profiles else "")
            top = QTreeWidgetItem(self.evidence, [competence.name.get(lang), gap])
            for ev in res.evidence:
                item = fw.item(ev.item_id)
                row = QTreeWidgetItem(top, [item.stem.get(lang), answer_text(fw, item, ev.choice, lang)])
                # The answer starts level with its question: centred in a row of a long wrapped question
                # it sat half a screen below it, and out of view on a netbook.
                for column in (0, 1):
                    row.setTextAlignment(column, Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
            top.setExpanded(True)

    def _fill_review(self, result: Any) -> None:
        self.review.setHtml(review_html(self.win.ws.framework, result, self.win.lang))


def _options_html(texts: list[str]) -> str:
    """One option inline; several as a list, so each chosen option reads on its own line."""
    if len(texts) == 1:
        return _esc(texts[0])
    return "<ul>" + "".join(f"<li>{_esc(t)}</li>" for t in texts) + "</ul>"


def _chosen_texts(fw: Any, item: Any, choice: Any, lang: str) -> list[str]:
    if choice is None or (isinstance(choice, (list, tuple)) and not choice):
        return [answer_text(fw, item, choice, lang)]
    chosen = list(choice) if isinstance(choice, (list, tuple)) else [choice]
    return [item.options[i].text.get(lang) for i in chosen if 0 <= i < len(item.options)]


def review_html(fw: Any, result: Any, lang: str) -> str:
    """Every knowledge question not fully right and every scenario not answered best, with the right
    (or best) answer and the explanation."""
    parts: list[str] = []
    competences = getattr(result, "competences", {}) or {}
    for res in competences.values():
        for ev in res.evidence:
            if ev.kind not in ("knowledge", "scenario") or ev.score >= 1.0:
                continue
            item = fw.item(ev.item_id)
            many = item.select == "many"
            if ev.kind == "scenario":
                yours = translate("Results", "What you chose:")
                right_label = translate("Results", "The best action:")
            else:
                yours = (translate("Results", "Your answers:") if many
                         else translate("Results", "Your answer:"))
                right_label = (translate("Results", "Right answers:") if many
                               else translate("Results", "Right answer:"))
            right = [item.options[i].text.get(lang) for i in ev.correct]
            block = [
                f"<h3>{_esc(item.stem.get(lang))}</h3>",
                f"<p>{_esc(yours)} {_options_html(_chosen_texts(fw, item, ev.choice, lang))}</p>",
                f"<p>{_esc(right_label)} <b>{_options_html(right)}</b></p>",
            ]
            if item.explanation is not None:
                block.append(f"<p>{_esc(item.explanation.get(lang))}</p>")
            parts.append("".join(block))
    if not parts:
        nothing = translate("Results", "Nothing to review: every question was answered right.")
        parts = [f"<p>{_esc(nothing)}</p>"]
    return "".join(parts)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
