"""The Programme page: the programme's figures for a region, a hub or everyone, read-only, as the report.

The figures are worked out in a background thread (a national picture on a regional database takes a
moment); a progress bar shows while it runs, and the filters stay usable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digigram.core.errors import DigigramError, StorageError
from digigram.core.i18n import N_, format_count
from digigram.core.programme import regions_by_name
from digigram.ui.chart_widget import ChartWidget
from digigram.ui.coordinator.background import Relay, raise_mistake, read_in_background
from digigram.ui.hub_picker import HubCombo
from digigram.ui.widgets import FittedTable, FocusRing, TextLabel, show_dates

if TYPE_CHECKING:
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate
BUSY_AFTER_MS = 250  # a quick answer shows no progress bar at all


def _fixed_table(parent: QWidget, columns: int) -> FittedTable:
    """A table as tall as its rows (the page scrolls, not the table: two nested scrolls are hard to use by
    keyboard), its columns fitted to the page's width. Sized to their text with the first stretched, at
    200 % text on a netbook the competences' names were squeezed to a word a line ("Sear… and filter…")
    or, in Ukrainian, took the width and pushed the percentages off to the right."""
    table = FittedTable(0, columns, parent, stretch=0)
    return table


def _cell(text: str, *, number: bool = False) -> QTableWidgetItem:
    """A cell; a count is set to the right, so the digits of a column line up under its head."""
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class _FiguresPane(QScrollArea):
    """The figures' scroll area asks for no more height than its least: it takes the room the tab has.
    Asking for the figures' height, it made the window's own scroll bar appear beside it at 1024×600."""

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()


class ProgrammePage(QWidget):
    def __init__(self, win: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.win = win
        self.picture: Any = None
        self._asked = 0  # the latest request; older answers that arrive late are dropped
        self._working = False  # a request is on its way
        self._relay = Relay(self)
        self._relay.done.connect(self._arrived)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        grid = QGridLayout()
        self.region, self.hub = QComboBox(self), HubCombo(self)  # a hub found by typing part of its name
        self.region_label, self.hub_label = QLabel(self), QLabel(self)
        self.use_since, self.since = QCheckBox(self), QDateEdit(self)
        self.show_button = QPushButton(self)
        for col, (label, combo) in enumerate(((self.region_label, self.region), (self.hub_label, self.hub))):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            label.setBuddy(combo)
            grid.addWidget(label, 0, col)
            grid.addWidget(combo, 1, col)
        self.since.setCalendarPopup(True)
        self.since.setDate(QDate.currentDate().addYears(-1))
        self.since.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        # The date and the button go on rows of their own: four columns did not fit with large text.
        grid.addWidget(self.use_since, 2, 0)
        grid.addWidget(self.since, 3, 0)
        grid.addWidget(self.show_button, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        # Whom the figures below are for, in words, and whether the choice above is still to be shown:
        # a region chosen without the button left the whole country's figures under its name.
        self.scope = TextLabel(self)
        self.scope.hide()
        outer.addWidget(self.scope)
        self.region.currentIndexChanged.connect(self._region_changed)
        for changed in (self.hub.currentIndexChanged, self.use_since.toggled, self.since.dateChanged):
            changed.connect(self._say_scope)
        self.show_button.clicked.connect(self.load)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: how long the database takes is not known beforehand
        self.progress.setTextVisible(False)
        self.progress.hide()
        self._busy = QTimer(self)
        self._busy.setSingleShot(True)
        self._busy.setInterval(BUSY_AFTER_MS)
        self._busy.timeout.connect(self.progress.show)
        outer.addWidget(self.progress)

        self.pane = _FiguresPane(self)
        self.pane.setWidgetResizable(True)
        FocusRing(self.pane)  # its Tab stop (arrow keys scroll the page) is seen
        body = QWidget(self.pane)
        self.body = QVBoxLayout(body)
        self.summary = TextLabel(body)
        self.summary.setTextInteractionFlags(self.summary.textInteractionFlags().TextSelectableByMouse)
        self.headline_chart = ChartWidget(body)
        self.regions_label = TextLabel(body, bold=True)
        self.regions = _fixed_table(body, 4)
        self.levels_label = TextLabel(body, bold=True)
        self.levels_chart = ChartWidget(body)
        self.gaps_chart = ChartWidget(body)
        self.over_chart = ChartWidget(body)
        # 35 competences read better as a table than as bars: share, counts and interval side by side.
        self.competences_label = TextLabel(body, bold=True)
        self.competences = _fixed_table(body, 4)
        self.competences_label.setBuddy(self.competences)
        self.hardest_label = TextLabel(body, bold=True)
        self.hardest = _fixed_table(body, 3)
        self.definitions_label = TextLabel(body, bold=True)
        self.definitions = TextLabel(body)
        for widget in (self.summary, self.headline_chart, self.regions_label, self.regions, self.levels_label,
                       self.levels_chart, self.gaps_chart, self.competences_label, self.competences,
                       self.over_chart, self.hardest_label, self.hardest,
                       self.definitions_label, self.definitions):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.pane.setWidget(body)
        outer.addWidget(self.pane, 1)
        self.retranslate_ui()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        show_dates(self.since, self.win.lang)
        self.region_label.setText(translate("Programme", "R&egion:"))
        self.hub_label.setText(translate("Programme", "&Hub:"))
        self.region.setAccessibleName(translate("Programme", "Programme figures for a region"))
        self.hub.setAccessibleName(translate("Programme", "Programme figures for a hub"))
        self.use_since.setText(translate("Programme", "Checks si&nce:"))
        self.use_since.setAccessibleName(translate("Programme", "Only checks finished since a date"))
        self.since.setAccessibleName(translate("Programme", "First day of the checks counted"))
        self.show_button.setText(translate("Programme", "Sh&ow the figures"))
        self.show_button.setAccessibleName(translate("Programme", "Show the figures"))
        self.pane.setAccessibleName(translate("Programme", "The programme's figures"))
        self.progress.setAccessibleName(translate("Programme", "Working out the figures…"))
        self.headline_chart.setAccessibleName(translate("Programme", "Self-rating before and after"))
        self.levels_chart.setAccessibleName(translate("Programme", "Shown level by area"))
        self.gaps_chart.setAccessibleName(translate("Programme", "Below the role's target by area"))
        self.over_chart.setAccessibleName(translate("Programme", "Said more than they showed by area"))
        self.regions.setAccessibleName(translate("Programme", "Trainees, hubs and checks by region"))
        self.hardest.setAccessibleName(translate("Programme", "Hardest questions"))
        self.competences.setAccessibleName(translate("Programme", "Below the role's target by competence"))
        self.competences.setHorizontalHeaderLabels([
            translate("Programme", "Competence"), translate("Programme", "Area"),
            translate("Programme", "Below target"), translate("Programme", "95% interval")])
        self.regions.setHorizontalHeaderLabels([
            translate("Programme", "Region"), translate("Programme", "Trainees"),
            translate("Programme", "Hubs"), translate("Programme", "Checks")])
        self.hardest.setHorizontalHeaderLabels([translate("Programme", "Question"),
                                                translate("Programme", "Answers"),
                                                translate("Programme", "Fully right")])
        if self.region.count():
            self._name_filters()  # and the line naming the figures' selection, in the new words
        if self.picture is None:
            self._say_nothing_yet()
        else:
            self._show_again()
        self._say_scope()

    def _say_nothing_yet(self) -> None:
        """Before the first figures: that they are being worked out while they are (the tab reads them as it
        opens), else how to ask for them. "Choose…, then Show the figures" under the running bar, beside a
        greyed-out button, and empty table heads told a coordinator to do what could not be done. The tables
        show once they have rows."""
        working = self._working
        self.summary.setText(translate("Programme", "Working out the figures…") if working else translate(
            "Programme", "Choose a region or a hub, or none for everyone, then Show the figures."))
        for table in (self.regions, self.competences, self.hardest):
            table.setVisible(self.picture is not None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange and self.picture is not None:
            # A new text size: row heights and the charts' lettering follow once the font has settled.
            QTimer.singleShot(0, self, self._show_again)  # not after the page is gone
        super().changeEvent(event)

    # -- filters -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draw_stale()
        if self.win.coordinator is not None and self.region.count() == 0:
            self.fill_filters()
            self.load()

    def fill_filters(self) -> None:
        self._regions = tuple(self.win.run(self.win.ws.regions) or ())
        self._hubs = self.win.run(self.win.ws.hubs) or []
        self._name_filters()

    def _name_filters(self) -> None:
        """The filters' entries in the current language, the region and hub chosen kept. Named once, in
        the language of the tab's first showing, they and the line naming the figures kept that language's
        regions after a switch."""
        lang, chosen = self.win.lang, self.region.currentData()
        self._region_names = {r.id: f"{r.name(lang)} ({r.id})" for r in self._regions}
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(translate("Programme", "All regions"), None)
        for r in self._regions:
            self.region.addItem(self._region_names[r.id], r.id)
        self.region.setCurrentIndex(max(0, self.region.findData(chosen)) if chosen is not None else 0)
        self.region.blockSignals(False)
        self._region_changed()

    _regions: tuple[Any, ...] = ()  # as last read

    def _region_changed(self, *_: object) -> None:
        # The region's hubs by name; all regions' with their region, so that two of one name read apart.
        region_id, lang = self.region.currentData(), self.win.lang
        self.hub.set_hubs(translate("Programme", "All hubs"), [
            (h.name if region_id is not None else h.label(lang), h) for h in getattr(self, "_hubs", [])
            if region_id is None or h.region_id == region_id])
        self._say_scope()

    def scope_text(self, f: Any) -> str:
        """A selection in words: «Волинська область (UA-07), усі хаби, перевірки з 01.12.2025»."""
        from digigram.core.i18n import format_date

        names = getattr(self, "_region_names", {})
        hubs = {h.id: h.name for h in getattr(self, "_hubs", [])}
        parts = [translate("Programme", "all regions") if f.region_id is None
                 else names.get(f.region_id, f.region_id),
                 translate("Programme", "all hubs") if f.hub_id is None else hubs.get(f.hub_id, f.hub_id)]
        if f.since is not None:
            parts.append(translate("Programme", "checks since %1").replace(
                "%1", format_date(f.since, self.win.lang)))
        return ", ".join(parts)

    def _say_scope(self, *_: object) -> None:
        """"Figures for: …" above the figures, and a word when the choice above differs from it."""
        if self.picture is None:
            self.scope.hide()
            return
        text = translate("Programme", "Figures for: %1.").replace("%1", self.scope_text(self.picture.filter))
        if self.region.count() and self.current_filter() != self.picture.filter:
            text += " " + translate("Programme", "Your new choice is not shown yet: press Show the figures.")
        self.scope.setText(text)
        self.scope.show()

    def current_filter(self) -> Any:
        from digigram.core.programme import ProgrammeFilter

        since: date | None = self.since.date().toPython() if self.use_since.isChecked() else None  # type: ignore[assignment]
        return ProgrammeFilter(region_id=self.region.currentData(), hub_id=self.hub.currentData(),
                               since=since)

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        if self.win.coordinator is None:
            return
        self._asked += 1
        asked, filters, ws = self._asked, self.current_filter(), self.win.ws
        self._busy.start()
        self.show_button.setEnabled(False)
        self._working = True
        if self.picture is None:
            self._say_nothing_yet()

        def failed() -> StorageError:
            return StorageError(N_(
                "The programme's figures could not be read from the database. Nothing was changed. Try "
                "again; if it happens again, check the connection to the database."))

        read_in_background(self._relay, asked, lambda: ws.programme(filters), name="programme-figures",
                           failed=failed)

    def _arrived(self, asked: int, result: object) -> None:
        if asked != self._asked:
            return  # a newer request is on its way
        self._busy.stop()
        self.progress.hide()
        self.show_button.setEnabled(True)
        self._working = False
        if self.picture is None:
            self._say_nothing_yet()  # not read: how to ask again
        raise_mistake(result)
        if self.win.coordinator is None:
            return  # coordinator mode was left meanwhile: nothing about trainees is shown
        if isinstance(result, DigigramError):
            from digigram.ui.errors import show_problem

            show_problem(self, result)
            return
        self.picture = result
        for table in (self.regions, self.competences, self.hardest):
            table.show()
        self._show(result)
        self._say_scope()

    def forget(self) -> None:
        """Leaving coordinator mode: the figures go."""
        self._asked += 1
        self._working = False
        self.picture = None
        for chart in (self.headline_chart, self.levels_chart, self.gaps_chart, self.over_chart):
            chart.clear()
        self.regions.setRowCount(0)
        self.hardest.setRowCount(0)
        self.competences.setRowCount(0)
        self.region.clear()
        self.hub.clear()
        self.retranslate_ui()  # and the line naming the figures' selection goes

    # -- showing -------------------------------------------------------------------------------
    def _show_again(self) -> None:
        """The figures drawn again in the current words and look: once, after the event that asked, and
        only on a page that is seen, else when it is next shown. A language switch on another tab drew the
        four charts twice (for the new words, then for the new setting) while no one saw them: the window
        stood still for half a second on a region's figures."""
        if self.picture is None:
            return
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self, self._draw_stale)

    def _draw_stale(self) -> None:
        if self._stale and self.picture is not None and self.isVisible():
            self._show(self.picture)

    _stale = False  # the figures shown are in an earlier language or look

    def redraw(self) -> None:
        """The figures shown, drawn again for a changed contrast or text size."""
        self._show_again()

    def _scaled(self, make: Callable[[float], Any]) -> Callable[[float], Any]:
        """The chart drawn for the app's text size: its fixed point sizes grow with a higher dpi."""
        scale = max(self.win.settings.text_scale, 100) / 100

        def made(width: float) -> Any:
            figure = make(width / scale)
            figure.set_dpi(100 * scale)
            return figure
        return made

    def _show(self, p: Any) -> None:
        from digigram.charts import programme as charts
        from digigram.charts.programme_model import interval_text, words
        from digigram.core.i18n import format_percent

        self._stale = False
        lang, fw = self.win.lang, self.win.ws.framework
        dark = self.win.settings.high_contrast  # light on black, as the trainee's charts in high contrast
        w = words(lang)

        def pct(share: Any) -> str:
            return "—" if share.value is None else format_percent(share.value, lang)

        def interval(share: Any) -> str:
            return interval_text(share, lang)

        head = p.headline
        # With no one to compare the shares are unknown: said in words, not as a row of dashes. Words that
        # hold whatever is missing: a later check, one late enough, or a self-rating (it may be skipped).
        compared = (
            translate("Programme", "Rate their digital skills 7–10 of 10: %1 before (95% interval %2), "
                      "%3 after (%4); %5 people with a first and a later check.")
            .replace("%1", pct(head.before)).replace("%2", interval(head.before))
            .replace("%3", pct(head.after)).replace("%4", interval(head.after))
            .replace("%5", format_count(head.before.n, lang))
            if head.before.n else
            translate("Programme", "No one in this selection has a first check and a later one at least %1 "
                      "days on, both with a self-rating, so there is nothing to compare yet.")
            .replace("%1", str(head.after_days)))
        self.summary.setText(
            translate("Programme", "Trainees: %1; hubs: %2; finished checks: %3.").replace(
                "%1", format_count(p.trainees, lang)).replace("%2", format_count(p.hubs, lang)).replace(
                "%3", format_count(p.checks, lang)) + "\n" +
            compared)
        if head.before.n:
            self.headline_chart.set_chart(self._scaled(lambda width: charts.headline_figure(
                head.before, head.after, lang=lang, width=min(width, 6.0), dark=dark)), min_width_in=3.5)
            self.headline_chart.show()
        else:  # the summary just said there is nothing to compare: no empty chart saying it again
            self.headline_chart.clear()
            self.headline_chart.hide()

        regions = {r.id: r.name(lang) for r in (self.win.ws.regions() if p.regions else [])}
        self.regions_label.setText(w["regions"])
        self.regions.setRowCount(len(p.regions))
        for row, line in enumerate(regions_by_name(p.regions, regions)):  # by name, not by ISO code
            name = w["no_region"] if line.region_id is None else regions.get(line.region_id, line.region_id)
            counts = (line.trainees, line.hubs, line.checks)
            self.regions.setItem(row, 0, _cell(name))
            for col, count in enumerate(counts, start=1):
                self.regions.setItem(row, col, _cell(format_count(count, lang), number=True))
        self.regions.fit()

        areas = {a.id: a.name.get(lang) for a in fw.areas}
        codes = [lv.code for lv in fw.levels]
        levels = [(areas.get(a, a), [dict(rows).get(c, 0) for c in codes]) for a, rows in p.levels.items()]
        self.levels_label.setText(w["levels"])
        if levels:
            self.levels_chart.set_chart(self._scaled(
                lambda width: charts.levels_figure(levels, codes, lang=lang, width=width, dark=dark)),
                min_width_in=6.0)
        else:
            self.levels_chart.clear()
            self.levels_chart.set_placeholder(w["none"])
        for chart, rows, title, colour in (
                (self.gaps_chart, p.gaps, w["gaps"], "#D55E00"),
                (self.over_chart, p.over_confident, w["over"], "#CC79A7")):
            named = [(areas.get(r.area_id, r.area_id), r.share) for r in rows]
            if named:
                chart.set_chart(self._scaled(_shares_maker(named, title, colour, lang, dark=dark)),
                                min_width_in=6.0)
            else:
                chart.clear()
                chart.set_placeholder(f"{title}: {w['none']}")

        names = {c.id: c.name.get(lang) for a in fw.areas for c in a.competences}
        self.competences_label.setText(w["competence_gaps"] if p.competence_gaps
                                       else f"{w['competence_gaps']}: {w['none']}")
        self.competences.setRowCount(len(p.competence_gaps))
        for row, c in enumerate(p.competence_gaps):
            cells = (f"{c.competence_id} {names.get(c.competence_id, '')}".rstrip(),
                     areas.get(c.area_id, c.area_id),
                     f"{pct(c.share)} ({format_count(c.share.count, lang)}/{format_count(c.share.n, lang)})",
                     interval(c.share))
            for col, cell in enumerate(cells):
                self.competences.setItem(row, col, _cell(cell, number=col == 2))
        self.competences.fit()

        self.hardest_label.setText(w["hardest"])
        self.hardest.setRowCount(len(p.hardest))
        for row, q in enumerate(p.hardest):
            text = (f"{q.item_id}: {fw.item(q.item_id).stem.get(lang)}" if fw.has_item(q.item_id)
                    else q.item_id)
            right = f"{format_count(q.right.count, lang)} ({pct(q.right)})"
            for col, cell in enumerate((text, format_count(q.right.n, lang), right)):
                self.hardest.setItem(row, col, _cell(cell, number=col > 0))
        self.hardest.fit()

        from digigram.core.programme import definitions

        self.definitions_label.setText(w["definitions"])
        names = {a.id: a.name.get(lang) for a in fw.areas}
        self.definitions.setText("\n\n".join(m.render(lang) for m in definitions(p, names, lang)))


def _shares_maker(named: list[tuple[str, Any]], title: str, colour: str, lang: str, *,
                  dark: bool) -> Callable[[float], Any]:
    from digigram.charts import programme as charts

    return lambda width: charts.shares_figure(named, title=title, lang=lang, width=width, colour=colour,
                                              dark=dark)
