"""The dashboard put together from the repository's SQL rows: trainee rows, hard questions, before/after."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from types import MappingProxyType

from sqlalchemy.orm import Session

from digigram.core.coordination import (
    AreaStatus,
    BeforeAfter,
    Dashboard,
    DashboardFilter,
    ItemStat,
    TraineeRow,
    needs_help,
    share_high,
    sort_key,
)
from digigram.core.framework import Framework
from digigram.core.itembank import normalise_choice, score_answer
from digigram.store import repo_dashboard
from digigram.store.repo_dashboard import CheckLine

# A question counts as hard only once it was asked this many times in the selection (noise otherwise).
HARD_MIN_ASKED = 3
HARD_TOP = 10


def _area_order(framework: Framework, seen: Iterable[str]) -> tuple[str, ...]:
    """The framework's areas in its order, then any area only older frameworks had."""
    known = [a.id for a in framework.areas]
    extra = sorted(set(seen) - set(known))
    return (*known, *extra)


def hard_questions(framework: Framework, counts: Iterable[tuple[str, object, int]]) -> tuple[ItemStat, ...]:
    """Knowledge and scenario questions by share of answers that were not fully right.

    "I don't know" counts as not right. Answers to questions the current framework no longer has,
    or that no longer fit them, are left out.
    """
    asked: dict[str, int] = defaultdict(int)
    wrong: dict[str, int] = defaultdict(int)
    for item_id, stored, n in counts:
        if not framework.has_item(item_id):
            continue
        item = framework.item(item_id)
        if item.kind not in ("knowledge", "scenario"):
            continue
        try:
            choice = normalise_choice(framework, item, stored)
            score = score_answer(framework, item, choice).score
        except Exception:  # an answer stored on an older version that no longer fits the question
            continue
        asked[item_id] += n
        if score < 1.0 - 1e-9:
            wrong[item_id] += n
    stats = [ItemStat(i, asked[i], wrong[i], wrong[i] / asked[i])
             for i in asked if asked[i] >= HARD_MIN_ASKED and wrong[i] > 0]
    stats.sort(key=lambda s: (-s.share_wrong, -s.wrong, s.item_id))
    return tuple(stats[:HARD_TOP])


def before_after(
    framework: Framework, by_person: dict[str, list[CheckLine]], pairs: Sequence[tuple[str, str, str]]
) -> BeforeAfter:
    several = [cs for cs in by_person.values() if len(cs) >= 2]
    index = {lv.code: lv.index for lv in framework.levels}
    sums: dict[str, float] = defaultdict(float)
    ns: dict[str, int] = defaultdict(int)
    for area_id, first, latest in pairs:
        if first in index and latest in index:
            sums[area_id] += index[latest] - index[first]
            ns[area_id] += 1
    change = {a: sums[a] / ns[a] for a in _area_order(framework, ns) if ns.get(a)}
    return BeforeAfter(
        people=len(several),
        share_high_first=share_high([cs[0].rating for cs in several]),
        share_high_latest=share_high([cs[-1].rating for cs in several]),
        level_change=MappingProxyType(change),
    )


def build(session: Session, framework: Framework, f: DashboardFilter) -> Dashboard:
    people = repo_dashboard.people(session, f)
    by_person: dict[str, list[CheckLine]] = defaultdict(list)
    for check in repo_dashboard.checks(session, f):
        by_person[check.person_id].append(check)
    # Many trainees share the same (level, target, gap): one frozen object each saves most allocations.
    interned: dict[tuple[str, str | None, int | None], AreaStatus] = {}
    areas: dict[str, dict[str, AreaStatus]] = defaultdict(dict)
    seen: set[str] = set()
    first_levels: dict[tuple[str, str], str] = {}
    pairs: list[tuple[str, str, str]] = []
    for person_id, is_first, is_latest, area_id, level, target, gap in repo_dashboard.first_and_latest_areas(
            session, f):
        if is_first and is_latest:
            pass  # a single check: no before and after
        elif is_first:
            first_levels[(person_id, area_id)] = level
            continue
        else:
            pairs.append((person_id, area_id, level))
        key = (level, target, gap)
        status = interned.get(key)
        if status is None:
            status = interned[key] = AreaStatus(level, target, gap)
        areas[person_id][area_id] = status
        seen.add(area_id)
    empty: MappingProxyType[str, AreaStatus] = MappingProxyType({})
    rows = []
    for p in people:
        mine = by_person.get(p.person_id, ())
        latest = areas.get(p.person_id)
        rows.append(TraineeRow(
            person_id=p.person_id, name=p.name, hub=p.hub, group=p.group, profile_id=p.profile_id,
            checks=len(mine), last_check=mine[-1].finished_at if mine else None,
            areas=MappingProxyType(latest) if latest else empty,
            needs_help=needs_help(s.gap for s in latest.values()) if latest else False,
        ))
    rows.sort(key=lambda r: (sort_key(r.name), r.person_id))
    return Dashboard(
        rows=tuple(rows),
        area_ids=_area_order(framework, seen),
        hard_questions=hard_questions(framework, repo_dashboard.answer_counts(session, f)),
        before_after=before_after(framework, by_person, [
            (area_id, first_levels[(person_id, area_id)], latest)
            for person_id, area_id, latest in pairs if (person_id, area_id) in first_levels]),
    )
