"""The results chart on screen keeps its designed layout: the axis label never runs into the legend."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import answer_to_the_end, create_person


@pytest.mark.parametrize("scale", [100, 150])
def test_axis_label_and_legend_do_not_overlap(qtbot: Any, window: Any, scale: int) -> None:
    win = window
    win.resize(980, 600)  # a small laptop screen: less room than the chart was drawn for
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, win)
    win.apply_settings(Settings(language="uk", text_scale=scale), store=False)  # redraws the chart
    for _ in range(3):
        QApplication.processEvents()
    figure = win.view("results").chart.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    (axes,) = [ax for ax in figure.axes if ax.get_gid() == "gap-chart"]
    label = axes.xaxis.label
    assert label.get_text() == "Рівень"
    (legend,) = figure.legends
    label_box, legend_box = label.get_window_extent(renderer), legend.get_window_extent(renderer)
    assert label_box.y0 > legend_box.y1, (label_box, legend_box)
    ticks_bottom = min(t.get_window_extent(renderer).y0 for t in axes.get_xticklabels())
    assert ticks_bottom > label_box.y1
