"""The checks table reads stored UTC times in the PC's time zone, the same in History and Trainee views."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from digigram.core.records import Attempt
from digigram.ui.history_table import HistoryTable


def test_a_check_finished_at_half_past_midnight_in_kyiv_shows_that_date_and_time(
    qtbot: Any, ws: Any, kyiv: None
) -> None:
    finished = Attempt(
        id="a1", person_id="p", framework_id=ws.framework.id, framework_version="1", framework_hash="h",
        profile_id="x", mode="full", seed=1, status="finished",
        started_at=datetime(2026, 3, 14, 22, 10, tzinfo=UTC),
        finished_at=datetime(2026, 3, 14, 22, 30, tzinfo=UTC), n_answers=12, rating_before=4, rating_after=7,
    )
    table = HistoryTable()
    qtbot.addWidget(table)
    table.show_attempts([finished], ws.framework, "uk")
    shown = table.item(0, 0).text()
    assert "15.03" in shown and "00:30" in shown, shown
    assert table.item(0, 3).text() == "4 → 7"
    table.show_attempts([finished], ws.framework, "en")
    assert "00:30" in table.item(0, 0).text() and "15" in table.item(0, 0).text()


def test_the_checks_table_writes_dates_as_the_lists_and_reports_do(qtbot: Any, ws: Any, kyiv: None) -> None:
    finished = Attempt(
        id="a1", person_id="p", framework_id=ws.framework.id, framework_version="1", framework_hash="h",
        profile_id="x", mode="full", seed=1, status="finished",
        started_at=datetime(2026, 3, 14, 9, 10, tzinfo=UTC),
        finished_at=datetime(2026, 3, 14, 9, 40, tzinfo=UTC), n_answers=12, rating_before=4, rating_after=7,
    )
    table = HistoryTable()
    qtbot.addWidget(table)
    table.show_attempts([finished], ws.framework, "uk")
    assert table.item(0, 0).text() == "14.03.2026 11:40"  # the whole year, as everywhere else (not 14.03.26)
    table.show_attempts([finished], ws.framework, "en")
    assert table.item(0, 0).text() == "14 Mar 2026 11:40"  # not 14/03/2026
