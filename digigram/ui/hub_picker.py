"""Choosing a hub from this computer's list (searchable, by region), and the coordinator's "add a hub"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
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
