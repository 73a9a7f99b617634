"""Home: choose or create a person, resume a check, or start a full check, a quick scan or one area."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
)

from digigram.core import limits
from digigram.core.i18n import format_count
from digigram.core.regions import person_search_text, search_matches
from digigram.ui import app_filter
from digigram.ui.errors import guarded, show_text
from digigram.ui.mnemonics import latin_key, mnemonic
from digigram.ui.person_dialog import NewPerson, PersonDialog, PinDialog
from digigram.ui.widgets import StackingScreen, TextLabel, breakable, bring_into_view

if TYPE_CHECKING:
    from digigram.core.records import Person
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate
# Keys that move through the list of people.
_MOVES = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp,
                    Qt.Key.Key_PageDown})
_ModelIndex = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractListModel):
    """The names the list shows, out of everyone: a view asks only for the rows on screen, so a region's
    25,000 people cost one Python list, not 25,000 widget items."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.everyone: list[tuple[str, str]] = []  # (label, person id) in alphabetical order
        self.shown: list[int] = []  # indexes into everyone, in order

    def show(self, everyone: list[tuple[str, str]], shown: list[int]) -> None:
        self.beginResetModel()
        self.everyone, self.shown = everyone, shown
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self.shown)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.shown):
            return None
        label, person_id = self.everyone[self.shown[index.row()]]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):
            return label
        if role == Qt.ItemDataRole.UserRole:
            return person_id
        return None

    def relabel(self, labels: list[str]) -> None:
        """New words for the same people in the same order (another language): selection and scroll stay."""
        self.everyone = [(label, pid) for label, (_, pid) in zip(labels, self.everyone, strict=True)]
        if self.shown:
            self.dataChanged.emit(self.index(0), self.index(len(self.shown) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole])

    def row_of(self, person_id: str) -> int | None:
        return next((row for row, i in enumerate(self.shown) if self.everyone[i][1] == person_id), None)


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
        # Made in the order they are read, top to bottom: a screen reader walks the widgets in that
        # order, and it should meet "New person…" and the search line before the list, as Tab does.
        self.people_label = QLabel(self)
        self.new_person = QPushButton(self)
        # "New person…" heads the list rather than closing it: on a netbook at 200 % text the screen is
        # taller than the window, and what is cut at the foot is then the list's empty end, not the
        # button a first-time user needs.
        heading = QHBoxLayout()
        heading.addWidget(self.people_label, 1)
        heading.addWidget(self.new_person)
        # A search line over the list: a hub's PC holds dozens of people, a coordinator's a region.
        search_row = QHBoxLayout()
        self.search_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(limits.NAME_MAX)
        self.search_label.setBuddy(self.search)
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        self.people = QListView(self)
        self.model = PeopleModel(self.people)
        self.people.setModel(self.model)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One line per person: Qt then lays out a region's 25,000 names without measuring each. So all
        # lines are as wide as the first: a longer one ends in "…" (whole in its tooltip) rather than be
        # cut by a sideways scroll that stops at the first line's width.
        self.people.setUniformItemSizes(True)
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people_label.setBuddy(self.people)
        self.shown = TextLabel(self)
        self.shown.hide()
        self._people: list[Person] = []  # everyone, in the list's order
        self._texts: list[str] | None = None  # their search texts, made at the first search
        left.addLayout(heading)
        left.addLayout(search_row)
        left.addWidget(self.people, 1)
        left.addWidget(self.shown)
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
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.people.installEventFilter(self)
        # Selection, not the current item: a list that gets the focus makes its first row current
        # without anyone choosing it, and the app must start with nobody selected.
        self.people.selectionModel().selectionChanged.connect(self._selection_changed)
        # A name clicked where the actions are stacked below the list (a netbook at 200 % text): show
        # them, or the next step is below the window. Not for arrow keys: the list keeps the keyboard,
        # and Tab takes it to the actions, which the window scrolls to itself.
        self.people.clicked.connect(lambda _index: bring_into_view(self.action_box))
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
        self.setTabOrder(self.new_person, self.search)
        self.setTabOrder(self.search, self.people)
        self.setTabOrder(self.people, self.resume)
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
        self.search_label.setText(translate("Home", "&Search:"))
        self.search.setAccessibleName(translate("Home", "Search the people"))
        self.search.setPlaceholderText(translate("Home", "Part of a name or of a hub"))
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
        if self._people:  # "(PIN)" after a name is in the language just chosen too
            self.model.relabel([_label(person) for person in self._people])
        self._show_count()
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
        if change is not None and change.kind == "attempt":
            self._update_actions()  # a check began or ended: the list of people is the same
            return
        if change is not None and change.kind != "person":
            return
        self._people = self.win.ws.people()  # already in Ukrainian alphabetical order
        self._texts = None
        self._show([(_label(person), person.id) for person in self._people])
        self._update_actions()

    # -- the list ------------------------------------------------------------------------------
    def take_focus(self) -> None:
        """The keyboard starts in the list of people; with no one in it yet, on "New person…", the one
        thing there is to do (from the empty list it is two Tabs away, past the window's scroll area)."""
        if self._people:
            self.people.setFocus()
        else:
            self.new_person.setFocus()

    def shown_names(self) -> list[str]:
        """The lines the list shows, top to bottom."""
        return [self.model.everyone[i][0] for i in self.model.shown]

    def choose(self, person_id: str) -> bool:
        """Select this person's line, as a click would; False when it is not shown."""
        row = self.model.row_of(person_id)
        if row is None:
            return False
        self.people.setCurrentIndex(self.model.index(row))
        return True

    def chosen_id(self) -> str | None:
        rows = self.people.selectionModel().selectedRows()
        return str(rows[0].data(Qt.ItemDataRole.UserRole)) if rows else None

    def _show(self, everyone: list[tuple[str, str]] | None = None) -> None:
        """Show everyone who matches the search; the chosen person stays chosen if still shown."""
        typed = self.search.text()
        if typed:
            texts = self._search_texts()
            shown = [i for i, text in enumerate(texts) if search_matches(text, typed)]
        else:
            shown = list(range(len(self._people)))
        selected = self.win.person_id
        selection = self.people.selectionModel()
        selection.blockSignals(True)
        self.model.show(self.model.everyone if everyone is None else everyone, shown)
        row = None if selected is None else self.model.row_of(selected)
        if row is not None:
            selection.setCurrentIndex(self.model.index(row),
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect)
        selection.blockSignals(False)
        if selected is not None and row is None and everyone is None:
            self._selection_changed()  # what is chosen stays in view: no action for a hidden name
        self._show_count()

    # -- search --------------------------------------------------------------------------------
    def clear_search(self) -> None:
        """Show everyone again (the next person at a shared PC must not find the last one's search)."""
        self.search.clear()

    def _filter(self) -> None:
        self._show()

    def _search_texts(self) -> list[str]:
        if self._texts is None:
            self._texts = [person_search_text(person.name, person.hub) for person in self._people]
        return self._texts

    def _show_count(self) -> None:
        typed = self.search.text().strip()
        if not typed:
            self.shown.hide()
            return
        shown = len(self.model.shown)
        if shown:
            lang = self.win.lang
            text = translate("Home", "Shown: %1 of %2").replace("%1", format_count(shown, lang)).replace(
                "%2", format_count(len(self.model.everyone), lang))
        else:
            text = translate("Home", "Nobody matches “%1”. Clear the search to see everyone.").replace(
                "%1", typed)
        self.shown.setText(text)
        self.shown.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.people and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _MOVES and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                # A key that moves through the list chooses the name it lands on, even the one the
                # focus frame already sat on (one person; Home on the first name): Qt moves nothing
                # then, and only Space chose anyone.
                QTimer.singleShot(0, self, self._choose_current)
        # Down (or Enter) in the search line goes to the first name shown; Esc clears the search.
        if watched is self.search and event.type() == QEvent.Type.FocusIn:
            # What a search looks in is made as the line gets the focus (a region's 25,000 names take
            # about a fifth of a second), so the first letter typed is answered as fast as the next.
            self._search_texts()
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.model.shown:
                    # The person already chosen stays chosen (their PIN stays given); else the first.
                    chosen = None if self.win.person_id is None else self.model.row_of(self.win.person_id)
                    self.people.setCurrentIndex(self.model.index(0 if chosen is None else chosen))
                    self.people.setFocus()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

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
        if person is None and not self._people:
            # The first start: an empty list and "choose a person in the list" left nothing to do.
            button = self.new_person.text()
            letter = mnemonic(button)
            # «Alt+Н» alone read as Alt+H (Latin), a key that does nothing: with a Cyrillic letter the
            # hint names the key the Latin layout sends too, as the mnemonic filter answers both.
            keys = "Alt+" + letter.upper()
            if latin_key(letter):
                keys = translate("Home", "Alt+%1, or Alt+%2 with the Latin layout").replace(
                    "%1", letter.upper()).replace("%2", latin_key(letter).upper())
            self.who.setText(translate(
                "Home", "Nobody is on this computer yet. First add yourself with “%1” above the list "
                        "(%2).").replace("%1", button.replace("&", "")).replace("%2", keys))
        elif person is None:
            self.who.setText(translate("Home", "Choose a person in the list first."))
        else:
            self.who.setText(translate("Home", "Selected: %1").replace("%1", breakable(person.name)))

    def _choose_current(self) -> None:
        current = self.people.currentIndex()
        if current.isValid() and not self.people.selectionModel().isSelected(current):
            self.people.selectionModel().select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _selection_changed(self) -> None:
        self.win.select_person(self.chosen_id())
        self._update_actions()

    def _go(self, action: Any) -> None:
        """Run an action for the selected person once their PIN, if any, has been given."""
        person = self.win.person
        if person is None:
            return
        if person.has_pin and person.id not in self.win.unlocked:
            checked: list[bool] = []

            def attempt(typed: str) -> bool:
                # A wrong PIN from the second in a row raises PinLocked with the wait in its words; the
                # dialog says it and stays open (it closed, and the person had to start again).
                right = self.win.ws.check_pin(person.id, typed)
                checked.append(right)
                return right

            pin = PinDialog.ask(self, name=person.name, attempt=attempt)
            if pin is None:
                self._not_opened()
                return
            if pin is PinDialog.BY_COORDINATOR:
                from digigram.ui.coordinator import login as coordinator_login

                if not coordinator_login.open_person(self.win, person.id):
                    return  # said why; the person stays chosen for the coordinator's next try
            elif not any(checked):
                right = guarded(self, lambda: self.win.ws.check_pin(person.id, str(pin)))
                if right is None:
                    return
                if not right:
                    show_text(self, translate("Home", "That PIN is not right. Please try again."))
                    return
            self.win.unlocked.add(person.id)
        guarded(self, lambda: action(person.id))

    def _not_opened(self) -> None:
        """The PIN was not given (Esc, Cancel): nobody stays chosen. «Selected: …» and the status line's
        «Person: …» went on naming the protected person, as if they had signed in. The keyboard goes back
        to the list, on their name, to choose again."""
        self.people.clearSelection()  # the selection's signal forgets the person on the window too
        app_filter.give_focus(self.people)

    def create_person(self) -> None:
        fw = self.win.ws.framework
        profiles = [(p.id, p.name.get(self.win.lang)) for p in fw.profiles]
        hubs = guarded(self, self.win.ws.hubs)
        if hubs is None:
            return
        details: NewPerson | None = None
        person = None
        while person is None:
            # After a refusal (a full disk) the form comes back as it was filled in: the name, hub, role,
            # PIN and consent were gone, all to be given again once there was room.
            details = PersonDialog.ask(self, profiles=profiles, hubs=hubs, lang=self.win.lang,
                                       people=[(known.name, known.hub) for known in self._people],
                                       typed=details)
            if details is None:
                return
            person = guarded(self, partial(self._add, details))
        self.clear_search()  # the new name must be in view, whatever was typed before
        self.win.select_person(person.id)
        self.win.unlocked.add(person.id)  # they just chose the PIN (after selecting: that clears it)
        self.win.notify(_person_change(person.id))
        self.people.setFocus()
        bring_into_view(self.action_box)  # their first check is the next step

    def _add(self, details: NewPerson) -> Person:
        return self.win.ws.create_person(details.name, hub_id=details.hub_id, profile_id=details.profile_id,
                                         pin=details.pin, consent=details.consent)


def _label(person: Person) -> str:
    label = person.name + (f" — {person.hub}" if person.hub else "")
    return label + " " + translate("Home", "(PIN)") if person.has_pin else label


def _person_change(person_id: str) -> Any:
    from digigram.core.records import Change

    return Change("person", (person_id,), person_id)
