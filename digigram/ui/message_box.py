"""A message box whose buttons show their whole text at any text size.

Qt keeps a message box narrower than the screen less 480 px (886 px at 1366×768) and squeezes its
buttons into that: at 200 % the Ukrainian «Продовжити призупинену перевірку» and «Почати нову перевірку»
were cut at both ends. Here the box grows to the width its buttons need, up to the screen's, and when
even that is too narrow the buttons stand one under another at the box's full width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

_SIZED_AGAIN = frozenset({QEvent.Type.LayoutRequest, QEvent.Type.FontChange, QEvent.Type.StyleChange})
SCREEN_MARGIN = 40  # px left free at the screen's edges (a window frame, some air)


class MessageBox(QMessageBox):
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # Qt sizes the box here
        self.fit_buttons()

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        # Qt sizes the box again when its layout asks (the buttons just laid out) and on a font or style
        # change, back to its own limit.
        if event.type() in _SIZED_AGAIN and self.isVisible():
            self.fit_buttons()
        return done

    def fit_buttons(self) -> None:
        """Widen the box (or stack its buttons) until every button has the width its text needs."""
        buttons = self.findChild(QDialogButtonBox)
        layout = self.layout()
        if buttons is None or layout is None:
            return
        margins = layout.contentsMargins()
        edges = margins.left() + margins.right()
        screen = self.screen().availableGeometry()
        room = screen.width() - SCREEN_MARGIN
        need = buttons.sizeHint().width() + edges
        stacked = need > room and buttons.orientation() == Qt.Orientation.Horizontal
        if stacked:
            buttons.setOrientation(Qt.Orientation.Vertical)
            need = buttons.sizeHint().width() + edges
        width = max(self.width(), min(need, room))
        if width == self.width() and not stacked:
            return
        layout.invalidate()
        layout.activate()
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        height = max(height, layout.totalMinimumSize().height())
        grown = width - self.width()
        self.setFixedSize(width, height)
        # Kept centred where it was, and on the screen.
        x = max(screen.left(), min(self.x() - grown // 2, screen.right() - width))
        self.move(x, max(screen.top(), min(self.y(), screen.bottom() - height)))
