"""In high contrast a progress bar shows how much is still to come: its empty part was black on black with
no edge, so a coordinator watching a region's import load could not tell how far along it was."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QProgressBar

from digigram.ui.settings_dialog import Settings
from tests.contrast import contrast
from tests.ui.helpers import settle

BLACK = (0.0, 0.0, 0.0)


@pytest.mark.parametrize("scale", [100, 200])
def test_the_part_still_to_come_is_edged(window: Any, scale: int) -> None:
    window.apply_settings(Settings(language="uk", text_scale=scale, high_contrast=True), store=False)
    bar = QProgressBar(window)
    bar.setRange(0, 1_315_621)
    bar.setValue(400_000)
    bar.setTextVisible(False)
    bar.resize(400, bar.sizeHint().height())
    bar.show()
    settle()
    image = bar.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()

    def lightest(xs: range, ys: range) -> float:
        return max(contrast(QColor(image.pixel(x, y)).getRgbF()[:3], BLACK) for x in xs for y in ys)

    # Past the filled third: the bar's right end, and its top and bottom edges up to there.
    assert lightest(range(width - 4, width), range(height)) >= 3, "the bar's right end cannot be seen"
    assert lightest(range(width // 2, width // 2 + 1), range(0, 4)) >= 3, "its top edge cannot be seen"
    assert lightest(range(width // 2, width // 2 + 1), range(height - 4, height)) >= 3, \
        "its bottom edge cannot be seen"
    # and the inside of the part to come stays black: the edge, not a filled bar
    assert lightest(range(width * 3 // 4, width * 3 // 4 + 1), range(height // 2, height // 2 + 1)) < 1.5
