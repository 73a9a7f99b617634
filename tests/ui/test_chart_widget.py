"""A chart on screen shows the Figure's own pixels, and room beyond the figure takes its background."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PySide6.QtGui import QColor

from digigram.ui.chart_widget import ChartWidget


def _figure(background: str) -> Figure:
    figure = Figure(figsize=(3.0, 2.0), dpi=100, facecolor=background)
    # A red block over the middle of the figure, in figure coordinates: x 100–200 px, y 50–150 px.
    figure.patches.append(Rectangle((1 / 3, 0.25), 1 / 3, 0.5, transform=figure.transFigure,
                                    facecolor="red", edgecolor="none"))
    return figure


def _shown(qtbot: Any, figure: Figure, width: int) -> Any:
    chart = ChartWidget()
    qtbot.addWidget(chart)
    chart.resize(width, 200)  # the figure's own height: the chart fills the widget
    chart.set_figure(figure)
    chart.show()
    qtbot.waitExposed(chart)
    return chart.grab().toImage()


def test_the_figure_is_painted(qtbot: Any) -> None:
    image = _shown(qtbot, _figure("white"), 300)
    assert QColor(image.pixel(150, 100)) == QColor("red")
    assert QColor(image.pixel(20, 20)) == QColor("white")


def test_room_wider_than_the_figure_takes_its_background(qtbot: Any) -> None:
    # The high-contrast charts are drawn on black: a strip of the window's grey beside one would glare.
    image = _shown(qtbot, _figure("black"), 420)
    assert QColor(image.pixel(150, 100)) == QColor("red")
    assert QColor(image.pixel(400, 100)) == QColor("black")
