"""Small widgets shared by the screens: a wrapping label that keeps its height and follows the text size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget


class TextLabel(QLabel):
    """Plain text that wraps; `scale` and `bold` are relative to the app font, so text-size changes apply.

    Inside a QStackedWidget a word-wrapped label is not asked for its height for a width, so long text
    was cut off; the label sets its own minimum height from its width instead.
    """

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0, bold: bool = False) -> None:
        super().__init__(parent)
        self._scale, self._bold = scale, bold
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        app = QApplication.instance()
        if isinstance(app, QApplication) and (scale != 1.0 or bold):
            # Qt sends ApplicationFontChange only while the event loop runs; the text size is also set
            # before that, at start-up, so the label follows the signal, which always comes.
            app.fontChanged.connect(self._app_font_changed)
        self._apply_font()

    def _apply_font(self) -> None:
        app = QApplication.instance()
        if (self._scale == 1.0 and not self._bold) or not isinstance(app, QApplication):
            return
        font = app.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(self._bold)
        self.setFont(font)

    def _app_font_changed(self, _font: QFont) -> None:
        self._apply_font()

    def follow_app_font(self) -> None:
        """Take the size relative to the app font again (appearance calls this after a style change)."""
        self._apply_font()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Larger text wraps onto more lines: take the new height, or the last lines are cut off.
            self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # Exactly as tall as the text at this width: neither cut off nor padded with empty space.
        if self.width() <= 0:
            return
        # QLabel's height for a width never goes below its minimum height, so lift the limits first.
        self.setMinimumHeight(0)
        self.setMaximumHeight(16777215)
        height = self.heightForWidth(self.width()) if self.text() else 0
        self.setFixedHeight(max(height, 0))
