"""Result bundles against the database: table rows to bundle records and back, and the export."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from digigram import __version__
from digigram.core.bundle.format import RECORD_FILES, FrameworkRef, Manifest, sha256, write_bundle
from digigram.core.bundle.records import KEYS, SCHEMAS, key_of
from digigram.core.coordination import BundleSummary
from digigram.core.framework import Framework
from digigram.store.models import (
    AnswerRow,
    AreaResultRow,
    AttemptRow,
    FrameworkSnapshotRow,
    PersonRow,
    PlanRow,
    PlanStepRow,
)
from digigram.store.startup import Store

TABLES: dict[str, Table] = {
    "people": PersonRow.__table__, "frameworks": FrameworkSnapshotRow.__table__,  # type: ignore[dict-item]
    "attempts": AttemptRow.__table__, "answers": AnswerRow.__table__,  # type: ignore[dict-item]
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


def row_from_record(kind: str, record: Record) -> Record:
    """A bundle record as a row to insert, JSON columns written the way the repository writes them."""
    row = dict(record)
    for table, name in JSON_COLUMNS:
        if table == kind:
            row[name] = json.dumps(sorted(row[name]) if name == "excluded" else row[name])
    return row


def rows_where(session: Session, kind: str, column: str, values: Iterable[Any]) -> Iterator[Record]:
    """Records of `kind` whose `column` is one of `values`, queried in chunks."""
    table = TABLES[kind]
    wanted = sorted(set(values))
    for start in range(0, len(wanted), CHUNK):
        stmt = select(table).where(table.c[column].in_(wanted[start:start + CHUNK]))
        for row in session.execute(stmt).mappings():
            yield record_from_row(kind, row)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain)


def jsonl(records: Sequence[Record]) -> bytes:
    return "".join(_ENCODER.encode(r) + "\n" for r in records).encode("utf-8")


def _select(session: Session, kind: str, *conditions: Any) -> list[Record]:
    table, people = TABLES[kind], TABLES["people"]
    stmt = select(table)
    if kind in ("attempts", "plans"):
        stmt = stmt.join(people, people.c.id == table.c.person_id)
    return [record_from_row(kind, r) for r in session.execute(stmt.where(*conditions)).mappings()]


def collect(session: Session, *, since: date | None, hub: str | None) -> dict[str, list[Record]]:
    """What a bundle carries: finished checks and saved plans (since a day, of one hub), with their people,
    answers, area results, plan steps and the framework texts the checks were taken on."""
    cutoff = None if since is None else datetime.combine(since, time())
    a, pl, p = TABLES["attempts"], TABLES["plans"], TABLES["people"]
    where_hub = [] if hub is None else [p.c.hub == hub]
    attempts = _select(session, "attempts", a.c.status == "finished", *where_hub,
                       *([] if cutoff is None else [a.c.finished_at >= cutoff]))
    plans = _select(session, "plans", *where_hub, *([] if cutoff is None else [pl.c.updated_at >= cutoff]))
    have = {r["id"] for r in attempts}
    wanted = {r["attempt_id"] for r in plans if r["attempt_id"] and r["attempt_id"] not in have}
    extra = [r for r in rows_where(session, "attempts", "id", wanted) if r["status"] == "finished"]
    attempts += extra
    have |= {r["id"] for r in extra}
    for plan in plans:
        if plan["attempt_id"] not in have:
            plan["attempt_id"] = None  # an unfinished check is not carried; the plan stands on its own
    person_ids = {r["person_id"] for r in attempts} | {r["person_id"] for r in plans}
    if cutoff is None or hub is not None:
        conditions = [*where_hub, *([] if cutoff is None else [p.c.created_at >= cutoff])]
        person_ids |= {r["id"] for r in _select(session, "people", *conditions)}
    attempt_ids = [r["id"] for r in attempts]
    out = {
        "people": list(rows_where(session, "people", "id", person_ids)),
        "frameworks": list(rows_where(session, "frameworks", "content_hash",
                                      {r["framework_hash"] for r in attempts})),
        "attempts": attempts,
        "answers": list(rows_where(session, "answers", "attempt_id", attempt_ids)),
        "results": list(rows_where(session, "results", "attempt_id", attempt_ids)),
        "plans": plans,
        "plan_steps": list(rows_where(session, "plan_steps", "plan_id", [r["id"] for r in plans])),
    }
    for kind, records in out.items():
        records.sort(key=partial(key_of, kind))  # a stable order: the same data gives the same bytes
    return out


def export_bundle(
    target: Store | HoldsStore,
    path: str | Path,
    *,
    key: bytes | None,
    since: date | None = None,
    hub: str | None = None,
    app_version: str = __version__,
) -> BundleSummary:
    """Write a bundle of finished checks and plans to `path`; signed when a regional key is given."""
    path = Path(path)
    with store_of(target).sessions() as session:
        records = collect(session, since=since, hub=hub)
    files = {RECORD_FILES[kind]: jsonl(records[kind]) for kind in KEYS}
    manifest = Manifest(
        app_version=app_version, created_at=datetime.now(UTC), hub=hub, since=since,
        frameworks=tuple(FrameworkRef(r["framework_id"], r["version"], r["content_hash"])
                         for r in records["frameworks"]),
        counts={kind: len(records[kind]) for kind in KEYS},
        files={name: sha256(data) for name, data in files.items()}, signed=key is not None,
    )
    write_bundle(path, manifest, files, key=key)
    return BundleSummary(path=path, people=len(records["people"]), attempts=len(records["attempts"]),
                         answers=len(records["answers"]), plans=len(records["plans"]), signed=key is not None)
