"""What the window shows while the data opens: one calm line, then a clear message if the data is damaged."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from digigram.ui.widgets import TextLabel

translate = QCoreApplication.translate


class OpeningView(QWidget):
    """Shown from the first paint until the Workspace is open; `painted` says the window is on screen."""

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opening")
        self._painted = False
        self._problem: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        self.text = TextLabel(self, scale=1.2)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.text)
        layout.addStretch(2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self._problem is None:
            self.text.setText(translate("Opening", "Opening your data…"))
        self.text.setAccessibleName(self.text.text())

    def show_problem(self, text: str) -> None:
        """The data could not be opened: say why and what to do, in place of the opening line."""
        self._problem = text
        self.text.setText(text)
        self.text.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
