"""The trainee table of the dashboard as a Qt model: a page at a time from the database, sorted there.

The first page comes with the dashboard; scrolling to the end asks for the next (Qt's fetchMore), and a
click on a column head asks the database for the first page in that order, so tens of thousands of
trainees never all come into the table.
"""

from __future__ import annotations

import heapq
import textwrap
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QAccessible, QAccessibleInterface, QBrush, QColor, QFocusEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAccessibleWidget,
    QFrame,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from digigram.core.i18n import NOT_MEASURED, format_date, not_measured_why
from digigram.core.regions import hub_label
from digigram.core.when import local_day

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
NEEDS_HELP_BG = QColor("#fde2c8")  # an extra hint only: the column also says it in words with a symbol
# The words on that tint, dark whatever the palette: high contrast's white text on it was unreadable.
NEEDS_HELP_FG = QColor("#000000")
PAGE = 200  # trainees a page: a few screens of rows, however large the text
# Who and how they stand come first, together: the name, "needs help", then one column per area; what
# places the trainee (checks, last check, hub, group, role) follows. At 1366 px the hub, group and role
# columns had pushed all but two areas out of view, and on a netbook every one of them.
# The order columns (see core.coordination.TraineeOrder) before and after the areas ("area:<id>").
ORDER_BEFORE = ("name", "needs_help")
ORDER_AFTER = ("checks", "last_check", "hub", "group", "role")
# A framework without roles sets no target levels: no one is marked as needing help and no one has a
# role, so those two columns, always empty, are left out.
WITHOUT_ROLES = ("needs_help", "role")
# (order column, descending, offset) -> the dashboard with that page, or None when it could not be read
Loader = Callable[[str, bool, int], Any]


def area_cell(status: Any, lang: str | None = None) -> str:
    """An area's level against its target, told by a symbol and the codes, never by colour alone; "not
    measured", never a gap, where no shown answer measured it (the framework has no such questions)."""
    if status is not None and not status.measured:
        return NOT_MEASURED.render(lang)
    if status is None or status.level is None:
        return "—"
    if status.target is None or status.gap is None:
        return str(status.level)
    if status.gap <= 0:
        return f"✓ {status.level}"
    return f"▼{status.gap} {status.level} → {status.target}"


def area_words(status: Any, area_name: str, lang: str | None = None) -> str:
    """The same as area_cell in a sentence, for the tooltip a screen reader also reads."""
    if status is not None and not status.measured:
        return not_measured_why([area_name], lang).render(lang)
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
        # The order columns shown, before and after the areas.
        self.before: tuple[str, ...] = ORDER_BEFORE
        self.after: tuple[str, ...] = ORDER_AFTER

    def set_rows(self, rows: Sequence[Any], *, area_ids: Sequence[str], area_names: dict[str, str],
                 profile_names: dict[str, str], lang: str, total: int | None = None,
                 roles: bool = True) -> None:
        """The first page (or every row, without a total), in the model's order already; `roles`:
        whether the framework has roles (see WITHOUT_ROLES)."""
        self.beginResetModel()
        kept = () if roles else WITHOUT_ROLES
        self.before = tuple(c for c in ORDER_BEFORE if c not in kept)
        self.after = tuple(c for c in ORDER_AFTER if c not in kept)
        self.rows = list(rows)
        self.total = len(self.rows) if total is None else total
        self.area_ids = tuple(area_ids)
        self.area_names, self.profile_names, self.lang = area_names, profile_names, lang
        self.endResetModel()

    def relabel(self, *, area_names: dict[str, str], profile_names: dict[str, str], lang: str) -> None:
        """The same rows in another language: the heads and the cells are worded again, the rows read so
        far, the order and the chosen row stay."""
        self.area_names, self.profile_names, self.lang = area_names, profile_names, lang
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            if self.rows:
                last = self.index(len(self.rows) - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)

    def order_column(self, col: int) -> str:
        lead = len(self.before)
        if col < lead:
            return self.before[col]
        if col < lead + len(self.area_ids):
            return "area:" + self.area_ids[col - lead]
        return self.after[col - lead - len(self.area_ids)]

    def area_at(self, col: int) -> str | None:
        """The area a column shows, or None for the other columns."""
        lead = len(self.before)
        return self.area_ids[col - lead] if lead <= col < lead + len(self.area_ids) else None

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
        titles = {"name": translate("Dashboard", "Name"),
                  "needs_help": translate("Dashboard", "Needs help"),
                  "checks": translate("Dashboard", "Checks"),
                  "last_check": translate("Dashboard", "Last check"),
                  "hub": translate("Dashboard", "Hub"),
                  "group": translate("Dashboard", "Group"),
                  "role": translate("Dashboard", "Role")}
        return [*(titles[c] for c in self.before), *(self.area_names.get(a, a) for a in self.area_ids),
                *(titles[c] for c in self.after)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.before) + len(self.area_ids) + len(self.after)

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
        area = self.area_at(col)
        if role == Qt.ItemDataRole.ToolTipRole and area is not None:
            return area_words(row.areas.get(area), self.area_names.get(area, area), self.lang)
        helped = row.needs_help and col == 1 and self.before[1:2] == ("needs_help",)
        if role == Qt.ItemDataRole.BackgroundRole and helped:
            return QBrush(NEEDS_HELP_BG)
        if role == Qt.ItemDataRole.ForegroundRole and helped:
            return QBrush(NEEDS_HELP_FG)
        if role == Qt.ItemDataRole.UserRole:
            return row.person_id
        return None

    def text(self, row: Any, col: int) -> str:
        area = self.area_at(col)
        if area is not None:
            return area_cell(row.areas.get(area), self.lang)
        column = self.order_column(col)
        if column == "name":
            return str(row.name)
        if column == "needs_help":
            return needs_help_text(row.needs_help)
        if column == "hub":  # with its region: two hubs of one name in different regions read apart
            return hub_label(row.hub or "", row.region_id, self.lang)
        if column == "group":
            return str(row.group or "")
        if column == "role":
            return self.profile_names.get(row.profile_id or "", row.profile_id or "")
        if column == "checks":
            return str(row.checks)
        return format_when(row.last_check, self.lang)

    def column_of(self, order_column: str) -> int:
        """The column an order column (see order_column) is shown in."""
        return next(c for c in range(self.columnCount()) if self.order_column(c) == order_column)

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

    def row_of(self, person_id: str | None) -> int | None:
        """The row that shows this person, None where none does."""
        if not person_id:
            return None
        return next((n for n, r in enumerate(self.rows) if r.person_id == person_id), None)


class FocusOfTheTable(QStyledItemDelegate):
    """Paints the held names with the table's keyboard focus: the focus frame of a name cell is drawn by
    the view over it, which never has the focus itself (the table's own frame is hidden under it)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index == self.table.currentIndex() and self.table.hasFocus():
            option = QStyleOptionViewItem(option)
            option.state |= QStyle.StateFlag.State_HasFocus
        super().paint(painter, option, index)


class HeldNames(QTableView):
    """The held name column, laid over the table's first column: it shows the names and takes clicks,
    but a screen reader meets only the table, which has every column with the name first. Qt would make
    this view a second, one-column table of names, told of each selection as the table is."""

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        # QTableView's own tells assistive technology of the selection, which the table tells already.
        QAbstractItemView.selectionChanged(self, selected, deselected)


class Unheard(QAccessibleWidget):
    """What assistive technology learns of the held names: not shown, nothing in it to read."""

    def state(self) -> QAccessible.State:
        state = super().state()
        state.invisible = True
        return state

    def childCount(self) -> int:
        return 0

    # Qt takes None (nullptr) for no child; PySide's stubs say an interface is always returned.
    def child(self, index: int) -> None:  # type: ignore[override]
        return None

    def childAt(self, x: int, y: int) -> None:  # type: ignore[override]
        return None


def unheard_names(_key: str, obj: QObject) -> QAccessibleInterface | None:
    """Qt's accessibility factory for the held names (see HeldNames)."""
    return Unheard(obj) if isinstance(obj, HeldNames) else None


QAccessible.installFactory(unheard_names)


class Rows(QHeaderView):
    """The table's row heads (hidden): each row as tall as the text in the current font and style.

    Qt derives a row's height from the font once, when the header is made, and keeps it when the text
    size changes: after 100 % became 200 % the rows stayed at their old height while the held names,
    measured anew, grew, and the names drifted down beside other people's levels."""

    def __init__(self, parent: QTableView) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.follow_the_text()

    def follow_the_text(self) -> None:
        metric = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderDefaultSectionSizeVertical, None, self)
        height = max(self.minimumSectionSize(), metric)
        if height != self.defaultSectionSize():
            self.setDefaultSectionSize(height)  # every row, each told by sectionResized

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.follow_the_text()
        return done


class NameHeldTable(QTableView):
    """The trainee table with the name column held in place while the other columns scroll sideways
    (Qt's frozen column: a second view showing only that column, laid over the first): scrolled to the
    hub or the role on a netbook, each row still says whose it is.

    The second view shares the model and the selection, takes no keyboard focus (arrows, Enter and Tab
    stay with the table) and follows the table's rows, heights and sort order; it draws the table's focus
    frame on the name the keyboard is on. Dragging the edge of its head widens or narrows the name column
    of both."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setVerticalHeader(Rows(self))
        self.names = HeldNames(self)
        # Heads wrap word by word in a column narrower than their lines (see fit_columns).
        for view in (self, self.names):
            view.horizontalHeader().setDefaultAlignment(
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
            # A whole row is selected, so Qt drew every head bold once a trainee was chosen: that said
            # nothing, and the heads, fitted in the plain font, lost letters («нформаційна», «Комунікаці»).
            view.horizontalHeader().setHighlightSections(False)
        self.chosen: dict[int, int] = {}  # column -> the width a person dragged it to
        self._fitting = False
        names = self.names
        names.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        names.setItemDelegate(FocusOfTheTable(self))
        names.verticalHeader().hide()
        # Its rows take the table's heights exactly (see _place_names), never a least height of their own.
        names.verticalHeader().setMinimumSectionSize(1)
        names.setFrameShape(QFrame.Shape.NoFrame)
        names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        names.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Its head's edge is the one a person sees and drags: the table's column follows it, and back.
        names.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        names.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        names.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        names.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        names.setSortingEnabled(True)
        names.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(names)
        names.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(names.verticalScrollBar().setValue)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        # The newly sorted column's head gains the sort mark: the columns share the width anew.
        self.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_: self.fit_columns(self._widest) if self._widest else None)
        names.horizontalHeader().sectionResized.connect(self._name_resized)
        self.verticalHeader().sectionResized.connect(lambda row, _old, new: names.setRowHeight(row, new))
        # One sort order whichever head is clicked: each header shows it.
        for one, other in ((self, names), (names, self)):
            one.horizontalHeader().sortIndicatorChanged.connect(
                lambda col, order, other=other: other.horizontalHeader().setSortIndicator(col, order))
        names.pressed.connect(lambda _index: self.setFocus())  # a click on a name: the keys go on here
        names.doubleClicked.connect(self.doubleClicked)
        names.show()

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        self.names.setModel(model)
        self.names.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self._show_the_names_only)
        model.columnsInserted.connect(self._show_the_names_only)
        for changed in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.columnsInserted,
                        model.columnsRemoved, model.layoutChanged, model.dataChanged):
            changed.connect(self._forget_measures)
        self._forget_measures()  # another model's rows
        self._show_the_names_only()

    _measures: dict[int, int] | None = None

    def _forget_measures(self, *_: object) -> None:
        self._measures = None

    def sizeHintForColumn(self, column: int) -> int:
        """How wide the column's widest cell is, its text on one line, as Qt measures a cell.

        Qt's own measure asks the model about a dozen questions for every cell of the column, at every
        fit: with a page of 200 trainees, opening the screen took seconds and each step of a window's
        resize half a second. Here each cell's text is measured once (the same texts once), and Qt
        measures only the few widest; the result is kept until the rows, the font or the style change.
        """
        model = self.model()
        if model is None or not 0 <= column < model.columnCount():
            return super().sizeHintForColumn(column)
        if self._measures is None:
            self._measures = {}
        hint = self._measures.get(column)
        if hint is None:
            hint = self._measures[column] = self._widest_cell(model, column)
        return hint

    def _widest_cell(self, model: Any, column: int) -> int:
        advance: dict[str, int] = {}
        width = self.fontMetrics().horizontalAdvance
        texts = []
        for row in range(model.rowCount()):
            text = str(model.index(row, column).data() or "")
            if text not in advance:
                advance[text] = width(text)
            texts.append((advance[text], row))
        if not texts:
            return 0
        # The three widest by the font's advance; Qt's own measure of them settles a near tie.
        hint = max(self.sizeHintForIndex(model.index(row, column)).width()
                   for _advance, row in heapq.nlargest(3, texts))
        return hint + 1 if self.showGrid() else hint

    def _show_the_names_only(self, *_: object) -> None:
        model = self.model()
        for col in range(1, model.columnCount()):
            self.names.setColumnHidden(col, True)
        self.names.setColumnWidth(0, self.columnWidth(0))
        self._place_names()

    def fit_columns(self, widest: int) -> None:
        """Each column as wide as its contents, at most `widest`; a column a person sized by its head
        keeps the width they gave it (each new selection fitted it anew, and the width was lost).

        When that is wider than the table, the columns share its width (see _share): their heads wrap
        word by word, their cells stay whole. At 1366 px with two trainees the wide heads of empty
        columns («Потрібна допомога») pushed the last check's date off the edge, cut to «01.»."""
        self._widest = widest
        self._fitting = True
        try:
            self.resizeColumnsToContents()
            natural = [self.chosen.get(col, min(self.columnWidth(col), widest))
                       for col in range(self.model().columnCount())]
            room = self.viewport().width()
            if sum(natural) > room > 0:
                natural = self._share(room, natural, widest)
            elif room > 0:
                natural = self._widen_cut(room, natural, widest)
            for col, width in enumerate(natural):
                self.setColumnWidth(col, width)
            self._fit_heads()
        finally:
            self._fitting = False

    _widest = 0

    def _widen_cut(self, room: int, natural: list[int], widest: int) -> list[int]:
        """Widths where the room left over goes first to the columns cut at `widest` (a hub with its
        region, a long group), up to their whole text: on a wide window the hub stayed cut at «Харківська
        обл., хаб 30 (Харківсь…» while the area columns' heads spread out over the room it lacked."""
        want = {col: self.sizeHintForColumn(col) - width for col, width in enumerate(natural)
                if col not in self.chosen and width >= widest and self.sizeHintForColumn(col) > width}
        spare, needed = room - sum(natural), sum(want.values())
        if not want or spare <= 0:
            return natural
        widths = list(natural)
        for col, more in want.items():
            widths[col] += more if needed <= spare else spare * more // needed
        return widths

    def _share(self, room: int, natural: list[int], widest: int) -> list[int]:
        """Widths that fit `room` where they can: each column keeps its cells' text whole (at most
        `widest`) and its head's longest word, and the room left goes to each as far as it is narrower
        than its natural width. A width a person chose stays. Where not even that fits, the columns keep
        those least widths and the table scrolls sideways (the names stay held). A hub or a group whose
        name is cut at `widest` anyway is cut a little shorter first, rather than scroll for it."""
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        pad = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 4
        least = []
        for col, width in enumerate(natural):
            # The sorted column's head also shows the sort mark: it keeps its natural width, which
            # has room for it (sorting by another column fits the columns again).
            if col in self.chosen or col == header.sortIndicatorSection():
                least.append(width)
                continue
            head = str(self.model().headerData(col, Qt.Orientation.Horizontal,
                                               Qt.ItemDataRole.ToolTipRole) or "")
            word = max((metrics.horizontalAdvance(w) for w in head.split()), default=0) + pad
            cells = min(self.sizeHintForColumn(col), widest)
            least.append(min(max(word, cells), width))
        spare = room - sum(least)
        if spare < 0:  # a hub or group name already cut at `widest` gives way, to two thirds of it
            floor = widest * 2 // 3
            give = {col: width - floor for col, width in enumerate(least)
                    if col not in self.chosen and col != header.sortIndicatorSection()
                    and self.sizeHintForColumn(col) > widest and width > floor}
            given = sum(give.values())
            if given < -spare:
                return least  # still too wide: the table scrolls sideways
            for col, most in give.items():
                least[col] -= -(spare * most // given)  # rounded up: the columns fit
            spare = room - sum(least)
        if spare <= 0:
            return least
        # Whole cells before heads on fewer lines: a hub cut with «…» on every row reads worse than a
        # head on three lines.
        least = self._widen_cut(room, least, widest)
        spare = room - sum(least)
        if spare <= 0:
            return least
        longer = [max(n - w, 0) for n, w in zip(natural, least, strict=True)]
        total = sum(longer) or 1
        return [w + spare * more // total for w, more in zip(least, longer, strict=True)]

    def _fit_heads(self) -> None:
        """The heads as tall as the tallest, its words wrapped in its column (QHeaderView measures the
        lines as given, not as they wrap in a narrower column)."""
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(0)
        header.setMaximumHeight(16_777_215)
        tallest = header.sizeHint().height()
        for col in range(self.model().columnCount()):
            head = str(self.model().headerData(col, Qt.Orientation.Horizontal,
                                               Qt.ItemDataRole.DisplayRole) or "")
            room = max(self.columnWidth(col) - 2 * margin, 1)
            text = metrics.boundingRect(QRect(0, 0, room, 100_000), flags, head)
            tallest = max(tallest, text.height() + 2 * margin + 2)
        if tallest > header.sizeHint().height():
            header.setFixedHeight(tallest)
        self._place_names()

    def _column_resized(self, col: int, _old: int, new: int) -> None:
        head = self.horizontalHeader()
        # A person's drag, not a fit nor the last column stretching to the row's end with the window.
        if not self._fitting and head.isVisible() and not (
                head.stretchLastSection() and col == head.count() - 1):
            self.chosen[col] = new
        if col == 0:
            self.names.setColumnWidth(0, new)
            self._place_names()

    def _name_resized(self, col: int, _old: int, new: int) -> None:
        if col == 0:
            self.setColumnWidth(0, new)

    def _place_names(self) -> None:
        frame = self.frameWidth()
        header = self.horizontalHeader().height()
        self.names.horizontalHeader().setFixedHeight(header)
        self.names.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self.names.setGeometry(self.verticalHeader().width() + frame, frame, self.columnWidth(0),
                               self.viewport().height() + header)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._forget_measures()  # measured in the old font or style
        super().changeEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.names.viewport().update()  # the focus frame on a name comes and goes with the table's focus

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.names.viewport().update()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place_names()
        if self._widest and event.size().width() != event.oldSize().width():
            self.fit_columns(self._widest)  # a wider or narrower window shares its width anew

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place_names()

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = super().moveCursor(action, modifiers)
        held = self.columnWidth(0)
        if (action == QAbstractItemView.CursorAction.MoveLeft and current.column() > 0
                and self.visualRect(current).left() < held):
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + self.visualRect(current).left() - held)
        return current

    def scrollTo(self, index: Index,
                 hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if index.column() > 0:
            super().scrollTo(index, hint)
            return
        bar = self.horizontalScrollBar()
        kept = bar.value()  # the name is always in view: only the rows scroll
        super().scrollTo(index, hint)
        bar.setValue(kept)
