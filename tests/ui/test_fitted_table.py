"""A fitted table breaks a hyphenated word at its hyphen, as Qt draws it, rather than scroll sideways."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTableWidgetItem, QWidget

from digigram.ui.widgets import FittedTable
from tests.ui.helpers import cut_cells, settle

ROW = ("Відвідувачка загубила телефон із застосунком-автентифікатором. Що ви зробите?",
       "Безпека", "2 з 3", "67 %")
HEADS = ("Питання", "Сфера", "Неправильно", "Частка неправильних")


def test_a_hyphenated_word_does_not_push_the_columns_sideways(qtbot: Any) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    table = FittedTable(1, len(ROW), page, all_rows=False)
    table.setHorizontalHeaderLabels(list(HEADS))
    for column, text in enumerate(ROW):
        table.setItem(0, column, QTableWidgetItem(text))
    metrics, heads = table.fontMetrics(), table.horizontalHeader().fontMetrics()
    pad = 20  # a column's margins about its text (16 px for a head, 12 for a cell, in Fusion)
    longest = [max(metrics.horizontalAdvance(w) for w in ROW[0].split())] + [
        max([metrics.horizontalAdvance(w) for w in ROW[c].split()]
            + [heads.horizontalAdvance(w) for w in HEADS[c].split()]) for c in range(1, len(ROW))]
    broken = metrics.horizontalAdvance("автентифікатором.")
    # Wide enough for every column once «застосунком-автентифікатором» breaks after its hyphen, too
    # narrow while it is taken for one unbreakable word.
    room = sum(longest) - longest[0] + broken + pad * len(ROW)
    assert room < sum(longest) + pad, "the case is not tested: the whole word fits anyway"
    page.resize(room + 40, 400)
    table.setGeometry(0, 0, room + 40, 400)
    page.show()
    qtbot.waitExposed(page)
    table.fit()
    settle()
    assert table.horizontalScrollBar().maximum() == 0, "the table scrolls sideways"
    assert not cut_cells(table)
