"""The programme's picture as plain data: filter, figures per region, the before/after headline, shares."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from digigram.core.coordination import HIGH_RATING
from digigram.core.i18n import N_, Message, format_count, quoted_names
from digigram.core.names import sort_key

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


def regions_by_name(lines: Sequence[RegionLine], names: Mapping[str, str]) -> tuple[RegionLine, ...]:
    """The regions' lines by their names as shown (`names`: id -> name in the reader's language), in
    the Ukrainian alphabet: "Вінницька, Волинська, Дніпропетровська…", not the ISO codes' order, which
    put Луганська before Дніпропетровська. People with no region come last."""
    return tuple(sorted(lines, key=lambda r: (r.region_id is None,
                                              *sort_key(names.get(r.region_id or "", r.region_id or "")),
                                              r.region_id or "")))


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
class CompetenceShare:
    competence_id: str
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
    # Below the role's target per competence, latest check per person, in the framework's order.
    competence_gaps: tuple[CompetenceShare, ...] = ()
    # People whose latest check had no shown answer in the area (core.records.measured), per area:
    # left out of its levels, gaps and said-versus-shown.
    unmeasured: Mapping[str, int] = field(default_factory=dict)

    @property
    def trainees(self) -> int:
        return sum(r.trainees for r in self.regions)

    @property
    def hubs(self) -> int:
        return sum(r.hubs for r in self.regions)

    @property
    def checks(self) -> int:
        return sum(r.checks for r in self.regions)


# Written into the report and shown on the Programme page: what each figure is, honestly.
DEFINITIONS = (
    # The Hubs dialog lists every hub (1,000 in a region) where this counted 846: say which count it is.
    N_("Trainees, hubs and checks: the people the selection holds (with a date, those with a check "
       "finished since then), the hubs those people belong to (a hub nobody is in yet is not counted) and "
       "their finished checks."),
    N_("Self-rating: the answer to “How would you rate your digital skills from 1 to 10?”, which Digigram "
       "asks at the start of every check (the one given at the end counts when the first was skipped). "
       "“High” is 7–10, as in the programme's survey (which used 0–10). Before: the person's first "
       "finished check in the selection. After: their latest finished check at least {days} days after "
       "it. Only people with both checks and a rating at both count, so both shares are of the same "
       "people; people who came back for a later check may differ from those who did not.", days=AFTER_DAYS),
    N_("95% interval: the Wilson score interval of the share; it shows how far the share could be "
       "from the true one by chance alone, not bias in who took part."),
    N_("Shown level: the level a person's answers showed in an area at their latest finished check in "
       "the selection."),
    N_("Below target: the share of people whose shown level in an area is below the target their role "
       "sets for that area, at their latest check; areas without a target for the role are left out."),
    N_("Below target by competence: the same for each competence, against the target the role sets for "
       "that competence. A competence is shown at the level of its area (the quiz measures areas), so "
       "competences of one area differ only by their targets. Checks whose stored result cannot be read "
       "are left out."),
    N_("Hardest questions: knowledge and scenario questions with the smallest share of fully right "
       "answers over all selected checks (“I don't know” and partly right answers count as not right); "
       "only questions with at least {n} answers are listed.", n=HARD_MIN_ANSWERS),
    N_("Said more than they showed: the share of people whose self-rating questions in an area gave a "
       "higher level than their answers did, at their latest check; only people asked such questions "
       "there count."),
)

def definitions(p: Programme, area_names: Mapping[str, str] | None = None,
                lang: str | None = None) -> list[Message]:
    """The definitions with this picture's own threshold for the hardest questions, after a line with
    how many people each area no shown answer measured leaves out of the figures (`area_names` names
    the areas in `lang`)."""
    found = [N_(m.msgid, n=p.hard_min_answers) if "{n}" in m.msgid else m for m in DEFINITIONS]
    if not p.unmeasured:
        return found
    names = area_names or {}
    left_out = ", ".join(f"{quoted_names([names.get(a, a)], lang)} ({format_count(n, lang)})"
                         for a, n in p.unmeasured.items())
    return [N_("Not measured, so left out of the shown levels, the shares below target and the shares who "
               "said more than they showed (people whose latest check had no question there that shows "
               "the skills): {areas}.", areas=left_out), *found]


def frozen_levels(found: Mapping[str, list[tuple[str, int]]]) -> Mapping[str, tuple[tuple[str, int], ...]]:
    return MappingProxyType({k: tuple(v) for k, v in found.items()})
