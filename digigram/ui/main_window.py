"""The main window: a stack of screens over one Workspace, one `changed` signal, a status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QMoveEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QToolBar,
    QToolTip,
    QWidget,
)

from digigram.core.errors import DigigramError, NoSuchPerson
from digigram.core.records import Change
from digigram.ui import app_filter, appearance
from digigram.ui.errors import show_problem, show_text
from digigram.ui.message_box import MessageBox
from digigram.ui.opening import OpeningView
from digigram.ui.settings_dialog import Settings, SettingsDialog
from digigram.ui.widgets import ElidedLabel, NoticeBar, bring_into_view, busy, screen_of

if TYPE_CHECKING:
    from digigram.services.api import CoordinatorAPI, WorkspaceAPI

translate = QCoreApplication.translate
T = TypeVar("T")

KEY_LANGUAGE, KEY_SCALE, KEY_CONTRAST = "ui.language", "ui.text_scale", "ui.high_contrast"
# After this long without a key press or a click the window returns to Home with nobody selected:
# a person who walks away from a library PC leaves no PIN-protected data open behind them.
IDLE_MS = 5 * 60 * 1000
# Coordinator mode shows everyone's results: after this long without input it locks and returns Home,
# so a coordinator called away does not leave them open on a shared PC. Longer than IDLE_MS, since a
# coordinator may read a table or a chart for minutes without touching anything.
COORDINATOR_IDLE_MS = 15 * 60 * 1000
def load_settings(ws: WorkspaceAPI, *, language: str | None = None) -> Settings:
    """The stored appearance settings; `language` (from the command line) wins over the stored one."""
    stored_lang = ws.setting(KEY_LANGUAGE, None)
    lang = language or (stored_lang if stored_lang in appearance.LANGUAGES else "uk")
    try:
        scale = int(ws.setting(KEY_SCALE, 100))
    except (TypeError, ValueError):
        scale = 100
    scale = max(appearance.SCALE_MIN, min(appearance.SCALE_MAX, scale))
    contrast = ws.setting(KEY_CONTRAST, False) in (True, "1", "true", 1)
    return Settings(language=lang, text_scale=scale, high_contrast=contrast)


def continue_or_restart_box(parent: QWidget | None) -> tuple[MessageBox, QAbstractButton, QAbstractButton]:
    """The question asked when a check is paused, with its «continue» and «start a new one» buttons."""
    box = MessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("MainWindow", "A check is paused"))
    box.setText(translate("MainWindow", "There is a paused check. Continue it, or start a new one? "
                                        "The paused check then stays unfinished in the history."))
    go_on = box.addButton(translate("MainWindow", "&Continue the paused check"),
                          QMessageBox.ButtonRole.AcceptRole)
    again = box.addButton(translate("MainWindow", "&Start a new check"),
                          QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(go_on)
    box.setAccessibleName(translate("MainWindow", "A check is paused"))
    return box, go_on, again


def ask_continue_or_restart(parent: QWidget) -> str | None:
    """A check is paused: "continue" it, "restart" (the paused one is given up), or None to do neither.

    Tests replace this.
    """
    box, go_on, again = continue_or_restart_box(parent)
    box.exec()
    clicked = box.clickedButton()
    return "continue" if clicked is go_on else "restart" if clicked is again else None


class ScreenStack(QStackedWidget):
    """The window's screens, sized in the window's scroll area by the screen on show alone.

    QStackedWidget answers a height for a width with the largest of all its screens' preferred heights,
    and the scroll area makes the screens that tall: at 1024×600 the dashboard was pushed far below the
    window and left one table row in view. Here only the screen on show counts, and a screen that
    scrolls inside itself (`fills_window`: its tables and tab pages do) takes the window's height,
    growing past it only when its minimum does not fit.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _i: self.updateGeometry())  # the scroll area asks again

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return super().sizeHint() if page is None else page.sizeHint()

    def minimumSizeHint(self) -> QSize:
        # Not the largest minimum of all screens: the dashboard at 200 % made every screen as tall.
        page = self.currentWidget()
        return super().minimumSizeHint() if page is None else page.minimumSizeHint()

    def heightForWidth(self, width: int) -> int:
        page = self.currentWidget()
        layout = page.layout() if page is not None else None
        if layout is None or not layout.hasHeightForWidth():
            return -1
        if getattr(page, "fills_window", False):
            return layout.totalMinimumHeightForWidth(width)
        return layout.totalHeightForWidth(width)


class MainWindow(QMainWindow):
    changed = Signal(object)  # every Change record a write returned
    ready = Signal()  # the data is open and the home screen takes input
    preloaded = Signal()  # emitted by the Workspace's background loader; handled in the window's thread

    def __init__(self, ws: WorkspaceAPI | None = None, *, settings: Settings) -> None:
        """With `ws` None the window opens in its "Opening your data…" state; attach() completes it."""
        super().__init__()
        self.ws: WorkspaceAPI = ws  # type: ignore[assignment]  # None only while the data opens
        self.settings = settings
        self.person_id: str | None = None
        self.unlocked: set[str] = set()  # people whose PIN was given; forgotten on Home, on change, when idle
        # The window manager's frame (title bar) is only known once the window is on screen; until then
        # the window cannot be fitted with it, and the status bar ended below a 600-pixel screen.
        self._frame_unknown = True
        self._notices_shown = 0  # notices (no room for the start backup) already said in the status bar
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_MS)
        self.idle_timer.timeout.connect(self.forget_person)
        self.coordinator_idle = QTimer(self)
        self.coordinator_idle.setSingleShot(True)
        self.coordinator_idle.setInterval(COORDINATOR_IDLE_MS)
        self.coordinator_idle.timeout.connect(self.lock_idle_coordinator)
        self._views: dict[str, Any] = {}
        self.stack: QStackedWidget = ScreenStack(self)
        # The screens sit in a scroll area: whatever a screen needs beyond the window (large text on a
        # small screen) is reached by scrolling, and the window is never pushed wider than the screen.
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # No Tab stop of its own (it showed no focus mark, so a Tab press seemed lost): Tab goes to the
        # screen's fields, and the area scrolls each one into view as it takes the focus.
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setWidget(self.stack)
        self.setCentralWidget(self.scroller)
        self.coordinator_screens: dict[str, QWidget] = {}
        self.stack.currentChanged.connect(self._screen_changed)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.home_action = QAction(self)
        self.home_action.setShortcut(QKeySequence("Ctrl+H"))
        self.home_action.triggered.connect(self.go_home)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.edit_settings)
        self.coordinator: CoordinatorAPI | None = None  # set while coordinator mode is open
        self.coordinator_action = QAction(self)
        self.coordinator_action.setShortcut(QKeySequence("Ctrl+K"))
        self.coordinator_action.triggered.connect(self.open_coordinator)
        self.toolbar.addAction(self.home_action)
        self.toolbar.addAction(self.settings_action)
        self.toolbar.addAction(self.coordinator_action)
        # Tab stops (Qt gives a toolbar's buttons none): a keyboard-only person met neither Settings, where
        # the text size, contrast and language are, nor its Ctrl key, which only a mouse pointer's tooltip
        # said. Tab alone, so a click leaves the focus where it was; reached with Tab, a button shows its
        # tooltip with the key. Not an Alt letter each: no letter of the three words was free on every
        # screen (the coordinator's pages and the plan use them), and «Головна» is a button of its own on
        # three screens.
        self.bar_buttons: list[QWidget] = []
        for action in (self.home_action, self.settings_action, self.coordinator_action):
            button = self.toolbar.widgetForAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.installEventFilter(self)
            self.bar_buttons.append(button)
        app_filter.install()  # Alt+letter also with the Latin keyboard layout active
        self.notices = NoticeBar(self)
        self.setStatusBar(self.notices)  # notices wrap at large text instead of being cut off
        # One line that ends in "…" where the room ends: a 200-character name asked for more than the
        # screen's width and pushed the window past its edge. The whole name is in its tooltip.
        self.person_status = ElidedLabel(self)
        # Permanent, at the right: a notice on the left never covers it (in high contrast a normal
        # status-bar widget showed through the notice drawn over it).
        self.statusBar().addPermanentWidget(self.person_status)
        self.opening = OpeningView(self)
        self.stack.addWidget(self.opening)
        self.resize(980, 700)
        if ws is None:
            for action in (self.home_action, self.settings_action, self.coordinator_action):
                action.setEnabled(False)
            self.retranslate_ui()
        else:
            self.attach(ws, settings=settings)

    def attach(self, ws: WorkspaceAPI, *, settings: Settings) -> None:
        """Build the screens over the open Workspace and show the home screen."""
        # Imported here so that the window paints its opening state before these load.
        from digigram.ui.home import HomeView
        from digigram.ui.quiz_view import QuizView

        self.ws, self.settings = ws, settings
        self.home = HomeView(self)
        self.quiz = QuizView(self)
        for view in (self.home, self.quiz):
            self.stack.addWidget(view)
        self.changed.connect(self.home.refresh)
        for action in (self.home_action, self.settings_action, self.coordinator_action):
            action.setEnabled(True)
        self.stack.setCurrentWidget(self.home)
        self.retranslate_ui()
        if self.isVisible():
            self.home.take_focus()
        events = app_filter.install()
        if events is not None:
            events.restart_on_input(self.idle_timer)
            events.restart_on_input(self.coordinator_idle)
        self.idle_timer.start()
        self._show_notices()
        self.ready.emit()

    def _show_notices(self) -> None:
        """Problems that did not stop the start (no room for the start backup), each said once."""
        notices = self.ws.notices
        for notice in notices[self._notices_shown:]:
            self.say(self._worded(notice))
        self._notices_shown = len(notices)

    def _worded(self, problem: DigigramError) -> Callable[[], str]:
        return lambda: problem.said_in_app(self.lang)

    def forget_person(self) -> None:
        """Back to Home with nobody selected and every PIN forgotten (a check in progress is paused)."""
        if not self.is_ready:
            return
        self.idle_timer.start()
        self._leave_plan(quiet=True)  # before the person is forgotten: it is their plan
        if self.stack.currentWidget() is self.quiz and self.quiz.session is not None:
            self.pause_check(self.quiz.session)
        elif self.coordinator is None:
            self.show_view(self.home)
        self.unlocked.clear()
        self.home.clear_search()  # the last person's typed name is theirs too
        self.home.people.clearSelection()
        self.select_person(None)
        self.home.refresh()

    def finish_start(self) -> None:
        """Complete the data's start (backup, framework snapshot) once the background loading is done."""
        if self.ws is not None:
            self.run(self.ws.finish_start)
            self._show_notices()  # the start backup ran in the background: say if it found no room

    @property
    def is_ready(self) -> bool:
        return self.ws is not None and hasattr(self, "home")

    # -- screens, created when first needed so that start-up stays light -----------------------
    def view(self, name: str) -> Any:
        if name not in self._views:
            if name == "results":
                from digigram.ui.results_view import ResultsView as cls
            elif name == "plan":
                from digigram.ui.plan_view import PlanView as cls  # type: ignore[assignment]
            else:
                from digigram.ui.history_view import HistoryView as cls  # type: ignore[assignment]
            widget = cls(self)
            self.stack.addWidget(widget)
            self.changed.connect(widget.refresh)
            self._views[name] = widget
        return self._views[name]

    def retranslate_ui(self) -> None:
        self.setWindowTitle(translate("MainWindow", "Digigram"))
        self.toolbar.setWindowTitle(translate("MainWindow", "Main toolbar"))
        self.scroller.setAccessibleName(translate("MainWindow", "Current screen"))
        self.home_action.setText(translate("MainWindow", "Home"))
        _tip_with_key(self.home_action, translate("MainWindow", "Back to the home screen"))
        self.settings_action.setText(translate("MainWindow", "Settings"))
        _tip_with_key(self.settings_action, translate("MainWindow", "Language, text size and contrast"))
        self.coordinator_action.setText(translate("MainWindow", "Coordinator"))
        _tip_with_key(self.coordinator_action, translate(
            "MainWindow", "Trainees, group picture, exports, bundles; needs the password"))
        for action in self.toolbar.actions():
            widget = self.toolbar.widgetForAction(action)
            if widget is not None:
                widget.setAccessibleName(action.text())
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # What a pointer resting on a toolbar button shows (what it opens and its Ctrl key), shown under it
        # when Tab reaches it: as the key comes up, since a tooltip hides at any key, and the focus moves
        # while the key is still down.
        if (watched in self.bar_buttons and isinstance(watched, QWidget) and watched.hasFocus()
                and event.type() == QEvent.Type.KeyRelease and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.isAutoRepeat()):
            under = watched.mapToGlobal(QPoint(0, watched.height()))
            QToolTip.showText(under, watched.toolTip(), watched)  # it goes at the next key or click
        return super().eventFilter(watched, event)

    # -- state ---------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.settings.language

    @property
    def person(self) -> Any:
        if self.person_id is None:
            return None
        try:  # one row, not the whole list: a coordinator's PC may hold a region's 25,000 people
            return self.ws.person(self.person_id)
        except NoSuchPerson:  # erased meanwhile (by the coordinator, or from another window)
            return None

    def select_person(self, person_id: str | None) -> None:
        if person_id != self.person_id:
            # Choosing someone else closes the previous person: their PIN must be given again. A notice
            # about them goes too: «Check paused… choose “Continue”» stayed under the next person chosen,
            # who had no check to continue. (One said while nobody was chosen, about the data, stays.)
            self.unlocked.clear()
            if self.is_ready and self.person_id is not None:
                self.statusBar().clearMessage()
        self.person_id = person_id
        self._update_status()

    def _update_status(self) -> None:
        # The person stays shown at the status bar's right; notices (showMessage) appear at its left
        # and are cleared whenever the screen changes, so none outlives the screen it was about.
        if not self.is_ready:
            self.person_status.setText("")
            return
        # A screen about someone other than the person chosen on Home (the coordinator's screens) says
        # whom it shows, or None for a screen about no one (the dashboard): the bar never names a person
        # who is not on screen.
        shown = getattr(self.stack.currentWidget(), "shown_person_name", None)
        if callable(shown):
            name = shown()
            self.person_status.setText(
                "" if name is None else translate("MainWindow", "Person: %1").replace("%1", name))
            return
        person = self.person
        text = (
            translate("MainWindow", "No person chosen")
            if person is None
            else translate("MainWindow", "Person: %1").replace("%1", person.name)
        )
        self.person_status.setText(text)

    def notify(self, change: Change | None) -> None:
        if change is not None:
            self.changed.emit(change)

    def run(self, action: Callable[[], T], *, slow: bool = False) -> T | None:
        """Do one user action; an expected problem becomes a message and None is returned.

        `slow`: a reading that can take seconds on a region's data (the dashboard's pages and figures)
        shows the wait cursor meanwhile, taken back before any message so that it is never left on.
        """
        try:
            if not slow:
                return action()
            with busy():
                return action()
        except DigigramError as exc:
            show_problem(self, exc)
            return None

    def _leave_plan(self, *, quiet: bool = False) -> bool | None:
        """The plan screen, if it is the one being left, saves the person's edits first: True if so,
        None if the saving was refused (said in a message), False when there was nothing to save.
        `quiet` when nobody may be at the PC to read a refusal (the idle reset, closing)."""
        if "plan" not in self._views:  # never opened: nothing to keep (and its module is not loaded)
            return False
        from digigram.ui.plan_view import PlanView

        plan = self.stack.currentWidget()
        if not isinstance(plan, PlanView):
            return False
        kept = plan.keep_edits(quiet=quiet)
        return False if kept is None and quiet else kept  # a refusal nobody was told of holds nothing

    def say(self, words: Callable[[], str], timeout: int = 0) -> None:
        """A notice at the window's foot, worded again if the language changes while it shows."""
        self.notices.say(words, timeout)

    def show_view(self, widget: Any) -> bool:
        """Show `widget`; False when the plan screen stays instead: the edits made on it could not be
        saved (a full disk; said in a message) and are kept on screen, to be saved once there is room.
        It went on, and the steps typed were gone with nothing left to try again with. Leaving again
        goes: the refusal is said once."""
        saved = widget is not self.stack.currentWidget() and self._leave_plan()
        if saved is None:
            return False
        self.stack.setCurrentWidget(widget)
        if saved:  # after the switch, which clears the screen's own notices
            self.say(lambda: translate("MainWindow", "Your changes to the plan are saved."), 10000)
        self.fit_screens()
        return True

    def go_home(self) -> None:
        if not self.is_ready:
            return
        if self.stack.currentWidget() is self.quiz and self.quiz.session is not None:
            self.pause_check(self.quiz.session)
            return
        person = self.person  # one lookup: a row, not the list
        protected = person is not None and person.has_pin
        self.unlocked.clear()  # Home closes the person's data: their PIN is asked again
        self.home.refresh()
        if not self.show_view(self.home):
            return
        self.home.take_focus()
        if protected:
            # «Selected: …» and «Person: …» went on naming her for whoever sits down next, as if she
            # were still signed in. The keyboard stays on her name: Space chooses her again.
            self.home.people.clearSelection()

    # -- the check -----------------------------------------------------------------------------
    def start_check(self, person_id: str, *, mode: str, area_id: str | None = None) -> None:
        from digigram.ui.rating_dialog import RatingDialog

        paused = self.ws.unfinished_attempt(person_id)
        if paused is not None:
            # Never a second unfinished check behind the person's back: they choose.
            choice = ask_continue_or_restart(self)
            if choice is None:
                return
            if choice == "continue":
                self.resume_check(person_id)
                return
            if self.run(lambda: self.ws.abandon_quiz(paused.id)) is None:
                return
        rating = RatingDialog.ask(self, after=False)
        # One area is asked by giving its id as the mode.
        mode = area_id if mode == "area" and area_id else mode
        session = self.run(lambda: self.ws.start_quiz(person_id, mode=mode, rating_before=rating))
        if session is None:
            return
        self.notify(Change("attempt", (session.attempt_id,), person_id))
        self._enter_quiz(session)

    def resume_check(self, person_id: str) -> None:
        attempt = self.ws.unfinished_attempt(person_id)
        if attempt is None:
            return
        session = self.run(lambda: self.ws.resume_quiz(attempt.id))
        if session is not None:
            self._enter_quiz(session)

    def _enter_quiz(self, session: Any) -> None:
        self.show_view(self.quiz)
        self.quiz.begin(session)
        self.say(lambda: translate("MainWindow", "Each answer is saved as soon as you go on."))

    def pause_check(self, session: Any) -> None:
        change = self.run(session.pause)
        self.quiz.session = None
        self.unlocked.clear()  # back on Home: the PIN is asked again before the results or the plan
        self.notify(change or Change("attempt", (session.attempt_id,), self.person_id))
        self.home.refresh()
        self.show_view(self.home)
        self.say(lambda: translate(
            "MainWindow", "Check paused. Your answers are saved; choose “Continue” to go on later."))
        # Marked when the pause came from the keyboard (Esc): Enter would continue the check.
        app_filter.give_focus(self.home.resume)
        # Where the actions stack below the list (a netbook at 200 % text), the button Enter would press
        # was below the window's foot; the window does not scroll to a focus given by code. The layouts
        # first: until they have run, the scroll area may still have the check's screen's height.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        bring_into_view(self.home.resume)

    def check_done(self, session: Any) -> None:
        from digigram.ui.rating_dialog import RatingDialog

        rating = RatingDialog.ask(self, after=True)
        change = self.run(lambda: session.finish(rating_after=rating))
        if change is None and not session.finished:
            # Not stored (a full disk, a folder made read-only): every answer is. Left on the last
            # question, nothing there worked («Save and next» greyed, «Pause and leave» and Esc ignored).
            # Paused instead: «Continue» on Home asks the closing self-rating again and stores the results.
            self.pause_check(session)
            return
        self.quiz.session = None
        if change is None:  # finished (or gone on) in another window or the terminal meanwhile
            self.go_home()
            return
        self.notify(change)
        self.show_results(session.attempt_id)

    # -- other screens -------------------------------------------------------------------------
    def show_results(self, attempt_id: str) -> None:
        view = self.view("results")
        view.show_attempt(attempt_id)
        # Each opening starts on the overview, with the keyboard on the page tabs: Ctrl+Tab and the arrow
        # keys turn the pages, Tab goes into one. Left to Qt, the focus passed from the button pressed on
        # Home to the last page's review text (the page shown last time, maybe by someone else), unmarked,
        # and Ctrl+Tab did nothing there.
        view.tabs.setCurrentIndex(0)
        self.show_view(view)
        app_filter.give_focus(view.tabs.tabBar())

    def show_latest_results(self, person_id: str) -> None:
        latest = self.ws.latest_finished(person_id)
        if latest is None:
            self.say(lambda: translate("MainWindow", "No finished check yet: start one first."))
            return
        self.show_results(latest.id)

    def show_plan(self, person_id: str) -> None:
        view = self.view("plan")
        view.show_person(person_id)
        self.show_view(view)
        # The keyboard starts in the steps: left to Qt it landed on the screen's scroll area, ringed
        # whole, where the arrow keys scrolled the screen instead of choosing a step.
        view.list.setFocus()

    def show_history(self, person_id: str) -> None:
        view = self.view("history")
        view.show_person(person_id)
        self.show_view(view)

    def open_coordinator(self) -> None:
        from digigram.ui.coordinator import mode

        if mode.enter(self):
            self.coordinator_idle.start()

    def lock_idle_coordinator(self) -> None:
        """Coordinator mode unused for COORDINATOR_IDLE_MS: back to Home, which locks it, and say why."""
        if self.coordinator is None:
            return
        if QApplication.activeModalWidget() is not None:
            # A bundle loading, a sync, a question waiting for an answer: never cut them off; look again.
            self.coordinator_idle.start()
            return
        self.show_view(self.home)  # leaving the coordinator's screens locks the mode
        self.say(lambda: translate(
            "MainWindow", "Coordinator mode was locked after %1 minutes without use.").replace(
            "%1", str(COORDINATOR_IDLE_MS // 60_000)))

    def show_trainee(self, person_id: str) -> None:
        from digigram.ui.coordinator import mode

        mode.show_trainee(self, person_id)

    def _screen_changed(self, _index: int) -> None:
        self.statusBar().clearMessage()  # "each answer is saved", "coordinator mode is open": that screen's
        self._update_status()
        if self.coordinator is not None:
            from digigram.ui.coordinator import mode

            mode.left_screens(self)

    # -- settings ------------------------------------------------------------------------------
    def edit_settings(self) -> None:
        if not self.is_ready:
            return
        chosen = SettingsDialog.ask(self, current=self.settings)
        if chosen is not None:
            self.apply_settings(chosen, store=True)

    def apply_settings(self, chosen: Settings, *, store: bool) -> None:
        old, self.settings = self.settings, chosen
        appearance.apply_looks(text_scale=chosen.text_scale, high_contrast=chosen.high_contrast)
        if chosen.language != old.language or not store:
            # Qt sends LanguageChange to every widget; each screen re-reads its texts.
            appearance.install_language(chosen.language)
        if store:
            # Kept after the language is changed, so a refusal (a full disk, a read-only role) is said in
            # the language just chosen, and once.
            self._keep_settings(chosen)
        self.notify(Change("setting", (KEY_LANGUAGE, KEY_SCALE, KEY_CONTRAST)))
        self.refit()

    def _keep_settings(self, chosen: Settings) -> None:
        """Store the chosen settings; a refusal is said once, not once a setting. A regional account that
        may only read (the analyst's) keeps the new looks until it closes the window, and is told so: "nothing
        was changed" would have been untrue of a window whose text had just grown."""
        try:
            for key, value in ((KEY_LANGUAGE, chosen.language), (KEY_SCALE, chosen.text_scale),
                               (KEY_CONTRAST, chosen.high_contrast)):
                self.ws.set_setting(key, value)
        except DigigramError as exc:
            if getattr(exc, "reason", None) != "role":
                show_problem(self, exc)
                return
            show_text(self, translate(
                "MainWindow", "These settings apply until Digigram is closed: the database does not let this "
                              "account keep them (a read-only role). Nothing was changed in the database."))

    def refit(self) -> None:
        """After the text size or contrast changed: larger text can raise a screen's minimum size; once
        the layouts have settled, the screens rearrange for the width there is and the window is brought
        back inside the screen."""
        self.fit_screens()
        QTimer.singleShot(0, self, self.keep_on_screen)
        QTimer.singleShot(0, self, self.fit_screens)

    # -- size ----------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.keep_on_screen()
        self.fit_screens()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_screens()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        # The window manager frames the window after it is shown and moves it inside the frame: once,
        # the window is fitted again with the frame's height counted.
        if self._frame_unknown and self.isVisible() and self.frameGeometry() != self.geometry():
            self._frame_unknown = False
            self.keep_on_screen()

    def fit_screens(self) -> None:
        """Tell each screen that can rearrange itself (fit_width) how wide it may be without scrolling."""
        # Less the width of a vertical scroll bar, which a tall screen shows beside its content.
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        available = self.scroller.maximumViewportSize().width() - bar
        for index in range(self.stack.count()):
            fit = getattr(self.stack.widget(index), "fit_width", None)
            if callable(fit):
                fit(available)

    def keep_on_screen(self) -> None:
        """Shrink the window, title bar and frame included, to the screen's free area if it is larger."""
        screen = screen_of(self)
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        room = screen.availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        width = min(self.width(), room.width() - extra_w)
        height = min(self.height(), room.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        # A window moved partly off the screen by growing comes back inside it.
        frame = self.frameGeometry()
        x = min(max(frame.x(), room.x()), room.right() - frame.width() + 1)
        y = min(max(frame.y(), room.y()), room.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_ready:
            self._leave_plan(quiet=True)
        if self.is_ready and self.quiz.session is not None:
            self.run(self.quiz.session.pause)
            self.quiz.session = None
        super().closeEvent(event)


def _tip_with_key(action: QAction, tip: str) -> None:
    """The action's tooltip with its shortcut as this system writes it, so hovering teaches the key."""
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({key})" if key else tip)
