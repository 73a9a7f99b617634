"""A place for a matplotlib Figure; the Qt canvas (and matplotlib) is imported only when a chart is shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget


class ChartWidget(QWidget):
    """Holds one Figure at a time. The chart is also told in words, so set a description for readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._canvas: Any = None
        self._placeholder = QLabel(self)
        self._layout.addWidget(self._placeholder)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)

    def set_placeholder(self, text: str) -> None:
        self._placeholder.setText(text)

    def set_figure(self, figure: Any) -> None:
        """Show `figure` (a matplotlib Figure); replaces the previous chart."""
        # Deferred import: matplotlib and its Qt backend cost about half a second at start-up.
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.setParent(None)
            self._canvas.deleteLater()
        self._placeholder.hide()
        canvas = FigureCanvasQTAgg(figure)
        # The chart places its parts in inches measured for its own height (charts/gap.py); squeezing
        # it into a shorter widget pushed the axis label into the legend. So the canvas keeps that
        # height and at least that width; it may only grow wider, which moves nothing vertically.
        width, height = canvas.get_width_height()
        canvas.setMinimumWidth(width)
        canvas.setFixedHeight(height)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        canvas.setAccessibleName(self.accessibleName())
        canvas.setAccessibleDescription(self.accessibleDescription())
        self._layout.addWidget(canvas)
        self._canvas = canvas
        canvas.draw_idle()

    def clear(self) -> None:
        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.setParent(None)
            self._canvas.deleteLater()
            self._canvas = None
        self._placeholder.show()

    @property
    def figure(self) -> Any:
        return None if self._canvas is None else self._canvas.figure

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        if self._canvas is not None:
            self._canvas.setAccessibleName(name)

    def setAccessibleDescription(self, text: str) -> None:
        super().setAccessibleDescription(text)
        if self._canvas is not None:
            self._canvas.setAccessibleDescription(text)
