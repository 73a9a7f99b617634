"""Import's check that every finished check's stored results follow from its answers, in the first pass.

A bundle's signature shows only that someone holding the regional key made it; any hub holds that key.
So each finished check's stored results (the result record and its area rows) are recomputed from its
answers, on the framework snapshot it was taken on, by the engine version it records, and compared.

It runs inside the verifying pass, in constant memory: while that pass streams the answers, this
module streams the attempts and the area results beside it (all three files are in attempt order),
gathers a few hundred checks, recomputes them at once (`core.rescore`) and forgets them. Checks the
database already holds are left to the comparison with the database. A check with no stored result
(made before results were stored) is recomputed here to prove its answers fit, and after the write its
result is computed and stored by this release's engine, as revision 0004 did for local checks.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from digigram.core.bundle.format import RECORD_FILES, fail
from digigram.core.bundle.read import BundleReader
from digigram.core.bundle.records import check_deferred, converter
from digigram.core.engine import Quiz
from digigram.core.errors import QuizError
from digigram.core.i18n import N_, Message
from digigram.core.itembank import bank_for
from digigram.core.rescore import (
    RECOMPUTABLE,
    AreaText,
    CheckAnswers,
    Recomputed,
    area_rows,
    difference,
    exact_record,
    in_file_order,
    recompute,
)
from digigram.core.result_record import result_to_record
from digigram.core.scoring import ENGINE_VERSION
from digigram.services.bundles.checks import Checker, dangling
from digigram.services.bundles.derived import MadeResults, SpooledSummaries, VouchedResults
from digigram.services.bundles.rows import CHUNK, Record
from digigram.services.quiz import outcomes
from digigram.store.models import AttemptRow
from digigram.store.repo import attempts as attempt_rows
from digigram.store.repo.attempts import ResultToStore

BATCH = 400  # checks recomputed together: large enough for numpy to pay, small enough to stay flat
_END = "\uffff"  # sorts after every UUID


@dataclass
class _Check:
    attempt: Record
    line: int  # the attempt's record number in its file
    answers: list[tuple[str, Any]] = field(default_factory=list)
    skip: bool = False  # in the database already: compared with it instead


RESULT_FIELDS = ("result", "engine_version", "params_source")


def without_result(record: Record) -> Record:
    """An attempt record with its stored result left out: a check that came without one is compared so
    with the database's copy, which import gave one (its area rows are left out of the comparison too)."""
    return {**record, **dict.fromkeys(RESULT_FIELDS)}


_ROW_FIELDS = ("area_id", "position", "theta", "sd", "level", "band", "target", "p_below_target", "gap",
               "n_items", "level_probabilities", "said_theta", "said_sd", "said_level")


def _results_text(record: Record) -> dict[str, Any]:
    """A bundle's area-result row in the form `core.rescore.area_rows` gives (a field it lacks, or one
    that is not what it should be, then differs from the recomputed row)."""
    row = {name: record.get(name) for name in _ROW_FIELDS}
    probs = row["level_probabilities"]
    if isinstance(probs, str):
        with contextlib.suppress(ValueError, RecursionError):
            row["level_probabilities"] = json.loads(probs)
    return row


class Recompute:
    """Fed every answer of the verifying pass in file order; `finish()` once the answers file is done."""

    def __init__(self, reader: BundleReader, checker: Checker, *, skip: set[str],
                 summaries: SpooledSummaries | None = None, made: MadeResults | None = None) -> None:
        self.reader, self.checker, self.skip = reader, checker, skip
        # Called with a check's line number before `skip` is asked about it: in a recompute forked before
        # the checks are all compared with the database, it waits until that check has been (side.py).
        self.decided: Callable[[int], None] | None = None
        # Each vouched-for check's summary, made here from what the recompute holds (bundles.derived).
        self.summaries = summaries
        # The results of checks that came without one, made here for the import to store (derived.py).
        self.made = made
        # Told how many more checks were recomputed, after each batch (a forked one's progress: side.py).
        self.counted: Callable[[int], None] | None = None
        # In a forked recompute: the area-result lines it found to be its own, as COPY rows (derived.py).
        self.vouched: VouchedResults | None = None
        self._attempts: Iterator[bytes] | None = None
        self._results: Iterator[bytes] | None = None
        self._ahead: deque[bytes] = deque()  # area-result lines read ahead, not yet taken
        self._parsed: Record | None = None  # the first of them parsed, when it had to be
        self._taken = 0  # area-result lines taken so far (for the line number in a message)
        self._convert = converter("attempts")
        self._line = 0  # attempt records read so far
        self._current: _Check | None = None
        self._batch: list[_Check] = []
        self.missing: set[str] = set()  # checks without a stored result: computed and stored after writing
        self.handled: set[str] = set()  # of those, checks whose result made here was stored (`store_made`)
        self.recomputed = 0  # checks whose stored results were recomputed and compared
        self.same_text = 0  # of those, checks whose stored texts were the recomputed ones to the byte
        self.seconds = 0.0  # time spent recomputing and comparing (the benchmark reports it)

    # --- the streams beside the main pass ------------------------------------------------------------

    def _open(self) -> None:
        self._attempts = self.reader.lines(RECORD_FILES["attempts"])
        # The area results are read ahead of the pass, which checks every field of them later; here a
        # line is compared as bytes with the one the recompute expects, and parsed only when it differs
        # (a malformed row either fails that later check or differs from the recompute).
        self._results = self.reader.lines(RECORD_FILES["results"])

    def _peek(self, k: int) -> list[bytes]:
        """The next k area-result lines (fewer at the end), not taken."""
        assert self._results is not None
        while len(self._ahead) < k:
            line = next(self._results, None)
            if line is None:
                break
            self._ahead.append(line)
        return [self._ahead[n] for n in range(min(k, len(self._ahead)))]

    def _take(self, k: int) -> None:
        for _ in range(k):
            self._ahead.popleft()
        self._taken += k
        self._parsed = None

    def _next_row(self) -> Record | None:
        """The next area-result row, parsed (not taken)."""
        if self._parsed is None:
            line = self._peek(1)
            if not line:
                return None
            try:
                row = _RESULT(line[0])
                if not isinstance(row["attempt_id"], str):
                    raise TypeError("attempt_id")
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError, StopIteration):
                raise fail(N_("Record {line} in the file {file}: {reason}. The bundle is damaged or "
                              "forged; ask the hub to export it again.", line=self._taken + 1,
                              file=RECORD_FILES["results"],
                              reason=N_("the fields are not the expected ones"))) from None
            self._parsed = row
        return self._parsed

    def _next_attempt(self) -> Record | None:
        assert self._attempts is not None
        line = next(self._attempts, None)
        if line is None:
            return None
        self._line += 1
        try:
            return self._convert(line)
        except (ValueError, KeyError, TypeError, StopIteration):  # bytes changed since the pass checked them
            raise fail(N_("The file {name} in the bundle does not match its checksum: the bundle was "
                          "changed or damaged. Ask the hub to export the bundle again.",
                          name=RECORD_FILES["attempts"])) from None

    def _skips(self, attempt_id: str) -> bool:
        """Whether the check just read (line self._line) is in the database already."""
        if self.decided is not None:
            self.decided(self._line)
        return attempt_id in self.skip

    def _advance_to(self, attempt_id: str) -> None:
        """Queue every check up to `attempt_id` (those before it have no answers) and start that one."""
        while True:
            attempt = self._next_attempt()
            if attempt is None:
                raise dangling("answers", "attempt", attempt_id)
            check = _Check(attempt, self._line, skip=self._skips(attempt["id"]))
            if attempt["id"] == attempt_id:
                self._current = check
                return
            self._queue(check)

    def _queue(self, check: _Check) -> None:
        self._batch.append(check)
        if len(self._batch) >= BATCH:
            self._run()

    # --- what the verifying pass calls -----------------------------------------------------------------

    def answer(self, record: Record) -> None:
        if self._attempts is None:
            self._open()
        current = self._current
        if current is None or current.attempt["id"] != record["attempt_id"]:
            if current is not None:
                self._queue(current)
            self._advance_to(record["attempt_id"])
            current = self._current
            assert current is not None
        if not current.skip:
            current.answers.append((record["item_id"], record["choice"]))

    def answers(self, records: Iterable[Record]) -> None:
        """`answer` for each record in turn, its usual case (the same check as the last) kept in this
        loop: a region's bundle has two million answers."""
        records = iter(records)  # the inner loop below goes on where the outer one stands
        for record in records:
            current = self._current
            if current is None or current.attempt["id"] != record["attempt_id"]:
                self.answer(record)
                continue
            if current.skip:
                continue
            append, aid = current.answers.append, record["attempt_id"]
            append((record["item_id"], record["choice"]))
            for record in records:  # the same check's answers, as long as they last
                if record["attempt_id"] != aid:
                    self.answer(record)
                    break
                append((record["item_id"], record["choice"]))

    def finish(self) -> None:
        """The last checks, then both side streams read to their end (their checksums checked there)."""
        if self._attempts is None:
            self._open()
        if self._current is not None:
            self._queue(self._current)
            self._current = None
        while (attempt := self._next_attempt()) is not None:
            self._queue(_Check(attempt, self._line, skip=self._skips(attempt["id"])))
        self._run()
        if self.summaries is not None:
            self.summaries.flush()
        if self.made is not None:
            self.made.flush()
        if self.vouched is not None:
            self.vouched.flush()
        last = self._next_row()
        if last is not None:
            raise dangling("results", "attempt", last["attempt_id"])

    # --- recomputing ---------------------------------------------------------------------------------

    def _rows_of(self, attempt_id: str) -> list[Record]:
        rows = []
        while (row := self._next_row()) is not None and row["attempt_id"] <= attempt_id:
            if row["attempt_id"] < attempt_id:
                raise dangling("results", "attempt", row["attempt_id"])
            rows.append(row)
            self._take(1)
        return rows

    def _same_rows(self, attempt_id: str, areas: list[AreaText]) -> bool:
        """Whether the next area-result lines are, byte for byte, the rows the recompute gives (then
        they are taken); the line after them must not name the check too (else the full comparison)."""
        expected = _result_lines(attempt_id, areas)
        found = self._peek(len(expected) + 1)
        if found[:len(expected)] != expected:
            return False
        if len(found) > len(expected) and f'"attempt_id":"{attempt_id}"'.encode() in found[-1]:
            return False
        if self.vouched is not None:
            self.vouched.add(self._taken, attempt_id, areas, expected)
        self._take(len(expected))
        return True

    def _run(self) -> None:
        started = time.perf_counter()
        batch, self._batch = self._batch, []
        todo = [check for check in batch if not check.skip]
        inputs = [self._answers_of(check) for check in todo]
        try:
            computed = recompute(inputs)
        except QuizError:
            computed = []
            for check, one in zip(todo, inputs, strict=True):  # which check it was: one at a time (rare)
                try:
                    computed += recompute([one])
                except QuizError as exc:
                    raise self._refuse(check, N_("its answers cannot be replayed: {problem}",
                                                 problem=exc.text)) from None
        results = iter(zip(inputs, computed, strict=True))
        for check in batch:  # in file order, as the area-result rows are
            if check.skip:
                self._rows_of(check.attempt["id"])  # the comparison with the database covers them
                continue
            one, found = next(results)
            attempt = check.attempt
            text = attempt.get("result")
            if text is None:
                self._rows_of(attempt["id"])  # replaced after the write
                self.missing.add(attempt["id"])
                self._make(check, one, found)
                continue
            self.recomputed += 1
            # The usual case: the stored record is, to the byte, what the recompute writes (same engine
            # arithmetic on the hub's computer), and so are its area rows; nothing needs parsing.
            if attempt.get("engine_version") == one.engine_version and attempt.get("params_source") == \
                    bank_for(one.framework, one.engine_version).params_source and isinstance(text, str) \
                    and found.matches(text) \
                    and self._same_rows(attempt["id"], found.area_texts()):
                self.same_text += 1
                if self.summaries is not None:
                    self.summaries.add(attempt["id"], check.answers, found.area_texts(), found.competences())
                continue
            stored = self._stored(check, text)
            self._compare(check, CheckAnswers(one.framework, one.profile, one.mode, one.answers,
                                              stored=stored, engine_version=one.engine_version),
                          self._rows_of(attempt["id"]), found)
        self.seconds += time.perf_counter() - started
        if self.counted is not None:
            self.counted(len(batch))

    def _make(self, check: _Check, one: CheckAnswers, found: Recomputed) -> None:
        """A check that came without a stored result: its result made from the figures just worked out
        and the quiz's own replay of its answers (how it went), for `store_made` to store."""
        if self.made is None:
            return
        attempt = check.attempt
        try:
            quiz = Quiz.restore(one.framework, profile=one.profile, mode=one.mode, seed=attempt["seed"],
                                exclude=attempt["excluded"] or (), answers=one.answers,
                                engine_version=one.engine_version)
        except QuizError:
            return  # made after the write, which says what is wrong
        text = found.text(quiz.finished, quiz.stops)
        if text is None:
            return
        areas = found.area_texts()
        self.made.add(attempt["id"], text, bank_for(one.framework, one.engine_version).params_source, areas)
        if self.summaries is not None:
            self.summaries.add(attempt["id"], check.answers, areas, found.competences())

    def _answers_of(self, check: _Check) -> CheckAnswers:
        attempt = check.attempt
        fw = self.checker.framework(attempt["framework_hash"])
        # Recomputed by the rules of the engine that stored its result (`_stored` refuses one this
        # release does not know); a check that came without a result gets this release's.
        version = attempt.get("engine_version")
        if attempt.get("result") is None or version not in RECOMPUTABLE:
            version = ENGINE_VERSION
        return CheckAnswers(fw, attempt["profile_id"] or None, attempt["mode"], check.answers,
                            engine_version=version)

    def _stored(self, check: _Check, text: Any) -> Any:
        """The stored record parsed, its engine version one this release recomputes and the attempt's."""
        attempt = check.attempt
        version, source = attempt.get("engine_version"), attempt.get("params_source")
        check_deferred("attempts", "result", text, check.line)  # as the verifying pass leaves it to this
        stored = json.loads(text)
        if stored.get("engine_version") not in RECOMPUTABLE:
            raise self._refuse(check, N_(
                "its results were computed by engine version {version}, which this Digigram cannot "
                "recompute (it knows versions {known}): the bundle comes from a newer Digigram. Update "
                "Digigram on this computer, then import the bundle again",
                version=repr(stored.get("engine_version")), known=", ".join(sorted(RECOMPUTABLE, key=int))))
        if version != stored.get("engine_version") or source != stored.get("params_source"):
            raise self._refuse(check, N_(
                "its engine version or parameter source ({version}, {source}) differs from the one in "
                "its stored result ({version2}, {source2})",
                version=repr(version), source=repr(source), version2=repr(stored.get("engine_version")),
                source2=repr(stored.get("params_source"))))
        return stored

    def _compare(self, check: _Check, inputs: CheckAnswers, rows: list[Record], computed: Recomputed) -> None:
        found = _first_difference(computed.record(inputs.stored), inputs.stored, rows)
        if found is None:
            return
        # The batch's arithmetic sums in another order; the quiz's own, one check at a time, decides.
        exact = exact_record(inputs, seed=check.attempt["seed"], exclude=check.attempt["excluded"])
        found = _first_difference(exact, inputs.stored, rows)
        if found is not None:
            where, stored, computed = found
            raise self._refuse(check, N_(
                "its stored results do not follow from its answers ({where}: stored {stored}, its answers "
                "give {computed}). A finished check's results are recomputed on import, and these were "
                "changed after the check was taken", where=where, stored=repr(stored),
                computed=repr(computed)))

    def _refuse(self, check: _Check, problem: Message) -> Exception:
        attempt = check.attempt
        finished = attempt.get("finished_at")
        day = f"{finished:%Y-%m-%d}" if isinstance(finished, datetime) else "?"
        return fail(N_("The check of {name} finished on {day} (check {attempt}): {problem}. The whole bundle "
                       "was refused.", name=self._name(attempt["person_id"]), day=day, attempt=attempt["id"],
                       problem=problem))

    def _name(self, person_id: str) -> str:
        """The person's name, from the bundle or else the database (only when refusing)."""
        convert = converter("people")
        for line in self.reader.lines(RECORD_FILES["people"]):
            person = convert(line)
            if person["id"] == person_id:
                return str(person["name"])
        found = self.checker.existing("people", "id", [person_id]).get(person_id)
        return person_id if found is None else str(found["name"])

    # --- after the write -----------------------------------------------------------------------------

    def store_made(self, session: Session, writing: Callable[[], bool],
                   stored: Callable[[], None] = lambda: None) -> int:
        """Store, in the import's own transaction once the checks are written, the results made here for
        checks that came without one (`made`), many at a time, as they are made: while `writing()` (a
        forked recompute still at work) waits for more; `stored()` after each batch. Only rows still
        without a result; returns how many were stored."""
        if self.made is None:
            return 0
        done = 0
        batch: list[ResultToStore] = []

        def store() -> int:
            still = set(session.scalars(select(AttemptRow.id).where(
                AttemptRow.id.in_([m.attempt_id for m in batch]), AttemptRow.result.is_(None))))
            attempt_rows.store_results(session, [m for m in batch if m.attempt_id in still])
            self.handled.update(m.attempt_id for m in batch)
            batch.clear()
            stored()
            return len(still)

        for made in self.made.every(writing):
            batch.append(made)
            if len(batch) >= CHUNK:
                done += store()
        if batch:
            done += store()
        return done

    def store_missing(self, session: Session, *, written: set[str] | None = None) -> int:
        """Compute and store the results of the checks that came without one and were not made here
        (`store_made`), in the import's own transaction, by this release's engine, one at a time;
        returns how many. Only rows still without a result."""
        ids = sorted((self.missing if written is None else self.missing & written) - self.handled)
        done = 0
        for start in range(0, len(ids), CHUNK):
            rows = session.scalars(select(AttemptRow).where(
                AttemptRow.id.in_(ids[start:start + CHUNK]), AttemptRow.result.is_(None))).all()
            for row in rows:
                answers = [(a.item_id, a.choice) for a in attempt_rows.answers(session, row.id)]
                fw = self.checker.framework(row.framework_hash)
                quiz = Quiz.restore(fw, profile=row.profile_id or None, mode=row.mode, seed=row.seed,
                                    exclude=json.loads(row.excluded or "[]"), answers=answers)
                result = quiz.result()
                attempt_rows.store_result(session, row, outcomes=outcomes(result),
                                          record=result_to_record(result))
                done += 1
        return done


_RESULT = converter("results")


def _result_lines(attempt_id: str, areas: list[AreaText]) -> list[bytes]:
    """The lines of results.jsonl an export writes for these area figures, in its order (by area id;
    rows.py: sorted keys, compact separators; the level probabilities as the text the database holds,
    json.dumps of the dict)."""
    aid = f'"attempt_id":{json.dumps(attempt_id)}'
    lines = []
    for position, a in in_file_order(areas):
        probs = ", ".join([f"{key}{p}" for key, p in zip(_prob_keys(a.codes), a.level_probabilities,
                                                         strict=True)])
        lines.append(
            f'{{"area_id":{a.area},{aid},"band":[{a.band[0]},{a.band[1]}],"gap":{a.gap},"level":{a.level},'
            f'"level_probabilities":"{{{probs}}}","n_items":{a.items},"p_below_target":{a.p_below_target},'
            f'"position":{position},"said_level":{a.said_level},"said_sd":{a.said_sd},'
            f'"said_theta":{a.said_theta},"sd":{a.sd},"target":{a.target},"theta":{a.theta}}}'.encode())
    return lines


_PROB_KEYS: dict[tuple[str, ...], list[str]] = {}


def _prob_keys(codes: tuple[str, ...]) -> list[str]:
    """Each level's key in the level probabilities' text (`"A1": `), as it stands inside a JSON string."""
    found = _PROB_KEYS.get(codes)
    if found is None:
        found = _PROB_KEYS[codes] = [json.dumps(json.dumps(c) + ": ")[1:-1] for c in codes]
    return found


def _position(row: Record) -> int:
    position = row.get("position")
    return position if type(position) is int else -1  # a wrong one sorts first, and then differs


def _first_difference(computed: dict[str, Any], stored: Any,
                      rows: list[Record]) -> tuple[str, Any, Any] | None:
    found = difference(computed, stored)
    if found is not None:
        return found
    mine = [_results_text(r) for r in sorted(rows, key=_position)]
    found = difference(area_rows(computed), mine, where="results.jsonl")
    return found
