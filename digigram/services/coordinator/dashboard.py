"""The dashboard put together from the repository's SQL rows: trainee rows, hard questions, before/after."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.coordination import (
    AreaStatus,
    BeforeAfter,
    Dashboard,
    DashboardFilter,
    ItemStat,
    TraineeOrder,
    TraineeRow,
    before_after_of,
    needs_help,
)
from digigram.core.framework import Framework
from digigram.core.i18n import N_, Message
from digigram.core.names import name_key, sort_key
from digigram.core.programme import AFTER_DAYS, HARD_MIN_ANSWERS
from digigram.services.summaries import BATCH, Summary, fill_gaps, summarise
from digigram.store.db import WriteRefused, transaction, write_refused
from digigram.store.repo import dashboard as dashboard_rows
from digigram.store.repo.dashboard import CheckLine, TraineeLine

SUMMARIES_NOT_SAVED = N_(
    "This account may only read, so the check summaries were worked out for this view and not saved; "
    "opening takes longer until an account that may write opens the dashboard once.")

# A question counts as hard only once it was asked this many times in the selection (noise otherwise).
HARD_TOP = 10


def _status(text: str, cache: dict[str, AreaStatus]) -> AreaStatus:
    found = cache.get(text)
    if found is None:
        level, target, gap = text.split("|")
        # No level: an area no shown answer measured (services.summaries.area_text).
        found = cache[text] = AreaStatus(level or None, target or None, int(gap) if gap else None,
                                         measured=bool(level))
    return found


def refresh_summaries(
        sessions: sessionmaker[Session], framework: Framework, *, batch: int = BATCH,
        progress: Callable[[int, int], None] | None = None) -> tuple[list[Summary], Message | None]:
    """Summarise and store every finished check not yet summarised on this framework version.

    Checks finished or imported by this release come with their summaries; this is for those of older
    releases, a new framework version, or rows copied in by other means. Returns the new summaries
    and, when the database refused to store them (a read-only role such as the regional analyst, or a
    write-protected file), a plain note: the summaries then serve this view only and nothing is written.
    Summaries made before they kept their competences' gaps (revision 0010) get them, where allowed.
    `progress` hears (checks summarised, in all) as they are.
    """
    with sessions() as session:
        todo = dashboard_rows.unsummarised(session, framework.content_hash)
    found = summarise(sessions, framework, todo, progress=progress) if todo else []
    try:
        for start in range(0, len(found), batch):
            with transaction(sessions) as session:
                dashboard_rows.save_summaries(session, framework.content_hash, found[start:start + batch])
    except Exception as exc:  # the driver's own error: the rows go through its cursor, not SQLAlchemy's
        if not _refused(exc):
            raise
        return found, SUMMARIES_NOT_SAVED
    try:  # summaries made before they kept their gaps: without them the report counts from the rows
        with transaction(sessions) as session:
            fill_gaps(session, framework)
    except Exception as exc:
        if not _refused(exc):
            raise
    return found, None


def _refused(exc: Exception) -> bool:
    """Whether the database refused a write for good: a read-only role or a write-protected file."""
    refused = exc if isinstance(exc, WriteRefused) else write_refused(exc)
    return refused is not None and refused.reason in ("role", "read-only")


def hard_from_marks(framework: Framework, blobs: Sequence[bytes]) -> tuple[ItemStat, ...]:
    if not blobs:
        return ()
    import numpy as np

    # Rows of one byte per item; a blob may hold several checks' rows joined (see dashboard_rows.marks).
    grid = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(-1, len(framework.items))
    asked = (grid > 0).sum(axis=0)
    wrong = (grid == 2).sum(axis=0)
    # The Programme tab's and the report's minimum: with three answers, "11 of 11" and "3 of 3" (100 %)
    # stood above "1079 of 1143", and the two tabs named different questions the hardest.
    stats = [ItemStat(item.id, int(asked[k]), int(wrong[k]), float(wrong[k] / asked[k]))
             for k, item in enumerate(framework.items) if asked[k] >= HARD_MIN_ANSWERS and wrong[k] > 0]
    stats.sort(key=lambda s: (-s.share_wrong, -s.wrong, s.item_id))
    return tuple(stats[:HARD_TOP])


def build(sessions: sessionmaker[Session], framework: Framework, f: DashboardFilter, *,
          order: TraineeOrder | None = None, offset: int = 0, limit: int | None = None,
          figures: bool = True, counted: tuple[int, int] | None = None) -> Dashboard:
    """The dashboard for the filter.

    With a `limit`, one page of trainees in `order` is read in SQL, with the counts of all of them;
    `figures=False` leaves out the hard questions and the before/after figures (other pages of the
    screen, see `figures`). Without a limit, everyone (exports). Checks finished or imported by this
    release come summarised; checks without a summary (an older release's, a new framework version)
    are summarised first, as far as this account may store them, else worked out in memory.
    `counted`: (trainees, needing help) of this filter as its first page gave them, its checks all
    summarised then: a further page or another order of the same trainees is not counted again.
    """
    order = order or TraineeOrder()
    fw = framework.content_hash
    if limit is not None:
        with sessions() as session:
            dashboard_rows.roomy(session)
            # Counting folds every selected check: a third of a page's time in a region, at every page.
            total, helped, missing = (*counted, 0) if counted else dashboard_rows.counts(session, f, fw)
            if not missing:
                return _page(session, framework, f, order=order, offset=offset, limit=limit, total=total,
                             helped=helped, figures=figures)
        if refresh_summaries(sessions, framework)[1] is None:  # stored: read in SQL after all
            return build(sessions, framework, f, order=order, offset=offset, limit=limit, figures=figures)
        whole = _build_summarising(sessions, framework, f)
        rows = ordered(whole.rows, order, _levels(framework))
        return replace(whole, rows=tuple(rows[offset:offset + limit]), offset=offset)
    with sessions() as session:
        dashboard_rows.roomy(session)
        lines = dashboard_rows.trainees(session, f, fw, after_days=AFTER_DAYS)
        if all(line[7] == line[8] for line in lines):
            rows, before_after = _from_lines(framework, lines)
            board = Dashboard(rows=tuple(ordered(rows, order, _levels(framework))),
                              area_ids=_areas(framework),
                              hard_questions=hard_from_marks(framework, dashboard_rows.marks(session, f, fw)),
                              before_after=before_after)
            return replace(board, total=len(rows), needing_help=sum(r.needs_help for r in rows))
    whole = _build_summarising(sessions, framework, f)
    return replace(whole, rows=tuple(ordered(whole.rows, order, _levels(framework))))


def figures(sessions: sessionmaker[Session], framework: Framework,
            f: DashboardFilter) -> tuple[tuple[ItemStat, ...], BeforeAfter]:
    """The hard questions and the before/after figures of everyone selected (the dashboard's other
    pages): every selected person's first and latest check folded in SQL, and every check's marks."""
    board = build(sessions, framework, f, limit=0, figures=True)
    return board.hard_questions, board.before_after


def _areas(framework: Framework) -> tuple[str, ...]:
    return tuple(a.id for a in framework.areas)


def _page(session: Session, framework: Framework, f: DashboardFilter, *, order: TraineeOrder, offset: int,
          limit: int, total: int, helped: int, figures: bool) -> Dashboard:
    fw = framework.content_hash
    ids = dashboard_rows.page_ids(session, f, fw, order, offset=offset, limit=limit,
                                  levels=_levels(framework)) if limit > 0 else []
    place = {person_id: k for k, person_id in enumerate(ids)}
    lines = dashboard_rows.trainees(session, f, fw, ids, after_days=AFTER_DAYS) if ids else []
    rows = _from_lines(framework, lines)[0]
    rows.sort(key=lambda r: place[r.person_id])
    hard: tuple[ItemStat, ...] = ()
    before_after = BeforeAfter(people=0, share_high_first=None, share_high_latest=None)
    if figures:
        everyone = dashboard_rows.trainees(session, f, fw, after_days=AFTER_DAYS)
        before_after = _from_lines(framework, everyone)[1]
        hard = hard_from_marks(framework, dashboard_rows.marks(session, f, fw))
    return Dashboard(rows=tuple(rows), area_ids=_areas(framework), hard_questions=hard,
                     before_after=before_after, total=total, needing_help=helped, offset=offset)


def _levels(framework: Framework) -> tuple[str, ...]:
    """The level codes, lowest first: by an area, trainees with the same gap go by their level there."""
    return tuple(level.code for level in sorted(framework.levels, key=lambda level: level.index))


def ordered(rows: Sequence[TraineeRow], order: TraineeOrder, levels: Sequence[str] = ()) -> list[TraineeRow]:
    """The rows in the order page_ids gives in SQL: ties, in either direction, by name then id; by an
    area, the same gap by the level shown there (`levels` lowest first)."""
    found = sorted(rows, key=lambda r: (name_key(r.name), r.person_id), reverse=order.column == "name"
                   and order.descending)
    if order.column == "name":
        return found
    place = {role: k for k, role in enumerate(order.roles)}
    if order.column.startswith("area:"):
        area = order.column[5:]
        rank = {code: k for k, code in enumerate(levels)}

        def key(r: TraineeRow) -> Any:
            status = r.areas.get(area)
            gap = None if status is None else status.gap
            level = None if status is None else status.level
            return (gap is not None, gap or 0, rank.get(level or "", -1))
    else:
        key = {"hub": lambda r: sort_key(r.hub), "group": lambda r: sort_key(r.group),
               "role": lambda r: (place.get(r.profile_id or "", len(place)), r.profile_id or ""),
               "checks": lambda r: r.checks,
               "last_check": lambda r: (r.last_check is not None, r.last_check or datetime.min.replace(
                   tzinfo=UTC)),
               "needs_help": lambda r: r.needs_help}[order.column]
    return sorted(found, key=key, reverse=order.descending)  # stable: ties keep the name order


def _from_lines(framework: Framework, lines: list[TraineeLine]) -> tuple[list[TraineeRow], BeforeAfter]:
    """The trainees' rows (in no particular order) and the before/after figures over them: over the people
    whose latest check is at least AFTER_DAYS after their first, as the Programme tab counts."""
    import numpy as np

    area_ids = tuple(a.id for a in framework.areas)
    index = {lv.code: lv.index for lv in framework.levels}
    cache: dict[str, AreaStatus] = {}
    # Trainees at the same levels share one mapping: far fewer distinct area texts than people.
    by_text: dict[str, tuple[MappingProxyType[str, AreaStatus], bool, int]] = {}
    levels: list[list[int]] = []  # per distinct areas text: each area's level index, -1 if unknown
    empty: MappingProxyType[str, AreaStatus] = MappingProxyType({})
    rows, firsts, latests, pairs = [], [], [], []

    def known(text: str) -> tuple[MappingProxyType[str, AreaStatus], bool, int]:
        shared = by_text.get(text)
        if shared is None:
            parts = text.split(";")
            mapping = {a: _status(t, cache) for a, t in zip(area_ids, parts, strict=True) if t}
            levels.append([index.get(t.split("|", 1)[0], -1) for t in parts])
            shared = by_text[text] = (MappingProxyType(mapping),
                                      needs_help(s.gap for s in mapping.values()), len(levels) - 1)
        return shared

    for (person_id, name, hub, group, profile_id, hub_id, region_id,
         n, _kept, first_rating, first_areas, last_time, last_rating, last_areas, far) in lines:
        if not n or last_areas is None or last_time is None:
            areas, help_, n, last_check = empty, False, 0, None
        else:
            areas, help_, last_row = known(last_areas)
            last_check = (last_time if isinstance(last_time, datetime)
                          else dashboard_rows.parse_stored(last_time))
            if n >= 2 and far and first_areas is not None:
                firsts.append(first_rating)
                latests.append(last_rating)
                pairs.append((known(first_areas)[2], last_row))
        rows.append(TraineeRow(
            person_id=person_id, name=name, hub=hub, group=group, profile_id=profile_id,
            checks=n, last_check=last_check, areas=areas, needs_help=help_, hub_id=hub_id,
            region_id=region_id,
        ))
    change: dict[str, float] = {}
    if pairs:  # mean level change per area over the people compared, both levels known
        grid = np.array(levels, dtype=np.int64).reshape(len(levels), len(area_ids))
        which = np.array(pairs, dtype=np.int64)
        early, late = grid[which[:, 0]], grid[which[:, 1]]
        valid = (early >= 0) & (late >= 0)
        sums = np.where(valid, late - early, 0).sum(axis=0)
        counts = valid.sum(axis=0)
        change = {a: float(sums[k]) / int(counts[k]) for k, a in enumerate(area_ids) if counts[k]}
    return rows, before_after_of(firsts, latests, change)


def _build_summarising(
        sessions: sessionmaker[Session], framework: Framework, f: DashboardFilter) -> Dashboard:
    fresh, note = refresh_summaries(sessions, framework)
    unsaved = {} if note is None else {a: (m, t) for a, m, t, _help, _gaps in fresh}
    area_ids = tuple(a.id for a in framework.areas)
    index = {lv.code: lv.index for lv in framework.levels}
    with sessions() as session:
        people = dashboard_rows.people(session, f)
        checks = dashboard_rows.checks(session, f, framework.content_hash)
        if unsaved:  # summaries this role could not store: joined here instead of in SQL
            checks.extend((person_id, finished, rating, unsaved[a][1], unsaved[a][0], a)
                          for a, person_id, finished, rating in dashboard_rows.checks_without_summary(
                              session, f, framework.content_hash) if a in unsaved)
    # (count, first check, latest check) per person; stored times are ISO text, so text order is time order.
    # Two checks finished at one instant are told apart by id, as in SQL (finished_at, then id): taken in
    # the order read, the first reading and the later ones could disagree on who needs help.
    span: dict[str, tuple[int, CheckLine, CheckLine]] = {}
    for check in checks:
        seen = span.get(check[0])
        if seen is None:
            span[check[0]] = (1, check, check)
        else:
            n, first, last = seen
            when = (check[1], check[5])
            span[check[0]] = (n + 1, check if when < (first[1], first[5]) else first,
                              check if when > (last[1], last[5]) else last)
    # Trainees at the same levels share one mapping: far fewer distinct area texts than people.
    cache: dict[str, AreaStatus] = {}
    by_text: dict[str, tuple[MappingProxyType[str, AreaStatus], bool]] = {}
    empty: MappingProxyType[str, AreaStatus] = MappingProxyType({})
    sums = [0.0] * len(area_ids)
    counts = [0] * len(area_ids)
    rows, firsts, latests = [], [], []
    dated = f.date_from is not None or f.date_to is not None
    for p in people:
        found = span.get(p.person_id)
        if found is None:
            if dated:
                continue
            areas, help_ = empty, False
            n, last_check = 0, None
        else:
            n, first, last = found
            shared = by_text.get(last[3])
            if shared is None:
                texts = zip(area_ids, last[3].split(";"), strict=True)
                mapping = {a: _status(t, cache) for a, t in texts if t}
                shared = by_text[last[3]] = (MappingProxyType(mapping),
                                             needs_help(s.gap for s in mapping.values()))
            areas, help_ = shared
            last_check = dashboard_rows.parse_stored(last[1])
            # Compared only when the latest check is at least AFTER_DAYS after the first (as in SQL).
            if n >= 2 and (last_check - dashboard_rows.parse_stored(first[1])) >= timedelta(days=AFTER_DAYS):
                firsts.append(first[2])
                latests.append(last[2])
                for k, (early, late) in enumerate(zip(first[3].split(";"), last[3].split(";"), strict=True)):
                    a, b = early.split("|", 1)[0], late.split("|", 1)[0]
                    if a in index and b in index:
                        sums[k] += index[b] - index[a]
                        counts[k] += 1
        rows.append(TraineeRow(
            person_id=p.person_id, name=p.name, hub=p.hub, group=p.group, profile_id=p.profile_id,
            checks=n, last_check=last_check, areas=areas, needs_help=help_, hub_id=p.hub_id,
            region_id=p.region_id,
        ))
    change = {a: sums[k] / counts[k] for k, a in enumerate(area_ids) if counts[k]}
    return Dashboard(
        rows=tuple(ordered(rows, TraineeOrder())),
        total=len(rows), needing_help=sum(r.needs_help for r in rows),
        area_ids=area_ids,
        hard_questions=hard_from_marks(framework, [c[4] for c in checks]),
        before_after=before_after_of(firsts, latests, change),
        note=note,
    )
