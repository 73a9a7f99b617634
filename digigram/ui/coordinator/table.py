"""The trainee table of the dashboard as a Qt model: fast for tens of thousands of rows, sortable by value."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from digigram.core.regions import hub_label
from digigram.core.when import local_day

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
FIXED = 6  # name, hub, group, profile, checks, last check; then one column per area, then "needs help"
NEEDS_HELP_BG = QColor("#fde2c8")  # an extra hint only: the column also says it in words with a symbol


def area_cell(status: Any) -> str:
    """An area's level against its target, told by a symbol and the codes, never by colour alone."""
    if status is None or status.level is None:
        return "—"
    if status.target is None or status.gap is None:
        return str(status.level)
    if status.gap <= 0:
        return f"✓ {status.level}"
    return f"▲{status.gap} {status.level} → {status.target}"


def area_words(status: Any, area_name: str) -> str:
    """The same as area_cell in a sentence, for the tooltip a screen reader also reads."""
    if status is None or status.level is None:
        return translate("Dashboard", "%1: no finished check").replace("%1", area_name)
    if status.target is None or status.gap is None:
        return translate("Dashboard", "%1: level %2, no target").replace("%1", area_name).replace(
            "%2", status.level)
    if status.gap <= 0:
        return translate("Dashboard", "%1: level %2, target %3 reached").replace("%1", area_name).replace(
            "%2", status.level).replace("%3", status.target)
    return translate("Dashboard", "%1: level %2, below the target %3 by %4").replace(
        "%1", area_name).replace("%2", status.level).replace("%3", status.target).replace(
        "%4", str(status.gap))


def needs_help_text(needs: bool) -> str:
    return "⚠ " + translate("Dashboard", "needs help") if needs else ""


def format_when(when: datetime | None, lang: str) -> str:
    if when is None:
        return "—"
    day = local_day(when)
    return day.strftime("%d.%m.%Y" if lang == "uk" else "%Y-%m-%d")


class TraineeModel(QAbstractTableModel):
    """Rows are the contract's TraineeRow records; texts are made when a cell is painted."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.area_ids: tuple[str, ...] = ()
        self.area_names: dict[str, str] = {}
        self.profile_names: dict[str, str] = {}
        self.lang = "uk"
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any], *, area_ids: Sequence[str], area_names: dict[str, str],
                 profile_names: dict[str, str], lang: str) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.area_ids = tuple(area_ids)
        self.area_names, self.profile_names, self.lang = area_names, profile_names, lang
        self.endResetModel()
        if self._sort is not None:
            self.sort(*self._sort)

    def headers(self) -> list[str]:
        return [
            translate("Dashboard", "Name"),
            translate("Dashboard", "Hub"),
            translate("Dashboard", "Group"),
            translate("Dashboard", "Role"),
            translate("Dashboard", "Checks"),
            translate("Dashboard", "Last check"),
            *(self.area_names.get(a, a) for a in self.area_ids),
            translate("Dashboard", "Needs help"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED + len(self.area_ids) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        names = self.headers()
        if not 0 <= section < len(names):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            # Long area names on a few short lines keep the table readable without scrolling sideways.
            return "\n".join(textwrap.wrap(names[section], 16)) or names[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return names[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and FIXED <= col < FIXED + len(self.area_ids):
            area = self.area_ids[col - FIXED]
            return area_words(row.areas.get(area), self.area_names.get(area, area))
        if role == Qt.ItemDataRole.BackgroundRole and row.needs_help and col == self.columnCount() - 1:
            return QBrush(NEEDS_HELP_BG)
        if role == Qt.ItemDataRole.UserRole:
            return row.person_id
        return None

    def text(self, row: Any, col: int) -> str:
        if col == 0:
            return str(row.name)
        if col == 1:  # with its region: two hubs of one name in different regions read apart
            return hub_label(row.hub or "", row.region_id, self.lang)
        if col == 2:
            return str(row.group or "")
        if col == 3:
            return self.profile_names.get(row.profile_id or "", row.profile_id or "")
        if col == 4:
            return str(row.checks)
        if col == 5:
            return format_when(row.last_check, self.lang)
        if col < FIXED + len(self.area_ids):
            return area_cell(row.areas.get(self.area_ids[col - FIXED]))
        return needs_help_text(row.needs_help)

    def sort_key(self, col: int) -> Any:
        if col == 4:
            return lambda r: r.checks
        if col == 5:
            return lambda r: (r.last_check is not None, r.last_check or datetime.min)
        if FIXED <= col < FIXED + len(self.area_ids):
            area = self.area_ids[col - FIXED]

            def by_gap(r: Any) -> tuple[int, int]:
                status = r.areas.get(area)
                gap = None if status is None else status.gap
                return (gap is not None, gap if gap is not None else 0)

            return by_gap
        if col == FIXED + len(self.area_ids):
            return lambda r: r.needs_help
        # Ukrainian alphabetical order (Є, І, Ї, Ґ in their places), which plain code points get wrong.
        collator = QCollator(QLocale(QLocale.Language.Ukrainian))
        collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        return lambda r: collator.sortKey(self.text(r, col))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=self.sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def person_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None
