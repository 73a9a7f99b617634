"""From posteriors and answers to results: level bands, targets, gaps, evidence, say versus show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from digigram.core.framework import Profile
from digigram.core.irt import LOG_PRIOR, Posterior
from digigram.core.itembank import ENGINE_VERSION as ENGINE_VERSION  # stored with every result

if TYPE_CHECKING:
    from digigram.core.itembank import Choice, ItemBank
    from digigram.core.selection import AreaState

# The central share of the posterior shown as "a band, not a point".
BAND_SHARE = 0.8
# Say and show disagree when their difference exceeds this many standard errors of the difference …
DISAGREEMENT_Z = 1.96
# … and is at least this large (in logits): a difference nobody would notice is not worth a conversation.
MIN_DIFFERENCE = 0.5
# The comparison estimates each side under a wide N(0, 2²) prior: under N(0, 1) the side with fewer
# answers is pulled harder towards the middle, which would look like a difference where there is none.
COMPARE_PRIOR_SD = 2.0


@dataclass(frozen=True)
class Evidence:
    """One answer as shown with the results; `category` is None for attitudes (never scored)."""

    item_id: str
    competence_id: str
    area_id: str
    kind: str
    choice: Choice
    score: float
    category: int | None
    correct: tuple[int, ...]  # the options a fully right answer chooses (knowledge and scenario)


@dataclass(frozen=True)
class SelfVsShown:
    """One area estimated from self-ratings alone and from knowledge and scenario questions alone."""

    theta_self: float
    sd_self: float
    theta_shown: float
    sd_shown: float
    flag: bool  # the difference is larger than the uncertainty allows

    @property
    def difference(self) -> float:
        """Positive when people rate themselves higher than their answers show."""
        return self.theta_self - self.theta_shown

    @property
    def sd(self) -> float:
        """The standard error of the difference."""
        return float((self.sd_self**2 + self.sd_shown**2) ** 0.5)


@dataclass(frozen=True)
class PersonSelfVsShown:
    """Said versus shown over all areas together: a precision-weighted mean of the areas' differences.

    Pooling gives the power one area's handful of answers lacks. Positive: rates themselves higher.
    """

    difference: float
    sd: float
    flag: bool
    areas: int  # areas with both self-ratings and shown answers

    @property
    def direction(self) -> int:
        """+1 when flagged as saying more than shown, -1 when saying less, 0 when not flagged."""
        return 0 if not self.flag else (1 if self.difference > 0 else -1)


@dataclass(frozen=True)
class SaidLevel:
    """What the person says: the area's estimate from self-ratings alone, on the same level scale."""

    theta: float
    sd: float
    level: str
    level_index: int
    band: tuple[str, str]
    items: int


@dataclass(frozen=True)
class AreaResult:
    area_id: str
    theta: float
    sd: float
    level: str  # the most probable level
    level_index: int
    level_probability: float
    level_probabilities: Mapping[str, float]
    band: tuple[str, str]  # levels holding the central 80 % of the posterior
    target: str | None
    p_below_target: float | None
    gap: int | None  # levels still to climb to the target (0 when reached)
    items: int  # shown answers (knowledge and scenario): the level's evidence
    said: SaidLevel | None  # from self-ratings alone; None when none were asked
    self_vs_shown: SelfVsShown | None
    stopped: str | None  # why the area stopped asking; None while it goes on
    attitudes: tuple[Evidence, ...]


@dataclass(frozen=True)
class CompetenceResult:
    competence_id: str
    area_id: str
    target: str | None
    gap: int | None  # from the area's level and this competence's target
    evidence: tuple[Evidence, ...]


def _shown(comp: CompetenceResult) -> list[Evidence]:
    """The competence's shown answers: knowledge and scenario questions, on which the level rests. A
    self-rating says, it does not show; it never moves the level nor counts as shown either way."""
    return [e for e in comp.evidence if e.kind in ("knowledge", "scenario") and e.category is not None]


# A verdict whose other side has at least this chance is not sure: the results name that chance beside it
# (ui.texts.below_chance_text), and a plan does not call a step reached on it (plan.reached_surely).
UNSURE = 0.1


def chance_below(area: AreaResult, target: str, levels: Sequence[str]) -> float:
    """The chance that the area's level lies below `target`, `levels` being the framework's level codes
    lowest first. The area's own target has it stored; another is summed from the level probabilities,
    by the framework's order (a stored mapping's order is the file's, which need not be the levels').
    1.0, as unsure as can be, when the target or a level's probability is unknown."""
    if target == area.target and area.p_below_target is not None:
        return area.p_below_target
    if target not in levels or any(code not in area.level_probabilities for code in levels):
        return 1.0
    return sum(area.level_probabilities[code] for code in levels[:levels.index(target)])


def not_shown_yet(comp: CompetenceResult) -> bool:
    """At its target by its area's level, yet every shown answer to it was the lowest one (a wrong
    answer, "I don't know", the poorest action): it has not shown the target reached, and the results
    and the plan say so, however high the person rated themselves in it."""
    shown = _shown(comp)
    return comp.gap == 0 and bool(shown) and all(e.score <= 0 for e in shown)


def shown_at_target(comp: CompetenceResult) -> bool:
    """At its target, and its own answers show it: it has shown answers (knowledge, scenario; the level
    rests on those alone), every one fully right. Otherwise a competence at its target is there by its
    area's level only: a half-right answer, or self-ratings alone, do not show the target reached."""
    shown = _shown(comp)
    return comp.gap == 0 and bool(shown) and all(e.score >= 1.0 for e in shown)


@dataclass(frozen=True)
class QuizResult:
    framework_id: str
    framework_version: str
    profile_id: str | None
    mode: str
    finished: bool
    asked: int
    areas: Mapping[str, AreaResult]
    competences: Mapping[str, CompetenceResult]
    self_vs_shown: PersonSelfVsShown | None = None
    engine_version: str = ENGINE_VERSION
    params_source: str = ""  # "file", "provisional" or "mixed: …" (see ItemBank.params_source)


@dataclass(frozen=True)
class Summary:
    theta: float
    sd: float
    level_index: int
    probabilities: tuple[float, ...]
    band: tuple[int, int]
    p_below: float | None


def summarise(bank: ItemBank, posterior: Posterior, target_index: int | None) -> Summary:
    """Mean, SD, level probabilities, the 80 % band and P(below target) of one posterior."""
    w = posterior.weights()
    mean, sd = posterior.mean_sd()
    probs = w @ bank.band
    tail = (1.0 - BAND_SHARE) / 2
    band = (bank.scale.index_of(posterior.quantile(tail)), bank.scale.index_of(posterior.quantile(1 - tail)))
    p_below: float | None = None
    if target_index is not None:
        p_below = 0.0
        if target_index > 0:
            p_below = float(w @ bank.scale.below_fraction(bank.scale.cuts[target_index - 1]))
    return Summary(mean, sd, int(np.argmax(probs)), tuple(float(p) for p in probs), band, p_below)


def _posterior_of(bank: ItemBank, evidence: Sequence[Evidence], *, prior_sd: float = 1.0) -> Posterior:
    post = Posterior(LOG_PRIOR / prior_sd**2)
    for ev in evidence:
        table = bank.loglik[bank.row[ev.item_id]]
        if table is not None and ev.category is not None:
            post.add(table[ev.category])
    return post


def disagrees(difference: float, sd: float) -> bool:
    return abs(difference) >= MIN_DIFFERENCE and abs(difference) > DISAGREEMENT_Z * sd


def self_vs_shown(bank: ItemBank, evidence: Sequence[Evidence]) -> SelfVsShown | None:
    said = [e for e in evidence if e.kind == "self_rating"]
    shown = [e for e in evidence if e.kind in ("knowledge", "scenario")]
    if not said or not shown:
        return None
    m1, s1 = _posterior_of(bank, said, prior_sd=COMPARE_PRIOR_SD).mean_sd()
    m2, s2 = _posterior_of(bank, shown, prior_sd=COMPARE_PRIOR_SD).mean_sd()
    return SelfVsShown(m1, s1, m2, s2, disagrees(m1 - m2, (s1**2 + s2**2) ** 0.5))


def pooled_self_vs_shown(areas: Sequence[SelfVsShown]) -> PersonSelfVsShown | None:
    """The person-level comparison from the areas' own (independent given the answers)."""
    if not areas:
        return None
    weights = [1.0 / a.sd**2 for a in areas]
    total = sum(weights)
    difference = sum(w * a.difference for w, a in zip(weights, areas, strict=True)) / total
    sd = total**-0.5
    return PersonSelfVsShown(difference, sd, disagrees(difference, sd), len(areas))


def said_level(bank: ItemBank, evidence: Sequence[Evidence]) -> SaidLevel | None:
    said = [e for e in evidence if e.kind == "self_rating" and e.category is not None]
    if not said:
        return None
    s = summarise(bank, _posterior_of(bank, said), None)
    codes = bank.scale.codes
    return SaidLevel(s.theta, s.sd, codes[s.level_index], s.level_index,
                     (codes[s.band[0]], codes[s.band[1]]), len(said))


def build_result(
    bank: ItemBank,
    *,
    profile: Profile | None,
    mode: str,
    areas: Sequence[AreaState],
    evidence: Sequence[Evidence],
    finished: bool,
) -> QuizResult:
    """The whole result of a quiz, at any moment."""
    fw = bank.framework
    codes = bank.scale.codes
    area_results: dict[str, AreaResult] = {}
    for state in areas:
        area_ev = [e for e in evidence if e.area_id == state.area_id]
        target = profile.area_target(state.area_id) if profile is not None else None
        t_index = fw.level_index(target) if target is not None else None
        s = summarise(bank, state.posterior, t_index)
        area_results[state.area_id] = AreaResult(
            area_id=state.area_id,
            theta=s.theta,
            sd=s.sd,
            level=codes[s.level_index],
            level_index=s.level_index,
            level_probability=s.probabilities[s.level_index],
            level_probabilities=MappingProxyType(dict(zip(codes, s.probabilities, strict=True))),
            band=(codes[s.band[0]], codes[s.band[1]]),
            target=target,
            p_below_target=s.p_below,
            gap=None if t_index is None else max(0, t_index - s.level_index),
            items=sum(e.kind in ("knowledge", "scenario") for e in area_ev),
            said=said_level(bank, area_ev),
            self_vs_shown=self_vs_shown(bank, area_ev),
            stopped=state.stopped,
            attitudes=tuple(e for e in area_ev if e.category is None),
        )
    competences: dict[str, CompetenceResult] = {}
    for area_id, result in area_results.items():
        for comp in fw.area(area_id).competences:
            target = profile.target_for(comp.id, area_id) if profile is not None else None
            gap = None if target is None else max(0, fw.level_index(target) - result.level_index)
            ev = tuple(e for e in evidence if e.competence_id == comp.id)
            competences[comp.id] = CompetenceResult(comp.id, area_id, target, gap, ev)
    return QuizResult(
        framework_id=fw.id,
        framework_version=fw.version,
        profile_id=profile.id if profile is not None else None,
        mode=mode,
        finished=finished,
        asked=len(evidence),
        areas=MappingProxyType(area_results),
        competences=MappingProxyType(competences),
        self_vs_shown=pooled_self_vs_shown(
            [a.self_vs_shown for a in area_results.values() if a.self_vs_shown is not None]
        ),
        engine_version=bank.engine_version,
        params_source=bank.params_source,
    )
