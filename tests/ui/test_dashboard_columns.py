"""The coordinator's trainee table: after the text size changes, no column head is cut and names fit."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from digigram.ui.coordinator.login import PasswordDialog
from digigram.ui.settings_dialog import Settings

SECRET = "ключ-хабу-2024"


def settle() -> None:
    for _ in range(6):
        QApplication.processEvents()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_column_heads_and_names_fit_after_the_text_grows(
    qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    hub = ws.add_hub("Публічна бібліотека № 10", region_id=ws.regions()[0].id)
    for name in ("Оксана Петренко", "Марія Коваль"):
        ws.create_person(name, hub_id=hub.id)
    ws.set_coordinator_password(SECRET)
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind: ("", SECRET)))
    window.apply_settings(Settings(language=lang, text_scale=100), store=False)
    window.open_coordinator()
    dash = window.stack.currentWidget()
    settle()
    table, header = dash.table, dash.table.horizontalHeader()
    narrow = [table.columnWidth(c) for c in range(dash.model.columnCount())]

    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    settle()
    last = dash.model.columnCount() - 1  # stretches to the rest of the row, whatever its head
    cut = {dash.model.headerData(c, header.orientation()): (table.columnWidth(c), header.sectionSizeHint(c))
           for c in range(last) if table.columnWidth(c) < header.sectionSizeHint(c)}
    assert not cut, f"column heads narrower than their text at 200 %: {cut}"
    name_width = table.fontMetrics().horizontalAdvance("Оксана Петренко")
    assert table.columnWidth(0) > name_width, "the longest name is cut at 200 %"
    assert table.columnWidth(0) > narrow[0] * 1.5, "the name column kept its 100 % width"
