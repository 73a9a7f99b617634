"""The trainee table's heads look the same whichever trainee is selected: the heads were fitted to their
columns in the table's font, and Qt drew every head bold once a row was selected, cutting their letters
(«нформаційна», «Комунікаці») on a 1366×768 screen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.coordinator_seed import TWO, open_board


def test_choosing_a_trainee_leaves_the_heads_as_fitted(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_board(window, ws, monkeypatch, TWO)
    table = view.table
    table.clearSelection()
    for _ in range(6):
        QApplication.processEvents()
    heads = [table.horizontalHeader(), table.names.horizontalHeader()]
    before = [head.grab().toImage() for head in heads]
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.selectionModel().selectedRows(), "no trainee selected"
    after = [head.grab().toImage() for head in heads]
    assert after[0] == before[0], "the area heads changed (went bold) when a trainee was selected"
    assert after[1] == before[1], "the name column's head changed when a trainee was selected"
