"""The application's one event filter: input restarts the idle timers; Alt+key finds Cyrillic mnemonics;
Enter presses the focused button (a push or tool button) in a window that is not a dialog.

Every event of every widget passes through an application-wide filter, and a filter written in
Python costs a call into Python for each: about 370 per answered question. Two filters doubled that
on the answer path, so there is one, and it returns at once for anything that is not input.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QPushButton, QToolButton

from digigram.ui import mnemonics

_INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                           QEvent.Type.TouchBegin})


class AppFilter(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timers: list[QTimer] = []

    def restart_on_input(self, timer: QTimer) -> None:
        """Start `timer` again, while it runs, at every key press, click, wheel turn or touch."""
        self._timers.append(timer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _INPUT_EVENTS:
            return False
        # A window that is gone takes its timer with it.
        self._timers = [timer for timer in self._timers if shiboken6.isValid(timer)]
        for timer in self._timers:
            if timer.isActive():
                timer.start()  # any key or click counts as someone being there
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return enter_presses_button(watched, event) or mnemonics.latin_layout_mnemonic(watched, event)
        return False


def enter_presses_button(watched: QObject, event: QKeyEvent) -> bool:
    """Enter or Return on a focused push or tool button outside a dialog presses it, as Space does.

    Qt gives Enter to a push button only in a dialog (where it is the default button's key), and to a tool
    button never; in the main window's screens Enter on a button reached with Tab did nothing, though the
    check teaches "Enter saves", and the dashboard's «Керування» on the toolbar opened its menu on Space
    only. Pressed, a tool button with a menu opens it, and «Показати лише…» folds or unfolds the filters.
    Dialogs keep Qt's own rule, their default button included.
    """
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    if not isinstance(watched, QPushButton | QToolButton):
        return False
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or event.isAutoRepeat():
        return False
    if isinstance(watched, QPushButton) and (watched.autoDefault() or watched.isDefault()):
        return False
    if isinstance(watched.window(), QDialog) or not watched.isEnabled() or not watched.hasFocus():
        return False
    watched.click()
    return True


_installed: AppFilter | None = None


def install() -> AppFilter | None:
    """The filter, installed on the application once; None before the application exists."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return None
    if _installed is None or not shiboken6.isValid(_installed):
        _installed = AppFilter(app)
        app.installEventFilter(_installed)
    return _installed
