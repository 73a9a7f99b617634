"""Home: choose or create a person, resume a check, or start a full check, a quick scan or one area."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from digigram.ui.errors import guarded, show_text
from digigram.ui.person_dialog import PersonDialog, PinDialog
from digigram.ui.widgets import StackingScreen, TextLabel

if TYPE_CHECKING:
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate


class HomeView(StackingScreen):
    def __init__(self, win: Shell) -> None:
        super().__init__()  # the window's stack becomes the parent
        self.win = win
        outer = QVBoxLayout(self)
        self.title = TextLabel(self, scale=1.4, bold=True)
        self.intro = TextLabel(self)
        outer.addWidget(self.title)
        outer.addWidget(self.intro)
        row = QHBoxLayout()
        self.stacking = row  # side by side, or stacked when large text leaves too little width
        outer.addLayout(row, 1)

        left = QVBoxLayout()
        self.people_label = QLabel(self)
        self.people = QListWidget(self)
        self.people_label.setBuddy(self.people)
        self.new_person = QPushButton(self)
        left.addWidget(self.people_label)
        left.addWidget(self.people, 1)
        left.addWidget(self.new_person)
        row.addLayout(left, 2)

        self.action_box = QGroupBox(self)
        grid = QGridLayout(self.action_box)
        self.who = TextLabel(self.action_box)
        self.resume = QPushButton(self.action_box)
        self.full = QPushButton(self.action_box)
        self.quick = QPushButton(self.action_box)
        self.area_label = QLabel(self.action_box)
        self.area = QComboBox(self.action_box)
        self.area.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.area.setMinimumContentsLength(20)
        self.area_label.setBuddy(self.area)
        self.one_area = QPushButton(self.action_box)
        self.results = QPushButton(self.action_box)
        self.plan = QPushButton(self.action_box)
        self.history = QPushButton(self.action_box)
        grid.addWidget(self.who, 0, 0, 1, 2)
        grid.addWidget(self.resume, 1, 0, 1, 2)
        grid.addWidget(self.full, 2, 0, 1, 2)
        grid.addWidget(self.quick, 3, 0, 1, 2)
        grid.addWidget(self.area_label, 4, 0)
        grid.addWidget(self.area, 4, 1)
        grid.addWidget(self.one_area, 5, 0, 1, 2)
        grid.addWidget(self.results, 6, 0)
        grid.addWidget(self.plan, 6, 1)
        grid.addWidget(self.history, 7, 0, 1, 2)
        grid.setRowStretch(8, 1)
        row.addWidget(self.action_box, 3)

        self.new_person.clicked.connect(self.create_person)
        # Selection, not the current item: a list that gets the focus makes its first row current
        # without anyone choosing it, and the app must start with nobody selected.
        self.people.itemSelectionChanged.connect(self._selection_changed)
        self.resume.clicked.connect(lambda: self._go(self.win.resume_check))
        self.full.clicked.connect(lambda: self._go(lambda pid: self.win.start_check(pid, mode="full")))
        self.quick.clicked.connect(lambda: self._go(lambda pid: self.win.start_check(pid, mode="quick")))
        self.one_area.clicked.connect(
            lambda: self._go(
                lambda pid: self.win.start_check(pid, mode="area", area_id=self.area.currentData())
            )
        )
        self.results.clicked.connect(lambda: self._go(self.win.show_latest_results))
        self.plan.clicked.connect(lambda: self._go(self.win.show_plan))
        self.history.clicked.connect(lambda: self._go(self.win.show_history))
        self.setTabOrder(self.people, self.new_person)
        self.setTabOrder(self.new_person, self.resume)
        self.retranslate_ui()
        self.refresh()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(translate("Home", "Digigram: check your digital skills"))
        self.intro.setText(
            translate(
                "Home",
                "Choose your name or add yourself. The check takes about 15–25 minutes; you can pause "
                "at any time and continue later. Each answer is saved at once.",
            )
        )
        self.people_label.setText(translate("Home", "&People on this computer:"))
        self.people.setAccessibleName(translate("Home", "People on this computer"))
        self.new_person.setText(translate("Home", "&New person…"))
        self.action_box.setTitle(translate("Home", "What would you like to do?"))
        self.resume.setText(translate("Home", "&Continue the unfinished check"))
        self.full.setText(translate("Home", "Start the &full check"))
        self.quick.setText(translate("Home", "Start a &quick scan (fewer questions)"))
        self.area_label.setText(translate("Home", "&Area:"))
        self.area.setAccessibleName(translate("Home", "Area to check"))
        self.one_area.setText(translate("Home", "Check &this area only"))
        self.results.setText(translate("Home", "&Results"))
        self.plan.setText(translate("Home", "&Development plan"))
        self.history.setText(translate("Home", "&History of checks"))
        self._fill_areas()
        self._update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fill_areas(self) -> None:
        current = self.area.currentData()
        self.area.clear()
        for area in self.win.ws.framework.areas:
            self.area.addItem(area.name.get(self.win.lang), area.id)
        if current is not None:
            self.area.setCurrentIndex(max(0, self.area.findData(current)))

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, change: Any = None) -> None:
        if change is not None and change.kind not in ("person", "attempt"):
            return
        selected = self.win.person_id
        self.people.blockSignals(True)
        self.people.clear()
        for person in self.win.ws.people():  # already in Ukrainian alphabetical order
            label = person.name + (f" — {person.hub}" if person.hub else "")
            if person.has_pin:
                label += " " + translate("Home", "(PIN)")
            item = QListWidgetItem(label, self.people)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            if person.id == selected:
                self.people.setCurrentItem(item)
        self.people.blockSignals(False)
        self._update_actions()

    def _update_actions(self) -> None:
        person = self.win.person
        has = person is not None
        for widget in (
            self.full,
            self.quick,
            self.one_area,
            self.area,
            self.results,
            self.plan,
            self.history,
        ):
            widget.setEnabled(has)
        unfinished = self.win.ws.unfinished_attempt(person.id) if person is not None else None
        self.resume.setVisible(unfinished is not None)
        if person is None:
            self.who.setText(translate("Home", "Choose a person on the left first."))
        else:
            self.who.setText(translate("Home", "Selected: %1").replace("%1", person.name))

    def _selection_changed(self) -> None:
        chosen = self.people.selectedItems()
        person_id = chosen[0].data(Qt.ItemDataRole.UserRole) if chosen else None
        self.win.select_person(person_id)
        self._update_actions()

    def _go(self, action: Any) -> None:
        """Run an action for the selected person once their PIN, if any, has been given."""
        person = self.win.person
        if person is None:
            return
        if person.has_pin and person.id not in self.win.unlocked:
            pin = PinDialog.ask(self, name=person.name)
            if pin is None:
                return
            if pin is PinDialog.BY_COORDINATOR:
                from digigram.ui.coordinator import login as coordinator_login

                if not coordinator_login.open_person(self.win, person.id):
                    return
            else:
                # A wrong PIN from the second in a row raises PinLocked with the wait in its words.
                right = guarded(self, lambda: self.win.ws.check_pin(person.id, str(pin)))
                if right is None:
                    return
                if not right:
                    show_text(self, translate("Home", "That PIN is not right. Please try again."))
                    return
            self.win.unlocked.add(person.id)
        guarded(self, lambda: action(person.id))

    def create_person(self) -> None:
        fw = self.win.ws.framework
        profiles = [(p.id, p.name.get(self.win.lang)) for p in fw.profiles]
        hubs = guarded(self, self.win.ws.hubs)
        if hubs is None:
            return
        details = PersonDialog.ask(self, profiles=profiles, hubs=hubs, lang=self.win.lang)
        if details is None:
            return
        person = guarded(
            self,
            lambda: self.win.ws.create_person(
                details.name,
                hub_id=details.hub_id,
                profile_id=details.profile_id,
                pin=details.pin,
                consent=details.consent,
            ),
        )
        if person is None:
            return
        self.win.select_person(person.id)
        self.win.unlocked.add(person.id)  # they just chose the PIN (after selecting: that clears it)
        self.win.notify(_person_change(person.id))
        self.people.setFocus()


def _person_change(person_id: str) -> Any:
    from digigram.core.records import Change

    return Change("person", (person_id,), person_id)
