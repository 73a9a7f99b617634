"""Coordinator mode on the window: open it after the password, show its screens, lock it on leaving."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from digigram.ui import app_filter
from digigram.ui.coordinator import login
from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.coordinator.trainee import TraineeView
from digigram.ui.widgets import WorkDialog

if TYPE_CHECKING:
    from digigram.services.api import CoordinatorAPI
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate
W = TypeVar("W", bound=QWidget)
OPEN_NOTICE_MS = 8000  # how long "Coordinator mode is open…" stays in the status bar


def enter(win: Shell) -> bool:
    """Open the dashboard after the password; the mode locks again when another screen is shown."""
    if not win.is_ready:
        return False
    if win.coordinator is None:
        co = login.unlock(win.stack.window(), win.ws)
        if co is None:
            return False
        win.coordinator = co
        # Once per unlocking; if it failed (said already) or the mode was locked meanwhile, no dashboard,
        # and the mode locked again: left unlocked with no coordinator screen shown, the next press of
        # «Coordinator» (someone else's, at a shared PC) opened the dashboard with no password.
        if not _summarise_first(win, co) or win.coordinator is not co:
            if win.coordinator is co:
                win.coordinator = None
            return False
    view = _screen(win, "dashboard", DashboardView)
    view.reload()
    if not win.show_view(view):  # the plan screen stayed, its edits refused: the mode is not left open
        lock(win)
        return False
    # For a while, as the other passing notices: left on for good, at 200 % text on a netbook its two
    # lines took the room of two table rows for as long as the mode was open.
    win.say(lambda: translate(
        "CoordinatorLogin", "Coordinator mode is open. It locks again when you leave these screens."),
        OPEN_NOTICE_MS)
    app_filter.give_focus(view.table)  # marked when opened (or come back to) from the keyboard
    return True


def _summarise_first(win: Shell, co: CoordinatorAPI) -> bool:
    """Checks with no summary on the framework in use (an older release's; all of them once an update
    brings a new framework version) are summarised before the first page, off the window's thread:
    the first page did it itself, and a region's 46,956 checks froze the window for 5.6 s here. Nothing
    due: over at once, and no dialog appears. False when it failed (the problem is said)."""
    waiting = WorkDialog(win.stack.window(), title=translate("CoordinatorLogin", "Coordinator mode"),
                         text=translate("CoordinatorLogin", "Preparing the trainees' results for this "
                                                            "version of the framework (only this once)…"),
                         cancel=None)

    def counted(done: int, total: int) -> None:
        waiting.setMaximum(total)
        waiting.setValue(done)

    def summarise(progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> bool:
        co.prepare_summaries(progress)
        return True

    try:
        return bool(win.run(lambda: waiting.run(summarise, counted=counted)))
    finally:
        waiting.deleteLater()


def show_trainee(win: Shell, person_id: str) -> None:
    view = _screen(win, "trainee", TraineeView)
    if view.show_person(person_id):
        win.show_view(view)
        app_filter.give_focus(view.back)


def lock(win: Shell) -> None:
    """Drop the Coordinator object: the next coordinator screen asks for the password again."""
    if win.coordinator is None:
        return
    win.coordinator = None
    for screen in win.coordinator_screens.values():
        if isinstance(screen, (DashboardView, TraineeView)):
            screen.forget()
    win.say(lambda: translate("CoordinatorLogin", "Coordinator mode is locked."), 5000)


def left_screens(win: Shell) -> None:
    """Called when the window shows another screen: leaving the coordinator's screens locks the mode."""
    if win.coordinator is not None and win.stack.currentWidget() not in win.coordinator_screens.values():
        lock(win)


def _screen(win: Shell, name: str, cls: type[W]) -> W:
    screen = win.coordinator_screens.get(name)
    if not isinstance(screen, cls):
        screen = cls(win)  # type: ignore[arg-type]
        win.coordinator_screens[name] = screen
        win.stack.addWidget(screen)
        # As the other screens: a new contrast or text size (a "setting" change) redraws their charts.
        win.changed.connect(screen.refresh)  # type: ignore[attr-defined]
    return screen
