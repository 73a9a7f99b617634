"""Time as stored: naive UTC in every SQL backend, made aware again when read."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current time as stored: naive UTC, which every SQL backend keeps the same way."""
    return datetime.now(UTC).replace(tzinfo=None)


def aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)
