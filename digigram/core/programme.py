"""The programme's picture as plain data: filter, figures per region, the before/after headline, shares."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from digigram.core.coordination import HIGH_RATING

# "After" is a person's latest finished check at least this many days after their first one: a re-check
# the same week says little about training.
AFTER_DAYS = 28
# A question is listed among the hardest only with at least this many answers in the selection.
HARD_MIN_ANSWERS = 30
HARD_TOP = 15
Z95 = 1.959963984540054


@dataclass(frozen=True)
class ProgrammeFilter:
    """Which people the picture covers; None means "any". `since` bounds the finished checks counted."""

    region_id: str | None = None
    hub_id: str | None = None
    since: date | None = None


@dataclass(frozen=True)
class Share:
    """`count` of `n`, with its Wilson score 95 % interval (low, high); all None-safe for n = 0."""

    count: int
    n: int

    @property
    def value(self) -> float | None:
        return self.count / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.count, self.n)


def wilson(count: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for a proportion: stays inside 0–1 and is sound for small n and shares near
    0 or 1, where the textbook p ± z·SE is not."""
    if n <= 0:
        return None
    p = count / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class RegionLine:
    region_id: str | None  # None: people whose hub has no region (or who have no hub) yet
    trainees: int
    hubs: int
    checks: int


@dataclass(frozen=True)
class Headline:
    """People with a first check and a later one at least AFTER_DAYS on, both with a self-rating.

    `before`/`after`: how many of them rated themselves HIGH_RATING–10 at the first / that later check.
    """

    before: Share
    after: Share
    high_from: int = HIGH_RATING
    after_days: int = AFTER_DAYS


@dataclass(frozen=True)
class AreaShare:
    area_id: str
    share: Share


@dataclass(frozen=True)
class QuestionLine:
    item_id: str
    right: Share  # fully right answers of all answers ("don't know" counts as not right)


@dataclass(frozen=True)
class Programme:
    filter: ProgrammeFilter
    regions: tuple[RegionLine, ...]
    headline: Headline
    # Latest check per person: area -> ((level code, people), …) in the framework's level order.
    levels: Mapping[str, tuple[tuple[str, int], ...]]
    gaps: tuple[AreaShare, ...]  # below the role's target, latest check per person
    hardest: tuple[QuestionLine, ...]
    over_confident: tuple[AreaShare, ...]  # said level above shown level, latest check per person
    hard_min_answers: int = HARD_MIN_ANSWERS
    area_ids: tuple[str, ...] = field(default_factory=tuple)

    @property
    def trainees(self) -> int:
        return sum(r.trainees for r in self.regions)

    @property
    def hubs(self) -> int:
        return sum(r.hubs for r in self.regions)

    @property
    def checks(self) -> int:
        return sum(r.checks for r in self.regions)


def frozen_levels(found: Mapping[str, list[tuple[str, int]]]) -> Mapping[str, tuple[tuple[str, int], ...]]:
    return MappingProxyType({k: tuple(v) for k, v in found.items()})
