"""The trainee table measures its columns once per page of rows, and measures them as Qt does.

On a region's database the first page holds 200 trainees. Qt's own column measure asked the model about
a dozen questions for every cell at every fit: entering coordinator mode took 6 s there, and each step
of a window being resized half a second.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QTableView

from digigram.core.coordination import AreaStatus, TraineeRow
from digigram.ui.coordinator.table import PAGE, NameHeldTable, TraineeModel

AREAS = ("INF", "COM", "CRE", "SAF", "PRB", "DIG")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def _rows(count: int) -> list[TraineeRow]:
    rows = []
    for n in range(count):
        areas = {area: AreaStatus(level=LEVELS[(n + i) % 6], target="B1", gap=max(0, 2 - (n + i) % 6))
                 for i, area in enumerate(AREAS)}
        rows.append(TraineeRow(
            person_id=f"p{n}", name=f"Слухачка {'Олександра-' * (n % 3)}Петренко {n}",
            hub=f"Публічна бібліотека № {n % 40}{' імені Лесі Українки' * (n % 5 == 0)}",
            group=f"Група {n % 7}", profile_id="librarian", checks=1 + n % 3,
            last_check=datetime(2026, 1 + n % 12, 1 + n % 28, 10), areas=areas,
            needs_help=any(s.gap for s in areas.values())))
    return rows


@pytest.fixture
def table(qtbot: Any) -> Any:
    model = TraineeModel()
    model.set_rows(_rows(PAGE), area_ids=AREAS, area_names={a: f"Сфера {a}" for a in AREAS},
                   profile_names={"librarian": "Бібліотекар"}, lang="uk")
    view = NameHeldTable()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1300, 600)
    view.show()
    QApplication.processEvents()
    return view


def test_fitting_a_page_of_trainees_reads_each_cell_about_once(table: Any) -> None:
    model = table.model()
    asked = 0
    data = model.data

    def counted(*args: Any) -> Any:
        nonlocal asked
        asked += 1
        return data(*args)

    model.data = counted
    for widest in (300, 300, 400):  # the screen fits again when shown, sorted and resized
        table.fit_columns(widest)
    table.resize(1000, 600)  # delivered at once to a shown widget; no painting in between
    cells = model.rowCount() * model.columnCount()
    # Each cell's text once, and Qt's own measure for the three widest cells of each column.
    assert asked <= cells + 3 * 12 * model.columnCount(), f"{asked} model reads for {cells} cells"


def test_each_column_is_as_wide_as_qts_own_measure_of_its_cells(table: Any) -> None:
    table.setWordWrap(False)  # Qt's own measure then does not depend on the columns' current widths
    for col in range(table.model().columnCount()):
        assert table.sizeHintForColumn(col) == QTableView.sizeHintForColumn(table, col), col


def test_a_larger_text_measures_the_columns_anew(table: Any) -> None:
    before = [table.sizeHintForColumn(col) for col in range(table.model().columnCount())]
    font = table.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    table.setFont(font)
    QApplication.processEvents()
    after = [table.sizeHintForColumn(col) for col in range(table.model().columnCount())]
    assert all(a > b for a, b in zip(after, before, strict=True)), (before, after)


def test_rows_read_later_are_measured_too(table: Any) -> None:
    model = table.model()
    hub = model.column_of("hub")
    before = table.sizeHintForColumn(hub)
    longer = _rows(1)[0]
    longer = TraineeRow(**{**longer.__dict__, "person_id": "late",
                           "hub": "Центральна міська публічна бібліотека для дорослих та юнацтва № 1"})
    model.loader = lambda *_: type("Board", (), {"rows": (longer,), "total": PAGE + 1})()
    model.total = PAGE + 1
    model.fetchMore()
    assert table.sizeHintForColumn(hub) > before
