"""The records inside a result bundle: one JSON object per line, each field checked for type and range."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from json.scanner import make_scanner
from typing import Any

from digigram.core import limits
from digigram.core.bundle.format import RECORD_FILES, fail, sha256, strict_json
from digigram.core.errors import DigigramError
from digigram.core.i18n import N_, Message
from digigram.core.records import STEP_STATUSES

Check = Callable[[Any], Any]
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA = re.compile(r"[0-9a-f]{64}")
TEXT_MAX = 10 * 1024 * 1024  # a framework file; the loader refuses larger ones too


class Wrong(ValueError):
    def __init__(self, reason: Message) -> None:
        super().__init__(reason.render("en"))
        self.reason = reason


def _string(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise Wrong(N_("must be text"))
    if len(value) > limit:
        raise Wrong(N_("is too long (over {limit} characters)", limit=limit))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Wrong(N_("holds invalid characters")) from None
    return value


def text(limit: int = 100, *, optional: bool = False) -> Check:
    return lambda v: None if v is None and optional else _string(v, limit)


def uuid_(*, optional: bool = False) -> Check:
    def check(v: Any) -> Any:
        if v is None and optional:
            return None
        if not isinstance(v, str) or not _UUID.fullmatch(v):
            raise Wrong(N_("must be a UUID"))
        return v
    return check


def sha(v: Any) -> str:
    if not isinstance(v, str) or not _SHA.fullmatch(v):
        raise Wrong(N_("must be a SHA-256 (64 hex digits)"))
    return v


def integer(lo: int, hi: int, *, optional: bool = False) -> Check:
    def check(v: Any) -> Any:
        if v is None and optional:
            return None
        if type(v) is not int or not lo <= v <= hi:
            raise Wrong(N_("must be a whole number from {lo} to {hi}", lo=lo, hi=hi))
        return v
    return check


def number(*, optional: bool = False) -> Check:
    def check(v: Any) -> Any:
        if v is None and optional:
            return None
        if type(v) not in (int, float) or not math.isfinite(v) or abs(v) > 1e12:
            raise Wrong(N_("must be a number"))
        return float(v)
    return check


def moment(*, optional: bool = False) -> Check:
    """A date and time, stored as the database keeps it: naive UTC."""
    def check(v: Any) -> Any:
        if v is None and optional:
            return None
        try:
            parsed = datetime.fromisoformat(_string(v, 40))
        except (Wrong, ValueError):
            raise Wrong(N_("must be an ISO 8601 date and time")) from None
        try:
            return limits.check_moment(parsed)
        except limits.LimitError as exc:
            raise Wrong(exc.text) from None
    return check


def day(v: Any) -> date | None:
    if v is None:
        return None
    try:
        parsed = date.fromisoformat(_string(v, 10))
    except (Wrong, ValueError):
        raise Wrong(N_("must be a date YYYY-MM-DD")) from None
    try:
        return limits.check_day(parsed)
    except limits.LimitError as exc:
        raise Wrong(exc.text) from None


def one_of(*values: str) -> Check:
    def check(v: Any) -> Any:
        if v not in values or not isinstance(v, str):
            raise Wrong(N_("must be one of: {join}", join=', '.join(values)))
        return v
    return check


def words(v: Any) -> list[str]:
    if not isinstance(v, list) or len(v) > 100_000:
        raise Wrong(N_("must be a list"))
    return [_string(x, 100) for x in v]


def choice(v: Any) -> Any:
    """An answer as stored: null ("I don't know"), an option index or a list of them."""
    if v is None or (type(v) is int and 0 <= v < 1000):
        return v
    if isinstance(v, list) and len(v) <= 1000 and all(type(x) is int and 0 <= x < 1000 for x in v):
        return v
    raise Wrong(N_("must be null, an option number or a list of them"))


def result_record(v: Any) -> Any:
    """A stored result (core.result_record JSON as text), readable by this release, or null."""
    if v is None:
        return None
    from digigram.core.result_record import result_from_record

    try:
        result_from_record(json.loads(_string(v, 1024 * 1024)))
    except Wrong:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, DigigramError):
        raise Wrong(N_("must be a stored result")) from None
    return v


def probabilities(v: Any) -> Any:
    """Level probabilities as stored (JSON text of {level: p}), or null."""
    if v is None:
        return None
    try:
        value = json.loads(_string(v, 10_000))
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and type(p) in (int, float) and 0 <= p <= 1 for k, p in value.items()
    ):
        raise Wrong(N_("must be level probabilities"))
    return v


def region_code(v: Any) -> str | None:
    """The region of a person's hub (ISO 3166-2:UA, one of core.regions), or null for none."""
    from digigram.core.regions import BY_ID

    if v is None or (isinstance(v, str) and v in BY_ID):
        return v
    raise Wrong(N_("must be a region code such as UA-46"))


SCHEMAS: dict[str, dict[str, Check]] = {
    "people": {"id": uuid_(), "name": text(limits.NAME_MAX), "hub": text(limits.HUB_MAX),
               "group_tag": text(limits.GROUP_MAX),
               "profile_id": text(optional=True), "consent_at": moment(optional=True),
               "created_at": moment(), "hub_region": region_code},
    "frameworks": {"content_hash": sha, "framework_id": text(), "version": text(), "file_name": text(300),
                   "text": text(TEXT_MAX), "stored_at": moment()},
    "attempts": {"id": uuid_(), "person_id": uuid_(), "framework_id": text(), "framework_version": text(),
                 "framework_hash": sha, "profile_id": text(), "mode": text(50),
                 "seed": integer(-(2**63), 2**63 - 1), "excluded": words, "status": one_of("finished"),
                 "started_at": moment(), "finished_at": moment(),
                 "rating_before": integer(1, 10, optional=True),
                 "rating_after": integer(1, 10, optional=True),
                 "result": result_record, "engine_version": text(20, optional=True),
                 "params_source": text(100, optional=True)},
    "answers": {"attempt_id": uuid_(), "sequence": integer(0, 100_000), "item_id": text(), "choice": choice,
                "answered_at": moment(), "seconds": number(optional=True),
                "language": text(10, optional=True)},
    "results": {"attempt_id": uuid_(), "area_id": text(), "position": integer(0, 10_000), "theta": number(),
                "sd": number(), "level": text(20), "band": words, "target": text(20, optional=True),
                "p_below_target": number(optional=True), "gap": integer(-1000, 1000, optional=True),
                "n_items": integer(0, 100_000), "level_probabilities": probabilities,
                "said_theta": number(optional=True), "said_sd": number(optional=True),
                "said_level": text(20, optional=True)},
    "plans": {"id": uuid_(), "person_id": uuid_(), "attempt_id": uuid_(optional=True),
              "updated_at": moment()},
    "plan_steps": {"id": uuid_(), "plan_id": uuid_(), "position": integer(0, 10_000),
                   "competence_id": text(), "goal": text(limits.NOTE_MAX), "resource_id": text(optional=True),
                   "due": day, "status": one_of(*STEP_STATUSES), "notes": text(limits.NOTE_MAX),
                   "coordinator_comment": text(limits.NOTE_MAX)},
}
# Fields added after the first bundles were made: a bundle from an older release may lack them.
ADDED_LATER: dict[str, frozenset[str]] = {
    "people": frozenset({"hub_region"}),
    "attempts": frozenset({"result", "engine_version", "params_source"}),
    "answers": frozenset({"language"}),
    "results": frozenset({"level_probabilities", "said_theta", "said_sd", "said_level"}),
}
# What names a record: a UUID, a content hash, or its parent's UUID with a position.
KEYS: dict[str, tuple[str, ...]] = {
    "people": ("id",), "frameworks": ("content_hash",), "attempts": ("id",),
    "answers": ("attempt_id", "sequence"), "results": ("attempt_id", "area_id"), "plans": ("id",),
    "plan_steps": ("id",),
}


def key_of(kind: str, record: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(record[k] for k in KEYS[kind])


def _bad(file: str, line: int, reason: Message) -> Exception:
    return fail(N_("Record {line} in the file {file}: {reason}. The bundle is damaged or forged; ask the hub "
                   "to export it again.", line=line, file=file, reason=reason))


class RecordCheck:
    """Checks a record file one line at a time, in constant memory.

    Records must come in strictly increasing key order (the order every export writes), so a record
    given twice is found by comparing with the one before rather than by holding every key.
    """

    def __init__(self, kind: str, count: int) -> None:
        self.kind, self.count = kind, count
        self.file, self.schema = RECORD_FILES[kind], SCHEMAS[kind]
        self.fields = set(self.schema)
        self.later = ADDED_LATER.get(kind, frozenset())  # fields older bundles do not carry yet
        self.n = 0
        self.last: tuple[Any, ...] | None = None

    def __call__(self, line: bytes) -> dict[str, Any]:
        self.n += 1
        n, file = self.n, self.file
        if n > self.count:
            raise self._count_wrong()
        raw = strict_json(line, f"{file}:{n}")
        later = self.later
        if not isinstance(raw, dict) or not self.fields - later <= raw.keys() <= self.fields:
            raise _bad(file, n, N_("the fields are not the expected ones"))
        raw = {**dict.fromkeys(later), **raw}
        record = {}
        for name, check in self.schema.items():
            try:
                record[name] = check(raw[name])
            except Wrong as exc:
                raise _bad(file, n, N_("the field '{name}' {reason}", name=name, reason=exc.reason)) from None
        if self.kind == "frameworks" and sha256(record["text"].encode("utf-8")) != record["content_hash"]:
            raise _bad(file, n, N_("the framework text does not match its hash"))
        key = key_of(self.kind, record)
        if self.last is not None and key <= self.last:
            if key == self.last:
                raise _bad(file, n, N_("the record {key} appears twice", key=key))
            raise _bad(file, n, N_("the record {key} is out of key order", key=key))
        self.last = key
        return record

    def _count_wrong(self) -> Exception:
        lines = f"{self.n}+" if self.n > self.count else str(self.n)
        return fail(N_("The file {file} holds {count} records but the manifest says {count2}.",
                       file=self.file, count=lines, count2=self.count))

    def finish(self) -> None:
        if self.n != self.count:
            raise self._count_wrong()


def parse_records(kind: str, data: bytes, count: int) -> list[dict[str, Any]]:
    """The file's records, checked and converted (dates to naive UTC datetimes) in file order."""
    file = RECORD_FILES[kind]
    if data and not data.endswith(b"\n"):
        raise _bad(file, data.count(b"\n") + 1, N_("the line is cut short"))
    check = RecordCheck(kind, count)
    records = [check(line) for line in (data.split(b"\n")[:-1] if data else [])]
    check.finish()
    return records


# Fields whose checked value differs from the JSON value: dates become naive UTC datetimes, days dates,
# numbers floats. `converter` applies just these; tests/coordinator check it agrees with the checks.
MOMENTS: dict[str, tuple[str, ...]] = {
    "people": ("consent_at", "created_at"), "frameworks": ("stored_at",),
    "attempts": ("started_at", "finished_at"), "answers": ("answered_at",), "plans": ("updated_at",),
}
DAYS: dict[str, tuple[str, ...]] = {"plan_steps": ("due",)}
NUMBERS: dict[str, tuple[str, ...]] = {"answers": ("seconds",), "results": ("theta", "sd", "p_below_target")}


def _naive_utc(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo is None else parsed.astimezone(UTC).replace(tzinfo=None)


def converter(kind: str) -> Callable[[bytes], dict[str, Any]]:
    """For lines RecordCheck has already accepted: the same record without checking it again (the
    second, writing pass of an import reads bytes whose checksum pass one verified)."""
    moments, days, numbers = MOMENTS.get(kind, ()), DAYS.get(kind, ()), NUMBERS.get(kind, ())
    scan: Callable[[str, int], tuple[Any, int]] = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]

    def convert(line: bytes) -> dict[str, Any]:
        record: dict[str, Any] = scan(line.decode("utf-8"), 0)[0]
        for name in moments:
            record[name] = _naive_utc(record[name])
        for name in days:
            if record[name] is not None:
                record[name] = date.fromisoformat(record[name])
        for name in numbers:
            if record[name] is not None:
                record[name] = float(record[name])
        return record

    return convert
