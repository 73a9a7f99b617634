"""Coordinator mode as plain data: dashboard rows, filters, bundle summaries, errors and the help rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from digigram.core.errors import DigigramError
from digigram.core.i18n import N_, Message, format_date
from digigram.core.records import Attempt, Person, Plan
from digigram.core.regions import Hub
from digigram.core.when import local_day

if TYPE_CHECKING:
    from digigram.core.scoring import QuizResult  # numpy: not needed to sort names on the first screen

# Self-ratings (1–10) from this value up count as "rates themselves high" in the before/after figures.
HIGH_RATING = 7
# Shortest coordinator password accepted.
MIN_PASSWORD = 8


class CoordinatorError(DigigramError):
    """A coordinator action that cannot be done as asked (no password yet, already set, too short…)."""


# Why a first coordinator password is not chosen in the window once people have PINs
# (Workspace.first_password_guarded).
PINS_GUARD = N_("People on this computer protect their results with a PIN, and no coordinator password "
                "is set yet: whoever chose one here would open their results. The first coordinator "
                "password is set by the person who looks after this computer, with the command "
                "«digigram password» (docs/install.md).")


class CoordinatorLocked(CoordinatorError):
    """A wrong coordinator password, or a try made before the wait after earlier failures has passed."""

    def __init__(self, text: Message, /, *, wait_seconds: int = 0) -> None:
        super().__init__(text)
        self.wait_seconds = wait_seconds


class BundleError(DigigramError):
    """A result bundle that cannot be written or is refused on import; nothing was changed."""


class BundleKeyRefused(BundleError):
    """A signed bundle refused for its key: the key given does not match its signature, or none was given.

    Apart from other refusals so that the app can ask for the key again with the file still chosen.
    """


def lockout_seconds(failures: int) -> int:
    """Seconds to wait before the next password try after `failures` wrong ones in a row.

    One slip costs nothing; from the second failure the wait doubles (2, 4, 8 … s), capped at
    15 minutes, so guessing through a list takes days while a person who mistyped waits seconds.
    """
    if failures < 2:
        return 0
    return int(min(2 ** (failures - 1), 900))


@dataclass(frozen=True)
class DashboardFilter:
    """Which trainees the dashboard shows; None means "any". Dates bound the finished checks counted."""

    hub_id: str | None = None  # the hub row's id: two hubs of one name in different regions stay apart
    group: str | None = None
    profile_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    # Part of the name, in any letter case ("петр" finds «Оксана Петренко»): among thousands of trainees
    # the table's pages were the only way to one person.
    name: str | None = None
    # The region of the trainees' hubs (an ISO code such as UA-46): a regional coordinator's table held
    # every region's trainees, and only one hub at a time could be chosen.
    region_id: str | None = None


@dataclass(frozen=True)
class FilterOptions:
    hubs: tuple[Hub, ...]  # the hubs people belong to, in Ukrainian name order
    groups: tuple[str, ...]
    profiles: tuple[str, ...]


@dataclass(frozen=True)
class AreaStatus:
    """An area at a trainee's latest check: level and target codes, gap in levels (>0 = below target).
    An area no shown answer measured (core.records.measured) has no level and no gap, only its target."""

    level: str | None
    target: str | None
    gap: int | None
    measured: bool = True


@dataclass(frozen=True)
class TraineeRow:
    person_id: str
    name: str
    hub: str
    group: str
    profile_id: str | None
    checks: int
    last_check: datetime | None
    areas: Mapping[str, AreaStatus]
    needs_help: bool
    hub_id: str | None = None
    region_id: str | None = None  # the hub's region


def told_apart(rows: Sequence[TraineeRow], lang: str) -> list[str]:
    """The rows' names for a list that shows no other column (the group picture and its PDF): a name
    that more than one of the rows bears is followed by its hub, then by the group and the last check's
    day too where those are the same, as the trainee table shows them. On a region's data the first
    eight rows all read «Андрій Бойко», with nothing to tell them apart."""

    def details(row: TraineeRow, depth: int) -> tuple[str, ...]:
        day = format_date(local_day(row.last_check), lang) if row.last_check is not None else ""
        return tuple(d for d in (row.hub, row.group, day)[:depth] if d)

    labels: list[tuple[str, tuple[str, ...]]] = [(row.name, ()) for row in rows]
    for depth in (1, 2, 3):  # each step only where the name and the details so far still repeat
        repeated = Counter(labels)
        labels = [(row.name, details(row, depth)) if repeated[label] > 1 else label
                  for row, label in zip(rows, labels, strict=True)]
    return [f"{name} ({' · '.join(more)})" if more else name for name, more in labels]


@dataclass(frozen=True)
class ItemStat:
    """How often a knowledge or scenario question was answered not fully right ("don't know" included)."""

    item_id: str
    asked: int
    wrong: int
    share_wrong: float


@dataclass(frozen=True)
class BeforeAfter:
    """First versus latest check of people whose latest check in the filter is at least
    programme.AFTER_DAYS after their first (a retake the same week says nothing about the training).

    `share_high_*`: share of them rating themselves HIGH_RATING–10 (None when nobody gave a rating),
    `high_*` of `rated_*` people; `level_change`: per area, the mean change in level index, latest minus
    first.
    """

    people: int
    share_high_first: float | None
    share_high_latest: float | None
    level_change: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    high_first: int = 0
    rated_first: int = 0
    high_latest: int = 0
    rated_latest: int = 0


# Decimals of a mean change in levels, on the Before/after tab and in the group report alike: levels are
# whole steps (A1 to C2), and the tab's ▲, ▼ and = turn at half a tenth. The report wrote «+0,36» where
# the tab showed «+0,4» for the same trainees.
CHANGE_DIGITS = 1


def before_after_of(firsts: Sequence[int | None], latests: Sequence[int | None],
                 level_change: Mapping[str, float]) -> BeforeAfter:
    """The figures over the first and the latest self-ratings of the people compared."""
    first = [r for r in firsts if r is not None]
    latest = [r for r in latests if r is not None]
    return BeforeAfter(
        people=len(firsts), share_high_first=share_high(first), share_high_latest=share_high(latest),
        level_change=MappingProxyType(dict(level_change)),
        high_first=sum(r >= HIGH_RATING for r in first), rated_first=len(first),
        high_latest=sum(r >= HIGH_RATING for r in latest), rated_latest=len(latest))


# What the trainee table can be ordered by; an area's column is "area:" and the area's id.
ORDER_COLUMNS = ("name", "hub", "group", "role", "checks", "last_check", "needs_help")


@dataclass(frozen=True)
class TraineeOrder:
    """The trainee table's order: ties, and every order's last resort, go by name in Ukrainian order."""

    column: str = "name"
    descending: bool = False
    # By role: the roles' ids in the order their names read in the reader's language (the table shows
    # the names, not the ids); roles not named here follow, by id.
    roles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.column not in ORDER_COLUMNS and not self.column.startswith("area:"):
            raise ValueError(f"unknown order column {self.column!r}")


@dataclass(frozen=True)
class Dashboard:
    """The trainees selected by a filter: `rows` are the asked page of them (all when no limit was asked),
    `total` and `needing_help` count all of them."""

    rows: tuple[TraineeRow, ...]
    area_ids: tuple[str, ...]
    hard_questions: tuple[ItemStat, ...]
    before_after: BeforeAfter
    note: Message | None = None  # said once above the table, e.g. summaries a read-only role could not save
    total: int = 0
    needing_help: int = 0
    offset: int = 0  # the first row's place among all selected trainees


@dataclass(frozen=True)
class TraineeDetail:
    person: Person
    attempts: tuple[Attempt, ...]  # oldest first
    latest_result: QuizResult | None
    plan: Plan | None


@dataclass(frozen=True)
class BundleSummary:
    path: Path
    people: int
    attempts: int
    answers: int
    plans: int
    signed: bool


@dataclass(frozen=True)
class ImportReport:
    added: Mapping[str, int]
    unchanged: Mapping[str, int]
    signed: bool
    warnings: tuple[str, ...] = ()


def needs_help_of(areas: str) -> bool:
    """needs_help from a check summary's areas text ("level|target|gap" per area, joined by ";")."""
    gaps = (part.rsplit("|", 1)[1] for part in areas.split(";") if part)
    return needs_help(int(gap) if gap else None for gap in gaps)


def needs_help(gaps: Iterable[int | None]) -> bool:
    """The "needs help" mark, from the gaps of a trainee's latest finished check.

    True when any area is two or more levels below its target, or when at least half of the areas
    that have a target are below it. Areas without a target do not count; no check means no mark.
    """
    known = [g for g in gaps if g is not None]
    if not known:
        return False
    if any(g >= 2 for g in known):
        return True
    return 2 * sum(g > 0 for g in known) >= len(known)


def share_high(ratings: Sequence[int | None]) -> float | None:
    """Share of the given self-ratings at HIGH_RATING or above; None when none was given."""
    given = [r for r in ratings if r is not None]
    return None if not given else sum(r >= HIGH_RATING for r in given) / len(given)
