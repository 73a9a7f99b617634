"""Which local day a stored UTC moment belongs to, under a real time zone."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from digigram.core.when import local, local_day


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


def test_a_check_finished_after_local_midnight_belongs_to_the_next_day(kyiv: None) -> None:
    stored = datetime(2026, 3, 14, 22, 30, tzinfo=UTC)  # 00:30 on 15 March in Kyiv (UTC+2)
    assert local_day(stored) == date(2026, 3, 15)
    assert local(stored).hour == 0 and local(stored).minute == 30


def test_naive_stored_values_are_utc_and_summer_time_is_applied(kyiv: None) -> None:
    naive = datetime(2026, 7, 1, 21, 15)  # UTC as the database keeps it; Kyiv is UTC+3 in July
    assert local(naive).hour == 0 and local_day(naive) == date(2026, 7, 2)
