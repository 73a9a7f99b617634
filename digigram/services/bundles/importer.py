"""Offline result bundles: a streaming import that verifies everything before writing, then writes in batches.

Three passes over the open bundle, in memory that does not grow with the number of answers:
1. verify — every record file streamed, checked record by record and against its SHA-256, references
   and frameworks checked, and a digest kept per person, check and plan (never per answer);
2. compare — what the database already holds, read in chunks of ids, against those digests;
3. write — the record files streamed again (their hashes checked again) into batched inserts that skip
   known keys, inside one transaction; any failure rolls it all back. A forked recompute (side.py) may
   still be at work meanwhile: the results it makes are stored as they come, and a refusal it comes to
   rolls the transaction back. Into SQLite, where fork is safe, pass 1's answers and area results are
   checked by a second forked child (side.SideCheck) while this process checks the plans, compares and
   writes: the checks the database holds are compared once it is done (`_checked`), the database is
   backed up only then, and nothing is committed before.

Conflict rule for a UUID already in the database with different content (docs/bundles.md):
checks (attempt, answers, area results) never change once finished, so a different check under a known
UUID refuses the whole bundle; a plan is replaced by the bundle's copy only when that copy was saved
later (and not more than a day in the future); a person's details stay as the database has them, with a
warning naming the person.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import delete, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from digigram.core.bundle.format import KINDS, RECORD_FILES, Limits, fail
from digigram.core.bundle.read import DEFAULT_LIMITS, BundleReader, open_bundle
from digigram.core.bundle.records import HUB_FIELDS, KEYS, SCHEMAS, RecordCheck, converter
from digigram.core.coordination import BundleError, ImportReport
from digigram.core.errors import Cancelled, DigigramError, StorageError
from digigram.core.framework import Framework
from digigram.core.i18n import N_, NP_, Message
from digigram.core.names import name_key
from digigram.core.regions import BY_ID
from digigram.services.bundles.checks import Checker, dangling
from digigram.services.bundles.derived import MadeResults, SpooledSummaries, Vouched, VouchedResults
from digigram.services.bundles.pack import ANSWER_ROWS, PACKED, PACKED_COLUMNS, Packer, python_row
from digigram.services.bundles.recompute import Recompute, without_result
from digigram.services.bundles.rows import (
    CHUNK,
    JSON_COLUMNS,
    TABLES,
    HoldsStore,
    Record,
    canonical,
    export_bundle,
    rows_where,
    store_of,
)
from digigram.services.bundles.side import ChildStopped, SideCheck, SideRecompute, forks
from digigram.services.bundles.stage import NoStaging, Stager
from digigram.services.bundles.write import RowWriter, row_maker
from digigram.services.summaries import store_derived
from digigram.store import backup
from digigram.store.clock import now as clock_now
from digigram.store.db import ConnectionLost, connection_lost, defer_checkpoint, transaction, write_refused
from digigram.store.repo import hubs as hub_rows
from digigram.store.startup import Store

__all__ = ["export_bundle", "import_bundle"]

Progress = Callable[[str, int, int], None]  # (kind, records done, records in the file)
# The kind `Progress` hears while the import waits for its forked recompute: checks recomputed so far.
RECOMPUTED = "recomputed"
_MOD = 1 << 256
# How far ahead of this computer's clock a plan's save time may be and still count as the newer copy:
# a hub PC's clock a few hours off is normal, a plan "saved" next month is not.
FUTURE_SLACK = timedelta(days=1)
# The files of the verifying pass an SQLite import checks in a forked child, where it can (`SideCheck`).
ANSWER_KINDS = ("answers", "results")
# The kinds `Progress` hears the child's count under, while the import waits for it and once it has
# accepted them all: the same records' writing is counted under their own kinds meanwhile.
CHECKED = {"answers": "answers_checked", "results": "results_checked"}


def _conflict(what: Message) -> BundleError:
    return fail(N_("{what} The whole bundle was refused so that two versions are not mixed. Check the "
                   "bundle does not come from another database restored from a backup.", what=what))


def _digest(kind: str, record: Record) -> int:
    """A record's fingerprint; sums of them (mod 2**256) fingerprint a check or a plan in any order."""
    return int.from_bytes(hashlib.sha256(f"{kind}\n{canonical(record)}".encode()).digest(), "big")


def _person_digest(record: Record) -> int:
    """A person's fingerprint without their hub's region and its date: those are the hub's, judged
    apart (`_hub_moves`), so a corrected region is not reported as the person's details differing."""
    return _digest("people", {k: v for k, v in record.items() if k not in HUB_FIELDS})


HubKey = tuple[str, str | None]  # a hub as bundles name it: (name, region)


def takes_region(*, stored: str | None, stored_at: datetime | None, region: str | None,
                 at: datetime | None, latest: datetime) -> bool:
    """Whether a bundle's region for a hub a stored person is in replaces the database's.

    Only a region replaces one: a bundle without (an older release's, or a hub without one yet) never
    takes a region away. A hub without a region takes the bundle's. One with a region takes it only when
    the bundle's was chosen later than the database's (a date unknown to the database counts as
    earliest) and not in the future: an old bundle, made before a correction, cannot undo it, whenever
    it is imported.
    """
    if region is None or region == stored:
        return False
    if stored is None:
        return True
    return at is not None and at <= latest and (stored_at is None or at > stored_at)


@dataclass
class _Plan:
    person_id: str
    updated_at: datetime
    digest: int
    steps: int = 0


@dataclass
class _Seen:
    """What the verifying pass keeps: a few numbers per person, check and plan, nothing per answer."""

    people: dict[str, int] = field(default_factory=dict)
    attempts: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (framework hash, digest)
    stored_attempts: set[str] = field(default_factory=set)  # already in the database: compared, not written
    resultless: set[str] = field(default_factory=set)  # checks with no stored result (older releases)
    plans: dict[str, _Plan] = field(default_factory=dict)
    need_people: set[str] = field(default_factory=set)
    need_attempts: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    hubs: dict[HubKey, datetime | None] = field(default_factory=dict)  # a few per hub PC, latest date
    hub_of: dict[str, tuple[HubKey, datetime | None]] = field(default_factory=dict)  # people given a region
    recompute: Recompute | None = None  # each finished check's stored results against its answers
    side: SideRecompute | None = None  # the recompute's process, until its outcome is heard (`_recomputed`)
    checking: SideCheck | None = None  # the answers' checks' process (SQLite), until heard (`_checked`)
    in_database: dict[str, int] = field(default_factory=dict)  # the database's digest of each check it holds


@dataclass
class _Decision:
    """What the comparing pass decided; the writing pass follows it."""

    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    replace_plans: dict[str, Record] = field(default_factory=dict)
    skip_plans: set[str] = field(default_factory=set)  # plans whose database copy stays, steps and all
    # Stored people whose hub's region the bundle corrects: (hub now, hub to be, its date) -> people.
    hub_moves: dict[tuple[str, HubKey, datetime | None], list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class _Telling:
    """When one file's progress is told: at each 10,000 records, and between them, at a whole thousand,
    once a quarter of a second has gone by since it was last told. A check's line carries its stored
    result (~11 KB): 10,000 of them took a second, and the app's window, which lives on hearing progress
    (ui.coordinator.bundles), stood still that long."""

    def __init__(self, progress: Progress, kind: str, total: int) -> None:
        self.progress, self.kind, self.total = progress, kind, total
        self.shown = self.looked = 0
        self.at = time.monotonic()

    def __call__(self, done: int) -> None:
        """`done` records so far; callers call it once `done - looked` reaches 1,000."""
        self.looked = done
        told = done - done % 10_000
        if told <= self.shown:
            if time.monotonic() - self.at < 0.25:
                return
            told = done - done % 1_000
            if told <= self.shown:
                return
        self.shown, self.at = told, time.monotonic()
        self.progress(self.kind, told, self.total)


def _records(reader: BundleReader, kind: str, progress: Progress | None, stage: Stager | None = None, *,
             deferred: bool = False, vouched: Iterator[Vouched] | None = None) -> Iterator[Record]:
    """The file's records, each checked; with `stage`, each accepted record is staged for writing too.

    `vouched` (area results, with `stage`): runs of lines a forked recompute made itself, to the byte,
    with their rows in COPY text; those are staged as made and not yielded.
    """
    count = reader.manifest.counts[kind]
    check = RecordCheck(kind, count, deferred=deferred)
    take = None if stage is None else stage.taker(kind)
    ahead = None if vouched is None else next(vouched, None)
    skip = 0
    tell = None if progress is None else _Telling(progress, kind, count)
    for line in reader.lines(RECORD_FILES[kind]):
        if skip:
            skip -= 1
            continue
        if ahead is not None and ahead.first == check.n:
            assert take is not None and vouched is not None
            check.taken(ahead.length, ahead.key)
            take.made(ahead.copy)
            skip = ahead.length - 1
            ahead = next(vouched, None)
        else:
            record = check(line)
            if take is not None:
                take(record, len(line))
            yield record
        if tell is not None and check.n - tell.looked >= 1_000:
            tell(check.n)
    check.finish()
    if take is not None:
        take.flush()
    if progress is not None:
        progress(kind, count, count)


def _verify(reader: BundleReader, checker: Checker, progress: Progress | None,
            stage: Stager | None = None, spools: _Spools | None = None) -> _Seen:
    """Pass 1: every record checked; raises BundleError at the first problem, before anything is written
    (into SQLite where fork is safe, the answers and area results are left to a forked child, whose
    refusal `_checked` or `_checks_first` raises before anything is committed).

    Answers and area results are fingerprinted only for checks the database already holds: those are
    the only ones to compare, and a new check's thousands of answers then cost no hashing at all.
    Answers and results come grouped by check (key order), so each check's framework and owner are
    looked up once per group rather than once per record. With `stage` (PostgreSQL), each record it
    accepts is staged on the write connection as it goes, so the bundle is read once.
    """
    seen = _Seen(counts=dict(reader.manifest.counts))
    # The new checks' summaries are made beside the recompute (bundles.derived).
    recompute = seen.recompute = Recompute(reader, checker, skip=seen.stored_attempts,
                                           summaries=None if spools is None else spools.summaries,
                                           made=None if spools is None else spools.made)
    listed = {(f.id, f.version, f.hash) for f in reader.manifest.frameworks}
    found: set[tuple[str, str, str]] = set()
    # A region's date after tomorrow is a wrong clock on the hub's computer (or a forgery): taken as
    # unknown, so it neither moves people nor is kept on the hub, where it would outrank every genuine
    # correction that follows.
    latest = clock_now() + FUTURE_SLACK
    for rec in _records(reader, "people", progress, stage):
        seen.people[rec["id"]] = _person_digest(rec)
        if rec["hub"]:
            key, at = (rec["hub"], rec["hub_region"]), rec["hub_region_at"]
            if at is not None and at > latest:
                at = None
            known = seen.hubs.get(key)
            seen.hubs[key] = at if known is None or (at is not None and at > known) else known
            if key[1] is not None:
                seen.hub_of[rec["id"]] = (key, at)
    if stage is not None:
        stage.find_hubs(partial(_hub_ids, seen=seen))
    for rec in _records(reader, "frameworks", progress, stage):
        checker.texts[rec["content_hash"]] = rec
        found.add((rec["framework_id"], rec["version"], rec["content_hash"]))
    if found != listed:
        raise fail(N_("The manifest's list of frameworks does not match the frameworks in the bundle."))
    # Where fork is safe, the recompute goes to a second process from here on: it needs the frameworks,
    # and hears which checks the database holds as the checks below are compared. With staging
    # (PostgreSQL) it also makes the area rows it vouches for in COPY text; on SQLite the pass checks
    # them itself, as the child is then the busier process.
    side = None
    if forks():
        if stage is not None:
            recompute.vouched = VouchedResults()
        side = SideRecompute(recompute, checker)

    def vouched() -> Iterator[Vouched] | None:
        """What the child vouches for, as it does. (Should it stop, or refuse a check, before the end, the
        lines it vouched for are still what their checks' answers give; its outcome is said after the
        pass, as ever.)"""
        if side is None or recompute.vouched is None:
            return None
        return recompute.vouched.taken(side.running)

    try:
        _verify_checks(reader, checker, progress, stage, seen, side)
        if side is not None and stage is None:
            # SQLite, where fork is safe: the answers and area results are checked in a second child
            # while this process checks the plans and then writes (`_two_passes`, `_checked`).
            seen.checking = SideCheck(partial(_check_answers, reader, checker, seen), ANSWER_KINDS, reader,
                                      checker, others=(side.receiving, side.telling))
        else:
            _verify_answers(reader, checker, progress, stage, seen, None if side is not None else recompute,
                            vouched)
        _verify_plans(reader, progress, stage, seen)
    except BaseException as exc:
        if side is not None:
            side.stop()
        _checks_first(seen, exc, progress)
        raise
    finally:
        if recompute.vouched is not None:
            recompute.vouched.close()
    # Its outcome is heard later (`_recomputed`), once what can be written meanwhile is: a record the pass
    # refused is reported first, as in one process.
    seen.side = side
    return seen


@contextmanager
def _recompute_first(seen: _Seen, progress: Progress | None) -> Iterator[None]:
    """While forked children may still be at work: a problem raised in the block gives way to a refusal
    of the answers' checks (`_checks_first`), then, if Digigram can say it (a conflict, a full disk, a
    lost connection), to the recompute's refusal: both came first when all ran in one process. Waiting
    for them, the progress goes on. On anything else (a cancelled sync, a bug), the recompute's process
    is stopped."""
    try:
        yield
    except BaseException as exc:
        try:
            _checks_first(seen, exc, progress)  # raises the answers' checks' refusal, if they have one
            if isinstance(exc, DigigramError) and not isinstance(exc, Cancelled):
                _recomputed(seen, progress)  # raises the recompute's refusal, if it has one
        finally:
            _stop_recompute(seen)
        raise


def _recomputed(seen: _Seen, progress: Progress | None) -> None:
    """A forked recompute's outcome: waited for, saying how many checks it has done; its refusal raised."""
    side, seen.side = seen.side, None
    if side is not None:
        checks = seen.counts["attempts"]
        side.result(None if progress is None else
                    lambda done: progress(RECOMPUTED, min(done, checks), checks))
        if progress is not None:
            progress(RECOMPUTED, checks, checks)


def _store_made(session: Session, seen: _Seen, progress: Progress | None) -> None:
    """In the import's transaction, once the checks are written: the results the recompute made for
    checks that came without one, stored as it makes them (a forked one may still be at work). The
    progress hears, four times a second at most, how many checks it has recomputed: the app's window
    is kept alive by hearing it (ui.coordinator.bundles)."""
    recompute, side = seen.recompute, seen.side
    if recompute is None:
        return
    checks, said = seen.counts["attempts"], [0.0]

    def tell() -> None:
        if progress is not None and time.monotonic() - said[0] >= 0.25:
            said[0] = time.monotonic()
            done = checks if side is None else min(side.counted.value, checks)
            progress(RECOMPUTED, done, checks)

    def writing() -> bool:
        tell()
        return side is not None and side.running()

    recompute.store_made(session, writing, stored=tell)


def _verify_checks(reader: BundleReader, checker: Checker, progress: Progress | None, stage: Stager | None,
                   seen: _Seen, side: SideRecompute | None) -> None:
    """Pass 1's checks; a forked recompute (`side`) hears, chunk by chunk, which the database holds."""
    # Each stored result is checked by the recompute (or, for a check the database holds, found equal to
    # the database's copy): checking it here too would parse every one of them twice.
    # A check is fingerprinted only when the database holds it already (the only ones compared): its
    # record, long with its stored result, would cost more to encode and hash than to check. So checks
    # are looked up a chunk at a time, holding the chunk's records until then.
    pending: list[Record] = []

    def fingerprint() -> None:
        stored = set(checker.existing("attempts", "id", [rec["id"] for rec in pending]))
        seen.stored_attempts.update(stored)
        for rec in pending:
            digest = _digest("attempts", rec) if rec["id"] in stored else 0
            seen.attempts[rec["id"]] = (rec["framework_hash"], digest)
        pending.clear()
        if side is not None:
            side.decided(len(seen.attempts), sorted(stored))

    for rec in _records(reader, "attempts", progress, stage, deferred=True):
        if rec["person_id"] not in seen.people:
            seen.need_people.add(rec["person_id"])
        checker.check_attempt(rec)
        if rec["result"] is None:  # given a result on import: compared without one, area rows too
            seen.resultless.add(rec["id"])
            rec = without_result(rec)
        pending.append(rec)
        if len(pending) >= CHUNK:
            fingerprint()
    fingerprint()
    if side is not None:
        side.all_decided()
    if stage is not None:
        # The checks go into their table now, so that their answers can go straight into theirs; every
        # person they name must be found first (a framework was, by check_attempt).
        _people_found(checker, seen)
        stage.land()


def _verify_answers(reader: BundleReader, checker: Checker, progress: Progress | None, stage: Stager | None,
                    seen: _Seen, recompute: Recompute | None,
                    vouched: Callable[[], Iterator[Vouched] | None] = lambda: None) -> None:
    """Pass 1's answers and area results; `recompute` is fed the answers unless another process does it,
    and then `vouched()` gives, once it has, the area-result lines it made itself (not checked again)."""
    for kind in ANSWER_KINDS:
        last: str | None = None
        judge: Callable[[Record], None] = _before_first
        stored = False
        for rec in _records(reader, kind, progress, stage, vouched=vouched() if kind == "results" else None):
            aid = rec["attempt_id"]
            if aid != last:
                owner = seen.attempts.get(aid)
                if owner is None:
                    raise dangling(kind, "attempt", aid)
                fw = checker.framework(owner[0])
                judge = checker.answer_judge(fw) if kind == "answers" else checker.result_judge(fw)
                stored = aid in seen.stored_attempts and not (kind == "results" and aid in seen.resultless)
                last = aid
            judge(rec)
            if kind == "answers" and recompute is not None:
                recompute.answer(rec)
            if stored:
                digest = seen.attempts[aid]
                seen.attempts[aid] = (digest[0], (digest[1] + _digest(kind, rec)) % _MOD)
        if kind == "answers" and recompute is not None:
            recompute.finish()


def _check_answers(reader: BundleReader, checker: Checker, seen: _Seen, progress: Progress) -> dict[str, int]:
    """In a forked child (`SideCheck`): `_verify_answers` on its own; returns the digests of the checks
    the database holds, which the parent compares with the database's once it has them (`_checked`)."""
    _verify_answers(reader, checker, progress, None, seen, None)
    return {aid: seen.attempts[aid][1] for aid in seen.stored_attempts}


def _checked(seen: _Seen, progress: Progress | None, *, failing: bool = False) -> None:
    """The answers' checks, if a forked child makes them (`SideCheck`): waited for, its refusal raised, its
    digests taken; then the checks the database holds compared with their copies in the bundle (without
    a child, `_compare` has done that already). The child stopping on its own raises ChildStopped.
    Once all is accepted, the progress hears so, unless the import is `failing` anyway (`_checks_first`)."""
    checking, seen.checking = seen.checking, None
    if checking is None:
        return
    try:
        digests = checking.outcome(_hearing(checking, seen, progress))
    except BundleError as refused:
        if not isinstance(refused, ChildStopped):
            _stop_recompute(seen)  # a record the pass refused is said, not what the recompute would find
        raise
    _took(seen, digests)
    if progress is not None and not failing:  # their writing was counted apart, before the verdict
        for kind in checking.kinds:
            progress(CHECKED[kind], seen.counts[kind], seen.counts[kind])


def _took(seen: _Seen, digests: dict[str, int]) -> None:
    """The answers' checks' digests of the checks the database holds, compared with the database's."""
    for aid, digest in digests.items():
        seen.attempts[aid] = (seen.attempts[aid][0], digest)
    _conflicts(seen)


def _hearing(checking: SideCheck, seen: _Seen, progress: Progress | None) -> Callable[[], None] | None:
    """While the import waits for the answers' checks: how far they are (the app's window lives on it)."""
    if progress is None:
        return None

    def heard() -> None:
        for kind, done in zip(checking.kinds, checking.checked, strict=True):
            if done < seen.counts[kind] or kind == checking.kinds[-1]:
                progress(CHECKED[kind], done, seen.counts[kind])
                return
    return heard


def _checks_first(seen: _Seen, exc: BaseException, progress: Progress | None) -> None:
    """A problem raised while a forked child still checks the answers (`SideCheck`): the child's refusal,
    of records that come before the plans in the bundle, or a check that conflicts with the database's,
    is raised in its place, as in one process (a record the write could not take, being wrong, is
    refused by the child). Should the child have stopped on its own, the problem found here stands. On a
    stop (Ctrl+C, a cancelled sync) the child is stopped."""
    if seen.checking is not None and (not isinstance(exc, Exception) or isinstance(exc, Cancelled)):
        seen.checking.stop()
        seen.checking = None
    with contextlib.suppress(ChildStopped):
        _checked(seen, progress, failing=True)


def _stop_recompute(seen: _Seen) -> None:
    """A forked recompute whose outcome no longer matters, stopped."""
    side, seen.side = seen.side, None
    if side is not None:
        side.stop()


def _verify_plans(reader: BundleReader, progress: Progress | None, stage: Stager | None, seen: _Seen) -> None:
    """Pass 1's plans and their steps."""
    for rec in _records(reader, "plans", progress, stage):
        if rec["person_id"] not in seen.people:
            seen.need_people.add(rec["person_id"])
        if rec["attempt_id"] and rec["attempt_id"] not in seen.attempts:
            seen.need_attempts.add(rec["attempt_id"])
        seen.plans[rec["id"]] = _Plan(rec["person_id"], rec["updated_at"], _digest("plans", rec))
    for rec in _records(reader, "plan_steps", progress, stage):
        plan = seen.plans.get(rec["plan_id"])
        if plan is None:
            raise dangling("plan_steps", "plan", rec["plan_id"])
        plan.digest = (plan.digest + _digest("plan_steps", rec)) % _MOD
        plan.steps += 1


def _before_first(record: Record) -> None:
    raise AssertionError("every group of records starts by choosing its check")


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _people_found(checker: Checker, seen: _Seen) -> None:
    """Every person a check names but the bundle lacks is in the database; else BundleError."""
    people_found = set(checker.existing("people", "id", seen.need_people))
    for pid in sorted(seen.need_people - people_found):
        raise dangling("attempts", "person", pid)


def _compare(session: Session, checker: Checker, seen: _Seen, lang: str | None) -> _Decision:
    """Pass 2: the database's copies against the bundle's digests; raises BundleError on a conflict (a
    check's own, once a forked child has checked the answers: `_checked`)."""
    decision = _Decision()
    _people_found(checker, seen)
    attempts_found = set(checker.existing("attempts", "id", seen.need_attempts))
    for aid in seen.need_attempts - attempts_found:
        raise dangling("plans", "attempt", aid)

    for ids in _chunks(sorted(seen.people)):
        for mine in rows_where(session, "people", "id", ids):
            decision.unchanged["people"] += 1
            if _person_digest(mine) != seen.people[mine["id"]]:
                decision.warnings.append(N_(
                    "The details of {value!r} ({value2}) differ in the bundle; the database keeps its own — "
                    "edit them by hand if needed.", value=mine["name"], value2=mine["id"]).render(lang))
    _hub_moves(session, seen, decision, lang)
    decision.unchanged["frameworks"] = len(checker.existing(
        "frameworks", "content_hash", [h for h in checker.texts if h not in checker.in_database]))

    for ids in _chunks(sorted(seen.stored_attempts)):
        stored = {r["id"]: _digest("attempts", without_result(r) if r["id"] in seen.resultless else r)
                  for r in rows_where(session, "attempts", "id", ids)}
        if not stored:
            continue
        counts = {"answers": 0, "results": 0}
        for kind in counts:
            for rec in rows_where(session, kind, "attempt_id", stored):
                counts[kind] += 1
                if kind == "results" and rec["attempt_id"] in seen.resultless:
                    continue
                stored[rec["attempt_id"]] = (stored[rec["attempt_id"]] + _digest(kind, rec)) % _MOD
        seen.in_database.update(stored)
        decision.unchanged["attempts"] += len(stored)
        for kind, n in counts.items():
            decision.unchanged[kind] += n
    if seen.checking is None:  # else once the child checking the answers has their digests (`_checked`)
        _conflicts(seen)

    latest = clock_now() + FUTURE_SLACK
    for ids in _chunks(sorted(seen.plans)):
        stored_plans = {r["id"]: r for r in rows_where(session, "plans", "id", ids)}
        digests = {pid: _digest("plans", r) for pid, r in stored_plans.items()}
        for step in rows_where(session, "plan_steps", "plan_id", stored_plans):
            digests[step["plan_id"]] = (digests[step["plan_id"]] + _digest("plan_steps", step)) % _MOD
        for pid, mine in stored_plans.items():
            theirs = seen.plans[pid]
            if mine["person_id"] != theirs.person_id:
                raise _conflict(N_("The plan {pid} belongs to another person in the database.", pid=pid))
            decision.skip_plans.add(pid)
            if digests[pid] == theirs.digest:
                decision.unchanged["plans"] += 1
                decision.unchanged["plan_steps"] += theirs.steps
            elif mine["updated_at"] < theirs.updated_at <= latest:
                decision.skip_plans.discard(pid)
                decision.replace_plans[pid] = mine
                decision.warnings.append(
                    N_("The plan {pid} was replaced by the bundle's newer version.", pid=pid).render(lang))
            else:
                decision.unchanged["plans"] += 1
                when = f"{theirs.updated_at:%Y-%m-%d %H:%M}"
                kept: Message = N_(
                    "The plan {pid} in the bundle is dated in the future ({when}); the database keeps "
                    "its own.",
                    pid=pid, when=when) if theirs.updated_at > latest else N_(
                    "The plan {pid} in the database is newer than the bundle's; it was kept.", pid=pid)
                decision.warnings.append(kept.render(lang))
    return decision


def _conflicts(seen: _Seen) -> None:
    """A check the database holds whose copy in the bundle differs refuses the bundle (the conflict rule);
    once the bundle's answers are checked (`_compare`, else `_checked`): their digests count."""
    for aid, digest in seen.in_database.items():
        if digest != seen.attempts[aid][1]:
            raise _conflict(N_("The check {aid} is already in the database with different answers or "
                               "results.", aid=aid))


def _hub_moves(session: Session, seen: _Seen, decision: _Decision, lang: str | None) -> None:
    """Stored people whose hub the bundle names with another region: moved when `takes_region` says so.

    A hub is the same hub when its name is; only its region differs. The people move (not the hub row):
    a hub of that name and the old region may rightly hold people of other computers.
    """
    latest = clock_now() + FUTURE_SLACK
    kept: set[tuple[str, str, str]] = set()
    for pid, hub in hub_rows.people_hubs(session, seen.hub_of).items():
        key, at = seen.hub_of[pid]
        if hub.name != key[0] or hub.region_id == key[1]:
            continue
        if takes_region(stored=hub.region_id, stored_at=hub.region_set_at, region=key[1], at=at,
                        latest=latest):
            decision.hub_moves.setdefault((hub.hub_id, key, at), []).append(pid)
        elif hub.region_id is not None and key[1] is not None:
            kept.add((hub.name, hub.region_id, key[1]))
    moves = sorted(decision.hub_moves.items(), key=lambda m: (m[0][1][0], str(m[0][1][1]), m[0][0]))
    for (_source, (name, region), _at), people in moves:
        decision.warnings.append(NP_(
            "The hub {hub!r} is now in {region} for {count} person already in the database: the bundle's "
            "region for it was chosen later.",
            "The hub {hub!r} is now in {region} for {count} people already in the database: the bundle's "
            "region for it was chosen later.", len(people), hub=name, region=BY_ID[str(region)]).render(lang))
    for name, stored, theirs in sorted(kept):
        decision.warnings.append(N_(
            "The bundle puts the hub {hub!r} in {region}, but the database's {stored} was chosen later (or "
            "the bundle's date is missing or in the future); the database keeps its own.",
            hub=name, region=BY_ID[theirs], stored=BY_ID[stored]).render(lang))


def _move_people(session: Session, decision: _Decision) -> None:
    """In the import's transaction, after the people are written: the moves `_hub_moves` decided."""
    for (source, key, at), people in sorted(decision.hub_moves.items(), key=lambda m: (m[0][1], m[0][0])):
        target = hub_rows.resolve(session, key[0], key[1], at)
        hub_rows.move_people(session, people, source=source, target=target)


def _check_steps(reader: BundleReader, session: Session, decision: _Decision) -> None:
    """A step written by this import may not already belong to another plan in the database."""
    batch: dict[str, str] = {}

    def probe() -> None:
        for other in rows_where(session, "plan_steps", "id", batch):
            if other["plan_id"] != batch[other["id"]]:
                raise _conflict(N_("The plan step {value} belongs to another plan in the database.",
                                   value=other["id"]))
        batch.clear()

    for step in _records(reader, "plan_steps", None):
        if step["plan_id"] not in decision.skip_plans:
            batch[step["id"]] = step["plan_id"]
            if len(batch) >= CHUNK:
                probe()
    probe()


def _write(session: Session, reader: BundleReader, seen: _Seen, decision: _Decision,
           progress: Progress | None) -> dict[str, int]:
    """Pass 3: the records streamed again into batched inserts; returns how many rows were new.

    The bytes are the ones pass 1 checks (each file's SHA-256 is checked again as it ends, and a
    mismatch rolls the transaction back), so records are converted here without being checked again;
    the answers and area results may still be being checked by a forked child, whose refusal rolls
    the transaction back before anything is committed.
    """
    added: dict[str, int] = {}
    sqlite = session.connection().dialect.name == "sqlite"
    plan_record = converter("plans")  # a replaced plan's own record, with typed dates, for its UPDATE
    hub_ids = _hub_ids(session, seen)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-write") as sender:
        for kind in KINDS:
            table, columns = TABLES[kind], tuple(SCHEMAS[kind])
            if kind == "plan_steps" and decision.replace_plans:
                steps = TABLES["plan_steps"]
                replaced = sorted(decision.replace_plans)
                for start in range(0, len(replaced), CHUNK):
                    session.execute(delete(steps).where(steps.c.plan_id.in_(replaced[start:start + CHUNK])))
            encode = [name for table_kind, name in JSON_COLUMNS if table_kind == kind]
            make_row = row_maker(kind, columns, encode, sqlite=sqlite)
            at = columns.index(_DECIDED_BY.get(kind, columns[0]))
            skip: set[str] | frozenset[str] = frozenset()
            if kind in ("attempts", "answers", "results"):
                skip = seen.stored_attempts  # the same check is stored already (pass 2 compared them)
            elif kind in ("plans", "plan_steps"):
                skip = decision.skip_plans  # the database's plan stays, steps and all
            written = columns
            if kind == "people":  # the region is the hub's, not a column of person: the hub's id goes there
                region, name = columns.index("hub_region"), columns.index("name")
                hub, group = columns.index("hub"), columns.index("group_tag")
                assert columns[region + 1:] == ("hub_region_at",)  # the hub's fields end the record
                # and the sort keys the dashboard orders people by in SQL (revisions 0007, 0009)
                written = (*(c for c in columns if c not in HUB_FIELDS), "hub_id", "sort_name", "sort_hub",
                           "sort_group")
            total, done = seen.counts[kind], 0
            tell = None if progress is None else _Telling(progress, kind, total)
            packer: Packer | None = None
            keys = KEYS[kind]
            packed = kind == "answers" and not sqlite
            if kind == "answers":
                # On PostgreSQL one packed row per check (revision 0013); SQLite, in this process, pays
                # little per row and reads rows many times faster than its JSON arrays.
                table = PACKED if packed else ANSWER_ROWS
                if packed:
                    written, keys = PACKED_COLUMNS, ("attempt_id",)
            with RowWriter(session, table, written, keys, sender, packed=packed) as writer:
                if packed:
                    packer = Packer(python_row, lambda row, size, _answers: writer.add(row, size))
                for line in reader.lines(RECORD_FILES[kind]):
                    row = make_row(line)
                    done += 1
                    if tell is not None and done - tell.looked >= 1_000:
                        tell(done)
                    if skip and row[at] in skip:
                        continue
                    if kind == "plans" and row[at] in decision.replace_plans:
                        plans, rec = TABLES["plans"], plan_record(line)
                        writer.wait()  # the connection is the sender's until its batch is in
                        session.execute(update(plans).where(plans.c.id == rec["id"]).values(
                            attempt_id=rec["attempt_id"], updated_at=rec["updated_at"]))
                        continue
                    if kind == "people":
                        hub_id = hub_ids[(row[at], row[region])] if row[at] else None
                        row = (*row[:region], hub_id, name_key(row[name]), name_key(row[hub]),
                               name_key(row[group]))
                    if packer is not None:
                        packer.add(row, len(line))
                    else:
                        writer.add(row, len(line))
                if packer is not None:
                    packer.finish()
                added[kind] = writer.close()
            if progress is not None:
                progress(kind, total, total)
    return added


@contextmanager
def _writing(store: Store) -> Iterator[None]:
    """A failure inside the write transaction as the import's own refusal: everything was rolled back."""
    lost = N_("The connection to the database was lost during the import; everything was rolled back, and "
              "the database is as it was before. Running the import again completes it.")
    try:
        yield
    except ConnectionLost as exc:  # the engine's own word for it, once the connection had worked
        raise fail(lost) from exc
    except StorageError:
        raise  # already says plainly what happened (busy, full, a read-only role)
    except (SQLAlchemyError, store.engine.dialect.loaded_dbapi.Error) as exc:
        refused = write_refused(exc)
        if refused is not None:
            raise refused from exc
        # A server's connection only: an SQLite file has none to lose, and its other OperationalErrors
        # (a table missing from a damaged file) are not one.
        if store.engine.dialect.name != "sqlite" and connection_lost(
                exc, store.engine.dialect.loaded_dbapi.OperationalError):
            raise fail(lost) from exc
        # The driver's class name («OperationalError») told the coordinator nothing.
        raise fail(N_("The database could not be changed; everything was rolled back. Try again; if it "
                      "happens again, check the connection to the database.")) from exc


def _to_write(seen: _Seen, decision: _Decision) -> bool:
    return (sum(seen.counts.values()) > sum(decision.unchanged.values()) or bool(decision.replace_plans)
            or bool(decision.hub_moves))


def _hub_ids(session: Session, seen: _Seen) -> dict[tuple[str, str | None], str]:
    """Each person's hub by (name, region), found or added in one order, so that imports of bundles
    naming the same new hubs wait for each other rather than deadlock."""
    order = sorted(seen.hubs, key=lambda k: (k[0], k[1] or ""))
    return {key: hub_rows.resolve(session, *key, seen.hubs[key]) for key in order}


def _after_write(session: Session, seen: _Seen, framework: Framework | None,
                 stage: Stager | None = None) -> None:
    """In the import's transaction: results for checks that came without one, then the new checks'
    summaries, so the dashboard and the report never have to make them on opening. With `stage`
    (PostgreSQL), those the recompute made go in all at once; the rest are made as on SQLite."""
    made = None if seen.recompute is None else seen.recompute.summaries
    if made is not None and made.framework is not framework:
        made = None
    if seen.recompute is not None:
        seen.recompute.store_missing(session)
    new = [a for a in seen.attempts if a not in seen.stored_attempts]
    if stage is not None and made is not None and framework is not None:
        done = stage.summaries(framework.content_hash, made.every())
        new, made = [a for a in new if a not in done], None
    store_derived(session, framework, new, made=None if made is None else made.take)


class _Spools(NamedTuple):
    """Where the recompute puts what it makes for the import to store: the new checks' summaries on
    the import's framework (none without one), and the results of checks that came without one."""

    summaries: SpooledSummaries | None
    made: MadeResults


@contextmanager
def _spools(framework: Framework | None) -> Iterator[_Spools]:
    """The recompute's spools (`_Spools`), their temporary files closed whatever becomes of the import."""
    spooled = None if framework is None else SpooledSummaries(framework)
    made = MadeResults()
    try:
        yield _Spools(spooled, made)
    finally:
        made.close()
        if spooled is not None:
            spooled.close()


def _import_in_two_passes(
        store: Store, reader: BundleReader, framework_dir: Path, framework: Framework | None,
        progress: Progress | None, lang: str | None) -> tuple[_Seen, _Decision, dict[str, int]]:
    """SQLite: verify and compare, read the bundle again into batched inserts, then back the file up (as
    it was) and commit."""
    with _spools(framework) as spools:
        return _two_passes(store, reader, framework_dir, framework, progress, lang, spools)


def _two_passes(store: Store, reader: BundleReader, framework_dir: Path, framework: Framework | None,
                progress: Progress | None, lang: str | None,
                spools: _Spools) -> tuple[_Seen, _Decision, dict[str, int]]:
    with store.sessions() as session:
        checker = Checker(session, framework_dir)
        seen = _verify(reader, checker, progress, spools=spools)
        with _recompute_first(seen, progress):
            decision = _compare(session, checker, seen, lang)
            _check_steps(reader, session, decision)
    added = dict.fromkeys(KINDS, 0)
    with _recompute_first(seen, progress):
        if not _to_write(seen, decision):
            _checked(seen, progress)
            _recomputed(seen, progress)
            return seen, decision, added
        # Written while forked children may still be at work: the one checking the answers, and the
        # recompute (a region's checks from an older Digigram, whose results it makes). A refusal either
        # comes to, or a check that conflicts with the database's, rolls the transaction back.
        db_path, backup_dir = store.db_path, store.backup_dir
        stamp = None if db_path is None or backup_dir is None else backup.source_stamp(db_path)
        with _writing(store), transaction(store.sessions) as session:
            defer_checkpoint(session)  # its WAL is copied after the commit, while the caller goes on
            added = _write(session, reader, seen, decision, progress)
            _checked(seen, progress)
            _store_made(session, seen, progress)
            _recomputed(seen, progress)
            _move_people(session, decision)
            _after_write(session, seen, framework)
            # Only a bundle accepted whole is backed up for: the backup is taken last, of the database as
            # it was, by a connection of its own that reads past this transaction's uncommitted writes.
            if db_path is not None and backup_dir is not None:
                backup.make_backup(db_path, backup_dir, reason="bundle", stamp=stamp)
    store.checkpoint_soon()
    return seen, decision, added


def _import_staged(store: Store, reader: BundleReader, framework_dir: Path, framework: Framework | None,
                   progress: Progress | None, lang: str | None) -> tuple[_Seen, _Decision, dict[str, int]]:
    """PostgreSQL: the bundle read once, its records staged during the verifying pass on the write
    transaction's connection (the server stores while Python checks), then moved set-based."""
    added = dict.fromkeys(KINDS, 0)
    with _spools(framework) as spools, _writing(store), transaction(store.sessions) as session, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-stage") as sender:
        stage = Stager(session, sender)
        try:
            with store.sessions() as reading:  # the checks' own reads, beside the staging connection
                checker = Checker(reading, framework_dir)
                seen = _verify(reader, checker, progress, stage, spools)
                with _recompute_first(seen, progress):
                    decision = _compare(reading, checker, seen, lang)
                    _check_steps(reader, reading, decision)
                    stage.done()
        except BaseException:
            stage.abandon()
            raise
        with _recompute_first(seen, progress):
            if _to_write(seen, decision):
                # Each table moved is a progress step, as each batch is in the two-pass write: a sync's
                # Cancel is heard there, inside the transaction, and rolls it back.
                added = stage.move(skip_plans=decision.skip_plans, replace_plans=decision.replace_plans,
                                   moved=None if progress is None else lambda kind, n: progress(kind, n, n))
                _store_made(session, seen, progress)
                _recomputed(seen, progress)
                _move_people(session, decision)
                _after_write(session, seen, framework, stage)
            else:
                _recomputed(seen, progress)
                added = dict(stage.added)  # nothing new: what landed early was all there already
    return seen, decision, added


def _stopping(progress: Progress | None, cancelled: Callable[[], bool]) -> Progress:
    """`progress`, raising Cancelled first once `cancelled` says yes: inside the write transaction, which
    is then rolled back, and the forked children are stopped (`_recompute_first`)."""
    def heard(kind: str, done: int, total: int) -> None:
        if cancelled():
            raise Cancelled(N_("The import was cancelled. Nothing was imported: the database is as it was."))
        if progress is not None:
            progress(kind, done, total)

    return heard


# The column whose value decides whether a row is written: its check, its plan, or (people) its hub.
_DECIDED_BY = {"attempts": "id", "answers": "attempt_id", "results": "attempt_id", "plans": "id",
               "plan_steps": "plan_id", "people": "hub"}


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
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Verify the bundle whole and add what is new in one transaction, backing a SQLite database up (as it
    was) before the commit.

    Raises BundleError (uk + en) and writes nothing when anything is wrong. `framework_dir` is where
    resource files named by the bundle's frameworks are looked up (default: the open framework's folder,
    else the shipped framework's). `progress` hears (kind, done, total) while each file is read.
    `cancelled` is asked at each step of the progress; once it says yes, the import stops with Cancelled
    and the database is as it was. Asked for after the last step, it is too late: the import completes.
    """
    if cancelled is not None:
        progress = _stopping(progress, cancelled)
    store = store_of(target)
    if framework is None and not isinstance(target, Store):
        framework = target.framework
    if framework_dir is None and framework is not None and framework.source is not None:
        framework_dir = framework.source.parent
    if framework_dir is None:
        from competency_framework import shipped_framework_path

        framework_dir = shipped_framework_path().parent
    with open_bundle(Path(path), key=key, allow_unsigned=allow_unsigned, limits=limits, lang=lang) as reader:
        try:
            if store.engine.dialect.name != "postgresql":
                raise NoStaging
            seen, decision, added = _import_staged(store, reader, framework_dir, framework, progress, lang)
        except NoStaging:
            seen, decision, added = _import_in_two_passes(store, reader, framework_dir, framework, progress,
                                                          lang)
    # Rows another import added in the meantime were skipped: they count as already there. A replaced
    # plan is neither added nor unchanged; the steps of a plan kept as the database has it are neither.
    unchanged = {kind: seen.counts[kind] - added[kind] for kind in KINDS}
    unchanged["plans"] -= len(decision.replace_plans)
    unchanged["plan_steps"] = decision.unchanged["plan_steps"]
    return ImportReport(added=added, unchanged=unchanged, signed=reader.signed,
                        warnings=(*reader.warnings, *decision.warnings))
