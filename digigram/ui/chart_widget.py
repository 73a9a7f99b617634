"""A place for a matplotlib Figure, drawn as an image; matplotlib is imported only when a chart is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

DPI = 100.0  # the charts' figures are made at this resolution: one inch is this many pixels on screen
REDRAW_MS = 120  # a resize settles before the chart is drawn again at the new width
REDRAW_STEP = 24  # px: smaller width changes keep the chart (its canvas stretches that little)


class Drawn:
    """A Figure already drawn by Agg at a pixel ratio, off the window's thread (see `draw_aside`)."""

    def __init__(self, figure: Any, canvas: Any, ratio: float) -> None:
        self.figure, self.canvas, self.ratio = figure, canvas, ratio


def draw_aside(figure: Any, ratio: float) -> Drawn:
    """Draw `figure` at the screen's pixel `ratio` into its own Agg buffer. Safe in a worker thread: the
    figure is that thread's alone until it is handed over, and matplotlib keeps its fonts per thread. A
    chart of a thousand texts takes most of a second to draw; drawn here, the window stays live."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    _draw_at(canvas, ratio)
    return Drawn(figure, canvas, ratio)


def _draw_at(canvas: Any, ratio: float) -> None:
    """Draw the canvas's figure at `ratio` times its dpi (sharp at 150 % or 200 % display scaling); the
    figure keeps its own dpi, so its size in logical pixels does not change."""
    figure = canvas.figure
    dpi = figure.dpi
    try:
        figure.set_dpi(dpi * ratio)
        canvas.draw()
    finally:
        figure.set_dpi(dpi)


class FigureView(QWidget):
    """One Figure, drawn once by matplotlib's Agg renderer and painted as that image.

    The charts are pictures (nothing on them is clicked or zoomed), so matplotlib's interactive Qt
    canvas is not needed: leaving it and its toolbar and editor modules unloaded keeps about 5 MiB
    off a library PC. The figure is drawn again only when the screen's pixel ratio changes, so it
    stays sharp at 150 % or 200 % display scaling. Room wider than the figure is filled with the
    figure's own background until the chart is made again for the new width.
    """

    def __init__(self, figure: Any, parent: QWidget | None = None, *, drawn: Drawn | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        if drawn is None:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            self._agg = FigureCanvasAgg(figure)  # also the figure's canvas from now on
            self._ratio = 0.0  # the pixel ratio the Agg buffer was drawn at; 0: not drawn yet
        else:
            self._agg, self._ratio = drawn.canvas, drawn.ratio
        self._background = QColor.fromRgbF(*figure.get_facecolor())

    def get_width_height(self) -> tuple[int, int]:
        """The figure's size in logical pixels (as matplotlib's canvases answer it)."""
        width, height = self._agg.get_width_height()
        return int(width), int(height)

    def sizeHint(self) -> QSize:
        return QSize(*self.get_width_height())

    def _draw(self, ratio: float) -> None:
        _draw_at(self._agg, ratio)
        self._ratio = ratio

    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        if ratio != self._ratio:
            self._draw(ratio)
        buffer = self._agg.buffer_rgba()
        height, width = buffer.shape[0], buffer.shape[1]
        image = QImage(buffer, width, height, width * 4, QImage.Format.Format_RGBA8888)
        image.setDevicePixelRatio(ratio)
        painter = QPainter(self)
        try:
            painter.fillRect(event.rect(), self._background)
            painter.drawImage(0, 0, image)
        finally:
            painter.end()


class ChartWidget(QWidget):
    """Holds one Figure at a time. The chart is also told in words, so set a description for readers.

    With set_chart the figure is made for the widget's width and made again when the width changes,
    so the chart uses the room there is; its height follows its content and the canvas keeps that
    height exactly (the charts place their parts in inches). Put the widget in a scroll area: a chart
    taller than the room scrolls instead of being cut off.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._canvas: Any = None
        self._make: Callable[[float], Any] | None = None
        self._min_width_in = 4.0
        self._built_width = 0
        self._placeholder = QLabel(self)
        self._placeholder.setWordWrap(True)
        self._placeholder.setMinimumHeight(120)
        self._layout.addWidget(self._placeholder)
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self._rebuild)
        # No minimum height of its own: one set here would win over the canvas's height, squeeze the
        # chart and cut its axis and legend off inside a scroll area that then had nothing to scroll.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_placeholder(self, text: str) -> None:
        self._placeholder.setText(text)

    def set_chart(self, make: Callable[[float], Any], *, min_width_in: float = 4.0) -> None:
        """Show the Figure `make(width_in_inches)` returns, made again whenever the width changes.

        `min_width_in` is the narrowest the chart can be drawn readably; below it the chart keeps that
        width and the scroll area around it scrolls sideways.
        """
        self._make, self._min_width_in = make, min_width_in
        self._redraw.stop()
        self._rebuild()

    def _available_px(self) -> int:
        return max(self.width(), int(self._min_width_in * DPI))

    def _rebuild(self) -> None:
        if self._make is None:
            return
        width = self._available_px()
        self._built_width = width
        self._show(self._make(width / DPI))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._make is not None and abs(self._available_px() - self._built_width) >= REDRAW_STEP:
            self._redraw.start()

    def set_figure(self, figure: Any) -> None:
        """Show `figure` (a matplotlib Figure, or one already drawn by `draw_aside`) at its own size;
        replaces the previous chart."""
        self._make = None
        self._redraw.stop()
        if isinstance(figure, Drawn):
            self._show(figure.figure, drawn=figure)
        else:
            self._show(figure)

    def _show(self, figure: Any, *, drawn: Drawn | None = None) -> None:
        self._drop_canvas()
        self._placeholder.hide()
        # Without `drawn`, this imports matplotlib's Agg: about half a second, so not at start-up.
        canvas = FigureView(figure, self, drawn=drawn)
        width, height = canvas.get_width_height()
        # The canvas keeps the figure's height; its width may stretch a little until the next redraw
        # (nothing moves vertically), and never goes below the narrowest readable width.
        canvas.setMinimumWidth(min(width, int(self._min_width_in * DPI)) if self._make else width)
        canvas.setFixedHeight(height)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        canvas.setAccessibleName(self.accessibleName())
        canvas.setAccessibleDescription(self.accessibleDescription())
        self._layout.addWidget(canvas)
        self._canvas = canvas
        canvas.update()

    def _drop_canvas(self) -> None:
        if self._canvas is not None:
            # Hidden and deleted in place: a canvas given no parent became a window of its own,
            # which a real X server showed at the screen's corner until it was deleted.
            self._layout.removeWidget(self._canvas)
            self._canvas.hide()
            self._canvas.deleteLater()
            self._canvas = None

    def clear(self) -> None:
        self._make = None
        self._redraw.stop()
        self._drop_canvas()
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
