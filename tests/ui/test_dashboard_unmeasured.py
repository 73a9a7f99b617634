"""The dashboard's table and group picture on a framework whose INF items are only self-ratings: INF reads
"not measured" in the table, with the reason in its tooltip, never a gap; the picture's key says why its
INF column has «—», and its description in words says "not measured", not "0 below the target"."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.settings_dialog import Settings
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_coordinator import PEOPLE, SECRET, dashboard, typed  # noqa: F401


@pytest.fixture
def ws(self_rated_ws: Any) -> Any:
    """INF has only self-ratings: no answer measures it."""
    return self_rated_ws


@pytest.mark.parametrize(("lang", "info", "words", "why"), [
    ("uk", "Інформація", "не виміряно", "Не виміряно: «Інформація»."),
    ("en", "Information", "not measured", "Not measured: “Information”."),
])
def test_the_table_and_picture_say_not_measured(qtbot: Any, window: Any, ws: Any,
                                                typed: dict[str, Any], lang: str, info: str,  # noqa: F811
                                                words: str, why: str) -> None:
    seed_trainees(ws, PEOPLE, checks=1)
    ws.set_coordinator_password(SECRET)
    window.apply_settings(Settings(language=lang), store=False)
    window.coordinator_action.trigger()
    view = dashboard(window)
    model = view.model
    inf = model.column_of("area:INF")
    saf = model.column_of("area:SAF")
    for row in range(model.rowCount()):
        # it read «✓ B1», the prior's level at the target, as if shown
        assert model.index(row, inf).data() == words
        assert model.index(row, inf).data(Qt.ItemDataRole.ToolTipRole).startswith(why)
        assert model.index(row, saf).data() != words
    view.tabs.setCurrentWidget(view.heatmap)
    view.heatmap.draw(view.dashboard, ws.framework, lang=lang, text_scale=100)
    assert why in view.heatmap.key.text()
    described = view.heatmap.chart.accessibleDescription().split("; ")
    assert described[0] == f"{info}: {words}"
