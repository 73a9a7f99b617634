"""Stored moments (UTC) as the person at this PC reads them: in the computer's local time zone.

Every screen, export and chart that shows a date or decides which day a check belongs to goes through
here, so a check finished at 00:30 in Kyiv is on the same day in the history, the dashboard and the CSV.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def local(moment: datetime) -> datetime:
    """The moment in the local time zone; a naive value is taken as UTC, as the database stores it."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone()


def local_day(moment: datetime) -> date:
    """The local calendar day the moment falls on."""
    return local(moment).date()
