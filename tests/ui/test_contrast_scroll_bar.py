"""In high contrast a scroll bar's handle can be seen: it was outlined in a grey of 30 on black (contrast
1.2 : 1), so the coordinator could not tell how far down the trainee table, or a long list, was shown."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QListWidget, QStyle, QStyleOptionSlider

from digigram.ui.settings_dialog import Settings
from tests.contrast import contrast
from tests.ui.helpers import settle


@pytest.mark.parametrize("orientation", [Qt.Orientation.Vertical, Qt.Orientation.Horizontal])
def test_the_handle_stands_out_from_black(window: Any, orientation: Qt.Orientation) -> None:
    window.apply_settings(Settings(language="uk", text_scale=100, high_contrast=True), store=False)
    listing = QListWidget(window)
    listing.addItems([f"Слухач номер {n} з дуже довгим іменем, яке не вміщується" * 2 for n in range(200)])
    listing.resize(300, 200)
    listing.show()
    settle()
    bar = listing.verticalScrollBar() if orientation == Qt.Orientation.Vertical \
        else listing.horizontalScrollBar()
    assert bar.isVisible()
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    handle = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                        QStyle.SubControl.SC_ScrollBarSlider, bar)
    assert handle.isValid()
    image = bar.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colours = {image.pixel(x, y) for x in range(handle.left(), handle.right() + 1)
               for y in range(handle.top(), handle.bottom() + 1)}
    black = (0.0, 0.0, 0.0)
    best = max(contrast(QColor(c).getRgbF()[:3], black) for c in colours)
    assert best >= 3, f"the handle's lightest colour has a contrast of {best:.1f} : 1 with the black"
