"""The coordinator's trainee table: after the text size changes, no column head is cut and names fit."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from digigram.ui.coordinator.login import PasswordDialog
from digigram.ui.settings_dialog import Settings
from tests.contrast import contrast
from tests.ui.helpers import cut_cells

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
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    window.apply_settings(Settings(language=lang, text_scale=100), store=False)
    window.open_coordinator()
    dash = window.stack.currentWidget()
    settle()
    table = dash.table
    narrow = [table.columnWidth(c) for c in range(dash.model.columnCount())]

    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    settle()
    # A head may wrap word by word where the columns share the width (see NameHeldTable.fit_columns):
    # cut is a head whose wrapped words are wider than its column or taller than the heads.
    from tests.ui.test_dashboard_columns_share import ModelTable

    cut = [c for c in cut_cells(ModelTable(table)) if c.startswith("head")]
    assert not cut, f"column heads cut at 200 %: {cut}"
    name_width = table.fontMetrics().horizontalAdvance("Оксана Петренко")
    assert table.columnWidth(0) > name_width, "the longest name is cut at 200 %"
    assert table.columnWidth(0) > narrow[0] * 1.5, "the name column kept its 100 % width"


@pytest.mark.parametrize("high_contrast", [False, True])
def test_needs_help_is_readable_on_its_tinted_cell(
    qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, high_contrast: bool
) -> None:
    """In high contrast the words «⚠ needs help» were white on the cell's light tint: unreadable."""
    from tests.ui.coordinator_seed import seed_trainees

    seed_trainees(ws, [(f"Слухач {n}", "Хаб у Бучі", "Весна", None) for n in range(6)], checks=1)
    ws.set_coordinator_password(SECRET)
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    window.apply_settings(Settings(language="en", text_scale=100, high_contrast=high_contrast), store=False)
    window.resize(1366, 768)
    window.open_coordinator()
    dash = window.stack.currentWidget()
    settle()
    table, model = dash.table, dash.model
    help_rows = [r for r in range(model.rowCount()) if "⚠" in model.data(model.index(r, 1))]
    assert help_rows, "the seeded trainees include none who needs help"
    table.clearSelection()  # the cell as it is drawn when not chosen
    table.setCurrentIndex(QModelIndex())
    settle()
    cell = table.visualRect(model.index(help_rows[0], 1))
    picture = table.viewport().grab().toImage()
    tint = model.data(model.index(help_rows[0], 1), Qt.ItemDataRole.BackgroundRole).color().getRgb()[:3]
    pixels = [picture.pixelColor(x, y).getRgb()[:3] for x in range(cell.left() + 2, cell.right() - 1)
              for y in range(cell.top() + 2, cell.bottom() - 1)]
    assert pixels.count(tint) > len(pixels) // 2, "the cell is not drawn in its tint"
    best = max(contrast([c / 255 for c in p], [c / 255 for c in tint]) for p in pixels)
    assert best >= 4.5, f"the text on the tint reaches a contrast of only {best:.1f} (4.5 is needed)"
