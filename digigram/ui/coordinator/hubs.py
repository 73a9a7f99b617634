"""The coordinator's hub list: find a hub, give it its region (or correct it), add a hub."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digigram.core import limits
from digigram.core.errors import DigigramError
from digigram.core.i18n import format_count
from digigram.core.names import sort_key
from digigram.core.regions import Hub, Region, hub_search_text, region_name, search_matches
from digigram.ui.errors import show_problem
from digigram.ui.widgets import TextLabel, fit_dialog, wrap_lines

if TYPE_CHECKING:
    from digigram.services.api import CoordinatorAPI, WorkspaceAPI

translate = QCoreApplication.translate
ROLE_HUB = Qt.ItemDataRole.UserRole


def hub_order(hubs: list[Hub], lang: str) -> list[Hub]:
    """Hubs without a region first (they are the ones still to do), then by name and region."""
    return sorted(hubs, key=lambda h: (h.region_id is not None, sort_key(h.name),
                                       sort_key(region_name(h.region_id, lang)), h.id))


class HubsDialog(QDialog):
    """This computer's hubs with their regions. Choosing a hub shows its region in the region list;
    "Save the region" gives it the one chosen there. A region that already has a hub of that name is
    refused with a message and nothing changes. People, filters and bundles follow hubs by id.

    A search line above the list keeps only the hubs whose name or region (in Ukrainian or English)
    holds every word typed, letter case and apostrophes aside: a regional database has thousands.
    Down goes from it into the list; Esc clears it (and, empty, closes the dialog as usual)."""

    def __init__(self, parent: QWidget | None, *, ws: WorkspaceAPI, co: CoordinatorAPI, lang: str) -> None:
        super().__init__(parent)
        self.ws, self.co, self.lang = ws, co, lang
        self._hubs: dict[str, Hub] = {}
        self._order: list[tuple[Hub, str]] = []  # every hub in list order, with what the search looks in
        self.changed = False  # the dashboard's hub filter is filled again when the dialog closes
        self.setWindowTitle(translate("HubsDialog", "Hubs"))
        layout = QVBoxLayout(self)
        intro = TextLabel(self)
        intro.setText(translate(
            "HubsDialog", "Hubs whose region is not given yet come first. Choose a hub, then its region, "
            "and save. Its people and their results stay with the hub."))
        layout.addWidget(intro)
        search_label = QLabel(translate("HubsDialog", "&Find:"), self)
        self.search = QLineEdit(self)
        self.search.setAccessibleName(translate("HubsDialog", "Find a hub by its name or region"))
        self.search.setPlaceholderText(translate("HubsDialog", "Part of the name or the region"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(limits.HUB_MAX)
        search_label.setBuddy(self.search)
        search_row = QFormLayout()
        search_row.addRow(search_label, self.search)
        layout.addLayout(search_row)
        # How many hubs the search leaves, or that none does: said, not only shown by an empty list.
        self.found = TextLabel(self)
        layout.addWidget(self.found)
        self.list = QListWidget(self)
        self.list.setAccessibleName(translate("HubsDialog", "Hubs on this computer"))
        wrap_lines(self.list)  # long names wrap, so the region at the end is never cut off
        # Laid out a batch at a time between keystrokes: with 5,000 hubs one whole layout of wrapped
        # lines per keystroke took about 450 ms, in batches about 90 ms.
        self.list.setLayoutMode(QListWidget.LayoutMode.Batched)
        self.list.setBatchSize(200)
        list_label = QLabel(translate("HubsDialog", "H&ubs:"), self)
        list_label.setBuddy(self.list)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        form = QFormLayout()
        self.region = QComboBox(self)
        self.region.setAccessibleName(translate("HubsDialog", "Region of the chosen hub"))
        regions: list[Region] = ws.regions()
        for region in sorted(regions, key=lambda r: sort_key(r.name(lang))):
            self.region.addItem(region.name(lang), region.id)
        region_label = QLabel(translate("HubsDialog", "&Region:"), self)
        region_label.setBuddy(self.region)
        form.addRow(region_label, self.region)
        layout.addLayout(form)
        self.status = TextLabel(self)
        self.status.hide()  # until there is something to say
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(self)
        self.save = QPushButton(translate("HubsDialog", "&Save the region"), self)
        self.save.setAccessibleName(translate("HubsDialog", "Save the region of the chosen hub"))
        self.add = QPushButton(translate("HubsDialog", "&Add a hub…"), self)
        self.add.setAccessibleName(translate("HubsDialog", "Add a hub"))
        close = QPushButton(translate("HubsDialog", "&Close"), self)
        close.setAccessibleName(translate("HubsDialog", "Close the hub list"))
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.add, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        # Enter in the list or the region list saves; it never closes the dialog by surprise.
        self.save.setDefault(True)
        self.save.clicked.connect(self.save_region)
        self.add.clicked.connect(self.add_hub)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(lambda *_: self._hub_chosen())
        self.region.currentIndexChanged.connect(lambda *_: self._update())
        self.search.textChanged.connect(lambda *_: self._filter())
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.setMinimumWidth(560)
        self.fill()
        self.list.setFocus()  # before the dialog is shown, so showing it does not give the focus to Save

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 5)
        fit_dialog(self)

    # -- the list --------------------------------------------------------------------------------
    def fill(self, *, current: str | None = None) -> None:
        """The hubs as stored now; `current` (a hub id) stays highlighted, else the first one."""
        hubs = hub_order(self.ws.hubs(), self.lang)
        self._hubs = {h.id: h for h in hubs}
        self._order = [(h, hub_search_text(h)) for h in hubs]
        if not hubs:
            self._say(translate("HubsDialog", "There are no hubs on this computer yet: add one."))
        self._filter(current=current)  # the search typed so far still applies

    def _filter(self, *, current: str | None = None) -> None:
        """The list holds only the hubs matching the search, so Home, End and Page keys stay among them.

        The highlighted hub (or `current`) stays highlighted while it matches; otherwise the first hub
        that does is, or none, and then nothing can be saved. The count under the search says how many.
        """
        typed = self.search.text()
        keep = current if current is not None else self.chosen()
        self.list.setUpdatesEnabled(False)  # one repaint for the whole list, not one per hub
        self.list.blockSignals(True)  # one "hub chosen" at the end, not one per row cleared or added
        self.list.clear()
        row = 0
        for hub, text in self._order:
            if search_matches(text, typed):
                item = QListWidgetItem(self._line(hub), self.list)
                item.setData(ROLE_HUB, hub.id)
                if hub.id == keep:
                    row = self.list.count() - 1
        self.list.setCurrentRow(row if self.list.count() else -1)
        self.list.blockSignals(False)
        self.list.setUpdatesEnabled(True)
        self._count(self.list.count(), typed)
        self._hub_chosen()

    def _count(self, shown: int, typed: str) -> None:
        total = len(self._order)
        if not total:
            self.found.hide()
            return
        self.found.show()
        if shown:
            self.found.setText(translate("HubsDialog", "%1 of %2 hubs")
                               .replace("%1", format_count(shown, self.lang))
                               .replace("%2", format_count(total, self.lang)))
        else:
            self.found.setText(translate("HubsDialog", "No hub matches “%1”. Try fewer letters or the "
                                         "region, or add the hub.").replace("%1", typed.strip()))

    def shown_hubs(self) -> list[str]:
        """The ids of the hubs the list shows now, in its order."""
        return [str(self.list.item(r).data(ROLE_HUB)) for r in range(self.list.count())]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            # Qt's End goes to the last hub laid out so far; with batches still to come that is not the
            # last hub of the list, so Home and End are answered here.
            ends = {Qt.Key.Key_Home: 0, Qt.Key.Key_End: self.list.count() - 1}
            if event.key() in ends and self.list.count():
                self.list.setCurrentRow(ends[Qt.Key(event.key())])
                return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.list.currentItem() is not None:
                self.list.setFocus()  # into the list, on the highlighted hub (the first match)
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()  # Esc first clears the search; the next one closes the dialog
                return True
        return super().eventFilter(watched, event)

    def _line(self, hub: Hub) -> str:
        region = region_name(hub.region_id, self.lang) or translate("HubsDialog", "region not given yet")
        return f"{hub.name} — {region}"

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(ROLE_HUB))

    def _hub_chosen(self) -> None:
        hub_id = self.chosen()
        hub = None if hub_id is None else self._hubs.get(hub_id)
        # The region list shows the hub's own region; none for a hub still without one.
        self.region.blockSignals(True)
        self.region.setCurrentIndex(-1 if hub is None or hub.region_id is None
                                    else self.region.findData(hub.region_id))
        self.region.blockSignals(False)
        self._current_region = None if hub is None else hub.region_id
        self._update()

    _current_region: str | None = None

    def _update(self) -> None:
        wanted = self.region.currentData()
        self.save.setEnabled(self.chosen() is not None and wanted is not None
                             and wanted != self._current_region)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- actions ---------------------------------------------------------------------------------
    def save_region(self) -> None:
        hub_id, region_id = self.chosen(), self.region.currentData()
        if hub_id is None or region_id is None or not self.save.isEnabled():
            return
        try:
            hub = self.co.set_hub_region(hub_id, str(region_id))
        except DigigramError as exc:
            self._say(exc.said_in_app(self.lang))
            show_problem(self, exc)
            self._hub_chosen()  # back to the region it has: nothing was changed
            return
        self.changed = True
        self.fill(current=hub.id)
        self._say(translate("HubsDialog", "Saved: %1").replace("%1", hub.label(self.lang)))

    def add_hub(self) -> None:
        from digigram.ui.hub_picker import AddHubDialog

        answer = AddHubDialog.ask(self, regions=self.ws.regions(), lang=self.lang)
        if answer is None:
            return
        try:
            hub = self.ws.add_hub(answer[0], region_id=answer[1])
        except DigigramError as exc:
            self._say(exc.said_in_app(self.lang))
            show_problem(self, exc)
            return
        self.changed = True
        self.fill(current=hub.id)
        self._say(translate("HubsDialog", "Hub added: %1").replace("%1", hub.label(self.lang)))

    @classmethod
    def open_for(cls, parent: QWidget | None, *, ws: WorkspaceAPI, co: CoordinatorAPI, lang: str) -> bool:
        """Shows the dialog until closed; True when a hub was added or given a region. Tests replace it."""
        dialog = cls(parent, ws=ws, co=co, lang=lang)
        dialog.exec()
        return dialog.changed
