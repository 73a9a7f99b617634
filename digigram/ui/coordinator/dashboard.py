"""The coordinator's dashboard: filters, trainee table, group heatmap, hard questions, before/after."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from digigram.core.errors import DigigramError, StorageError
from digigram.core.i18n import N_, format_count
from digigram.core.names import sort_key
from digigram.core.regions import region_name
from digigram.ui import app_filter
from digigram.ui.appearance import MENU_BUTTON
from digigram.ui.coordinator import files as coordinator_files
from digigram.ui.coordinator import login as coordinator_login
from digigram.ui.coordinator.background import Relay, raise_mistake, read_in_background
from digigram.ui.coordinator.pages import BeforeAfterPanel, HardQuestionsTable, HeatmapPage
from digigram.ui.coordinator.programme import ProgrammePage
from digigram.ui.coordinator.table import PAGE, NameHeldTable, TraineeModel
from digigram.ui.hub_picker import HubCombo
from digigram.ui.widgets import ButtonRow, FixedTextLabel, TextLabel, screen_of, show_dates

if TYPE_CHECKING:
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate
TABLE_ROWS = 6  # trainees always in view in the table, whatever the screen and the text size
ROOMY_LINES = 44  # a screen this many text lines high shows the filters and the heading from the start
NAME_PAUSE_MS = 350  # the table follows the name typed once typing pauses this long
MAX_COLUMN_LINES = 17  # widest column, in text line heights (255 px at 100 %); longer names are cut
# with "…" and shown whole in the tooltip. In text units, so columns and their heads grow with the text.


def first_ready_for_keys(menu: QMenu) -> None:
    """Opened from the keyboard (Space, Enter), `menu` has its first command highlighted, so that Enter
    starts it: Qt opened «Файли» and «Керування» with none, and Enter did nothing until an arrow was
    pressed. Opened with a click, nothing is highlighted, as Qt has it."""

    def ready() -> None:
        if not app_filter.keyboard_in_use() or not menu.isVisible() or menu.activeAction() is not None:
            return
        first = next((a for a in menu.actions() if a.isVisible() and a.isEnabled() and not a.isSeparator()),
                     None)
        if first is not None:
            menu.setActiveAction(first)

    menu.aboutToShow.connect(lambda: QTimer.singleShot(0, menu, ready))  # once it is on screen


GIVE_WAY = 2 / 3  # the share of its characters a filter list keeps where the window is narrower


class _GivesWay:
    """A filter list that asks for its characters (setMinimumContentsLength) but gives up to a third of
    them on a narrow window: at 200 % text on a netbook the four lists' full widths made the screen wider
    than the window, which scrolled sideways, and the role list and the name field were cut at its edge."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()  # type: ignore[misc]
        return QSize(round(hint.width() * GIVE_WAY), hint.height())


class FilterList(_GivesWay, QComboBox):
    pass


class HubFilter(_GivesWay, HubCombo):
    pass


class DashboardView(QWidget):
    fills_window = True  # the table and the tab pages scroll: the screen takes the window's height
    def __init__(self, win: Shell) -> None:
        super().__init__()  # the window's stack becomes the parent
        self.win = win
        self.dashboard: Any = None
        self._filling = True  # no reloads while the filters are being built
        outer = QVBoxLayout(self)
        self.heading = TextLabel(self, scale=1.25, bold=True)
        outer.addWidget(self.heading)
        # What concerns coordinator mode as a whole (hubs, sync, the password, leaving) is one menu on the
        # window's toolbar while this screen is shown, not a row of buttons on the screen: the toolbar
        # never scrolls away, and on a netbook at 200 % text that row took two lines from the table.
        self.manage = QToolButton(self)
        self.manage.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.manage.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        manage_menu = QMenu(self.manage)
        self.hubs_action = QAction(manage_menu)
        self.sync_action = QAction(manage_menu)
        self.password_action = QAction(manage_menu)
        self.leave_action = QAction(manage_menu)
        manage_menu.addActions([self.hubs_action, self.sync_action, self.password_action])
        manage_menu.addSeparator()
        manage_menu.addAction(self.leave_action)
        self.manage.setMenu(manage_menu)
        first_ready_for_keys(manage_menu)
        self._manage_on_toolbar = win.toolbar.addWidget(self.manage)
        self._manage_on_toolbar.setVisible(False)  # shown with this screen (showEvent)

        # The filters fold away behind one button beside the count, so a short screen (a netbook, large
        # text) gives its height to the table; the count says when filters are on while they are folded.
        counted = QHBoxLayout()
        self.filters_toggle = QToolButton(self)
        self.filters_toggle.setCheckable(True)
        self.filters_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filters_toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.filters_toggle.toggled.connect(self._show_filters)
        self.filters_toggle.clicked.connect(self._filters_chosen_by_hand)
        counted.addWidget(self.filters_toggle)
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        counted.addWidget(self.count, 1)
        outer.addLayout(counted)
        self._filters_chosen = False  # set once the coordinator opens or folds them

        self.filters = QGroupBox(self)
        grid = QGridLayout(self.filters)
        # The hub is found by typing part of its name or region: a region has a thousand of them.
        # The region first: it narrows the hubs listed beside it, and a region's coordinator sees it whole.
        # Made first too, so that Tab reaches it first, as it reads.
        self.region = FilterList(self)
        self.hub, self.group, self.profile = HubFilter(self), FilterList(self), FilterList(self)
        self._hubs: list[Any] = []  # the hubs people belong to, as the filter options last read them
        self.use_from, self.use_to = QCheckBox(self), QCheckBox(self)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        self.filter_labels = [QLabel(self) for _ in range(4)]
        combos = (self.region, self.hub, self.group, self.profile)
        # Two pairs of rows (label, field), as before there was a region: a third took two table rows at
        # 1366×768. The region's column is twice as wide: «Івано-Франківська область» is read whole at
        # 200 % text on a netbook; "All hubs", "All groups" and "All roles" need less.
        for col, (label, combo) in enumerate(zip(self.filter_labels, combos, strict=True)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12 if combo is self.region else 10)
            label.setBuddy(combo)
            grid.addWidget(label, 0, col)
            grid.addWidget(combo, 1, col)
            if combo is self.region:
                combo.currentIndexChanged.connect(self._region_changed)
            else:
                combo.currentIndexChanged.connect(self._filter_changed)
        dates = ((self.use_from, self.date_from), (self.use_to, self.date_to))
        for col, (check, edit) in enumerate(dates, 3):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._filter_changed)
            edit.dateChanged.connect(self._filter_changed)
            # The dates go on a second pair of rows: five columns did not fit with large text.
            grid.addWidget(check, 2, col - 3)
            grid.addWidget(edit, 3, col - 3)
        self.date_from.setDate(QDate.currentDate().addYears(-1))
        self.date_to.setDate(QDate.currentDate())
        # Part of a name, beside the dates: among thousands of trainees the table's pages, 200 rows at a
        # time, were the only way to one person. Read once typing pauses, not at every letter.
        self.name_label, self.name = QLabel(self), QLineEdit(self)
        self.name.setClearButtonEnabled(True)
        self.name.setMaxLength(200)
        self.name_label.setBuddy(self.name)
        grid.addWidget(self.name_label, 2, 2, 1, 2)
        grid.addWidget(self.name, 3, 2, 1, 2)
        for col, share in enumerate((2, 1, 1, 1)):  # fixed shares: a line edit grows where combos do not
            grid.setColumnStretch(col, share)
        self._name_pause = QTimer(self)
        self._name_pause.setSingleShot(True)
        self._name_pause.setInterval(NAME_PAUSE_MS)
        self._name_pause.timeout.connect(self._filter_changed)
        self.name.textChanged.connect(lambda _text: self._name_pause.start())
        outer.addWidget(self.filters)

        self.tabs = QTabWidget(self)
        outer.addWidget(self.tabs, 1)
        people = QWidget(self.tabs)
        pl = QVBoxLayout(people)
        pl.setContentsMargins(4, 4, 4, 4)
        self.model = TraineeModel(self)
        self.table = NameHeldTable(people)  # the names stay in view when it scrolls sideways
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.open_selected)
        self.table.activated.connect(self.open_selected)
        # Sorting was by a click on a column's head only, which the keyboard cannot reach: the context
        # menu (the Menu key or Shift+F10, or a right click) sorts by the column the keyboard is in.
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        pl.addWidget(self.table, 1)
        # What ✓, ▼1 A2 → B1 and ⚠ say, and the rule behind ⚠, under the table: only tooltips said it.
        self.marks = FixedTextLabel(people)
        pl.addWidget(self.marks)
        row = ButtonRow(people)  # wraps onto more lines with large text
        self.open_button, self.delete_button = QPushButton(people), QPushButton(people)
        # The four that write or read a file share one button's menu: six buttons took three lines at
        # 200 % text on a netbook, and the last line was only reached by scrolling the screen.
        self.files_button = QPushButton(people)
        files_menu = QMenu(self.files_button)
        self.csv_action, self.pdf_action = QAction(files_menu), QAction(files_menu)
        self.bundle_out, self.bundle_in = QAction(files_menu), QAction(files_menu)
        files_menu.addActions([self.csv_action, self.pdf_action])
        files_menu.addSeparator()
        files_menu.addActions([self.bundle_out, self.bundle_in])
        self.files_button.setMenu(files_menu)
        first_ready_for_keys(files_menu)
        self.files_button.setProperty(MENU_BUTTON, True)  # high contrast keeps room for its arrow
        for button in (self.open_button, self.delete_button):
            row.add(button)
        row.add(self.files_button, end=True)
        pl.addWidget(row)
        self.tabs.addTab(people, "")
        self.heatmap = HeatmapPage(self.tabs)
        self.tabs.addTab(self.heatmap, "")
        self.hard = HardQuestionsTable(self.tabs)
        self.tabs.addTab(self.hard, "")
        self.before_after = BeforeAfterPanel(self.tabs)
        self.tabs.addTab(self.before_after, "")
        self.programme = ProgrammePage(self.win, self.tabs)  # its own filters: region, hub, since
        self.tabs.addTab(self.programme, "")
        # The names are short enough for all five to fit whole on a 1024 px screen at 200 % text. On a
        # narrower window they stay whole too, behind scroll arrows: "Train…", "Progr…" could not be read
        # (Ctrl+Tab and each tab's Alt key reach every page all the same).
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.tabs.currentChanged.connect(lambda _i: self._draw_heatmap())
        self.model.modelReset.connect(self._order_changed)
        self.model.rowsInserted.connect(self._order_changed)  # a further page read by scrolling
        self.model.loader = self._load_page
        self.tabs.currentChanged.connect(lambda _i: self._load_figures())
        # The hard questions and before/after fold every selected check: seconds on a region's database,
        # read off the window's thread (the latest request wins; a late answer to an older one is dropped).
        self._figures_relay = Relay(self)
        self._figures_relay.done.connect(self._figures_arrived)
        self._figures_asked = 0
        self._figures_asked_for: Any = None  # the filter of the request on its way, if any
        # One reading at a time: typing a date changes the filter at each digit, and readings of seconds
        # each, run side by side, would take the two cores from the window. A newer filter waits its turn.
        self._figures_reading = False
        for page in (self.hard, self.before_after):
            page.retry.clicked.connect(self._load_figures)
        self.tabs.currentChanged.connect(lambda _i: self._filters_for_tab())
        self.tabs.currentChanged.connect(lambda _i: self._keep_focus_on_pages())

        self.leave_action.triggered.connect(self.win.go_home)
        self.password_action.triggered.connect(self.change_password)
        self.hubs_action.triggered.connect(self.open_hubs)
        self.sync_action.triggered.connect(self.sync)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.csv_action.triggered.connect(lambda: self._export(coordinator_files.export_csv))
        self.pdf_action.triggered.connect(lambda: self._export(coordinator_files.export_group_pdf))
        self.bundle_out.triggered.connect(self.export_bundle)
        self.bundle_in.triggered.connect(self.import_bundle)
        self.retranslate_ui()
        self._show_filters(False)
        self._filling = False

    def shown_person_name(self) -> str | None:
        """The status bar names no one here: the dashboard is about many trainees."""
        return None

    def _filters_for_tab(self) -> None:
        """The hub, group, role and date filters (and the count they give) act on the first four tabs
        only: the Programme tab has filters of its own, so there they are hidden rather than shown doing
        nothing. Hidden, their Alt keys do nothing either, and the Programme's own take over."""
        acting = self.tabs.currentWidget() is not self.programme
        self.filters.setVisible(acting and self.filters_toggle.isChecked())
        self.count.setVisible(acting)
        self.filters_toggle.setVisible(acting)

    def _keep_focus_on_pages(self) -> None:
        """The keyboard stays on the pages when they turn. Qt moves it off a page as it hides, and on to
        the next page only where that page has a control to take it: from «Картина групи» (a picture) it
        fell to the toolbar's «Головна», unmarked, and the next Ctrl+Tab turned nothing. Then the page
        tabs take it, where the arrows and Ctrl+Tab turn the pages; a control the new page gave it to, or
        a filter being typed in, keeps it. Either way it is marked when the keys turned the page: Qt handed
        it to the Programme page's region list as the page turned (Alt+A) and the window forgot the
        keyboard was in use, so the list showed no mark."""
        if not self.isVisible():
            return
        focused = QApplication.focusWidget()
        page = self.tabs.currentWidget()
        kept = (focused is not None and focused.isVisible() and focused is not page
                and (page.isAncestorOf(focused) or focused is self.tabs.tabBar()
                     or (self.isAncestorOf(focused) and not self.tabs.isAncestorOf(focused))))
        app_filter.give_focus(focused if kept and focused is not None else self.tabs.tabBar())

    def _show_filters(self, shown: bool) -> None:
        self.filters_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self._filters_for_tab()
        self._say_count()

    def _filters_on(self) -> bool:
        chosen = self.current_filter()
        return any(v is not None for v in (chosen.region_id, chosen.hub_id, chosen.group, chosen.profile_id,
                                           chosen.date_from, chosen.date_to, chosen.name))

    def _say_count(self) -> None:
        board = self.dashboard
        if board is None:
            self.count.setText("")
            return
        if self._roles():
            counted = (translate("Dashboard", "Trainees shown: %1; needing help: %2")
                       .replace("%1", format_count(board.total, self.win.lang))
                       .replace("%2", format_count(board.needing_help, self.win.lang)))
        else:  # no targets, so no one can be counted as needing help: «needing help: 0» said nothing
            counted = translate("Dashboard", "Trainees shown: %1").replace(
                "%1", format_count(board.total, self.win.lang))
        if not self.filters_toggle.isChecked() and self._filters_on():
            counted += " " + translate("Dashboard", "(filters are on)")
        # e.g. a read-only account: the summaries were worked out for this view only
        note = board.note
        self.count.setText(counted if note is None else f"{counted}\n{note.render(self.win.lang)}")

    def _roles(self) -> bool:
        return bool(self.win.ws.framework.profiles)

    def _say_roles(self) -> None:
        """What the filters, the key and the count say, with or without roles in the framework. Without
        them there is no target level: the Role filter offered only «All roles», the «Needs help» and
        «Role» columns stood empty, and the key spoke of targets the table never showed."""
        roles = self._roles()
        for widget in (self.filter_labels[3], self.profile):
            widget.setVisible(roles)
        if roles:
            self.filters_toggle.setAccessibleName(
                translate("Dashboard", "Show only: region, hub, group, role, dates, name"))
            self.filters_toggle.setToolTip(
                translate("Dashboard", "Show or fold the filters: region, hub, group, role, dates, name"))
            self.marks.setText(translate(
                "Dashboard", "✓ target reached; ▼1 A2 → B1: level A2, one below the target B1; ⚠ needs "
                             "help: an area two or more levels below, or at least half the areas below the "
                             "target."))
            self.table.setAccessibleDescription(translate(
                "Dashboard", "Per area: ✓ the target is reached; ▼ and a number: that many levels below the "
                "target, with the level and the target; ⚠ needs help."))
        else:
            self.filters_toggle.setAccessibleName(
                translate("Dashboard", "Show only: region, hub, group, dates, name"))
            self.filters_toggle.setToolTip(
                translate("Dashboard", "Show or fold the filters: region, hub, group, dates, name"))
            self.marks.setText(translate(
                "Dashboard", "This framework has no roles, so it sets no target levels: each area shows the "
                             "level measured, and no one is marked as needing help."))
            self.table.setAccessibleDescription(self.marks.text())
        self.count.setToolTip(self.marks.text())

    def _filters_chosen_by_hand(self) -> None:
        self._filters_chosen = True  # from now on the coordinator's choice, not the screen's size

    def _fold_filters_for_the_screen(self) -> None:
        """On a short screen (fewer than ROOMY_LINES lines of text: a 1024×600 netbook, or 150–200 % text)
        the filters start folded and the heading and the key to the marks give way (the toolbar's
        Coordinator and the Trainees tab say where one is, and the screen's accessible name says it to a
        screen reader), so the table keeps rows to look at and its commands stay in view. The
        coordinator's own opening or folding of the filters stands."""
        screen = screen_of(self)
        lines = screen.availableGeometry().height() / max(self.fontMetrics().height(), 1) if screen else 0
        roomy = lines >= ROOMY_LINES
        self.heading.setVisible(roomy)
        # The key to the marks too: its three lines at 200 % pushed the commands under the table out of
        # a netbook's window. There the count's tooltip and the table's description still say it.
        self.marks.setVisible(roomy)
        if not self._filters_chosen:
            self.filters_toggle.setChecked(roomy)
            self._show_filters(roomy)

    # -- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        for edit in (self.date_from, self.date_to):
            show_dates(edit, self.win.lang)
        self.heading.setText(translate("Dashboard", "Coordinator: trainees and their results"))
        self.setAccessibleName(self.heading.text())
        self.manage.setText(translate("Dashboard", "&Manage"))
        self.manage.setToolTip(translate("Dashboard", "Hubs, sync with the region, the password, leaving "
                                                      "coordinator mode"))
        self.manage.setAccessibleName(translate("Dashboard", "Manage coordinator mode"))
        self.leave_action.setText(translate("Dashboard", "&Leave coordinator mode"))
        self.password_action.setText(translate("Dashboard", "Change pass&word…"))
        self.hubs_action.setText(translate("Dashboard", "Hub&s…"))
        self.sync_action.setText(translate("Dashboard", "S&ync with the region…"))
        self.filters.setTitle("")  # the button above says it: one line less for the table
        self.filters_toggle.setText(translate("Dashboard", "Show o&nly…"))
        self._say_roles()
        for label, text in zip(self.filter_labels, (translate("Dashboard", "R&egion:"),
                                                    translate("Dashboard", "H&ub:"),
                                                    translate("Dashboard", "&Group:"),
                                                    translate("Dashboard", "&Role:")), strict=True):
            label.setText(text)
        self.region.setAccessibleName(translate("Dashboard", "Filter by region"))
        self.hub.setAccessibleName(translate("Dashboard", "Filter by hub"))
        self.group.setAccessibleName(translate("Dashboard", "Filter by group"))
        self.profile.setAccessibleName(translate("Dashboard", "Filter by role"))
        self.use_from.setText(translate("Dashboard", "Checked &from:"))
        self.use_to.setText(translate("Dashboard", "Checked unt&il:"))
        self.use_from.setAccessibleName(translate("Dashboard", "Only checks from a date"))
        self.use_to.setAccessibleName(translate("Dashboard", "Only checks until a date"))
        self.date_from.setAccessibleName(translate("Dashboard", "First day of checks shown"))
        self.date_to.setAccessibleName(translate("Dashboard", "Last day of checks shown"))
        self.name_label.setText(translate("Dashboard", "Name contain&s:"))
        self.name.setAccessibleName(translate("Dashboard", "Find trainees by part of the name"))
        self.name.setPlaceholderText(translate("Dashboard", "Part of the name"))
        self.tabs.setTabText(0, translate("Dashboard", "&Trainees"))
        self.tabs.setTabText(1, translate("Dashboard", "Group &picture"))
        self.tabs.setTabText(2, translate("Dashboard", "Hard &questions"))
        self.tabs.setTabText(3, translate("Dashboard", "&Before/after"))
        self.tabs.setTabText(4, translate("Dashboard", "Progr&amme"))
        for index in range(self.tabs.count()):
            self.tabs.setTabToolTip(index, self.tabs.tabText(index).replace("&", ""))
        self.tabs.setAccessibleName(translate("Dashboard", "Dashboard pages"))
        self.table.setAccessibleName(translate("Dashboard", "Trainees"))
        self.open_button.setText(translate("Dashboard", "&Open the trainee"))
        self.delete_button.setText(translate("Dashboard", "&Delete the trainee…"))
        self.files_button.setText(translate("Dashboard", "Fi&les"))
        self.files_button.setToolTip(translate("Dashboard", "The table as CSV, the group report as PDF, "
                                                            "result bundles"))
        self.csv_action.setText(translate("Dashboard", "Table as &CSV…"))
        self.pdf_action.setText(translate("Dashboard", "Group r&eport as PDF…"))
        self.bundle_out.setText(translate("Dashboard", "&Save a result bundle…"))
        self.bundle_in.setText(translate("Dashboard", "&Load a result bundle…"))
        self.heatmap.retranslate_ui()
        for button in (self.open_button, self.delete_button, self.files_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.hard.retranslate_ui()
        self.before_after.retranslate_ui()
        if self.win.coordinator is not None and self.dashboard is not None:
            self._relabel()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            # A new text size: columns measured in the old one would cut their heads and names, widths
            # a person dragged in it too.
            self.table.chosen.clear()
            QTimer.singleShot(0, self, self.fit_columns)
            QTimer.singleShot(0, self, self._fold_filters_for_the_screen)  # the room in lines changed
        super().changeEvent(event)

    def refresh(self, change: Any = None) -> None:
        # The coordinator's own writes reload this screen directly; a new contrast or text size draws
        # the charts again in the new look (light on black in high contrast, as the trainee's).
        if change is None or change.kind != "setting" or self.win.coordinator is None:
            return
        # The Programme tab's figures when next seen: coming back from a trainee's page reads the table
        # and the group picture again, but not these, which stayed dark on white in high contrast.
        self.programme.redraw()
        if not self.isVisible():
            return
        self._heatmap_drawn = False
        self._draw_heatmap()

    def forget(self) -> None:
        """Leaving coordinator mode: nothing about trainees stays on screen."""
        self._stale_figures()  # figures still on their way are dropped when they arrive
        self._filters = self._figures_for = self._counted = self._figures_shown = self._options = None
        self._name_pause.stop()
        self.name.blockSignals(True)  # a name typed to find someone is about a trainee too
        self.name.clear()
        self.name.blockSignals(False)
        self.dashboard = None
        self.model.set_rows([], area_ids=(), area_names={}, profile_names={}, lang=self.win.lang)
        self.hard.show_stats([], self.win.ws.framework, self.win.lang)
        self.before_after.show(None, self.win.ws.framework, self.win.lang)
        self.heatmap.clear()
        self.programme.forget()

    # -- data ----------------------------------------------------------------------------------
    def current_filter(self) -> Any:
        from digigram.core.coordination import DashboardFilter

        def day(check: QCheckBox, edit: QDateEdit) -> date | None:
            return edit.date().toPython() if check.isChecked() else None  # type: ignore[return-value]

        return DashboardFilter(region_id=self.region.currentData(), hub_id=self.hub.currentData(),
                               group=self.group.currentData(),
                               profile_id=self.profile.currentData(),
                               date_from=day(self.use_from, self.date_from),
                               date_to=day(self.use_to, self.date_to),
                               name=self.name.text().strip() or None)

    def reload(self) -> None:
        co = self.win.coordinator
        if co is None:
            return
        options = self.win.run(co.filter_options)
        if options is None:
            return
        self._say_roles()  # the window may be over another data folder, with another framework
        self._options = options
        self._fill_filters()
        self.apply_filters()

    def _fill_filters(self) -> None:
        """The filters' entries from the options last read, named in the current language; the entries
        chosen stay chosen, and no reading follows."""
        options = self._options
        fw, lang = self.win.ws.framework, self.win.lang
        profiles = {p.id: p.name.get(lang) for p in fw.profiles}
        filling, self._filling = self._filling, True
        self._hubs = list(options.hubs)
        regions = sorted({h.region_id for h in options.hubs if h.region_id is not None},
                         key=lambda r: sort_key(region_name(r, lang)))
        self._fill(self.region, translate("Dashboard", "All regions"),
                   [(region_name(r, lang), r) for r in regions])
        self._list_hubs()
        self._fill(self.group, translate("Dashboard", "All groups"), [(g, g) for g in options.groups])
        self._fill(self.profile, translate("Dashboard", "All roles"),
                   [(profiles.get(p, p), p) for p in options.profiles])
        self._filling = filling

    def _relabel(self) -> None:
        """Another language: the same trainees, pages and figures in its words, with nothing read again.
        Read again, a region's first page and counts froze the window for 0.6–0.8 s at each switch, and
        the table went back to its first page, the trainee chosen in it unchosen."""
        if self._options is not None:
            self._fill_filters()
        fw, lang = self.win.ws.framework, self.win.lang
        self.model.relabel(area_names={a.id: a.name.get(lang) for a in fw.areas},
                           profile_names={p.id: p.name.get(lang) for p in fw.profiles}, lang=lang)
        if self.model.order[0] == "role":
            # Roles are in the order of their names, which another language changes: the rows read so far
            # would stand in the old order, and further pages, read in the new one, repeat or skip people.
            self.apply_filters()
        else:
            self.fit_columns()
            self._say_count()
            self._heatmap_drawn = False
            self._draw_heatmap()
        if self._figures_shown is not None and self.figures_ready():
            stats, compared = self._figures_shown
            self.hard.show_stats(stats, fw, lang)
            self.before_after.show(compared, fw, lang)
        for page in (self.hard, self.before_after):  # "working out…" or "could not be read", reworded
            if self._figures_reading:
                page.waiting()
            elif not page.retry.isHidden():
                page.not_read()

    _options: Any = None  # the filters' entries as last read (hubs, groups, roles)
    _figures_shown: tuple[Any, Any] | None = None  # the hard questions and before/after figures shown

    def _list_hubs(self) -> None:
        """The hub list under the region chosen: its hubs by name, or every hub with its region."""
        region, lang = self.region.currentData(), self.win.lang
        self.hub.set_hubs(translate("Dashboard", "All hubs"), [
            (h.name if region is not None else h.label(lang), h) for h in self._hubs
            if region is None or h.region_id == region])

    def _region_changed(self, *_: object) -> None:
        # The whole name on hovering: at 200 % text on a netbook the box cuts the longest ones.
        self.region.setToolTip(self.region.currentText() if self.region.currentData() is not None else "")
        filling, self._filling = self._filling, True
        self._list_hubs()  # a hub of another region is no longer chosen
        self._filling = filling
        self._filter_changed()

    def _fill(self, combo: QComboBox, everything: str, entries: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.clear()
        combo.addItem(everything, None)
        for text, value in entries:
            combo.addItem(text or translate("Dashboard", "(none)"), value)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)

    def _filter_changed(self, *_: object) -> None:
        if not self._filling and self.win.coordinator is not None:
            self.apply_filters()

    def change_password(self) -> None:
        if self.win.coordinator is not None:
            coordinator_login.change_password(self, self.win.coordinator)

    def _load_page(self, column: str, descending: bool, offset: int) -> Any:
        """One page of the trainee table from the database (the model asks when scrolled or sorted)."""

        co, filters = self.win.coordinator, self._filters
        if co is None or filters is None:
            return None
        order = self._order(column, descending)
        # A further page, or the same trainees in another order, keeps the counts the filter's first page
        # gave: counted again, each 200 rows of a region took a third of a second more.
        counted = self._counted[1] if self._counted is not None and self._counted[0] == filters else None
        return self.win.run(lambda: co.dashboard(filters, order=order, offset=offset, limit=PAGE,
                                                 figures=False, counted=counted), slow=True)

    def _order(self, column: str, descending: bool) -> Any:
        """The trainee order of that column and direction, as the table sorts by it."""
        from digigram.core.coordination import TraineeOrder

        roles: tuple[str, ...] = ()
        if column == "role":  # in the order of the roles' names as shown, not of their ids
            lang = self.win.lang
            names = {p.id: p.name.get(lang) for p in self.win.ws.framework.profiles}
            roles = tuple(sorted(names, key=lambda role: sort_key(names[role])))
        return TraineeOrder(column, descending, roles)

    def apply_filters(self) -> None:
        """The first screen only: the table's first page and the counts. The hard questions and the
        before/after figures are read when their page is first shown (_load_figures)."""
        co = self.win.coordinator
        if co is None:
            return
        shown, self._filters = self._filters, self.current_filter()
        self._counted = None  # counted anew: the filter, or the trainees behind it, may have changed
        board = self._load_page(*self.model.order, 0)
        if board is None:
            # Not read (the problem was shown): the filters go back to the trainees the table still
            # shows. A region chosen above a table of everyone's rows read as that region's figures.
            self._put_back(shown)
            return
        self.dashboard = board
        if board.note is None:  # every check summarised: the counts hold for the filter's other pages
            self._counted = (self._filters, (board.total, board.needing_help))
        self._figures_for = None
        self._stale_figures()  # the data or the filter changed: figures on their way are for the old ones
        fw, lang = self.win.ws.framework, self.win.lang
        names = {a.id: a.name.get(lang) for a in fw.areas}
        kept = self.selected()
        # The new rows reset the model, which asks for the group picture again (_order_changed): once.
        self.model.set_rows(board.rows, area_ids=board.area_ids, area_names=names,
                            profile_names={p.id: p.name.get(lang) for p in fw.profiles}, lang=lang,
                            total=board.total, roles=bool(fw.profiles))
        self.fit_columns()
        self._choose_again(None if kept is None else kept.person_id)
        self._say_count()
        self._load_figures()
        has_rows = bool(board.rows)
        for button in (self.open_button, self.delete_button):
            button.setEnabled(has_rows)

    def _choose_again(self, person_id: str | None) -> None:
        """The trainee chosen before the table was read again stays chosen where the new rows hold them:
        back from a trainee's page (the table is read again, a change there may show), the table went
        to its top, and going down the list one trainee after another started over each time."""
        row = self.model.row_of(person_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)  # whole rows: the row is selected too
        self.table.scrollTo(index)

    def _put_back(self, shown: Any) -> None:
        """The filter fields as `shown` (a DashboardFilter, None before any was read) has them, quietly."""
        self._filters = shown
        if shown is None:
            return
        filling, self._filling = self._filling, True
        try:
            self.region.setCurrentIndex(max(0, self.region.findData(shown.region_id)))
            self._list_hubs()
            for combo, value in ((self.hub, shown.hub_id), (self.group, shown.group),
                                 (self.profile, shown.profile_id)):
                combo.setCurrentIndex(max(0, combo.findData(value)))
            for check, edit, day in ((self.use_from, self.date_from, shown.date_from),
                                     (self.use_to, self.date_to, shown.date_to)):
                if day is not None:
                    edit.setDate(QDate(day.year, day.month, day.day))
                check.setChecked(day is not None)
            self._name_pause.stop()
            blocked = self.name.blockSignals(True)
            self.name.setText(shown.name or "")
            self.name.blockSignals(blocked)
        finally:
            self._filling = filling

    _filters: Any = None
    _counted: tuple[Any, tuple[int, int]] | None = None  # (filter, its trainees and those needing help)
    _figures_for: Any = None  # the filter the hard questions and before/after pages show

    def _stale_figures(self) -> None:
        self._figures_asked += 1
        self._figures_asked_for = None

    def _load_figures(self) -> None:
        # Read when one of their pages is shown, once per filter: they fold every selected check.
        co = self.win.coordinator
        if (co is None or self._filters is None or self._figures_for == self._filters
                or self._figures_asked_for == self._filters or not self.isVisible()
                or self.tabs.currentWidget() not in (self.hard, self.before_after)):
            return  # (not visible: the window is closing, and its tabs turn as they go)
        for page in (self.hard, self.before_after):
            page.waiting()
        if self._figures_reading:
            return  # read when the running reading ends (_figures_arrived)
        filters = self._filters
        self._figures_reading = True
        self._figures_asked += 1
        self._figures_asked_for = filters

        def failed() -> StorageError:
            return StorageError(N_(
                "The hard questions and the before/after figures could not be read from the database. "
                "Nothing was changed. Try again; if it happens again, check the connection to the "
                "database."))

        read_in_background(self._figures_relay, self._figures_asked, lambda: co.dashboard_figures(filters),
                           name="dashboard-figures", failed=failed)

    def _figures_arrived(self, asked: int, found: object) -> None:
        self._figures_reading = False
        if asked != self._figures_asked:
            self._load_figures()  # the filter or the data changed meanwhile: the newest is read now
            return
        filters, self._figures_asked_for = self._figures_asked_for, None
        fw, lang = self.win.ws.framework, self.win.lang
        if isinstance(found, BaseException):
            for page in (self.hard, self.before_after):
                page.not_read()
            raise_mistake(found)  # a mistake in the code: the crash handler says it and keeps its trace
            if self.isVisible():  # gone to a trainee's page meanwhile: the page says it on coming back
                from digigram.ui.errors import show_problem

                show_problem(self, cast(DigigramError, found))
            return
        stats, compared = cast(tuple[Any, Any], found)
        self._figures_for, self._figures_shown = filters, (stats, compared)
        self.hard.show_stats(stats, fw, lang)
        self.before_after.show(compared, fw, lang)

    def figures_ready(self) -> bool:
        """Whether the hard questions and before/after pages show the current filter's figures."""
        return self._figures_for is not None and self._figures_for == self._filters

    def fit_columns(self) -> None:
        # However short the screen, the table keeps room for its heads and TABLE_ROWS rows; the buttons
        # under it are then reached by scrolling the screen (Tab takes the view along).
        # The columns first: heads wrapped in narrower columns are taller than their size hint.
        self.table.fit_columns(MAX_COLUMN_LINES * self.table.fontMetrics().height())
        frame = 2 * self.table.frameWidth()
        header = self.table.horizontalHeader()
        heads = max(header.sizeHint().height(), header.minimumHeight())
        rows = TABLE_ROWS * self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(heads + frame + rows)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._manage_on_toolbar.setVisible(True)
        self._fold_filters_for_the_screen()
        # Sizes measured before the first paint use an unpolished font: measure again once shown.
        QTimer.singleShot(0, self, self.fit_columns)
        # Opened again on the hard questions or before/after page (the page is kept): their figures are
        # read now, since none is read for a screen not yet shown.
        QTimer.singleShot(0, self, self._load_figures)

    def hideEvent(self, event: QHideEvent) -> None:
        # The toolbar's Manage menu belongs to this screen: it goes with it (to Home, to one trainee).
        self._manage_on_toolbar.setVisible(False)
        super().hideEvent(event)

    def _draw_heatmap(self) -> None:
        # Drawn when its page is shown: matplotlib is not imported for a coordinator who never looks.
        if self.dashboard is None or self.tabs.currentWidget() is not self.heatmap or self._heatmap_drawn:
            return
        self._heatmap_drawn = True
        board = self.dashboard
        # The picture follows the table: the rows read so far, in the order the coordinator chose.
        ordered = replace(board, rows=tuple(self.model.rows), total=self.model.total)
        self.heatmap.draw(ordered, self.win.ws.framework, lang=self.win.lang,
                          text_scale=self.win.settings.text_scale, dark=self.win.settings.high_contrast)

    _heatmap_drawn = False

    def _order_changed(self) -> None:
        self._heatmap_drawn = False
        self._draw_heatmap()

    # -- actions -------------------------------------------------------------------------------
    def sort_menu(self) -> QMenu | None:
        """The table's context menu: sort by the current cell's column, or that way round once sorted by
        it. None where the table has no column to sort by."""
        index = self.table.currentIndex()
        column = index.column() if index.isValid() else -1
        if not 0 <= column < self.model.columnCount():
            return None
        head = str(self.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
        header = self.table.horizontalHeader()
        sorted_by_it = header.sortIndicatorSection() == column
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        order = (Qt.SortOrder.DescendingOrder if sorted_by_it and ascending
                 else Qt.SortOrder.AscendingOrder)
        text = (translate("Dashboard", "&Sort by “%1” the other way round") if sorted_by_it
                else translate("Dashboard", "&Sort by “%1”"))
        menu = QMenu(self.table)
        menu.addAction(text.replace("%1", head)).triggered.connect(lambda: self._sort_by(column, order))
        return menu

    def _sort_by(self, column: int, order: Qt.SortOrder) -> None:
        """Sorted as by a click on the column's head; the keyboard stays in that column, on the trainee
        it was on: the table is read again, and the keyboard's place was lost with the old rows."""
        kept = self.selected()
        self.table.sortByColumn(column, order)
        row = self.model.row_of(None if kept is None else kept.person_id) or 0
        if self.model.rows:
            self.table.setCurrentIndex(self.model.index(row, column))
            self.table.scrollTo(self.model.index(row, column))

    def _table_menu(self, at: Any) -> None:
        menu = self.sort_menu()
        if menu is None:
            return
        cell = self.table.visualRect(self.table.currentIndex())
        # Beside the cell the keyboard is on (a right click makes it the clicked one).
        where = cell.center() if self.table.viewport().rect().contains(cell.center()) else at
        # Its command ready for Enter: Qt opened it with nothing chosen, and Enter did nothing.
        menu.setActiveAction(menu.actions()[0])
        menu.exec(self.table.viewport().mapToGlobal(where), menu.actions()[0])
        menu.deleteLater()

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.person_at(index.row()) if index.isValid() else None

    def open_selected(self, *_: object) -> None:
        row = self.selected()
        if row is not None:
            self.win.show_trainee(row.person_id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or self.win.coordinator is None:
            return
        change = coordinator_files.delete_person(self, self.win.coordinator, person_id=row.person_id,
                                                 name=row.name, server=self.win.ws.database_path is None)
        if change is not None:
            self.win.unlocked.discard(row.person_id)
            if self.win.person_id == row.person_id:
                self.win.select_person(None)
            self.win.notify(change)
            self.reload()

    def _export(self, export: Any) -> None:
        if self.win.coordinator is not None:
            # In the table's order: sorted by an area, the CSV had come out by name all the same.
            export(self, self.win.coordinator, self.current_filter(), lang=self.win.lang,
                   order=self._order(*self.model.order))

    def export_bundle(self) -> None:
        from digigram.ui.coordinator.bundles import export_bundle

        if self.win.coordinator is not None:
            hub_id = self.hub.currentData()
            export_bundle(self, self.win.coordinator, hub_id=hub_id,
                          hub=None if hub_id is None else self.hub.chosen_text())

    def open_hubs(self) -> None:
        """The hub list: add a hub trainees can then choose, or give a hub its region (or correct it)."""
        from digigram.ui.coordinator.hubs import HubsDialog

        co = self.win.coordinator
        if co is None:
            return
        changed = self.win.run(lambda: HubsDialog.open_for(self, ws=self.win.ws, co=co, lang=self.win.lang))
        if changed:
            self.reload()  # the hub filter names each hub with its region
            if self.programme.region.count():
                self.programme.fill_filters()  # and the Programme tab lists hubs under their region

    def sync(self) -> None:
        from digigram.ui.coordinator.sync import SyncDialog

        if self.win.coordinator is not None:
            SyncDialog.open_for(self, ws=self.win.ws, co=self.win.coordinator, lang=self.win.lang)

    def import_bundle(self) -> None:
        from digigram.ui.coordinator.bundles import import_bundle

        co = self.win.coordinator
        if co is not None and import_bundle(self, co, lang=self.win.lang) is not None:
            self.win.notify(_people_changed())
            self.reload()


def _people_changed() -> Any:
    from digigram.core.records import Change

    return Change("person")
