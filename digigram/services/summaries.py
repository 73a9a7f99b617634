"""Each finished check's derived rows, written with the check: its summary and its per-competence gaps.

A check summary (models.CheckSummaryRow) is one byte per framework item and the areas as text, whether
the check marks its trainee as needing help, and one byte per competence for its gap; a competence row
(models.CompetenceResultRow) is one competence's shown level, target and gap. They are written in the
transaction that finishes a check or imports a bundle, so the dashboard and the programme report only
ever read them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.coordination import needs_help_of
from digigram.core.framework import Framework
from digigram.core.itembank import normalise_choice, score_answer
from digigram.core.result_record import competence_rows
from digigram.store.repo import dashboard as dashboard_rows

# Checks per statement: under SQLite's limit of bound values, and a few MB of answers at a time.
BATCH = 900

Summary = tuple[str, bytes, str, bool, bytes]  # (check, item marks, areas text, needs help, gaps)


def mark_of(framework: Framework, item_id: str, stored: str) -> int:
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


def area_text(level: str | None, target: str | None, gap: int | None) -> str:
    return f"{level}|{target or ''}|{'' if gap is None else gap}"


def competence_order(framework: Framework) -> dict[str, int]:
    """Each competence's place in a summary's gaps: the framework's order, area by area."""
    return {c.id: k for k, c in enumerate(framework.competences)}


def gaps_in(session: Session, framework: Framework, attempt_ids: Sequence[str]) -> dict[str, bytes]:
    """Each given check's gaps from its competence rows (see models.CheckSummaryRow.gaps): one byte per
    competence, 0 no target (or no row), 1 at or above it, 2 below it. Empty for a check with a row for a
    competence this framework does not have, which the report then counts from the rows."""
    place = competence_order(framework)
    none = bytes(len(place))
    gaps = dict.fromkeys(attempt_ids, none)
    known: dict[str, bytes] = {}
    for attempt_id, states in dashboard_rows.competence_states_of(session, attempt_ids):
        found = known.get(states)
        if found is None:
            blob = bytearray(len(place))
            for row in states.split(dashboard_rows.STATES_APART):
                k = place.get(row[1:])
                if k is None:
                    blob = bytearray()  # a competence this framework does not have
                    break
                blob[k] = int(row[0])
            found = known[states] = bytes(blob)
        gaps[attempt_id] = found
    return gaps


def summarise_in(session: Session, framework: Framework, attempt_ids: Sequence[str]) -> list[Summary]:
    """Summaries of the given finished checks, read through `session` (so a transaction sees its own
    new rows). Marks per item: 0 not asked, 1 fully right, 2 not fully right ("don't know" included);
    only knowledge and scenario questions are marked. Areas: "level|target|gap" in framework order.
    Gaps: see gaps_in (the competence rows must be written first, as store_derived does)."""
    row = {item.id: k for k, item in enumerate(framework.items)}
    area_ids = [a.id for a in framework.areas]
    known: dict[tuple[str, str], int] = {}
    found: list[Summary] = []
    for start in range(0, len(attempt_ids), BATCH):
        chunk = attempt_ids[start:start + BATCH]
        marks = {attempt_id: bytearray(len(framework.items)) for attempt_id in chunk}
        areas: dict[str, dict[str, str]] = {attempt_id: {} for attempt_id in chunk}
        for attempt_id, item_id, stored in dashboard_rows.answers_of(session, chunk):
            mark = known.get((item_id, stored))
            if mark is None:
                mark = known[(item_id, stored)] = mark_of(framework, item_id, stored)
            if mark:
                marks[attempt_id][row[item_id]] = mark
        for attempt_id, area_id, level, target, gap in dashboard_rows.areas_of(session, chunk):
            areas[attempt_id][area_id] = area_text(level, target, gap)
        gaps = gaps_in(session, framework, chunk)
        for attempt_id, blob in marks.items():
            text = ";".join(areas[attempt_id].get(area_id, "") for area_id in area_ids)
            found.append((attempt_id, bytes(blob), text, needs_help_of(text), gaps[attempt_id]))
    return found


def fill_gaps(session: Session, framework: Framework, *, most: int | None = None) -> int:
    """Gaps for the summaries on this framework version made before summaries kept them (revision
    0010), from the competence rows alone, in the caller's transaction; at most `most` of them when
    given. Returns how many were filled."""
    todo = dashboard_rows.summaries_without_gaps(session, framework.content_hash, most)
    for start in range(0, len(todo), BATCH):
        chunk = todo[start:start + BATCH]
        gaps = gaps_in(session, framework, chunk)
        dashboard_rows.save_gaps(session, framework.content_hash, list(gaps.items()))
    return len(todo)


def summarise(
        sessions: sessionmaker[Session], framework: Framework, attempt_ids: Sequence[str]) -> list[Summary]:
    """The same without a transaction: for an account that may only read."""
    found: list[Summary] = []
    for start in range(0, len(attempt_ids), BATCH):
        with sessions() as session:
            found.extend(summarise_in(session, framework, attempt_ids[start:start + BATCH]))
    return found


def store_derived(session: Session, framework: Framework | None, attempt_ids: Sequence[str]) -> int:
    """Write the derived rows of those of the given checks that are finished and lack them, in the
    caller's transaction; returns how many checks were summarised. Without a framework (a bare store)
    only the competence rows are written; the dashboard then summarises on its first opening. Summaries
    made before they kept their gaps get them here too, a batch at each finish or import: a coordinator's
    PC with a region's checks then spends a fraction of a second on it when a check is finished, not the
    seconds all of them take (the dashboard's summarising fills in the rest at once)."""
    ids = sorted(set(attempt_ids))
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        rows: list[tuple[str, str, str, str | None, str | None, int | None]] = []
        for attempt_id, text in dashboard_rows.results_without_competences(session, chunk):
            try:
                rows.extend((attempt_id, *line) for line in competence_rows(json.loads(text)))
            except (ValueError, KeyError, TypeError):
                continue  # a result this release cannot read: shown as such elsewhere, not counted here
        dashboard_rows.save_competences(session, rows)
        if framework is not None:
            todo = dashboard_rows.unsummarised_among(session, framework.content_hash, chunk)
            found = summarise_in(session, framework, todo)
            dashboard_rows.save_summaries(session, framework.content_hash, found)
            done += len(found)
    if framework is not None:
        fill_gaps(session, framework, most=BATCH)
    return done
