"""Offline result bundles: export, and an import that checks everything before writing in one transaction.

Conflict rule for a UUID already in the database with different content (docs/bundles.md):
checks (attempt, answers, area results) never change once finished, so a different check under a known
UUID refuses the whole bundle; a plan is replaced by the bundle's copy only when that copy was saved
later; a person's details stay as the database has them, with a warning naming the person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from digigram.core.bundle.format import KINDS, RECORD_FILES, Limits, fail
from digigram.core.bundle.read import DEFAULT_LIMITS, read_bundle
from digigram.core.bundle.records import parse_records
from digigram.core.coordination import BundleError, ImportReport
from digigram.core.framework import Framework
from digigram.core.i18n import N_, Message
from digigram.services.bundles.checks import Checker
from digigram.services.bundles.rows import (
    TABLES,
    HoldsStore,
    Record,
    export_bundle,
    row_from_record,
    rows_where,
    store_of,
)
from digigram.store import backup
from digigram.store.db import transaction
from digigram.store.startup import Store

__all__ = ["export_bundle", "import_bundle"]


def _conflict(what: Message) -> BundleError:
    return fail(N_("{what} The whole bundle was refused so that two versions are not mixed. Check the "
                   "bundle does not come from another database restored from a backup.", what=what))


@dataclass
class _Plan:
    """What the import will write, decided before the first write."""

    records: dict[str, list[Record]]
    add: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    unchanged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    replace_plans: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def writes(self) -> bool:
        return any(self.add.values()) or bool(self.replace_plans)


def _decide(session: Session, records: dict[str, list[Record]], framework_dir: Path,
            lang: str | None) -> _Plan:
    """Check references and compare with the database; raises BundleError before anything is written."""
    checker = Checker(session, records, framework_dir)
    checker.check_attempts()
    checker.check_plans()
    plan = _Plan(records)
    t = plan.warnings

    db_people = checker.existing("people", "id", [r["id"] for r in records["people"]])
    for person in records["people"]:
        mine = db_people.get(person["id"])
        if mine is None:
            plan.add["people"].append(person)
        else:
            plan.unchanged["people"] += 1
            if mine != person:
                t.append(N_("The details of {value!r} ({value2}) differ in the bundle; the database keeps "
                            "its own — edit them by hand if needed.",
                            value=mine['name'], value2=person['id']).render(lang))
    db_fw = checker.existing("frameworks", "content_hash", [f["content_hash"] for f in records["frameworks"]])
    for snap in records["frameworks"]:
        # Same hash, same text: names and times of storing may differ and do not matter.
        if snap["content_hash"] in db_fw:
            plan.unchanged["frameworks"] += 1
        else:
            plan.add["frameworks"].append(snap)

    children: dict[str, dict[str, list[Record]]] = {k: defaultdict(list) for k in ("answers", "results")}
    for kind in children:
        for rec in records[kind]:
            children[kind][rec["attempt_id"]].append(rec)
    db_attempts = checker.existing("attempts", "id", [r["id"] for r in records["attempts"]])
    db_children: dict[str, dict[str, list[Record]]] = {kind: defaultdict(list) for kind in children}
    for kind in children:
        for rec in rows_where(session, kind, "attempt_id", db_attempts):
            db_children[kind][rec["attempt_id"]].append(rec)
    for attempt in records["attempts"]:
        aid = attempt["id"]
        units = {kind: sorted(children[kind][aid], key=str) for kind in children}
        mine = db_attempts.get(aid)
        if mine is None:
            plan.add["attempts"].append(attempt)
            for kind, recs in units.items():
                plan.add[kind].extend(recs)
            continue
        if mine != attempt or any(sorted(db_children[k][aid], key=str) != units[k] for k in units):
            raise _conflict(N_("The check {aid} is already in the database with different answers or "
                               "results.",
                               aid=aid))
        plan.unchanged["attempts"] += 1
        for kind, recs in units.items():
            plan.unchanged[kind] += len(recs)

    steps: dict[str, list[Record]] = defaultdict(list)
    for step in records["plan_steps"]:
        steps[step["plan_id"]].append(step)
    db_plans = checker.existing("plans", "id", [r["id"] for r in records["plans"]])
    db_steps: dict[str, list[Record]] = defaultdict(list)
    for step in rows_where(session, "plan_steps", "plan_id", db_plans):
        db_steps[step["plan_id"]].append(step)
    written: list[Record] = []
    for item in records["plans"]:
        pid, mine = item["id"], db_plans.get(item["id"])
        theirs = sorted(steps[pid], key=lambda s: (s["position"], s["id"]))
        if mine is None:
            plan.add["plans"].append(item)
            written += theirs
        elif mine["person_id"] != item["person_id"]:
            raise _conflict(N_("The plan {pid} belongs to another person in the database.", pid=pid))
        elif mine == item and sorted(db_steps[pid], key=lambda s: (s["position"], s["id"])) == theirs:
            plan.unchanged["plans"] += 1
            plan.unchanged["plan_steps"] += len(theirs)
        elif item["updated_at"] > mine["updated_at"]:
            plan.replace_plans.append(item)
            written += theirs
            t.append(N_("The plan {pid} was replaced by the bundle's newer version.", pid=pid).render(lang))
        else:
            plan.unchanged["plans"] += 1
            t.append(N_("The plan {pid} in the database is newer than the bundle's; it was kept.",
                        pid=pid).render(lang))
    clash = checker.existing("plan_steps", "id", [s["id"] for s in written])
    for step in written:
        other = clash.get(step["id"])
        if other is not None and other["plan_id"] != step["plan_id"]:
            raise _conflict(N_("The plan step {value} belongs to another plan in the database.",
                               value=step['id']))
    plan.add["plan_steps"] = written
    return plan


def _apply(session: Session, plan: _Plan) -> None:
    for kind in KINDS:
        if kind == "plan_steps":
            replaced = [p["id"] for p in plan.replace_plans]
            steps = TABLES["plan_steps"]
            for start in range(0, len(replaced), 500):
                session.execute(delete(steps).where(steps.c.plan_id.in_(replaced[start:start + 500])))
            for item in plan.replace_plans:
                table = TABLES["plans"]
                session.execute(update(table).where(table.c.id == item["id"]).values(
                    attempt_id=item["attempt_id"], updated_at=item["updated_at"]))
        rows = [row_from_record(kind, r) for r in plan.add[kind]]
        for start in range(0, len(rows), 5000):
            session.execute(insert(TABLES[kind]), rows[start:start + 5000])


def import_bundle(
    target: Store | HoldsStore,
    path: str | Path,
    *,
    key: bytes | None,
    allow_unsigned: bool = False,
    lang: str | None = None,
    framework_dir: Path | None = None,
    framework: Framework | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportReport:
    """Check the bundle whole, back the database up, then add what is new in one transaction.

    Raises BundleError (uk + en) and writes nothing when anything is wrong. `framework_dir` is where
    resource files named by the bundle's frameworks are looked up (default: the open framework's folder,
    else the shipped framework's).
    """
    store = store_of(target)
    opened = read_bundle(Path(path), key=key, allow_unsigned=allow_unsigned, limits=limits, lang=lang)
    records = {kind: parse_records(kind, opened.files[RECORD_FILES[kind]], opened.manifest.counts[kind])
               for kind in KINDS}
    listed = {(f.id, f.version, f.hash) for f in opened.manifest.frameworks}
    if listed != {(r["framework_id"], r["version"], r["content_hash"]) for r in records["frameworks"]}:
        raise fail(N_("The manifest's list of frameworks does not match the frameworks in the bundle."))
    if framework is None and not isinstance(target, Store):
        framework = target.framework
    if framework_dir is None and framework is not None and framework.source is not None:
        framework_dir = framework.source.parent
    if framework_dir is None:
        from competency_framework import shipped_framework_path

        framework_dir = shipped_framework_path().parent
    with store.sessions() as session:
        plan = _decide(session, records, framework_dir, lang)
    if plan.writes():
        if store.db_path is not None and store.backup_dir is not None:
            backup.make_backup(store.db_path, store.backup_dir, reason="bundle")
        try:
            with transaction(store.sessions) as session:
                _apply(session, plan)
        except SQLAlchemyError as exc:
            raise fail(N_("The database could not be changed ({name}); everything was rolled back.",
                          name=exc.__class__.__name__)) from exc
    return ImportReport(
        added={kind: len(plan.add[kind]) for kind in KINDS},
        unchanged={kind: plan.unchanged[kind] for kind in KINDS},
        signed=opened.signed, warnings=(*opened.warnings, *plan.warnings),
    )
