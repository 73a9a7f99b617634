"""Each finished check's derived row, written with the check: its summary.

A check summary (models.CheckSummaryRow) is one byte per framework item and the areas as text, whether
the check marks its trainee as needing help, and one byte per competence for its gap, read from the
competences of the check's stored result. It is written in the transaction that finishes a check or
imports a bundle, so the dashboard and the programme report only ever read it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.coordination import needs_help_of
from digigram.core.framework import Framework
from digigram.core.itembank import normalise_choice, score_answer
from digigram.store.repo import dashboard as dashboard_rows

# Checks per statement: under SQLite's limit of bound values, and a few MB of answers at a time.
BATCH = 900

Summary = tuple[str, bytes, str, bool, bytes]  # (check, item marks, areas text, needs help, gaps)


# The kinds of question a summary marks; the others (self-ratings, attitudes) are 0, as if not asked.
MARKED_KINDS = ("knowledge", "scenario")


def mark_of(framework: Framework, item_id: str, stored: str) -> int:
    """An answer's mark in a summary (0 not marked, 1 fully right, 2 not), its choice as stored JSON."""
    try:
        choice = json.loads(stored)
    except Exception:  # not JSON (a damaged row): not marked, as an answer that no longer fits
        return 0
    return mark_of_choice(framework, item_id, choice)


def mark_of_choice(framework: Framework, item_id: str, choice: object) -> int:
    """The same for the choice itself (an option or scale index, a list of them, or None)."""
    if not framework.has_item(item_id):
        return 0
    item = framework.item(item_id)
    if item.kind not in MARKED_KINDS:
        return 0
    try:
        score = score_answer(framework, item, normalise_choice(framework, item, choice)).score
    except Exception:  # an answer stored on an older version that no longer fits the question
        return 0
    return 1 if score >= 1.0 - 1e-9 else 2


def area_text(level: str | None, target: str | None, gap: int | None, items: int) -> str:
    """An area's "level|target|gap"; an area no shown answer measured (`items`, its count of them, is 0:
    core.records.measured) has no level and no gap, "|target|", so nothing reads the prior's as found."""
    if items <= 0:
        return f"|{target or ''}|"
    return f"{level}|{target or ''}|{'' if gap is None else gap}"


def competence_order(framework: Framework) -> dict[str, int]:
    """Each competence's place in a summary's gaps: the framework's order, area by area."""
    return {c.id: k for k, c in enumerate(framework.competences)}


def competence_state(target: str | None, gap: int | None, measured: bool = True) -> int:
    """A competence's byte in a summary's gaps: 0 no target (or its area not measured, so its gap is the
    prior's), 1 at or above it, 2 below it."""
    return 0 if target is None or not measured else 2 if gap is not None and gap > 0 else 1


def loads_for(count: int) -> Callable[[str], Any]:
    """The JSON parser for `count` stored results: for a batch, as a region's summarising or report reads
    tens of thousands, the bundles' faster parser when the server extra has it (core.bundle.format's
    fast_json, three times faster on an 11 KB result), with the standard one for what it leaves; the
    standard one alone for a few, so finishing a check loads neither it nor the bundle module."""
    if count < 50:
        return json.loads
    from digigram.core.bundle.format import fast_json

    if fast_json is None:
        return json.loads
    fast = fast_json

    def loads(text: str) -> Any:
        try:
            return fast(text)
        except ValueError:  # what the faster parser leaves to the standard one (see format.fast_json)
            return json.loads(text)

    return loads


def competence_states(text: str, loads: Callable[[str], Any] = json.loads) -> list[tuple[str, str, int]]:
    """(competence, area, competence_state) of each competence of a stored result (its JSON text); none
    for a result this release cannot read (shown as such elsewhere, not counted). An area whose record
    counts no shown answer (`items` 0, core.records.measured) is not measured."""
    try:
        record = loads(text)
        unmeasured = {a["area"] for a in record["areas"] if not a["items"]}
        return [(c["competence"], c["area"],
                 competence_state(c["target"], c["gap"], c["area"] not in unmeasured))
                for c in record["competences"]]
    except (ValueError, KeyError, TypeError):
        return []


def gaps_of(place: dict[str, int], states: Iterable[tuple[str, int]]) -> bytes:
    """A check's gaps from (competence, state) pairs: one byte per framework competence (`place`,
    competence_order's), 0 where it has no row; empty when a competence is one the framework lacks."""
    blob = bytearray(len(place))
    for competence_id, state in states:
        k = place.get(competence_id)
        if k is None:
            return b""  # a competence this framework does not have: the report counts the rows
        blob[k] = state
    return bytes(blob)


def gaps_in(session: Session, framework: Framework, attempt_ids: Sequence[str]) -> dict[str, bytes]:
    """Each given check's gaps from its stored result (see models.CheckSummaryRow.gaps and gaps_of); all
    0 for a check without a readable one."""
    place = competence_order(framework)
    gaps = dict.fromkeys(attempt_ids, bytes(len(place)))
    loads = loads_for(len(attempt_ids))
    for attempt_id, text in dashboard_rows.stored_results_of(session, attempt_ids):
        gaps[attempt_id] = gaps_of(place, ((c, state) for c, _, state in competence_states(text, loads)))
    return gaps


def areas_text(area_ids: Sequence[str], by_area: dict[str, str]) -> str:
    """A summary's areas: each area's area_text in framework order, "" for an area the check lacks."""
    return ";".join(by_area.get(area_id, "") for area_id in area_ids)


def summarise_in(session: Session, framework: Framework, attempt_ids: Sequence[str]) -> list[Summary]:
    """Summaries of the given finished checks, read through `session` (so a transaction sees its own
    new rows). Marks per item: 0 not asked, 1 fully right, 2 not fully right ("don't know" included);
    only knowledge and scenario questions are marked. Areas: "level|target|gap" in framework order.
    Gaps: see gaps_in."""
    row = {item.id: k for k, item in enumerate(framework.items)}
    area_ids = [a.id for a in framework.areas]
    # Only answers to marked questions are read: self-ratings and attitudes, most of a check's answers
    # (71 % of them in the benchmarks' region set), are never marked.
    marked = [item.id for item in framework.items if item.kind in MARKED_KINDS]
    known: dict[tuple[str, str], int] = {}
    found: list[Summary] = []
    for start in range(0, len(attempt_ids), BATCH):
        chunk = attempt_ids[start:start + BATCH]
        marks = {attempt_id: bytearray(len(framework.items)) for attempt_id in chunk}
        areas: dict[str, dict[str, str]] = {attempt_id: {} for attempt_id in chunk}
        for attempt_id, item_id, stored in dashboard_rows.answers_of(session, chunk, marked):
            mark = known.get((item_id, stored))
            if mark is None:
                mark = known[(item_id, stored)] = mark_of(framework, item_id, stored)
            if mark:
                marks[attempt_id][row[item_id]] = mark
        for attempt_id, area_id, level, target, gap, items in dashboard_rows.areas_of(session, chunk):
            areas[attempt_id][area_id] = area_text(level, target, gap, items)
        gaps = gaps_in(session, framework, chunk)
        for attempt_id, blob in marks.items():
            text = areas_text(area_ids, areas[attempt_id])
            found.append((attempt_id, bytes(blob), text, needs_help_of(text), gaps[attempt_id]))
    return found


def fill_gaps(session: Session, framework: Framework, *, most: int | None = None) -> int:
    """Gaps for the summaries on this framework version made before summaries kept them (revision
    0010), from their checks' stored results, in the caller's transaction; at most `most` of them when
    given. Returns how many were filled."""
    todo = dashboard_rows.summaries_without_gaps(session, framework.content_hash, most)
    for start in range(0, len(todo), BATCH):
        chunk = todo[start:start + BATCH]
        gaps = gaps_in(session, framework, chunk)
        dashboard_rows.save_gaps(session, framework.content_hash, list(gaps.items()))
    return len(todo)


def summarise(sessions: sessionmaker[Session], framework: Framework, attempt_ids: Sequence[str], *,
              progress: Callable[[int, int], None] | None = None) -> list[Summary]:
    """The same without a transaction: for an account that may only read. `progress` hears (checks
    summarised, in all) after each batch."""
    found: list[Summary] = []
    for start in range(0, len(attempt_ids), BATCH):
        with sessions() as session:
            found.extend(summarise_in(session, framework, attempt_ids[start:start + BATCH]))
        if progress is not None:
            progress(len(found), len(attempt_ids))
    return found


def store_derived(session: Session, framework: Framework | None, attempt_ids: Sequence[str], *,
                  made: Callable[[Sequence[str]], dict[str, Summary]] | None = None) -> int:
    """Summarise those of the given checks that are finished and lack a summary on `framework`, in the
    caller's transaction; returns how many checks were summarised. Without a framework (a bare store)
    nothing is written; the dashboard then summarises on its first opening. Summaries
    made before they kept their gaps get them here too, a batch at each finish or import: a coordinator's
    PC with a region's checks then spends a fraction of a second on it when a check is finished, not the
    seconds all of them take (the dashboard's summarising fills in the rest at once).

    `made` gives those of a batch's checks (in ascending order, batch after batch) whose summaries on
    `framework` are made already (an import's, from what its recompute held); the rest are read here."""
    if framework is None:
        return 0
    ids = sorted(set(attempt_ids))
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        todo = dashboard_rows.unsummarised_among(session, framework.content_hash, chunk)
        ready = {} if made is None else made(todo)
        found = [ready[a] for a in todo if a in ready]
        found += summarise_in(session, framework, [a for a in todo if a not in ready])
        dashboard_rows.save_summaries(session, framework.content_hash, found)
        done += len(found)
    fill_gaps(session, framework, most=BATCH)
    return done
