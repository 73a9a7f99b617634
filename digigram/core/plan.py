"""Development plan suggestions: for each competence below its target, the resources that fit it best."""

from __future__ import annotations

from dataclasses import dataclass

from digigram.core.framework import Framework, Resource
from digigram.core.i18n import N_, normalise
from digigram.core.records import measured
from digigram.core.scoring import UNSURE, CompetenceResult, QuizResult, chance_below, not_shown_yet


@dataclass(frozen=True)
class Suggestion:
    """One suggested step: a competence to develop from `level` to `target`, with resources in order."""

    competence_id: str
    area_id: str
    level: str
    target: str
    gap: int
    resources: tuple[Resource, ...]


def _fits_levels(resource: Resource, framework: Framework, low: int, high: int) -> bool:
    """Whether the resource's level range meets the climb from `low` to `high` (no range fits all)."""
    if resource.levels is None:
        return True
    lo, hi = (framework.level_index(code) for code in resource.levels)
    return lo <= high and hi >= low


def reaches_target(comp: CompetenceResult) -> bool:
    """At its target and not left unshown (scoring.not_shown_yet): a competence the plan needs no step
    for. The plan screen marks steps of such competences as reached in the latest check."""
    return comp.gap is not None and comp.target is not None and comp.gap <= 0 and not not_shown_yet(comp)


def reached_surely(result: QuizResult, comp: CompetenceResult, framework: Framework) -> bool:
    """Whether a check may call a planned step for the competence reached: at its target
    (reaches_target), and, from a quick scan, with less than a 10 % chance of being below it.

    A quick scan is rough by design: it may stop an area after a shown answer or two, and then the
    prior weighs as much as the answers. One answered at the lowest throughout left an area at its
    target with a 27 % chance of being below it, and its steps were called reached, for competences it
    never asked. The results name that chance beside the tick; the plan does not call such steps
    reached. A full check stops an area when its verdict is clear, and its tick stands as it is."""
    if not reaches_target(comp) or comp.target is None or not measured(result.areas[comp.area_id]):
        return False  # an area not measured reaches nothing: its level is the prior's
    if result.mode != "quick":
        return True
    levels = [level.code for level in framework.levels]
    return chance_below(result.areas[comp.area_id], comp.target, levels) < UNSURE


def suggest(
    result: QuizResult,
    framework: Framework,
    *,
    lang: str | None = None,
    offline_first: bool = False,
) -> list[Suggestion]:
    """Steps for every competence with a gap, largest gap first, then in framework order; and for one
    at its target by its area's level that has not shown it (scoring.not_shown_yet), last. Areas not
    measured (records.measured) give no step: their level is the prior's, no gap at all.

    Resources are matched by competence and its area, and by level range. When asked, offline handouts
    come before anything needing the internet; then ones in `lang` (a Ukrainian reader was given an
    English handout because a missed question linked to it); then, in that order, resources linked to
    questions the person did not get fully right, the competence's own before its area's, and those
    starting nearest the person's level.
    """
    order = {c.id: n for n, c in enumerate(framework.competences)}
    steps: list[Suggestion] = []
    for comp in sorted(result.competences.values(), key=lambda c: order.get(c.competence_id, 0)):
        area = result.areas[comp.area_id]
        if comp.gap is None or comp.target is None or reaches_target(comp) or not measured(area):
            continue  # an area not measured has no gap to close, and none closed either
        low, high = area.level_index, framework.level_index(comp.target)
        missed = {
            rid
            for ev in comp.evidence
            if ev.category is not None and ev.score < 1.0
            for rid in framework.item(ev.item_id).resources
        }
        ranked = []
        for res in framework.resources:
            direct = comp.competence_id in res.competences
            if not (direct or comp.area_id in res.competences) or not _fits_levels(res, framework, low, high):
                continue
            start = framework.level_index(res.levels[0]) if res.levels is not None else low
            key = (
                offline_first and not res.offline,
                lang is not None and res.language is not None and res.language != lang,
                res.id not in missed,
                not direct,
                abs(start - low),
                res.minutes if res.minutes is not None else 10**6,
                res.id,
            )
            ranked.append((key, res))
        ranked.sort(key=lambda kr: kr[0])
        steps.append(Suggestion(comp.competence_id, comp.area_id, area.level, comp.target, comp.gap,
                              tuple(r for _, r in ranked)))
    steps.sort(key=lambda s: -s.gap)  # stable: framework order within the same gap
    return steps


def goal_text(goal: str, framework: Framework, *, competence_id: str, profile_id: str | None,
              lang: str | None) -> str:
    """The goal as the reader sees it: the person's own words, or, when they kept the suggested goal
    (stored as an empty text so that it reads in whatever language the plan is opened in), "reach
    the profile's target level in this competence"."""
    if goal:
        return goal
    code = normalise(lang)
    try:
        competence = framework.competence(competence_id)
    except KeyError:
        return competence_id
    known = {p.id: p for p in framework.profiles}
    profile = known.get(profile_id or "") or (framework.profiles[0] if framework.profiles else None)
    name = competence.name.get(code)
    if profile is None:
        return name
    target = profile.target_for(competence.id, competence.area_id)
    return N_("Reach level {target}: {competence}", target=target, competence=name).render(code)
