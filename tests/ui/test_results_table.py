"""The results overview's levels table on a netbook and at 200 % text: every area's row and every column
head in view, in the one scrolling page (no scroll area inside the window's own), and no word cut."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import answer_to_the_end, create_person, cut_cells


def settle() -> None:
    for _ in range(8):
        QApplication.processEvents()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_area_row_and_head_is_whole_after_the_text_grows(qtbot: Any, window: Any, lang: str) -> None:
    window.resize(1024, 600)
    window.apply_settings(Settings(language=lang, text_scale=100), store=False)
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)
    view = window.view("results")
    assert window.stack.currentWidget() is view
    for scale in (100, 200):  # 200 % chosen while the results are on screen, as a person would
        window.apply_settings(Settings(language=lang, text_scale=scale), store=False)
        settle()
        table, header = view.table, view.table.horizontalHeader()
        rows = table.rowCount()
        assert rows == len(view.result.areas) > 1
        # every row inside the table's own height: nothing scrolls inside it
        bottom = table.visualRect(table.model().index(rows - 1, 0)).bottom()
        assert bottom < table.viewport().height(), f"rows past the table's bottom at {scale} %"
        assert not table.verticalScrollBar().isVisible()
        # no word cut («Серед…»): every column holds its longest word, head or cell, and all the columns
        # fit the table's width, 200 % in Ukrainian on a netbook too: none is a sideways scroll away
        cells = table.fontMetrics()
        for column in range(table.columnCount()):
            for row in range(rows):
                for word in table.item(row, column).text().split():
                    assert cells.horizontalAdvance(word) < header.sectionSize(column), \
                        f"«{word}» is cut at {scale} %"
        assert header.length() <= table.viewport().width(), f"columns wider than the table at {scale} %"
        assert not table.horizontalScrollBar().isVisible(), f"the table scrolls sideways at {scale} %"
        assert not cut_cells(table), cut_cells(table)[:3]
        metrics = header.fontMetrics()
        for column in range(table.columnCount()):
            for word in table.horizontalHeaderItem(column).text().split():
                assert metrics.horizontalAdvance(word) < header.sectionSize(column) - 8, \
                    f"head word «{word}» is cut at {scale} %"
            text = table.horizontalHeaderItem(column).text()
            needed = metrics.boundingRect(QRect(0, 0, header.sectionSize(column) - 8, 100_000),
                                          int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
            assert needed.height() <= header.height(), f"«{text}» is cut at {scale} %"
        # one scrolling page: the window itself does not scroll the results screen as well
        assert not window.scroller.verticalScrollBar().isVisible(), f"two scroll bars at {scale} %"
        assert view.plan_button.isVisible() and view.plan_button.visibleRegion().boundingRect().height() \
            == view.plan_button.height(), "the plan button is pushed below the window"
