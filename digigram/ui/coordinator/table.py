"""The trainee table of the dashboard as a Qt model: a page at a time from the database, sorted there.

The first page comes with the dashboard; scrolling to the end asks for the next (Qt's fetchMore), and a
click on a column head asks the database for the first page in that order, so tens of thousands of
trainees never all come into the table.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from digigram.core.i18n import format_date
from digigram.core.regions import hub_label
from digigram.core.when import local_day

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
FIXED = 6  # name, hub, group, profile, checks, last check; then one column per area, then "needs help"
NEEDS_HELP_BG = QColor("#fde2c8")  # an extra hint only: the column also says it in words with a symbol
PAGE = 200  # trainees a page: a few screens of rows, however large the text
# The order columns of the fixed columns (see core.coordination.TraineeOrder); areas are "area:<id>".
ORDER_OF = ("name", "hub", "group", "role", "checks", "last_check")
# (order column, descending, offset) -> the dashboard with that page, or None when it could not be read
Loader = Callable[[str, bool, int], Any]


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
    return format_date(local_day(when), lang)


class TraineeModel(QAbstractTableModel):
    """Rows are the contract's TraineeRow records; texts are made when a cell is painted."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.total = 0  # every trainee the filter selects; `rows` are the pages read so far
        self.area_ids: tuple[str, ...] = ()
        self.area_names: dict[str, str] = {}
        self.profile_names: dict[str, str] = {}
        self.lang = "uk"
        self.order = ("name", False)  # (order column, descending)
        self.loader: Loader | None = None

    def set_rows(self, rows: Sequence[Any], *, area_ids: Sequence[str], area_names: dict[str, str],
                 profile_names: dict[str, str], lang: str, total: int | None = None) -> None:
        """The first page (or every row, without a total), in the model's order already."""
        self.beginResetModel()
        self.rows = list(rows)
        self.total = len(self.rows) if total is None else total
        self.area_ids = tuple(area_ids)
        self.area_names, self.profile_names, self.lang = area_names, profile_names, lang
        self.endResetModel()

    def order_column(self, col: int) -> str:
        if col < FIXED:
            return ORDER_OF[col]
        if col < FIXED + len(self.area_ids):
            return "area:" + self.area_ids[col - FIXED]
        return "needs_help"

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.loader is not None and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self.loader is None:
            return
        board = self.loader(*self.order, len(self.rows))
        if board is None or not board.rows:
            self.total = len(self.rows)  # nothing more to read (trainees deleted meanwhile)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(board.rows) - 1)
        self.rows.extend(board.rows)
        self.total = board.total
        self.endInsertRows()

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Everyone in this order, read again from its first page (sorting only the rows read so far would
        put a page's order over trainees never seen)."""
        if not 0 <= column < self.columnCount():
            return
        wanted = (self.order_column(column), order == Qt.SortOrder.DescendingOrder)
        if wanted == self.order:
            return
        self.order = wanted
        if self.loader is None:
            return
        board = self.loader(*self.order, 0)
        if board is None:
            return
        self.beginResetModel()
        self.rows = list(board.rows)
        self.total = board.total
        self.endResetModel()

    def person_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None
