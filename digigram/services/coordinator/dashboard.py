"""The dashboard put together from the repository's SQL rows: trainee rows, hard questions, before/after."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from types import MappingProxyType

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.coordination import (
    HARD_MIN_ASKED,
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
from digigram.core.i18n import N_, Message
from digigram.core.itembank import normalise_choice, score_answer
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
        found = cache[text] = AreaStatus(level, target or None, int(gap) if gap else None)
    return found


Summary = tuple[str, bytes, str]  # (check, item marks, areas text)


def summarise(sessions: sessionmaker[Session], framework: Framework, attempt_ids: Sequence[str], *,
              batch: int = 900) -> list[Summary]:
    """Summaries of the given finished checks, worked out without writing anything.

    Marks per item: 0 not asked, 1 fully right, 2 not fully right ("don't know" included); only
    knowledge and scenario questions are marked. Areas: "level|target|gap" in framework order.
    """
    row = {item.id: k for k, item in enumerate(framework.items)}
    area_ids = [a.id for a in framework.areas]
    known: dict[tuple[str, str], int] = {}
    found: list[Summary] = []
    for start in range(0, len(attempt_ids), batch):  # under SQLite's limit of bound values per statement
        chunk = attempt_ids[start:start + batch]
        marks = {attempt_id: bytearray(len(framework.items)) for attempt_id in chunk}
        areas: dict[str, dict[str, str]] = {attempt_id: {} for attempt_id in chunk}
        with sessions() as session:
            for attempt_id, item_id, stored in dashboard_rows.answers_of(session, chunk):
                mark = known.get((item_id, stored))
                if mark is None:
                    mark = known[(item_id, stored)] = _mark(framework, item_id, stored)
                if mark:
                    marks[attempt_id][row[item_id]] = mark
            for attempt_id, area_id, level, target, gap in dashboard_rows.areas_of(session, chunk):
                areas[attempt_id][area_id] = f"{level}|{target or ''}|{'' if gap is None else gap}"
        found.extend((a, bytes(m), ";".join(areas[a].get(area_id, "") for area_id in area_ids))
                     for a, m in marks.items())
    return found


def refresh_summaries(sessions: sessionmaker[Session], framework: Framework, *,
                      batch: int = 900) -> tuple[list[Summary], Message | None]:
    """Summarise and store every finished check not yet summarised on this framework version.

    Returns the new summaries and, when the database refused to store them (a read-only role such as
    the regional analyst, or a write-protected file), a plain note: the summaries then serve this view
    only and nothing is written.
    """
    with sessions() as session:
        todo = dashboard_rows.unsummarised(session, framework.content_hash)
    if not todo:
        return [], None
    found = summarise(sessions, framework, todo, batch=batch)
    try:
        for start in range(0, len(found), batch):
            with transaction(sessions) as session:
                dashboard_rows.save_summaries(session, framework.content_hash, found[start:start + batch])
    except Exception as exc:  # the driver's own error: the rows go through its cursor, not SQLAlchemy's
        refused = exc if isinstance(exc, WriteRefused) else write_refused(exc)
        if refused is None or refused.reason not in ("role", "read-only"):
            raise
        return found, SUMMARIES_NOT_SAVED
    return found, None


def _mark(framework: Framework, item_id: str, stored: str) -> int:
    if not framework.has_item(item_id):
        return 0
    item = framework.item(item_id)
    if item.kind not in ("knowledge", "scenario"):
        return 0
    try:
        choice = normalise_choice(framework, item, json.loads(stored))
        score = score_answer(framework, item, choice).score
    except Exception:  # an answer stored on an older version that no longer fits the question
        return 0
    return 1 if score >= 1.0 - 1e-9 else 2


def hard_from_marks(framework: Framework, blobs: Sequence[bytes]) -> tuple[ItemStat, ...]:
    if not blobs:
        return ()
    import numpy as np

    # Rows of one byte per item; a blob may hold several checks' rows joined (see dashboard_rows.marks).
    grid = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(-1, len(framework.items))
    asked = (grid > 0).sum(axis=0)
    wrong = (grid == 2).sum(axis=0)
    stats = [ItemStat(item.id, int(asked[k]), int(wrong[k]), float(wrong[k] / asked[k]))
             for k, item in enumerate(framework.items) if asked[k] >= HARD_MIN_ASKED and wrong[k] > 0]
    stats.sort(key=lambda s: (-s.share_wrong, -s.wrong, s.item_id))
    return tuple(stats[:HARD_TOP])


def build(sessions: sessionmaker[Session], framework: Framework, f: DashboardFilter) -> Dashboard:
    """The dashboard for the filter: from the stored summaries folded per person in SQL when every
    selected check has one; otherwise (new checks since the last opening, a new framework version) the
    summaries are made first, as far as this account may store them."""
    with sessions() as session:
        dashboard_rows.roomy(session)
        lines = dashboard_rows.trainees(session, f, framework.content_hash)
        if all(line[7] == line[8] for line in lines):
            return _from_lines(framework, lines, dashboard_rows.marks(session, f, framework.content_hash))
    return _build_summarising(sessions, framework, f)


def _from_lines(framework: Framework, lines: list[TraineeLine], marks: list[bytes]) -> Dashboard:
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
         n, _kept, first_rating, first_areas, last_time, last_rating, last_areas) in lines:
        if not n or last_areas is None or last_time is None:
            areas, help_, n, last_check = empty, False, 0, None
        else:
            areas, help_, last_row = known(last_areas)
            last_check = (last_time if isinstance(last_time, datetime)
                          else dashboard_rows.parse_stored(last_time))
            if n >= 2 and first_areas is not None:
                firsts.append(first_rating)
                latests.append(last_rating)
                pairs.append((known(first_areas)[2], last_row))
        rows.append(TraineeRow(
            person_id=person_id, name=name, hub=hub, group=group, profile_id=profile_id,
            checks=n, last_check=last_check, areas=areas, needs_help=help_, hub_id=hub_id,
            region_id=region_id,
        ))
    rows.sort(key=lambda r: (sort_key(r.name), r.person_id))
    change: dict[str, float] = {}
    if pairs:  # mean level change per area over people with two or more checks, both levels known
        grid = np.array(levels, dtype=np.int64).reshape(len(levels), len(area_ids))
        which = np.array(pairs, dtype=np.int64)
        early, late = grid[which[:, 0]], grid[which[:, 1]]
        valid = (early >= 0) & (late >= 0)
        sums = np.where(valid, late - early, 0).sum(axis=0)
        counts = valid.sum(axis=0)
        change = {a: float(sums[k]) / int(counts[k]) for k, a in enumerate(area_ids) if counts[k]}
    return Dashboard(
        rows=tuple(rows),
        area_ids=area_ids,
        hard_questions=hard_from_marks(framework, marks),
        before_after=BeforeAfter(
            people=len(firsts), share_high_first=share_high(firsts), share_high_latest=share_high(latests),
            level_change=MappingProxyType(change)),
    )


def _build_summarising(
        sessions: sessionmaker[Session], framework: Framework, f: DashboardFilter) -> Dashboard:
    fresh, note = refresh_summaries(sessions, framework)
    unsaved = {} if note is None else {a: (m, t) for a, m, t in fresh}
    area_ids = tuple(a.id for a in framework.areas)
    index = {lv.code: lv.index for lv in framework.levels}
    with sessions() as session:
        people = dashboard_rows.people(session, f)
        checks = dashboard_rows.checks(session, f, framework.content_hash)
        if unsaved:  # summaries this role could not store: joined here instead of in SQL
            checks.extend((person_id, finished, rating, unsaved[a][1], unsaved[a][0])
                          for a, person_id, finished, rating in dashboard_rows.checks_without_summary(
                              session, f, framework.content_hash) if a in unsaved)
    # (count, first check, latest check) per person; stored times are ISO text, so text order is time order
    span: dict[str, tuple[int, CheckLine, CheckLine]] = {}
    for check in checks:
        seen = span.get(check[0])
        if seen is None:
            span[check[0]] = (1, check, check)
        else:
            n, first, last = seen
            span[check[0]] = (n + 1, check if check[1] < first[1] else first,
                              check if check[1] >= last[1] else last)
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
            if n >= 2:
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
    rows.sort(key=lambda r: (sort_key(r.name), r.person_id))
    change = {a: sums[k] / counts[k] for k, a in enumerate(area_ids) if counts[k]}
    return Dashboard(
        rows=tuple(rows),
        area_ids=area_ids,
        hard_questions=hard_from_marks(framework, [c[4] for c in checks]),
        before_after=BeforeAfter(
            people=len(firsts), share_high_first=share_high(firsts), share_high_latest=share_high(latests),
            level_change=MappingProxyType(change)),
        note=note,
    )
