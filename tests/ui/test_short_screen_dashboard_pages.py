"""The dashboard's hard-questions and before/after pages on a 1024×600 netbook at 200 % text: long
questions and area names wrap inside the page, every column and its head stays in view, nothing is cut
short with "…"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle, QTableWidget

from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.settings_dialog import Settings
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.helpers import settle
from tests.ui.test_coordinator import SECRET, typed  # noqa: F401 - the password dialog's answer

LONG = Path(__file__).resolve().parents[1] / "frameworks" / "long-texts.yaml"
PEOPLE = [(f"Слухач {n}", "Хаб у Бучі", "Весна", None) for n in range(10)]


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Any]:
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=LONG)
    yield workspace
    workspace.close()


def _read_whole(table: QTableWidget) -> list[str]:
    """Cells and heads that are cut: past the table's view, or taller or wider than their cell."""
    cut = []
    port = table.viewport().rect()
    header = table.horizontalHeader()
    head_metrics = header.fontMetrics()
    head_inset = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for column in range(table.columnCount()):
        left, width = table.columnViewportPosition(column), table.columnWidth(column)
        head = table.horizontalHeaderItem(column)
        if left < 0 or left + width > port.width():
            cut.append(f"column {head.text() if head else column} is past the table's right edge")
            continue
        if head is not None:
            need = head_metrics.boundingRect(QRect(0, 0, width - head_inset, 10_000),
                                             int(Qt.TextFlag.TextWordWrap), head.text())
            if need.width() > width or need.height() > header.height():
                cut.append(f"head «{head.text()}» is cut")
    metrics = table.fontMetrics()
    # A cell's text sits inside the focus frame's margin, plus one pixel, on each side (as Qt draws it).
    inset = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None:
                continue
            rect = table.visualRect(table.model().index(row, column))
            need = metrics.boundingRect(QRect(0, 0, rect.width() - inset, 10_000),
                                        int(Qt.TextFlag.TextWordWrap), item.text())
            if need.width() > rect.width() - inset or need.height() > rect.height():
                cut.append(f"«{item.text()[:40]}» is cut: {need.width()}×{need.height()} px in "
                           f"{rect.width()}×{rect.height()}")
    return cut


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_hard_questions_and_before_after_are_read_whole_on_a_netbook(
        window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    seed_trainees(ws, PEOPLE, checks=2)
    ws.set_coordinator_password(SECRET)
    window.resize(1024, 600)
    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    settle()
    window.coordinator_action.trigger()
    settle()
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    for page in (view.hard, view.before_after):
        view.tabs.setCurrentWidget(page)
        settle(16)
        assert page.table.rowCount() > 0, "the case is not tested: the page is empty"
        cut = _read_whole(page.table)
        assert not cut, f"{type(page).__name__}: {cut[:4]}"
