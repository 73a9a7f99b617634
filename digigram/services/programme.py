"""The programme's picture from the database's GROUP BY counts: what the report and the Programme tab show.

Read-only: nothing here writes, so the analyst role (SELECT only) gets the same picture.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from types import MappingProxyType

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.coordination import HIGH_RATING
from digigram.core.errors import DigigramError
from digigram.core.framework import Framework
from digigram.core.i18n import N_
from digigram.core.programme import (
    AFTER_DAYS,
    HARD_MIN_ANSWERS,
    HARD_TOP,
    AreaShare,
    CompetenceShare,
    Headline,
    Programme,
    ProgrammeFilter,
    QuestionLine,
    RegionLine,
    Share,
    frozen_levels,
)
from digigram.core.regions import Hub, Region
from digigram.services.hubs import find_region
from digigram.services.summaries import competence_order, competence_states, loads_for, mark_of
from digigram.store.repo import programme as rows


def picture(sessions: sessionmaker[Session], framework: Framework, f: ProgrammeFilter, *,
            min_answers: int = HARD_MIN_ANSWERS) -> Programme:
    area_ids = tuple(a.id for a in framework.areas)
    order = {lv.code: lv.index for lv in framework.levels}
    place = competence_order(framework)
    marked = {item.id for item in framework.items if item.kind in ("knowledge", "scenario")}

    def marks_or_answers(session: Session) -> tuple[list[bytes], list[tuple[str, str, int]] | None]:
        # The check summaries (kept by whoever may write) carry each check's marks; without one for
        # every selected check (a fresh import seen only by the read-only analyst) the answers are read.
        missing, marks = rows.check_marks(session, f, framework.content_hash)
        return marks, rows.answer_counts(session, f) if missing else None

    # The report's few large GROUP BYs (each sorting in memory, as the dashboard's do) at once on
    # PostgreSQL, on one snapshot; the slowest, per competence, first.
    competences, areas, (people, before, after), regions, (marks, answers) = rows.read_together(sessions, [
        lambda session: rows.competence_gaps(session, f, framework.content_hash, len(place)),
        lambda session: rows.area_counts(session, f),
        lambda session: rows.headline(session, f, after_days=AFTER_DAYS, high_from=HIGH_RATING),
        lambda session: rows.regions(session, f),
        marks_or_answers,
    ])

    levels: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    below: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    over: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unmeasured: dict[str, int] = defaultdict(int)
    for area_id, level, said, gap, n in areas:
        if level is None:  # no shown answer measured it (gap state -2): no level, gap or said-vs-shown
            unmeasured[area_id] += n
            continue
        levels[area_id][level] += n
        if gap >= 0:
            below[area_id][0] += n if gap == 1 else 0
            below[area_id][1] += n
        if said is not None and said in order and level in order:
            over[area_id][0] += n if order[said] > order[level] else 0
            over[area_id][1] += n
    known = [a for a in area_ids if a in levels] + sorted(a for a in levels if a not in area_ids)
    level_table = {a: [(code, levels[a][code]) for code in sorted(levels[a], key=lambda c: order.get(c, 99))]
                   for a in known}

    right = _right_from_answers(framework, answers, marked) if answers is not None else \
        _right_from_marks(framework, marks)
    hardest = sorted((QuestionLine(i, Share(r, n)) for i, (r, n) in right.items() if n >= min_answers),
                     key=lambda q: (q.right.count / q.right.n, -q.right.n, q.item_id))[:HARD_TOP]

    # The framework's order (areas, then their competences); competences it does not know come last.
    by_competence = tuple(CompetenceShare(c, a, Share(below_n, n)) for c, a, n, below_n in sorted(
        _gaps_from_summaries(framework, *competences), key=lambda r: (place.get(r[0], len(place)), r[0])))

    def shares(found: dict[str, list[int]]) -> tuple[AreaShare, ...]:
        return tuple(AreaShare(a, Share(*found[a])) for a in known if a in found and found[a][1])

    return Programme(
        filter=f,
        regions=tuple(sorted((RegionLine(*r) for r in regions), key=lambda r: (r.region_id is None,
                                                                                r.region_id or ""))),
        headline=Headline(before=Share(before, people), after=Share(after, people)),
        levels=frozen_levels(level_table),
        gaps=shares(below),
        hardest=tuple(hardest),
        over_confident=shares(over),
        hard_min_answers=min_answers,
        area_ids=tuple(known),
        competence_gaps=by_competence,
        unmeasured=MappingProxyType({a: unmeasured[a] for a in area_ids if unmeasured[a]}
                                    | {a: n for a, n in sorted(unmeasured.items()) if a not in area_ids}),
    )


def _right_from_answers(framework: Framework, answers: list[tuple[str, str, int]],
                        marked: set[str]) -> dict[str, list[int]]:
    """[fully right, answered] per question; each distinct (question, choice) scored once."""
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item_id, choice, n in answers:
        if item_id not in marked:
            continue  # self-ratings and attitudes have no right answer
        mark = mark_of(framework, item_id, choice)
        right[item_id][0] += n if mark == 1 else 0
        right[item_id][1] += n
    return right


def _right_from_marks(framework: Framework, blobs: list[bytes]) -> dict[str, list[int]]:
    """[fully right, answered] per question from the checks' stored marks (1 right, 2 not, 0 not asked)."""
    if not blobs:
        return {}
    import numpy as np

    # One byte per question a check; a blob may hold several checks' rows joined.
    grid = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(-1, len(framework.items))
    asked = np.count_nonzero(grid, axis=0)
    fully = np.count_nonzero(grid == 1, axis=0)
    return {item.id: [int(fully[k]), int(asked[k])] for k, item in enumerate(framework.items) if asked[k]}


def _gaps_from_summaries(framework: Framework, blobs: list[bytes],
                         results: list[str]) -> list[tuple[str, str, int, int]]:
    """(competence, area, people with a target, of them below it): the summaries' gap bytes (0 no
    target, 1 at or above, 2 below; one byte per competence in framework order) added to the same
    states of the competences in the stored results of the checks without them."""
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    loads = loads_for(len(results))
    for text in results:
        for competence_id, area_id, state in competence_states(text, loads):
            if state:
                totals[(competence_id, area_id)][0] += 1
                totals[(competence_id, area_id)][1] += state == 2
    competences = [(c.id, c.area_id) for c in framework.competences]
    if blobs:
        import numpy as np

        grid = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(-1, len(competences))
        with_target = np.count_nonzero(grid, axis=0)
        below = np.count_nonzero(grid == 2, axis=0)
        for k, key in enumerate(competences):
            totals[key][0] += int(with_target[k])
            totals[key][1] += int(below[k])
    return [(c, a, n, below_n) for (c, a), (n, below_n) in totals.items() if n]


def resolve(regions: list[Region], hubs: list[Hub], *, region: str | None, hub: str | None,
            since: date | None) -> ProgrammeFilter:
    """The filter a person typed: a region by its ISO code (UA-46, also "46") or its name in uk or en, a
    hub by its id or its name; a DigigramError naming the unknown one otherwise."""
    region_id = hub_id = None
    if region is not None and region.strip():
        region_id = find_region(regions, region).id
    if hub is not None and hub.strip():
        wanted = " ".join(hub.split())
        hits = ([h for h in hubs if h.id == wanted]
                or [h for h in hubs if h.name.casefold() == wanted.casefold()])
        if region_id is not None and len(hits) > 1:
            hits = [h for h in hits if h.region_id == region_id]
        if not hits:
            raise DigigramError(N_("Unknown hub {hub!r}: give its id or its exact name.", hub=hub))
        if len(hits) > 1:
            raise DigigramError(N_("Several hubs are called {hub!r}; give the hub's id or the region too.",
                                   hub=hub))
        hub_id = hits[0].id
        if region_id is not None and hits[0].region_id != region_id:
            raise DigigramError(N_("The hub {hub!r} is not in the region {region!r}.",
                                   hub=hub, region=region))
    return ProgrammeFilter(region_id=region_id, hub_id=hub_id, since=since)

