"""The limits on typed and imported text and dates: one copy, used by forms, the facade and bundle import."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime

from digigram.core.errors import DigigramError
from digigram.core.i18n import N_

NAME_MAX = 200
HUB_MAX = 200
GROUP_MAX = 100
NOTE_MAX = 10_000  # a plan step's goal, notes and the coordinator's comment
PIN_MAX = 12
PIN_MIN = 4  # shorter falls in a few tries on a shared PC, even with the waits after wrong ones
# Dates a record may carry: wide enough for any real check or plan, narrow enough that converting
# between time zones can never leave the calendar (year 1 in UTC+1 is year 0 in UTC).
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)

# Characters that move the cursor, recolour a terminal or reverse the reading order of a line.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


class LimitError(DigigramError):
    """Text or a date outside what Digigram stores; nothing was written."""


def bad_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character not allowed in stored text (control or direction codes), else None."""
    allowed = "\n\t" if multiline else ""
    for ch in value:
        if ch in allowed:
            continue
        if unicodedata.category(ch) == "Cc" or ch in _BIDI:
            return ch
    return None


_FIELDS = {
    "name": N_("name"),
    "hub": N_("hub"),
    "group": N_("group"),
    "note": N_("plan step text"),
}


def check_text(value: str, *, field: str, limit: int, multiline: bool = False) -> str:
    """`value` when it fits the limits; else LimitError naming the field and the limit."""
    what = _FIELDS.get(field, field)
    if len(value) > limit:
        raise LimitError(
            N_("The {field} is too long: {count} characters, at most {limit} are allowed.",
               field=what, count=len(value), limit=limit),
        )
    ch = bad_character(value, multiline=multiline)
    if ch is not None:
        raise LimitError(
            N_("The {field} holds a control character U+{code:04X}; please remove it.",
               field=what, code=ord(ch)),
        )
    return value


def check_day(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise LimitError(
            N_("The date {day} is outside {earliest}–{latest}.",
               day=value.isoformat(), earliest=EARLIEST.isoformat(), latest=LATEST.isoformat()),
        )
    return value


def check_moment(value: datetime) -> datetime:
    """An aware or naive-UTC moment within the limits, as naive UTC; LimitError otherwise."""
    # Check the calendar date first: astimezone() on year 1 with a positive offset overflows.
    check_day(value.date())
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def printable(value: str) -> str:
    """`value` safe to print on a terminal: control and direction codes shown as \\uXXXX."""
    return "".join(f"\\u{ord(ch):04x}" if bad_character(ch) else ch for ch in value)


def pin_too_short(pin: str) -> bool:
    """Whether a PIN (not empty: that is no PIN) has fewer than PIN_MIN characters other than spaces."""
    return sum(not c.isspace() for c in pin) < PIN_MIN
