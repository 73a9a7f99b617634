"""Check summaries made beside an import's recompute, so the import need not read its answers back.

The recompute holds each check's answers, its area results and its stored result once it has found
them, to the byte, to be what the check's answers give. Those are all a check's summary is made of
(services.summaries), so it makes the summary there, on the framework the import summarises on. After
the write, the import takes these instead of reading every answer, area row and stored result of the
new checks back out of the database (about ten seconds for a region's year on PostgreSQL, after
everything else was done). A check summarised here is one the database would summarise the same way:
the same answers, the same area rows and the same stored competences, through the same functions.

The summaries are spooled, a batch at a time, to an anonymous temporary file made before the recompute
may move to a forked process: the child writes it, the importing process reads it after the child is
done, in the bundle's check order, so neither keeps more than a batch in memory. Anything that goes
wrong with the file (a full disk, a batch cut short) only leaves checks out of it; those are summarised
from the database as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import struct
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any, NamedTuple

from digigram.core.bundle.records import converter
from digigram.core.coordination import needs_help_of
from digigram.core.framework import Framework
from digigram.core.rescore import AreaText
from digigram.core.scoring import ENGINE_VERSION
from digigram.services.bundles.stage import area_copy_lines, copy_line_maker
from digigram.services.summaries import (
    Summary,
    area_text,
    areas_text,
    competence_order,
    competence_state,
    gaps_of,
    mark_of_choice,
)
from digigram.store.repo.attempts import ResultToStore

BATCH = 500  # summaries (or checks' area rows) written to the file at a time
_LENGTH = struct.Struct("<Q")  # a spooled batch's length, before it
_RESULT = converter("results")
_RESULT_COPY = copy_line_maker("results")


def _spool() -> IO[bytes]:
    # Unbuffered: bytes a full disk refused must not wait in a buffer to fail again at a seek or close.
    return tempfile.TemporaryFile(prefix="digigram-summaries-", buffering=0)  # SpooledSummaries.close


class _Spooled:
    """Batches written by the recompute (possibly in a forked process, into the file both share) and read
    back by the import, in the order written: each batch a frame (its length, then its pickle), read by
    position (os.pread), so that the reader never moves the offset the writer writes at. A batch the
    disk refused, and every batch after it, is simply not there when read."""

    def __init__(self) -> None:
        self._failed = False
        self._file: IO[bytes] | None
        try:
            self._file = _spool()
        except OSError:  # no room for it
            self._file, self._failed = None, True

    def _write(self, batch: Any) -> None:
        if self._file is None or self._failed:
            return
        data = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
        frame = memoryview(_LENGTH.pack(len(data)) + data)
        try:
            while frame:
                written = self._file.write(frame)
                if not written:
                    raise OSError("nothing written")
                frame = frame[written:]
        except OSError:  # a full disk: nothing from here on
            self._failed = True

    def _frame_at(self, offset: int) -> tuple[Any, int]:
        """The batch at `offset` and the offset after it; (None, offset) where no whole frame is (yet)."""
        if self._file is None:
            return None, offset
        try:
            fd = self._file.fileno()
            head = os.pread(fd, _LENGTH.size, offset)
            if len(head) < _LENGTH.size:
                return None, offset
            (length,) = _LENGTH.unpack(head)
            data = os.pread(fd, length, offset + _LENGTH.size)
            if len(data) < length:
                return None, offset
            return pickle.loads(data), offset + _LENGTH.size + length
        except Exception:  # a frame cut short by a full disk, and nothing after it: the end
            return None, offset

    def _read(self, writing: Callable[[], bool] = lambda: False) -> Iterator[Any]:
        """Every batch's items; while `writing()` (the writer has not ended), waits for more."""
        offset = 0
        while True:
            batch, offset = self._frame_at(offset)
            if batch is None:
                if writing():
                    time.sleep(0.005)
                    continue
                batch, offset = self._frame_at(offset)  # one written as the writer ended
                if batch is None:
                    return
            yield from batch

    def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()


class SpooledSummaries(_Spooled):
    """Summaries on `framework` of checks the recompute vouched for, written in check order."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self._row = {item.id: k for k, item in enumerate(framework.items)}
        self._area_ids = [a.id for a in framework.areas]
        self._place = competence_order(framework)
        # Made once per distinct input: answers, area rows, area texts and competence lists repeat a lot.
        self._marks: dict[tuple[Any, ...], int] = {}
        self._area_texts: dict[tuple[str, str, str, str], str] = {}
        self._helps: dict[str, bool] = {}
        self._gaps: dict[tuple[tuple[Any, Any, Any, bool], ...], bytes] = {}
        self._pending: list[Summary] = []
        super().__init__()  # without room for its file, every check is summarised from the database
        self._head: Summary | None = None
        self._rows: Iterator[Summary] | None = None

    # --- made by the recompute (possibly in a forked process) -------------------------------------

    def add(self, attempt_id: str, answers: Iterable[tuple[str, Any]], areas: Sequence[AreaText],
            competences: Iterable[Mapping[str, Any]]) -> None:
        """One check: its answers as (item, choice) in any order, its area rows as the database will hold
        them (AreaText: JSON-written figures) and its stored result's competences (each with its target
        and gap)."""
        if self._failed:
            return
        marks = bytearray(len(self._row))
        for item_id, choice in answers:
            # An option's number (most answers) is its own key; any other choice is told apart by its
            # repr (True from 1, a list made hashable), in a longer key that no number's key equals.
            key = (item_id, choice) if type(choice) is int else (item_id, repr(choice), None)
            mark = self._marks.get(key)
            if mark is None:
                mark = self._marks[key] = mark_of_choice(self.framework, item_id, choice)
            if mark:  # only the framework's own questions are marked
                marks[self._row[item_id]] = mark
        by_area = {}
        unmeasured = set()  # areas no shown answer measured (their n_items, `items` here, is 0)
        for a in areas:
            key4 = (a.level, a.target, a.gap, a.items)
            found = self._area_texts.get(key4)
            if found is None:
                found = self._area_texts[key4] = area_text(*map(json.loads, key4))
            by_area[a.area_id] = found
            if not found.split("|", 1)[0]:
                unmeasured.add(a.area_id)
        text = areas_text(self._area_ids, by_area)
        helps = self._helps.get(text)
        if helps is None:
            helps = self._helps[text] = needs_help_of(text)
        try:
            rows = tuple((c["competence"], c["target"], c["gap"], c["area"] not in unmeasured)
                         for c in competences)
            gaps = self._gaps.get(rows)
            if gaps is None:
                gaps = self._gaps[rows] = gaps_of(self._place, (
                    (competence, competence_state(target, gap, measured))
                    for competence, target, gap, measured in rows))
        except (TypeError, KeyError):
            return
        self._pending.append((attempt_id, bytes(marks), text, helps, gaps))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write what is pending (the recompute's last step, in whichever process it ran)."""
        pending, self._pending = self._pending, []
        if pending:  # after a full disk, the checks from here on are summarised from the database
            self._write(pending)

    # --- taken by the import, after the recompute is done ------------------------------------------

    def every(self) -> Iterator[Summary]:
        """Every summary made, in check order (instead of `take`)."""
        return self._read()

    def take(self, todo: Sequence[str]) -> dict[str, Summary]:
        """Those of `todo` summarised here, by check; each call's checks come after the last call's (in
        Python's order of ids, the bundle's order)."""
        if not todo:
            return {}
        if self._rows is None:
            self._rows = self._read()
            self._head = next(self._rows, None)
        wanted, last = set(todo), max(todo)
        found: dict[str, Summary] = {}
        while self._head is not None and self._head[0] <= last:
            if self._head[0] in wanted:
                found[self._head[0]] = self._head
            self._head = next(self._rows, None)
        return found


class Vouched(NamedTuple):
    """Lines of results.jsonl the recompute found, to the byte, to be the rows a check's answers give."""

    first: int  # the first one's place in the file (from 0)
    length: int  # how many
    key: tuple[str, str]  # the last one's key (check, area), as the file's key order goes on from it
    copy: list[str]  # their rows as lines of COPY text


class VouchedResults(_Spooled):
    """The area-result lines a forked recompute vouched for, with their rows already in COPY text.

    The recompute compares each check's area-result lines, as bytes, with the lines its own figures
    give; lines equal to them hold nothing the verifying pass's check could refuse (they are what an
    export writes for a check's honest answers). Their rows are made here in COPY text
    (`stage.area_copy_lines`), in the child, while the importing process, busy until then with the
    answers, takes them as they are instead of checking and converting them again (about four seconds
    of a region's year). Lines not vouched for (a check the database holds, one stored without a result,
    anything unusual) are checked by the pass as before, and so is everything after a batch the disk
    refused.
    """

    def __init__(self) -> None:
        super().__init__()
        self._pending: list[Vouched] = []
        self._sampled = False  # whether this batch's first rows were made the long way too
        self._scales: set[tuple[str, ...]] = set()  # level scales whose rows were made the long way too
        self._trusted = True

    def add(self, first: int, attempt_id: str, areas: Sequence[AreaText], lines: Sequence[bytes]) -> None:
        """The check's `lines` (from line `first`) are those its recompute's `areas` give."""
        if not self._trusted or self._failed or not lines:
            return
        copy = area_copy_lines(attempt_id, areas)
        if copy is None:
            return
        codes = areas[0].codes if areas else ()
        if not self._sampled or codes not in self._scales:
            # The first check of each batch, and of each level scale, made the long way too: the same,
            # or nothing more is vouched for.
            self._sampled = True
            self._scales.add(codes)
            if copy != [_RESULT_COPY(_RESULT(line)) for line in lines]:
                self._trusted = False
                return
        last = max(a.area_id for a in areas)
        self._pending.append(Vouched(first, len(lines), (attempt_id, last), copy))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        pending, self._pending, self._sampled = self._pending, [], False
        if pending:
            self._write(pending)

    def taken(self, writing: Callable[[], bool]) -> Iterator[Vouched]:
        """What the recompute vouched for, in the file's order, as it vouches: while `writing()` (its
        process has not ended), waits for the next batch."""
        return self._read(writing)


class MadeResults(_Spooled):
    """Results of checks that came without one (saved by a Digigram from before results were stored),
    made by the recompute, in the bundle's check order, for the import to store once the checks are
    written (`Recompute.store_made`).

    The recompute works out every such check's figures anyway, to prove its answers fit; the quiz's own
    replay of its answers adds how it went (finished, why each area stopped), and the record's text is
    then the one the quiz's result gives. Made one check at a time after the write, from answers read
    back out of the database, a region's year of such checks took three minutes; made here, in the
    forked recompute where there is one, they cost the import a few seconds. A check not made here
    (a figure that is not finite, a batch the disk refused) is made after the write as before.
    """

    def __init__(self) -> None:
        super().__init__()
        self._pending: list[tuple[str, str, str, Sequence[AreaText]]] = []

    def add(self, attempt_id: str, text: str, params_source: str, areas: Sequence[AreaText]) -> None:
        """A check's result: its record's text, the parameters' source it names, its areas' figures."""
        if self._failed:
            return
        self._pending.append((attempt_id, text, params_source, areas))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        if pending:
            self._write(pending)

    def every(self, writing: Callable[[], bool] = lambda: False) -> Iterator[ResultToStore]:
        """Every result made, in check order, as the store keeps it: while `writing()` (the recompute's
        process has not ended), waits for more."""
        for attempt_id, text, params_source, areas in self._read(writing):
            outcomes = tuple(a.outcome() for a in areas)
            yield ResultToStore(attempt_id, text, ENGINE_VERSION, params_source, outcomes)
