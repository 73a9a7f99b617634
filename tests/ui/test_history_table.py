"""The checks table reads stored UTC times in the PC's time zone, the same in History and Trainee views."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from digigram.core.records import Attempt
from digigram.ui.history_table import HistoryTable


@pytest.fixture()
def kyiv() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Kyiv"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


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
