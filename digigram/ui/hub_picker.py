"""Choosing a hub from this computer's list (searchable, by region), the coordinator's hub filter (a box
to type part of a name in), and the coordinator's "add a hub"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digigram.core import limits
from digigram.core.names import sort_key
from digigram.core.regions import Hub, Region, folded, hub_search_text, region_name, search_matches
from digigram.ui.widgets import fit_dialog, wrap_lines

translate = QCoreApplication.translate
ROLE_HUB = Qt.ItemDataRole.UserRole


class HubPicker(QWidget):
    """A region list, a search line and the matching hubs. Typing filters; the arrows move through the
    hubs without leaving the search line; Enter takes the highlighted hub. Hubs come only from the
    list: a trainee cannot make one up (a coordinator adds them, see AddHubDialog)."""

    chosen_changed = Signal()

    def __init__(self, parent: QWidget | None, *, hubs: Sequence[Hub], lang: str) -> None:
        super().__init__(parent)
        self.lang = lang
        self._hubs = sorted(hubs, key=lambda h: (sort_key(h.name), region_name(h.region_id, lang), h.id))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.region = QComboBox(self)
        self.region.setAccessibleName(translate("HubPicker", "Region of the hub"))
        self.region.addItem(translate("HubPicker", "All regions"), None)
        regions = {h.region_id for h in self._hubs}
        named = sorted(((region_name(r, lang), r) for r in regions if r), key=lambda t: sort_key(t[0]))
        for name, region_id in named:
            self.region.addItem(name, region_id)
        if None in regions:
            self.region.addItem(translate("HubPicker", "Region not given yet"), "")
        self.search = QLineEdit(self)
        self.search.setAccessibleName(translate("HubPicker", "Search the hubs"))
        self.search.setPlaceholderText(translate("HubPicker", "Type part of the name or the region"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(limits.HUB_MAX)
        self.list = QListWidget(self)
        self.list.setAccessibleName(translate("HubPicker", "Hubs on this computer"))
        # Long names wrap, so the region at the end of each line is never cut off with large text.
        wrap_lines(self.list)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        for widget in (self.region, self.search, self.list, self.hint):
            layout.addWidget(widget)
        # As the coordinator's hub list searches (name or region in either language, apostrophes aside),
        # and the line itself: Enter puts it in the search line, where it must still find its hub.
        self._texts: list[str] = []
        for hub in self._hubs:
            region = region_name(hub.region_id, lang)
            item = QListWidgetItem(f"{hub.name} — {region}" if region else hub.name, self.list)
            item.setData(ROLE_HUB, hub.id)
            self._texts.append(f"{hub_search_text(hub)} {folded(item.text())}")
        if not self._hubs:
            self.hint.setText(translate(
                "HubPicker", "There are no hubs on this computer yet. A coordinator adds them in "
                "coordinator mode (Add a hub…); until then you can be added without a hub."))
            for widget in (self.region, self.list):  # nothing to choose from: only the hint
                widget.hide()
            self.search.setEnabled(False)  # kept (hidden) as the label's buddy and the tab stop
            self.search.hide()
        else:
            self.hint.hide()
        self.search.installEventFilter(self)
        self.search.textChanged.connect(self._filter)
        self.region.currentIndexChanged.connect(self._filter)
        self.list.currentItemChanged.connect(lambda *_: self.chosen_changed.emit())

    def showEvent(self, event: QShowEvent) -> None:
        # Room for a few wrapped hubs at the text size in force when shown (it can change at any time).
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 6)
        super().showEvent(event)

    def chosen(self) -> str | None:
        """The id of the highlighted hub, or None (no hub, or none matches the search)."""
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else str(item.data(ROLE_HUB))

    def choose(self, hub_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ROLE_HUB) == hub_id:
                self.list.setCurrentRow(row)

    def _filter(self) -> None:
        typed = self.search.text()
        region = self.region.currentData()
        first = None
        for row, hub in enumerate(self._hubs):
            item = self.list.item(row)
            in_region = region is None or (hub.region_id or "") == region
            shown = in_region and search_matches(self._texts[row], typed)
            item.setHidden(not shown)
            if shown and first is None:
                first = row
        current = self.list.currentItem()
        if current is None or current.isHidden():  # keep a visible hub highlighted while typing
            self.list.setCurrentRow(-1 if first is None else first)
        self.chosen_changed.emit()

    def _step(self, delta: int) -> None:
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        if not rows:
            return
        now = self.list.currentRow()
        position = rows.index(now) + delta if now in rows else (0 if delta > 0 else len(rows) - 1)
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, position))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.chosen() is not None:
                # Enter takes the hub and goes on to the next field, rather than closing the form.
                self.search.setText(self.list.currentItem().text())
                self.list.setFocus()
                self.focusNextChild()
                return True
        return super().eventFilter(watched, event)


class AddHubDialog(QDialog):
    """The coordinator's "add a hub": its name and its region (Ukraine's regions, in the reader's words)."""

    def __init__(self, parent: QWidget | None, *, regions: Sequence[Region], lang: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("AddHubDialog", "Add a hub"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(translate("AddHubDialog", "Name of the hub"))
        self.name.setMaxLength(limits.HUB_MAX)
        self.region = QComboBox(self)
        self.region.setAccessibleName(translate("AddHubDialog", "Region"))
        for region in sorted(regions, key=lambda r: sort_key(r.name(lang))):
            self.region.addItem(region.name(lang), region.id)
        self.region.setCurrentIndex(-1)
        for text, field in ((translate("AddHubDialog", "&Name of the hub:"), self.name),
                            (translate("AddHubDialog", "&Region:"), self.region)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        note = QLabel(translate("AddHubDialog", "Trainees on this computer then choose the hub from the "
                                "list; two hubs of one name in different regions stay apart."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self.region.currentIndexChanged.connect(self._update)
        self._update()
        self.setMinimumWidth(480)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_dialog(self)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()) and self.region.currentData() is not None)

    def value(self) -> tuple[str, str]:
        return self.name.text().strip(), str(self.region.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, *, regions: Sequence[Region], lang: str) -> tuple[str, str] | None:
        """(name, region id), or None when cancelled. Tests replace this."""
        dialog = cls(parent, regions=regions, lang=lang)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class _Matches(QAbstractListModel):
    """The hub box's rows matching what is typed (rows of the box), or one line saying none does."""

    def __init__(self, box: HubCombo) -> None:
        super().__init__(box)
        self.box = box
        self.rows: list[int] = []
        self.none_text = ""  # shown, not choosable, when no row matches

    def show(self, rows: list[int], none_text: str) -> None:
        self.beginResetModel()
        self.rows, self.none_text = rows, none_text
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows) or (1 if self.none_text else 0)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if not self.rows:
            return self.none_text
        return self.box.itemText(self.rows[index.row()])

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not self.rows:
            return Qt.ItemFlag.ItemIsEnabled  # "no hub matches": said (legibly, not greyed), not chosen
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _room_for(view: QListView | Any, texts: Sequence[str]) -> int:
    """How wide a hub list must be for its longest text, its scroll bar and margins."""
    metrics = view.fontMetrics()
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    return int(widest + view.style().pixelMetric(view.style().PixelMetric.PM_ScrollBarExtent) + 4 * (
        view.frameWidth() + metrics.averageCharWidth()))


class HubCombo(QComboBox):
    """A hub filter at a region's size (a thousand hubs): a box to type in, its list as before.

    Typing any part of a hub's name or its region's (either language, in Latin letters, apostrophes and
    case aside: as Home's people search) lists the matching hubs under the box, the first highlighted;
    the arrows move through them, Enter or a click chooses one. Enter in an empty box chooses the first
    entry (all hubs). Text matching no hub says so; Enter, Esc or leaving the box then puts back the hub
    chosen before, so the box never shows a hub other than the one the figures are for. Alt+Down or F4
    opens the whole list, as a plain list would."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.lineEdit()
        assert edit is not None
        self._edit = edit
        # Qt's own completer finds a name only by its first letters, and writes them into the box itself.
        edit.setCompleter(None)  # type: ignore[arg-type]
        edit.setMaxLength(limits.HUB_MAX + 80)  # a hub and its region's name
        self._hubs: list[Hub] = []  # the hub of each row after the first
        self._texts: list[str] = []  # per row, what the search looks in (folded)
        self.matches = _Matches(self)
        self.finder = QCompleter(self.matches, self)
        self.finder.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.finder.setWidget(self)
        self.finder.setMaxVisibleItems(8)
        popup = self.finder.popup()
        assert isinstance(popup, QListView)
        self._list = popup
        popup.setUniformItemSizes(True)  # a thousand rows laid out at once
        popup.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long name keeps its region in view
        self.finder.activated[QModelIndex].connect(self._chosen_in_list)  # type: ignore[index]
        edit.textEdited.connect(self._typed)
        self.currentIndexChanged.connect(lambda _row: edit.setCursorPosition(0))  # the name, not its end
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._edit.setPlaceholderText(translate("HubCombo", "Type part of a hub's name or its region"))
        self.setToolTip(translate("HubCombo", "Type part of a hub's name or its region to find it; "
                                              "Alt+↓ lists them all."))
        self._list.setAccessibleName(translate("HubCombo", "Hubs matching what you typed"))

    def set_hubs(self, everything: str, hubs: Sequence[tuple[str, Hub]]) -> None:
        """The first entry `everything` (no hub chosen), then each hub as (how the list shows it, hub);
        the hub chosen before stays chosen while it is listed."""
        current = self.currentData()
        self._list.hide()
        self.clear()
        self.addItem(everything, None)
        for label, hub in hubs:
            self.addItem(label, hub.id)
        self._hubs = [hub for _, hub in hubs]
        self._texts = []  # worked out once the box is reached (_read_hubs), not for every reload
        self.setCurrentIndex(max(0, self.findData(current)) if current is not None else 0)

    def clear(self) -> None:
        """No entries, and no hubs for the search to look in (they would no longer match the rows)."""
        super().clear()
        self._hubs, self._texts = [], []

    def chosen_text(self) -> str:
        """The chosen entry as listed (the box itself may hold a search being typed)."""
        return self.itemText(self.currentIndex())

    def found(self) -> list[int]:
        """The rows matching what the box holds."""
        self._read_hubs()
        typed = self._edit.text()
        return [row for row, text in enumerate(self._texts) if search_matches(text, typed)]

    def _read_hubs(self) -> None:
        """What the search looks in, worked out once per list (between reaching the box and
        typing in it, or at the first key)."""
        if len(self._texts) != self.count():
            labels = [folded(self.itemText(row)) for row in range(self.count())]
            self._texts = labels[:1] + [f"{hub_search_text(hub)} {label}"
                                        for hub, label in zip(self._hubs, labels[1:], strict=True)]

    def _typed(self, typed: str) -> None:
        rows = self.found()
        self.matches.show(rows, translate("HubCombo", "No hub matches “%1”").replace("%1", typed.strip()))
        self._open_list()

    def _open_list(self) -> None:
        """The matches under the box, wide enough for a hub and its region, within the window."""
        if not self.isVisible():
            return
        popup = self._list
        shown = [self.matches.index(row, 0).data() for row in range(min(self.matches.rowCount(), 200))]
        width = max(self.width(), min(_room_for(popup, shown), self.window().width()))
        left = self.mapTo(self.window(), QPoint(0, 0)).x()
        x = min(0, self.window().width() - (left + width))
        self.finder.complete(QRect(x, 0, width, self.height()))
        popup.setCurrentIndex(self.matches.index(0, 0) if self.matches.rows else QModelIndex())

    def showPopup(self) -> None:
        """The whole list (Alt+↓, F4, the arrow) as wide as its longest hub and region, within the
        window: as wide as the box, at 200 % text every hub read «Івано-Ф… хаб 01», the region's name cut
        out of each one."""
        self._list.hide()  # the whole list, not the matches over it
        super().showPopup()
        view = self.view()
        popup = view.window()  # the list's own top-level frame
        if popup is self.window():
            return
        texts = [self.itemText(row) for row in range(self.count())]
        width = min(_room_for(view, texts), self.window().width())
        if width <= popup.width():
            return
        left = self.window().mapToGlobal(QPoint(0, 0)).x()
        x = max(left, min(popup.x(), left + self.window().width() - width))  # its right edge in the window
        popup.setGeometry(x, popup.y(), width, popup.height())

    def _chosen_in_list(self, index: QModelIndex) -> None:
        if self.matches.rows and index.isValid():
            self._choose(self.matches.rows[index.row()])
        else:  # "no hub matches" clicked: the list closed, the hub chosen before is back in the box
            self._put_back()

    def _choose(self, row: int) -> None:
        self._list.hide()
        self.setCurrentIndex(row)
        self._put_back()

    def _put_back(self) -> None:
        """The box shows the chosen entry again, all of it selected, ready to be typed over."""
        self._list.hide()
        self.setEditText(self.chosen_text())
        self._select_from_start()

    def _select_from_start(self) -> None:
        """All of the box's text selected, its start in view: in a narrow box (large text) the end of a
        selection made forwards is shown, the region without the hub's name."""
        length = len(self._edit.text())
        self._edit.setSelection(length, -length)

    def _searching(self) -> bool:
        return self._edit.text() != self.chosen_text()

    def _take(self) -> None:
        """Enter: the highlighted match, else the first; nothing typed: the first entry; no match: the
        entry chosen before, back in the box."""
        popup = self._list
        if not self._searching():
            self._put_back()
            return
        current = popup.currentIndex() if popup.isVisible() else QModelIndex()
        if current.isValid() and self.matches.rows:
            self._choose(self.matches.rows[current.row()])
        elif not self._edit.text().strip():
            self._choose(0)
        else:
            rows = self.found()
            if rows:
                self._choose(rows[0])
            else:
                self._put_back()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        popup = self._list
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._take()
            return
        if key == Qt.Key.Key_Escape and (popup.isVisible() or self._searching()):
            self._put_back()  # the search is dropped: the box shows what the figures are for
            return
        if popup.isVisible() and key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.rows:
            # (a popup on screen takes these itself; here when the keys come to the box)
            row = popup.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
            popup.setCurrentIndex(self.matches.index(max(0, min(len(self.matches.rows) - 1, row)), 0))
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                # The list first closes, so that leaving the box mid-search puts its hub back (a focus
                # lost while the list is open is taken for the list's own).
                self._list.hide()
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self, self._read_hubs)  # a thousand hubs' Latin spellings: before the first key
        if event.reason() != Qt.FocusReason.PopupFocusReason and not self._searching():
            # Typing replaces the hub shown, clicked into too (after the click has placed the cursor).
            QTimer.singleShot(0, self, self._select_all)

    def _select_all(self) -> None:
        if self.hasFocus() and not self._searching():
            self._select_from_start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason and self._searching():
            self._put_back()  # leaving the box mid-search changes nothing
        super().focusOutEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
