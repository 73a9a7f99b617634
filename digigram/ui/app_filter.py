"""The application's one event filter: input restarts the idle timers; Alt+key finds Cyrillic mnemonics;
Enter presses the focused button (a push or tool button) in a window that is not a dialog; a window given
back by a dialog closed from the keyboard shows where its keyboard focus is.

Every event of every widget passes through an application-wide filter, and a filter written in
Python costs a call into Python for each: about 370 per answered question. Two filters doubled that
on the answer path, so there is one, and it returns at once for anything that is not input.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QToolButton, QWidget

from digigram.ui import mnemonics

# A key a shortcut takes (Esc pausing the check, Ctrl+P, Alt+letter) comes as ShortcutOverride and never
# as KeyPress; any other key comes as both.
_KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride})
_INPUT_EVENTS = _KEYS | {QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class AppFilter(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timers: list[QTimer] = []
        self.keyboard_last = False  # whether the last input was a key press (else a click, wheel or touch)

    def restart_on_input(self, timer: QTimer) -> None:
        """Start `timer` again, while it runs, at every key press, click, wheel turn or touch."""
        self._timers.append(timer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _INPUT_EVENTS:
            if self.keyboard_last:
                if kind == QEvent.Type.FocusIn:
                    mark_on_return(watched, event)
                elif kind == QEvent.Type.Hide and isinstance(watched, QDialog):
                    # Where the dialog never took the window's activation (an X server with no window
                    # manager), no focus event comes back: the focus left under it is marked instead.
                    QTimer.singleShot(0, _mark_focus_left)
            return False
        # A window that is gone takes its timer with it.
        self._timers = [timer for timer in self._timers if shiboken6.isValid(timer)]
        for timer in self._timers:
            if timer.isActive():
                timer.start()  # any key or click counts as someone being there
        self.keyboard_last = kind in _KEYS
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


def mark_on_return(watched: QObject, event: QEvent) -> None:
    """The focus a window gets back as it becomes active again, marked: called after a key press only.

    Qt forgets a window's keyboard focus while a dialog is over it, and gave the focus back unmarked when
    the dialog closed: after Esc on «Видалити слухача…»'s question, or Enter on the «Готово» that follows
    a CSV, the coordinator could not see where the keyboard was. A click that closed it leaves no mark.
    """
    if not isinstance(event, QFocusEvent) or event.reason() != Qt.FocusReason.ActiveWindowFocusReason:
        return
    if isinstance(watched, QWidget):
        _mark(watched)


def _mark_focus_left() -> None:
    """The focus a closed dialog left, marked if the keyboard is still what the person uses."""
    widget = QApplication.focusWidget()
    if widget is not None and keyboard_in_use():
        _mark(widget)


def _mark(widget: QWidget) -> None:
    """Show `widget`'s focus as a keyboard focus (its window's mark, as a Tab would set it)."""
    if not widget.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
        widget.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        widget.update()


_installed: AppFilter | None = None


def keyboard_in_use() -> bool:
    """Whether the last input was a key press (else a click, a wheel turn or a touch)."""
    return _installed is not None and shiboken6.isValid(_installed) and _installed.keyboard_last


def focus_reason() -> Qt.FocusReason:
    """The reason to give for a focus the app moves in answer to what the person just did.

    After a key press it is a keyboard focus, as Qt's own shortcuts give it, and the style marks it; after
    a click it is not marked, as Qt leaves a focus a click put.
    """
    if keyboard_in_use():
        return Qt.FocusReason.ShortcutFocusReason
    return Qt.FocusReason.OtherFocusReason


def give_focus(widget: QWidget) -> None:
    """Move the focus to `widget` for the person, marked if they are using the keyboard (focus_reason).

    Qt marks nothing when the widget has the focus already (Qt may have passed it there on its own when
    the focused button was hidden), so the window is then told of the keyboard focus directly, as Qt's own
    shortcuts do. In a window not active yet (a dialog just closed over it: the self-rating before the
    first question), Qt forgets the keyboard focus as the window comes back; it is told again then.
    """
    reason = focus_reason()
    widget.setFocus(reason)
    if reason != Qt.FocusReason.ShortcutFocusReason:
        return
    window = widget.window()
    if not window.isActiveWindow():
        widget.installEventFilter(_MarkOnReturn(widget))
    elif not window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        widget.update()


class _MarkOnReturn(QObject):
    """Marks its widget's keyboard focus once, as its window becomes active again and gives it back."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        focused = event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent)
        if focused and isinstance(event, QFocusEvent) and isinstance(watched, QWidget):
            if event.reason() == Qt.FocusReason.ActiveWindowFocusReason:
                _mark(watched)
            watched.removeEventFilter(self)  # any other way in (a click) is Qt's own to mark or not
            self.deleteLater()
        return False


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
