"""Run something once a widget is on screen: after its first paint, from the event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Watches one widget until it paints, then runs the action once from a zero timer."""

    def __init__(self, widget: QWidget, action: Callable[[], None], *, anyway_ms: int) -> None:
        super().__init__(widget)  # owned by the widget: nothing runs for a widget that is gone
        self._widget = widget
        self._action: Callable[[], None] | None = action
        widget.installEventFilter(self)
        # A widget that is never painted (the window started minimised) still gets the action.
        QTimer.singleShot(anyway_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint and self._action is not None:
            # Not inside the paint itself: the frame is finished first.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        action, self._action = self._action, None
        if action is None:
            return
        self._widget.removeEventFilter(self)
        self.deleteLater()  # its work is done; the queued deletion runs after the action
        action()


def after_first_paint(widget: QWidget, action: Callable[[], None], *, anyway_ms: int) -> None:
    """Run `action` once, soon after `widget` first paints, or after `anyway_ms` if it never does."""
    _FirstPaint(widget, action, anyway_ms=anyway_ms)
