"""History: the person's earlier checks with their dates, and each area's level over time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digigram.core.i18n import format_date
from digigram.core.records import measured
from digigram.core.when import local, local_day
from digigram.ui.chart_widget import ChartWidget
from digigram.ui.history_table import HistoryTable
from digigram.ui.widgets import TextLabel, breakable, scroll_page

if TYPE_CHECKING:
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate


class HistoryView(QWidget):
    # The whole screen is one page that scrolls: the commands, the checks, then the chart. The chart in a
    # scroll area of its own above a table that scrolled too showed, on a netbook at 200 % text, a sliver
    # of one area's panel over one check cut at its foot. The page takes the window's height.
    fills_window = True

    def __init__(self, win: Shell) -> None:
        super().__init__()  # the window's stack becomes the parent
        self.win = win
        self.person_id: str | None = None
        self.attempts: list[Any] = []
        outer = QVBoxLayout(self)
        self.page, column = scroll_page(self)  # its Tab stop (arrow keys scroll it) shows a ring
        outer.addWidget(self.page)
        self.heading = TextLabel(self.page, scale=1.25, bold=True)
        column.addWidget(self.heading)
        # The commands above the checks they act on: below a chart taller than the window they were
        # either out of view or took the room a whole check needs.
        bar = QHBoxLayout()
        self.home_button = QPushButton(self.page)
        self.open_button = QPushButton(self.page)
        bar.addWidget(self.home_button)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        column.addLayout(bar)
        self.table_label = QLabel(self.page)
        # As tall as its rows: each check is read whole as the page scrolls, never in a box of its own.
        self.table = HistoryTable(self.page, all_rows=True)
        self.table_label.setBuddy(self.table)
        self.table.doubleClicked.connect(self._open)
        self.table.currentCellChanged.connect(self._keep_row_in_view)
        column.addWidget(self.table_label)
        column.addWidget(self.table)
        # The chart keeps its drawn height, each area's panel whole, and scrolls with the page.
        self.chart = ChartWidget(self.page)
        column.addWidget(self.chart)
        column.addStretch(1)
        self.home_button.clicked.connect(self.win.go_home)
        self.open_button.clicked.connect(self._open)
        self.retranslate_ui()

    def _keep_row_in_view(self, row: int, *_: int) -> None:
        """The table never scrolls itself (the page does): the check the arrow keys reach is scrolled to."""
        if row < 0:
            return
        inner = self.page.widget()
        if inner is None:
            return
        rect = self.table.visualRect(self.table.model().index(row, 0))
        top = self.table.viewport().mapTo(inner, rect.topLeft())
        # Its foot, then its head: the whole check where it fits, else at least its first lines.
        self.page.ensureVisible(top.x(), top.y() + self.table.rowHeight(row), 0, 1)
        self.page.ensureVisible(top.x(), top.y(), 0, 0)

    def retranslate_ui(self) -> None:
        self.table_label.setText(translate("History", "&Checks so far:"))
        self.table.retranslate_ui()
        self.chart.setAccessibleName(translate("History", "Chart: each area's level at each check"))
        self.page.setAccessibleName(
            translate("History", "Checks so far, and each area's level at each check"))
        self.chart.set_placeholder(translate("History", "No finished checks yet."))
        self.home_button.setText(translate("History", "&Home"))
        self.open_button.setText(translate("History", "&Open the chosen check's results"))
        if self.person_id is not None:
            self.show_person(self.person_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self, change: Any = None) -> None:
        if change is not None and change.kind in ("attempt", "setting") and self.person_id is not None:
            self.show_person(self.person_id)

    def show_person(self, person_id: str) -> None:
        self.person_id = person_id
        fw, lang = self.win.ws.framework, self.win.lang
        person = self.win.person
        name = breakable(person.name) if person else ""
        self.heading.setText(translate("History", "Checks of %1").replace("%1", name))
        self.table.show_attempts(self.win.run(lambda: self.win.ws.history(person_id)) or [], fw, lang)
        self.attempts = self.table.attempts
        self.open_button.setEnabled(any(a.status == "finished" for a in self.attempts))
        self._draw()

    def _draw(self) -> None:
        finished = [a for a in self.attempts if a.status == "finished" and a.areas]
        if not finished:
            self.chart.clear()
            return
        from digigram.charts.history import history_figure
        from digigram.charts.model import HistoryPoint, HistorySeries, level_codes

        fw, lang = self.win.ws.framework, self.win.lang
        series = []
        for area in fw.areas:
            points, target = [], None
            for a in finished:
                for o in a.areas:
                    if o.area_id != area.id or not measured(o):  # the prior's level is no point
                        continue
                    band = tuple(o.band) or (o.level,)
                    moment = a.finished_at or a.started_at
                    points.append(
                        HistoryPoint(
                            local_day(moment), fw.level_index(o.level), fw.level_index(band[0]),
                            fw.level_index(band[-1]), at=local(moment),
                        )
                    )
                    if o.target:
                        target = fw.level_index(o.target)
            series.append(HistorySeries(area.id, area.name.get(lang), points, target))
        codes = level_codes(fw)
        self.chart.setAccessibleDescription(
            "; ".join(
                f"{s.label}: "
                + ", ".join(f"{format_date(p.when, lang)} {codes[p.level_index]}" for p in s.points)
                for s in series
                if s.points
            )
        )
        settings = self.win.settings
        scale = settings.text_scale / 100

        def make(width: float) -> Any:
            return history_figure(series, levels=codes, lang=lang, high_contrast=settings.high_contrast,
                                  dark=settings.high_contrast, font_scale=scale,
                                  width=min(width, 11.0 * scale))

        self.chart.set_chart(make, min_width_in=4.0 * scale)

    def _open(self, *_: object) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.attempts):
            row = next((i for i, a in enumerate(self.attempts) if a.status == "finished"), -1)
        if row >= 0 and self.attempts[row].status == "finished":
            self.win.show_results(self.attempts[row].id)
