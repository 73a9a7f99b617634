"""The table of a person's checks (date, kind, state, own rating, levels), shared by History and Trainee."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from digigram.core.framework import Framework
from digigram.core.i18n import NOT_MEASURED, format_date
from digigram.core.records import Attempt, measured
from digigram.core.when import local
from digigram.ui.texts import area_name
from digigram.ui.widgets import FittedTable

translate = QCoreApplication.translate


def mode_label(mode: str, framework: Framework, lang: str) -> str:
    if mode == "full":
        return translate("History", "Full check")
    if mode == "quick":
        return translate("History", "Quick scan")
    try:
        return str(framework.area(mode).name.get(lang))
    except KeyError:
        return mode


def status_label(status: str) -> str:
    return {
        "finished": translate("History", "finished"),
        "in_progress": translate("History", "not finished"),
        "abandoned": translate("History", "abandoned"),
    }.get(status, status)


def format_moment(moment: object, lang: str) -> str:
    """A stored UTC moment as local date and time, in the language's own short format."""
    from datetime import datetime

    if not isinstance(moment, datetime):
        return "—"
    shown = local(moment)
    # The one day pattern of every list and report (Qt's short format gave 30.11.26 and 30/11/2026).
    return f"{format_date(shown, lang)} {shown:%H:%M}"


class HistoryTable(FittedTable):
    """Newest check first; read-only, whole rows selected, keyboard-friendly.

    Fitted to its width: the levels per area (six long names on the shipped framework) wrap in their
    column, where sized to their text they ended in "…" and at 200 % text on a netbook pushed the
    columns off to the right. With `all_rows` (History) it is as tall as its rows and the page around it
    scrolls; without (the trainee's History tab) it scrolls its rows in the room it is given.
    """

    def __init__(self, parent: QWidget | None = None, *, all_rows: bool = False) -> None:
        super().__init__(0, 5, parent, all_rows=all_rows)
        self.attempts: list[Attempt] = []
        self.setTabKeyNavigation(False)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(translate("History", "Checks so far"))
        self.setHorizontalHeaderLabels([
            translate("History", "Date"),
            translate("History", "Kind"),
            translate("History", "State"),
            translate("History", "Own rating before → after"),
            translate("History", "Levels per area"),
        ])

    def show_attempts(self, attempts: Sequence[Attempt], framework: Framework, lang: str) -> None:
        self.attempts = list(reversed(attempts))
        self.setRowCount(len(self.attempts))
        for row, a in enumerate(self.attempts):
            before = "—" if a.rating_before is None else str(a.rating_before)
            after = "—" if a.rating_after is None else str(a.rating_after)
            levels = "; ".join(f"{area_name(framework, o.area_id, lang)}: "
                               f"{o.level if measured(o) else NOT_MEASURED.render(lang)}" for o in a.areas)
            cells = (format_moment(a.finished_at or a.started_at, lang), mode_label(a.mode, framework, lang),
                     status_label(a.status), f"{before} → {after}", levels)
            for col, text in enumerate(cells):
                self.setItem(row, col, QTableWidgetItem(text))
        self.fit()
