"""Result bundles against the database: table rows to bundle records and back, and the export."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from digigram import __version__
from digigram.core.bundle.format import RECORD_FILES, FrameworkRef, Manifest, write_bundle_stream
from digigram.core.bundle.records import KEYS, SCHEMAS, key_of
from digigram.core.coordination import BundleError, BundleSummary
from digigram.core.framework import Framework
from digigram.core.i18n import N_
from digigram.store.models import (
    ANSWERS,
    AreaResultRow,
    AttemptRow,
    FrameworkSnapshotRow,
    HubRow,
    PersonRow,
    PlanRow,
    PlanStepRow,
)
from digigram.store.startup import Store

TABLES: dict[str, Table] = {
    "people": PersonRow.__table__, "frameworks": FrameworkSnapshotRow.__table__,  # type: ignore[dict-item]
    # Answers are read through the view of both their tables; an import writes them packed (pack.py).
    "attempts": AttemptRow.__table__, "answers": ANSWERS,  # type: ignore[dict-item]
    "results": AreaResultRow.__table__, "plans": PlanRow.__table__,  # type: ignore[dict-item]
    "plan_steps": PlanStepRow.__table__,  # type: ignore[dict-item]
}
# Columns holding JSON text in the database and plain JSON values in a bundle.
JSON_COLUMNS = {("attempts", "excluded"), ("answers", "choice"), ("results", "band")}
CHUNK = 500  # ids per IN (…) list, well under SQLite's limit on bound parameters
Record = dict[str, Any]


class HoldsStore(Protocol):
    """A Workspace as the bundle functions see it: its store and the framework it opened."""

    @property
    def store(self) -> Store: ...
    @property
    def framework(self) -> Framework: ...


def store_of(target: Store | HoldsStore) -> Store:
    """The store itself, or the one behind a Workspace."""
    return target if isinstance(target, Store) else target.store


def _decode(text: str) -> Any:
    # Most stored answers are one option number: skip the JSON parser for those (1.3 M rows nationally).
    return int(text) if text.isdigit() else json.loads(text)


def record_from_row(kind: str, row: Any) -> Record:
    """A database row as a bundle record: the exported columns only (never a PIN hash), JSON decoded."""
    record = {name: row[name] for name in SCHEMAS[kind]}
    for table, name in JSON_COLUMNS:
        if table == kind:
            record[name] = _decode(record[name])
    if kind == "attempts":
        record["excluded"] = sorted(record["excluded"])
    return record


def json_text(name: str, value: Any) -> str:
    """A JSON column's value as the repository writes it."""
    # Most answers are one option number: its JSON is its digits (1.3 M rows nationally).
    return str(value) if type(value) is int else json.dumps(sorted(value) if name == "excluded" else value)


def row_from_record(kind: str, record: Record) -> Record:
    """A bundle record as a row to insert, JSON columns written the way the repository writes them."""
    row = dict(record)
    for table, name in JSON_COLUMNS:
        if table == kind:
            row[name] = json_text(name, row[name])
    return row


def rows_where(session: Session, kind: str, column: str, values: Iterable[Any]) -> Iterator[Record]:
    """Records of `kind` whose `column` is one of `values`, queried in chunks."""
    table = TABLES[kind]
    wanted = sorted(set(values))
    base = select(table)
    if kind == "people":
        # A person's hub travels as its name and region (the hub's key everywhere); its id is this
        # database's own.
        hub = HubRow.__table__
        base = select(table, hub.c.region_id.label("hub_region"),
                      hub.c.region_set_at.label("hub_region_at")).select_from(
            table.outerjoin(hub, hub.c.id == table.c.hub_id))
    for start in range(0, len(wanted), CHUNK):
        stmt = base.where(table.c[column].in_(wanted[start:start + CHUNK]))
        for row in session.execute(stmt).mappings():
            yield record_from_row(kind, row)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain)


def jsonl(records: Sequence[Record]) -> bytes:
    return "".join(_ENCODER.encode(r) + "\n" for r in records).encode("utf-8")


def canonical(record: Record) -> str:
    """A record as one bundle line (without its newline): the same text for the same content."""
    return _ENCODER.encode(record)


def _records_by(session: Session, kind: str, column: str, values: list[Any]) -> Iterator[Record]:
    """Records whose `column` is in the sorted `values`, in key order, one chunk of values at a time.

    Valid when the key starts with `column` (or is it): sorting each chunk then sorts the whole.
    Sorting happens here rather than in SQL because a server's collation may order text differently.
    """
    for start in range(0, len(values), CHUNK):
        found = list(rows_where(session, kind, column, values[start:start + CHUNK]))
        found.sort(key=partial(key_of, kind))
        yield from found


@dataclass
class _Selection:
    """What a bundle carries, as ids (a few per person and check, never per answer)."""

    people: list[str]
    frameworks: list[str]
    attempts: list[str]
    plans: list[Record]
    steps: list[str]


def _select_ids(session: Session, kind: str, column: str, *conditions: Any) -> list[tuple[Any, ...]]:
    table, people = TABLES[kind], TABLES["people"]
    stmt = select(*(table.c[c] for c in column.split(",")))
    if kind in ("attempts", "plans"):
        stmt = stmt.join(people, people.c.id == table.c.person_id)
    return [tuple(r) for r in session.execute(stmt.where(*conditions))]


def select_for_bundle(session: Session, *, since: date | None, hub_id: str | None,
                      leave_out: Callable[[list[str]], set[str]] | None = None) -> _Selection:
    """Finished checks and saved plans (since a day, of one hub), with their people, answers, area results,
    plan steps and the framework texts the checks were taken on.

    `leave_out`, given the chosen checks' ids, names those the receiver holds already (a sync asks the
    regional database): they are not carried, and a plan on one of them keeps naming it, since the
    receiver has it."""
    cutoff = None if since is None else datetime.combine(since, time())
    a, pl, p = TABLES["attempts"], TABLES["plans"], TABLES["people"]
    where_hub = [] if hub_id is None else [p.c.hub_id == hub_id]
    chosen = _select_ids(session, "attempts", "id,person_id,framework_hash", a.c.status == "finished",
                         *where_hub, *([] if cutoff is None else [a.c.finished_at >= cutoff]))
    plan_rows = _select_ids(session, "plans", "id", *where_hub,
                            *([] if cutoff is None else [pl.c.updated_at >= cutoff]))
    plans = sorted(rows_where(session, "plans", "id", [r[0] for r in plan_rows]), key=lambda r: str(r["id"]))
    have = {r[0] for r in chosen}
    wanted = {r["attempt_id"] for r in plans if r["attempt_id"] and r["attempt_id"] not in have}
    extra = [(r["id"], r["person_id"], r["framework_hash"])
             for r in rows_where(session, "attempts", "id", wanted) if r["status"] == "finished"]
    chosen += extra
    have |= {r[0] for r in extra}
    for plan in plans:
        if plan["attempt_id"] not in have:
            plan["attempt_id"] = None  # an unfinished check is not carried; the plan stands on its own
    person_ids = {r[1] for r in chosen} | {r["person_id"] for r in plans}
    if leave_out is not None:
        held = leave_out(sorted(have))
        have -= held
        chosen = [r for r in chosen if r[0] not in held]
    if cutoff is None or hub_id is not None:
        conditions = [*where_hub, *([] if cutoff is None else [p.c.created_at >= cutoff])]
        person_ids |= {r[0] for r in _select_ids(session, "people", "id", *conditions)}
    steps = PlanStepRow.__table__.c
    plan_ids = [r["id"] for r in plans]
    step_ids: list[str] = []
    for start in range(0, len(plan_ids), CHUNK):
        step_ids += session.execute(select(steps.id).where(steps.plan_id.in_(plan_ids[start:start + CHUNK])))\
            .scalars().all()
    return _Selection(people=sorted(person_ids), frameworks=sorted({r[2] for r in chosen}),
                      attempts=sorted(have), plans=plans, steps=sorted(step_ids))


def held_checks(session: Session, ids: Sequence[str]) -> set[str]:
    """Of the checks `ids`, those this database holds."""
    table = TABLES["attempts"]
    held: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        held.update(session.execute(select(table.c.id).where(table.c.id.in_(ids[start:start + CHUNK])))
                    .scalars())
    return held


def rows_of_checks(session: Session, held: set[str]) -> dict[str, int]:
    """How many records of each kind the finished checks `held` make in a bundle: the checks, their answers
    and area results, and the framework texts only they were taken on (a text another check carries is
    counted where it travels)."""
    table = TABLES["attempts"]
    hashes: dict[bool, set[str]] = {True: set(), False: set()}
    for aid, content_hash in session.execute(select(table.c.id, table.c.framework_hash)
                                             .where(table.c.status == "finished")):
        hashes[aid in held].add(content_hash)
    counts = {"attempts": len(held), "frameworks": len(hashes[True] - hashes[False]),
              "answers": 0, "results": 0}
    ids = sorted(held)
    for kind in ("answers", "results"):
        column = TABLES[kind].c.attempt_id
        for start in range(0, len(ids), CHUNK):
            counts[kind] += session.execute(select(func.count()).where(column.in_(ids[start:start + CHUNK])))\
                .scalar_one()
    return counts


def _stream(session: Session, chosen: _Selection, kind: str) -> Iterator[Record]:
    if kind == "people":
        return _records_by(session, kind, "id", chosen.people)
    if kind == "frameworks":
        return _records_by(session, kind, "content_hash", chosen.frameworks)
    if kind == "attempts":
        return _records_by(session, kind, "id", chosen.attempts)
    if kind in ("answers", "results"):
        return _records_by(session, kind, "attempt_id", chosen.attempts)
    if kind == "plans":
        return iter(chosen.plans)
    return _records_by(session, kind, "id", chosen.steps)


# (kind, records written, records of that kind in all, or 0 when not known before they are read)
ExportProgress = Callable[[str, int, int], None]


def _lines(records: Iterator[Record], counts: dict[str, int], kind: str, *,
           step: Callable[[str], None] | None = None) -> Iterator[bytes]:
    """A record file's lines in batches; `step` hears the kind before the first and after each batch
    (and may stop the writing by raising)."""
    if step is not None:
        step(kind)
    batch: list[str] = []
    for record in records:
        batch.append(_ENCODER.encode(record))
        counts[kind] += 1
        if len(batch) >= 2000:
            yield ("\n".join(batch) + "\n").encode("utf-8")
            batch = []
            if step is not None:
                step(kind)
    if batch:
        yield ("\n".join(batch) + "\n").encode("utf-8")
    if step is not None:
        step(kind)


def export_bundle(
    target: Store | HoldsStore,
    path: str | Path,
    *,
    key: bytes | None,
    since: date | None = None,
    hub_id: str | None = None,
    app_version: str = __version__,
    progress: ExportProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
    leave_out: Callable[[list[str]], set[str]] | None = None,
) -> BundleSummary:
    """Write a bundle of finished checks and plans to `path`, streamed from the database in key order (the
    same data gives the same bytes); signed when a regional key is given.

    `progress` hears (kind, written, total) as each record file is written, total 0 where it is not known
    ahead (answers, area results). `cancelled` is asked as often: once it says yes the writing stops with
    a BundleError and the half-written file is removed, so no bundle is left at `path`. `leave_out` is
    select_for_bundle's.
    """
    path = Path(path)
    counts = dict.fromkeys(KEYS, 0)
    refs: list[FrameworkRef] = []
    with store_of(target).sessions() as session:
        chosen = select_for_bundle(session, since=since, hub_id=hub_id, leave_out=leave_out)
        chosen_hub = None if hub_id is None else session.get(HubRow, hub_id)
        # The manifest names the hub for people reading it; the records carry each person's hub.
        hub = None if chosen_hub is None else (
            chosen_hub.name if chosen_hub.region_id is None
            else f"{chosen_hub.name} ({chosen_hub.region_id})")

        def frameworks() -> Iterator[Record]:
            for record in _stream(session, chosen, "frameworks"):
                refs.append(FrameworkRef(record["framework_id"], record["version"], record["content_hash"]))
                yield record

        totals = {"people": len(chosen.people), "frameworks": len(chosen.frameworks),
                  "attempts": len(chosen.attempts), "plans": len(chosen.plans),
                  "plan_steps": len(chosen.steps)}

        def step(kind: str) -> None:
            if cancelled is not None and cancelled():
                raise BundleError(N_("Saving the bundle was cancelled; no bundle file was written."))
            if progress is not None:
                progress(kind, counts[kind], totals.get(kind, 0))

        watched = step if progress is not None or cancelled is not None else None
        members = {RECORD_FILES[kind]: _lines(frameworks() if kind == "frameworks" else
                                              _stream(session, chosen, kind), counts, kind, step=watched)
                   for kind in KEYS}

        def manifest(hashes: dict[str, str]) -> Manifest:
            return Manifest(app_version=app_version, created_at=datetime.now(UTC), hub=hub, since=since,
                            frameworks=tuple(refs), counts=dict(counts), files=hashes, signed=key is not None)

        write_bundle_stream(path, members, manifest, key=key)
    return BundleSummary(path=path, people=counts["people"], attempts=counts["attempts"],
                         answers=counts["answers"], plans=counts["plans"], signed=key is not None)
