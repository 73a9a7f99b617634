"""The dashboard's other pages: the questions most often answered wrongly, before/after, the heatmap."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digigram.core.coordination import CHANGE_DIGITS, told_apart
from digigram.core.errors import DigigramError
from digigram.core.i18n import N_, NOT_MEASURED, format_change, format_count, format_percent, not_measured_why
from digigram.core.programme import AFTER_DAYS, HARD_MIN_ANSWERS
from digigram.ui.appearance import current_language
from digigram.ui.chart_widget import ChartWidget, Drawn, draw_aside
from digigram.ui.coordinator.background import Newest, Relay, raise_mistake
from digigram.ui.texts import area_name
from digigram.ui.widgets import QWIDGETSIZE_MAX, FittedTable, FixedTextLabel, FocusRing, TextLabel

translate = QCoreApplication.translate


def _table(parent: QWidget, columns: int) -> FittedTable:
    # Fitted to the page's width: at 200 % text on a netbook a question or an area name wraps in its
    # column, where sized to its text it pushed every other column (and its head) off to the right.
    table = FittedTable(0, columns, parent, all_rows=False)
    return table


def working_out() -> str:
    return translate("Dashboard", "Working out the figures…")


def not_read_text() -> str:
    return translate("Dashboard", "The figures could not be read.")


def _retry_button(parent: QWidget) -> QPushButton:
    """Reads the figures again after a failed reading (the page had nothing else to offer)."""
    button = QPushButton(parent)
    button.hide()
    return button


def percent(share: float | None, lang: str) -> str:
    return "—" if share is None else format_percent(share, lang)


class FillingPage(QWidget):
    """A dashboard page whose table scrolls in the room the window gives it. Asked how tall it would be
    at a width, it gives its least height, not the height of all its rows: the tabs ask each page, the
    tallest answer sets the screen's least height, and ten wrapped hard questions of a region made the
    whole screen 89 px taller than a 1366×768 window, which scrolled, blank space under the table."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return layout.totalMinimumHeightForWidth(width)


class HardQuestionsTable(FillingPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        # "Wrong: 2 of 3" in one column: with the asked and wrong counts apart, the heads' longest words
        # alone were wider than a netbook at 200 % text, and the table scrolled sideways.
        self.table = _table(self, 4)
        self.label.setBuddy(self.table)
        # What "wrong" counts: "3 of 3, 100 %" read as three plainly wrong answers, where a partly right
        # one or "I don't know" counts too (as "not fully right" in the Programme tab). A plain wrapping
        # label, as the title: its least height is one line, so on a netbook the page asks for no more
        # room than the other pages and the table gives up the room the wrapped line takes.
        self.counted = QLabel(self)
        self.counted.setWordWrap(True)
        # Fixed: on a tab not shown its width is a stale, narrow one, and so would its height be.
        self.empty = FixedTextLabel(self)
        self.empty.hide()
        self.retry = _retry_button(self)
        layout.addWidget(self.label)
        layout.addWidget(self.counted)
        layout.addWidget(self.empty)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # a table shorter than the page keeps its place under its title
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.retry.setText(translate("Dashboard", "Read the figures &once more"))
        self.label.setText(translate("Dashboard", "Questions most often answered &wrongly:"))
        self.table.setAccessibleName(translate("Dashboard", "Questions most often answered wrongly"))
        self.table.setHorizontalHeaderLabels([
            translate("Dashboard", "Question"), translate("Dashboard", "Area"),
            translate("Dashboard", "Wrong"), translate("Dashboard", "Share wrong")])
        self.counted.setText(translate(
            "Dashboard", "Wrong: not fully right, “I don't know” and partly right answers included; a "
                         "question is listed from %1 answers.").replace("%1", str(HARD_MIN_ANSWERS)))

    def waiting(self) -> None:
        """While the figures are worked out (seconds on a region's database): said, with no stale table."""
        self.empty.setText(working_out())
        self.empty.show()
        self.retry.hide()
        self.table.hide()

    def not_read(self) -> None:
        """The figures could not be read (the message said why): no table, and a way to try again."""
        self.empty.setText(not_read_text())
        self.empty.show()
        self.retry.show()
        self.table.setRowCount(0)
        self.table.hide()

    def show_stats(self, stats: Any, framework: Any, lang: str) -> None:
        stats = list(stats)
        # An empty table said nothing; say why a question may not be here yet. On a small hub few
        # questions, or none, reach the Programme tab's minimum of answers: said, not left blank.
        self.empty.setText(translate(
            "Dashboard", "No question is listed yet: none has at least %1 answers from the trainees shown "
                         "with at least one of them wrong. Fewer answers say little about how hard a "
                         "question is; with more checks, or all hubs shown, questions appear here.")
            .replace("%1", str(HARD_MIN_ANSWERS)))
        self.empty.setVisible(not stats)
        self.retry.hide()
        self.table.setVisible(bool(stats))  # an empty table's heads under the reason read as still loading
        self.table.setRowCount(len(stats))
        for row, stat in enumerate(stats):
            try:
                item = framework.item(stat.item_id)
                stem, area = item.stem.get(lang), _area_of(framework, item, lang)
            except KeyError:  # a question of another framework version
                stem, area = stat.item_id, ""
            wrong = translate("Dashboard", "%1 of %2", "wrong answers of those given").replace(
                "%1", format_count(stat.wrong, lang)).replace("%2", format_count(stat.asked, lang))
            texts = (stem, area, wrong, percent(stat.share_wrong, lang))
            for col, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, col, cell)
        self.table.fit()


def _area_of(framework: Any, item: Any, lang: str) -> str:
    try:
        return str(framework.area(item.area_id).name.get(lang))
    except (KeyError, AttributeError):
        return ""


class BeforeAfterPanel(FillingPage):
    """The share rating themselves 7–10 at the first and the latest check, and the change in levels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        # Fixed: on a tab not shown its width is a stale, narrow one, and its height wrapped to it (272 px at
        # 1366×768) made the tabs, and the screen, taller than the window.
        self.summary = FixedTextLabel(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.table = _table(self, 2)
        self.label.setBuddy(self.table)
        # What ▲, ▼ and = say, under the table: the trainee's results use ▼ for "below the target", and
        # nothing here said that ▼ means a fall between two checks.
        self.marks = FixedTextLabel(self)
        self.retry = _retry_button(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.marks)
        layout.addStretch(0)  # a table shorter than the page keeps its place under its title
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.retry.setText(translate("Dashboard", "Read the figures &once more"))
        self.label.setText(translate("Dashboard", "&Change in measured level, latest check minus first:"))
        self.table.setAccessibleName(translate("Dashboard", "Change in measured level per area"))
        self.table.setHorizontalHeaderLabels([translate("Dashboard", "Area"),
                                              translate("Dashboard", "Mean change in levels")])
        self.marks.setText(translate(
            "Dashboard", "▲ the level rose, ▼ fell, = about the same, from the first check to the latest."))

    def waiting(self) -> None:
        """While the figures are worked out (seconds on a region's database): said, with no stale table."""
        self.summary.setText(working_out())
        for widget in (self.label, self.table, self.marks, self.retry):
            widget.hide()

    def not_read(self) -> None:
        """The figures could not be read (the message said why): no table, and a way to try again."""
        self.summary.setText(not_read_text())
        self.table.setRowCount(0)
        for widget in (self.label, self.table, self.marks):
            widget.hide()
        self.retry.show()

    def show(self, figures: Any, framework: Any, lang: str) -> None:  # type: ignore[override]
        self.retry.hide()
        # Only people whose latest check is AFTER_DAYS or more after their first are compared, as in the
        # Programme tab: a retake minutes later showed as the training's effect.
        if figures is None or not figures.people:
            self.summary.setText(translate(
                "Dashboard", "No one shown has a later check at least %1 days after their first yet, so "
                             "there is nothing to compare.").replace("%1", str(AFTER_DAYS)))
            self.table.setRowCount(0)
            self.label.hide()  # an empty table under its title read as a table still loading
            self.table.hide()
            self.marks.hide()
            return
        self.label.show()
        self.table.show()
        self.marks.show()
        # A share always beside its count: "100 %" of one person read as a finding.
        self.summary.setText(
            translate("Dashboard", "Trainees with a later check at least %1 days after their first: %2.")
            .replace("%1", str(AFTER_DAYS)).replace("%2", format_count(figures.people, lang)) + "\n" +
            translate("Dashboard", "Rated their digital skills 7–10: %1 at the first check, %2 at the "
                      "latest.").replace("%1", _of(figures.high_first, figures.rated_first, lang)).replace(
                "%2", _of(figures.high_latest, figures.rated_latest, lang)))
        changes = list(figures.level_change.items())
        self.table.setRowCount(len(changes))
        for row, (area_id, change) in enumerate(changes):
            name = area_name(framework, area_id, lang)
            symbol = "▲" if change > 0.05 else "▼" if change < -0.05 else "="
            figure = format_change(change, lang, digits=CHANGE_DIGITS)  # +0,5 in uk, as the group report
            for col, text in enumerate((name, f"{symbol} {figure}")):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.fit()


def _of(count: int, n: int, lang: str) -> str:
    """"1 of 3 (33 %)", or "—" when nobody gave a rating."""
    if not n:
        return "—"
    return translate("Dashboard", "%1 of %2 (%3)", "people of those who gave a rating").replace(
        "%1", format_count(count, lang)).replace("%2", format_count(n, lang)).replace(
        "%3", format_percent(count / n, lang))


def heatmap_summary(board: Any, framework: Any, lang: str) -> str:
    """The heatmap in words: per area how many trainees shown are below their target."""
    parts = []
    for area_id in board.area_ids:
        if _unmeasured(board.rows, area_id):
            parts.append(f"{area_name(framework, area_id, lang)}: {NOT_MEASURED.render(lang)}")
            continue
        below = sum(1 for r in board.rows if (s := r.areas.get(area_id)) is not None and (s.gap or 0) > 0)
        parts.append(translate("Dashboard", "%1: %2 of %3 below the target").replace(
            "%1", area_name(framework, area_id, lang)).replace("%2", format_count(below, lang)).replace(
            "%3", format_count(len(board.rows), lang)))
    return "; ".join(parts)


def _gap(status: Any) -> int | None:
    return None if status is None else status.gap


def _unmeasured(rows: Any, area_id: str) -> bool:
    """Whether every shown row with a check there has the area not measured (core.records.measured)."""
    found = [s.measured for r in rows if (s := r.areas.get(area_id)) is not None]
    return bool(found) and not any(found)


class HeatmapPage(QScrollArea):
    """The heatmap at its natural size in a scrolling page, with a note in words and the key to its column
    codes (INF, COM…) above it, where the codes are first seen: under 150 rows it was a long scroll away."""

    MAX_ROWS = 150  # beyond this the picture stops being readable; the table and CSV hold everyone

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        self.note = TextLabel(inner)
        self.chart = ChartWidget(inner)
        self.key = TextLabel(inner)
        layout.addWidget(self.note)
        layout.addWidget(self.key)
        layout.addWidget(self.chart)
        layout.addStretch(1)
        self.setWidget(inner)
        FocusRing(self)  # its Tab stop (arrow keys scroll the picture) is seen
        # A thousand texts for 150 trainees take matplotlib most of a second to draw (more on an old PC):
        # the picture is made off the window's thread; only the newest request's picture is shown.
        self._relay = Relay(self)
        self._relay.done.connect(self._drawn)
        self._worker = Newest(self._relay, name="group-picture", failed=_not_drawn)
        self._asked = 0
        self._drawing = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(translate("Dashboard", "Group picture"))
        self.chart.setAccessibleName(translate("Dashboard", "Chart: each trainee's gap per area"))
        self.chart.set_placeholder(translate("Dashboard", "Drawing the group picture…") if self._drawing
                                   else translate("Dashboard", "The group picture appears here."))

    def _wait(self, drawing: bool) -> None:
        """No picture: one on its way (`drawing`), or none; a picture still being drawn is dropped."""
        self._asked += 1
        self._worker.drop(self._asked)
        self._drawing = drawing
        self.retranslate_ui()
        self.chart.clear()
        # Sized to fit the placeholder again: left at the last picture's height, the words sat out of view.
        self.chart.setMinimumSize(0, 0)
        self.chart.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)

    def clear(self) -> None:
        self._wait(False)
        self.note.setText("")
        self.key.setText("")

    def draw(self, board: Any, framework: Any, *, lang: str, text_scale: int, dark: bool = False) -> None:
        """`dark`: the screen's high contrast, drawn light on black as the trainee's charts are.

        `board.rows` may be only the pages the table has read so far; `board.total` counts everyone the
        filter selects, and the note says the picture's share of them."""
        # A framework without roles sets no targets: every cell would be a «—», keyed as "no data",
        # beside trainees with finished checks. Their levels are in the Trainees table.
        self.chart.setVisible(bool(framework.profiles))
        if not framework.profiles:
            words = translate("Dashboard", "This framework has no roles, so it sets no target levels and "
                                           "there are no gaps to picture. Each trainee's levels are in the "
                                           "Trainees table.")
            self.note.setText(words)
            self.key.setText("")
            self.chart.setAccessibleDescription(words)
            self._wait(False)
            return
        rows = list(board.rows)[: self.MAX_ROWS]
        everyone = max(len(board.rows), board.total)
        self.note.setText(translate(
            "Dashboard", "Each row is a trainee, each column an area; the number is how many levels are "
                         "still missing to the target (0: reached). Rows follow the order of the table.")
            + ("\n" + translate("Dashboard", "Shown: the first %1 of %2 trainees.").replace(
                "%1", format_count(len(rows), lang)).replace("%2", format_count(everyone, lang))
               if len(rows) < everyone else ""))
        # An area no shown answer measured has «—» in its column, as having no gap: the key says why.
        unmeasured = [area_name(framework, a, lang) for a in board.area_ids
                      if any(not s.measured for r in rows if (s := r.areas.get(a)) is not None)]
        self.key.setText(translate("Dashboard", "Columns:") + " " + "; ".join(
            f"{a} — {area_name(framework, a, lang)}" for a in board.area_ids)
            + ("\n" + not_measured_why(unmeasured, lang).render(lang) if unmeasured else ""))
        # In words, what the picture shows: its rows, not the pages read beyond them.
        drawn = replace(board, rows=tuple(rows))
        self.chart.setAccessibleDescription(heatmap_summary(drawn, framework, lang))
        if not rows:
            self._wait(False)
            return
        # Namesakes read apart by their hub (the hub column is off-screen beside a picture of 150 rows).
        names, columns = told_apart(rows, lang), list(board.area_ids)
        gaps = [[_gap(r.areas.get(a)) for a in columns] for r in rows]
        flags = ["⚠" if r.needs_help else "" for r in rows]
        # The chart's text is drawn at a fixed point size: a higher dpi follows the app's text size.
        dpi = 100 * 1.3 * text_scale / 100
        width_px = max(self.viewport().width() - 30, 500)
        ratio = self.chart.devicePixelRatioF()

        self._wait(True)
        asked, worker = self._asked, self._worker

        def make() -> Drawn | None:  # in the worker: the figure is its own until it arrives in _drawn
            if not worker.is_newest(asked):
                return None  # asked again meanwhile (another order, filter or size): not worth drawing
            from digigram.charts import heatmap

            figure = heatmap.heatmap_figure(names, columns, gaps, lang=lang, width=width_px / dpi,
                                            flags=flags, dark=dark)
            figure.set_dpi(dpi)
            return draw_aside(figure, ratio) if worker.is_newest(asked) else None

        worker.ask(asked, make)

    def _drawn(self, asked: int, found: object) -> None:
        if asked != self._asked:
            return  # drawn for rows, a size or a look that have changed since: a newer one is on its way
        self._drawing = False
        self.retranslate_ui()
        if isinstance(found, BaseException):
            # Said in the picture's place and in its description, then a mistake in the code is raised
            # for the crash handler, which logs it and says so.
            failed = found if isinstance(found, DigigramError) else _not_drawn()
            words = failed.said_in_app(current_language())
            self.chart.set_placeholder(words)
            self.chart.setAccessibleDescription(words)
            raise_mistake(found)
            return
        drawn = cast(Drawn, found)
        w_in, h_in = drawn.figure.get_size_inches()
        dpi = drawn.figure.dpi
        self.chart.setFixedSize(int(w_in * dpi), int(h_in * dpi))
        self.chart.set_figure(drawn)

    def busy(self) -> bool:
        """Whether a picture is on its way (tests and tools wait for it)."""
        return self._drawing


def _not_drawn() -> DigigramError:
    # A mistake in the code is logged by the crash handler; its name in the picture's place (ValueError)
    # told the coordinator nothing.
    return DigigramError(N_("The group picture could not be drawn. The Trainees table holds the same "
                            "levels."))
