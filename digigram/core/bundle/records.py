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
from digigram.core.bundle.format import _SCAN, RECORD_FILES, fail, fast_json, sha256, strict_json
from digigram.core.errors import DigigramError
from digigram.core.i18n import N_, Message
from digigram.core.records import STEP_STATUSES

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA = re.compile(r"[0-9a-f]{64}")
TEXT_MAX = 10 * 1024 * 1024  # a framework file; the loader refuses larger ones too


class Check:
    """One field's check: `slow(value)` returns the value as stored or raises Wrong naming the problem.

    `fast` is a Python condition over `v`, true only for values `slow` accepts and returns as the
    expression `value` gives; it is what the compiled record checks run first (RecordCheck), so the
    common case costs no call. Anything the condition does not accept goes to `slow`, which accepts it
    or names the problem, so both ways agree on every value.
    `copy` says how the accepted value is written as PostgreSQL's COPY text: "text" (escaped where it
    holds a backslash, tab, newline or carriage return), "as is" (a UUID, a hash, a word of a fixed list:
    none of those), "repr" (a number) or "iso" (a date, or a date and time).
    """

    __slots__ = ("copy", "fast", "slow", "value")

    def __init__(self, slow: Callable[[Any], Any], fast: str = "False", value: str = "v", *,
                 copy: str = "text") -> None:
        self.slow, self.fast, self.value, self.copy = slow, fast, value, copy

    def __call__(self, v: Any) -> Any:
        return self.slow(v)


def _maybe(fast: str, optional: bool) -> str:
    return f"v is None or ({fast})" if optional else fast


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
    if "\x00" in value:  # SQLite would keep it and PostgreSQL refuse it mid-import: refused alike, first
        raise Wrong(N_("holds invalid characters"))
    return value


def text(limit: int = 100, *, optional: bool = False) -> Check:
    # ASCII text without NUL always passes; other text goes to _string for the encoding and NUL checks.
    return Check(lambda v: None if v is None and optional else _string(v, limit),
                 _maybe(f"type(v) is str and len(v) <= {limit} and v.isascii() and '\\x00' not in v",
                        optional))


def uuid_(*, optional: bool = False) -> Check:
    def check(v: Any) -> Any:
        if v is None and optional:
            return None
        if not isinstance(v, str) or not _UUID.fullmatch(v):
            raise Wrong(N_("must be a UUID"))
        return v
    return Check(check, _maybe("type(v) is str and _uuid(v) is not None", optional), copy="as is")


def _sha(v: Any) -> str:
    if not isinstance(v, str) or not _SHA.fullmatch(v):
        raise Wrong(N_("must be a SHA-256 (64 hex digits)"))
    return v


sha = Check(_sha, "type(v) is str and _sha(v) is not None", copy="as is")


def integer(lo: int, hi: int, *, optional: bool = False) -> Check:
    def check(v: Any) -> Any:
        if v is None and optional:
            return None
        if type(v) is not int or not lo <= v <= hi:
            raise Wrong(N_("must be a whole number from {lo} to {hi}", lo=lo, hi=hi))
        return v
    return Check(check, _maybe(f"type(v) is int and {lo} <= v <= {hi}", optional), copy="repr")


def number(*, optional: bool = False) -> Check:
    def check(v: Any) -> Any:
        if v is None and optional:
            return None
        if type(v) not in (int, float) or not math.isfinite(v) or abs(v) > 1e12:
            raise Wrong(N_("must be a number"))
        return float(v)
    # A float within the bounds is finite and float(v) is v; ints and the rest take the slow way.
    return Check(check, _maybe("type(v) is float and -1e12 <= v <= 1e12", optional), copy="repr")


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
    return Check(check, "(w := _moment(v)) is not _NO" if not optional else
                 "v is None or (w := _moment(v)) is not _NO", "None if v is None else w" if optional else "w",
                 copy="iso")


_NO = object()  # what the fast parsers below give for a value they leave to the precise check
_EARLIEST, _LATEST = limits.EARLIEST, limits.LATEST


def _moment(v: Any) -> Any:
    """A naive ISO date and time within the limits as a datetime (what `moment` makes of it), else _NO."""
    if type(v) is str and len(v) <= 40 and v.isascii():
        try:
            parsed = datetime.fromisoformat(v)
        except ValueError:
            return _NO
        if parsed.tzinfo is None and _EARLIEST <= parsed.date() <= _LATEST:
            return parsed
    return _NO


def _day(v: Any) -> Any:
    if type(v) is str and len(v) <= 10 and v.isascii():
        try:
            parsed = date.fromisoformat(v)
        except ValueError:
            return _NO
        if _EARLIEST <= parsed <= _LATEST:
            return parsed
    return _NO


def _precise_day(v: Any) -> date | None:
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


day = Check(_precise_day, "v is None or (w := _day(v)) is not _NO", "None if v is None else w", copy="iso")


def one_of(*values: str) -> Check:
    def check(v: Any) -> Any:
        if v not in values or not isinstance(v, str):
            raise Wrong(N_("must be one of: {join}", join=', '.join(values)))
        return v
    return Check(check, f"type(v) is str and v in {tuple(values)!r}",
                 copy="text" if any(c in v for v in values for c in "\t\n\r\\") else "as is")


def _words(v: Any) -> list[str]:
    if not isinstance(v, list) or len(v) > 100_000:
        raise Wrong(N_("must be a list"))
    return [_string(x, 100) for x in v]


def _short_words(v: list[Any]) -> bool:
    return all(type(x) is str and len(x) <= 100 and x.isascii() for x in v)


words = Check(_words, "type(v) is list and len(v) <= 100_000 and _short_words(v)")


def _choice(v: Any) -> Any:
    """An answer as stored: null ("I don't know"), an option index or a list of them."""
    if v is None or (type(v) is int and 0 <= v < 1000):
        return v
    if isinstance(v, list) and len(v) <= 1000 and all(type(x) is int and 0 <= x < 1000 for x in v):
        return v
    raise Wrong(N_("must be null, an option number or a list of them"))


choice = Check(_choice, "v is None or (type(v) is int and 0 <= v < 1000)")


def _result_record(v: Any) -> Any:
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


result_record = Check(_result_record, "v is None")


def _probabilities(v: Any) -> Any:
    """Level probabilities as stored (JSON text of {level: p}), or null."""
    if v is None:
        return None
    try:
        text = _string(v, 10_000)
        try:
            value = fast_json(text) if fast_json is not None else json.loads(text)
        except ValueError:  # what the faster parser leaves to the standard one (see format.fast_json)
            value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and type(p) in (int, float) and 0 <= p <= 1 for k, p in value.items()
    ):
        raise Wrong(N_("must be level probabilities"))
    return v


probabilities = Check(_probabilities, "v is None")


def _region_code(v: Any) -> str | None:
    """The region of a person's hub (ISO 3166-2:UA, one of core.regions), or null for none."""
    from digigram.core.regions import BY_ID

    if v is None or (isinstance(v, str) and v in BY_ID):
        return v
    raise Wrong(N_("must be a region code such as UA-46"))


region_code = Check(_region_code, "v is None", copy="as is")


SCHEMAS: dict[str, dict[str, Check]] = {
    "people": {"id": uuid_(), "name": text(limits.NAME_MAX), "hub": text(limits.HUB_MAX),
               "group_tag": text(limits.GROUP_MAX),
               "profile_id": text(optional=True), "consent_at": moment(optional=True),
               "created_at": moment(), "hub_region": region_code, "hub_region_at": moment(optional=True)},
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
# A person's hub's region and when it was chosen: fields of the hub, written to no column of person.
HUB_FIELDS = ("hub_region", "hub_region_at")
# Fields added after the first bundles were made: a bundle from an older release may lack them.
ADDED_LATER: dict[str, frozenset[str]] = {
    "people": frozenset({"hub_region", "hub_region_at"}),
    "attempts": frozenset({"result", "engine_version", "params_source"}),
    "answers": frozenset({"language"}),
    "results": frozenset({"level_probabilities", "said_theta", "said_sd", "said_level"}),
}
_COMPILED: dict[str, Callable[[dict[str, Any], int], dict[str, Any]]] = {}
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


def _compile(kind: str, *, deferred: frozenset[str] = frozenset()) -> Callable[[dict[str, Any], int],
                                                                            dict[str, Any]]:
    """The kind's field checks as one straight-line function over a parsed record (changed in place).

    Each field runs its check's fast condition inline and calls the precise check only when that
    condition does not hold, so a national bundle's 1.8 million answers cost no call per field; the
    fields are taken in the schema's order, so the first wrong field is the one named, as before.
    A `deferred` field is only checked to be text (or null) here; see DEFERRED.
    """
    schema, file = SCHEMAS[kind], RECORD_FILES[kind]
    space: dict[str, Any] = {"_uuid": _UUID.fullmatch, "_sha": _SHA.fullmatch, "_moment": _moment,
                             "_day": _day, "_NO": _NO, "_short_words": _short_words, "_precise": _precise}
    body = [f"def check_{kind}(raw, n):"]
    for k, (name, check) in enumerate(schema.items()):
        space[f"_check{k}"] = check
        body.append(f"    v = raw[{name!r}]")
        body.append(f"    if not ({'v is None or type(v) is str' if name in deferred else check.fast}):")
        body.append(f"        raw[{name!r}] = _precise(_check{k}, {name!r}, v, n, _file)")
        if check.value != "v":
            body.append("    else:")
            body.append(f"        raw[{name!r}] = {check.value}")
    body.append("    return raw")
    space["_file"] = file
    # The source is made here from the schema above; no text from a bundle reaches it.
    exec(compile("\n".join(body), f"<bundle checks: {kind}>", "exec"), space)
    compiled: Callable[[dict[str, Any], int], dict[str, Any]] = space[f"check_{kind}"]
    return compiled


def _precise(check: Check, name: str, value: Any, n: int, file: str) -> Any:
    """A field the fast condition did not accept: the check itself accepts it or names the problem."""
    try:
        return check.slow(value)
    except Wrong as exc:
        raise _bad(file, n, N_("the field '{name}' {reason}", name=name, reason=exc.reason)) from None


# Fields whose full check an import leaves to a later step that reads them anyway: every finished
# check's stored result is recomputed from its answers (services/bundles/recompute.py), which finds it
# equal to the text this release writes, or else checks it with `check_deferred` before parsing it. Its
# full check here would parse each stored result a second time.
DEFERRED: dict[str, frozenset[str]] = {"attempts": frozenset({"result"})}


def check_deferred(kind: str, name: str, value: Any, line: int) -> Any:
    """The full check of a deferred field (of record `line` of the kind's file): BundleError as the
    record's own check would have raised."""
    return _precise(SCHEMAS[kind][name], name, value, line, RECORD_FILES[kind])


class RecordCheck:
    """Checks a record file one line at a time, in constant memory.

    Records must come in strictly increasing key order (the order every export writes), so a record
    given twice is found by comparing with the one before rather than by holding every key. With
    `deferred`, the kind's DEFERRED fields are only checked to be text or null (the caller checks them).
    """

    def __init__(self, kind: str, count: int, *, deferred: bool = False) -> None:
        self.kind, self.count = kind, count
        self.file, self.schema = RECORD_FILES[kind], SCHEMAS[kind]
        self.fields = frozenset(self.schema)
        self.later = ADDED_LATER.get(kind, frozenset())  # fields older bundles do not carry yet
        self.older = self.fields - self.later  # the fields of a bundle from before them all
        self.fields_checked = _DEFERRED_COMPILED[kind] if deferred and kind in DEFERRED else _COMPILED[kind]
        self.key = KEYS[kind]
        self.n = 0
        self.last: Any = None
        # Fields whose usual values hold colons (dates and times, JSON text), counted by the fast parse.
        self.colon_fields = (*MOMENTS.get(kind, ()), *COLON_TEXTS.get(kind, ()))

    def __call__(self, line: bytes) -> dict[str, Any]:
        self.n += 1
        n = self.n
        if n > self.count:
            raise self._count_wrong()
        # The usual line parsed directly; anything unusual (spaces around it, bad JSON or UTF-8) goes
        # through strict_json, which accepts it or says what is wrong.
        raw: Any = None
        if fast_json is not None and b"\\u" not in line:
            # The faster parser keeps the last of a key given twice, so its object is taken only when the
            # line holds no colon but one per field and those inside its text values: every key, at any
            # depth, has its own colon outside any string, and without \\u escapes each colon of a
            # string value is one colon of the line. A key given twice, a nested object or a colon in a
            # value not counted here leaves more colons in the line than counted, and the standard
            # parser (which refuses the repeated key) decides.
            try:
                raw = fast_json(line)
            except (ValueError, RecursionError):
                raw = None
            else:
                if type(raw) is dict:
                    colons = len(raw)
                    for name in self.colon_fields:
                        value = raw.get(name)
                        if type(value) is str:
                            colons += value.count(":")
                    if line.count(b":") != colons:
                        raw = None
                else:
                    raw = None
        if raw is None:
            try:
                text = line.decode("utf-8")
                raw, end = _SCAN(text, 0)
                whole = end == len(text)
            except (ValueError, RecursionError, StopIteration):
                whole = False
            if not whole:
                raw = strict_json(line, f"{self.file}:{n}")
        if type(raw) is not dict or raw.keys() != self.fields:
            if type(raw) is dict and raw.keys() == self.older:  # every line of an older bundle: no set made
                for name in self.later:
                    raw[name] = None
            else:
                if not isinstance(raw, dict) or not self.older <= raw.keys() <= self.fields:
                    raise _bad(self.file, n, N_("the fields are not the expected ones"))
                for name in self.later - raw.keys():
                    raw[name] = None
        record = self.fields_checked(raw, n)
        if self.kind == "frameworks" and sha256(record["text"].encode("utf-8")) != record["content_hash"]:
            raise _bad(self.file, n, N_("the framework text does not match its hash"))
        key = record[self.key[0]] if len(self.key) == 1 else (record[self.key[0]], record[self.key[1]])
        last = self.last
        if last is not None and key <= last:
            shown = key_of(self.kind, record)
            if key == last:
                raise _bad(self.file, n, N_("the record {key} appears twice", key=shown))
            raise _bad(self.file, n, N_("the record {key} is out of key order", key=shown))
        self.last = key
        return record

    def taken(self, count: int, key: Any) -> None:
        """The next `count` lines accepted without being read here (an import's recompute made them
        itself, to the byte), the last of them with `key`: the count and the key order go on from them."""
        self.n += count
        if self.n > self.count:
            raise self._count_wrong()
        self.last = key

    def _count_wrong(self) -> Exception:
        lines = f"{self.n}+" if self.n > self.count else str(self.n)
        return fail(N_("The file {file} holds {count} records but the manifest says {count2}.",
                       file=self.file, count=lines, count2=self.count))

    def finish(self) -> None:
        if self.n != self.count:
            raise self._count_wrong()


_COMPILED.update((kind, _compile(kind)) for kind in SCHEMAS)
_DEFERRED_COMPILED = {kind: _compile(kind, deferred=names) for kind, names in DEFERRED.items()}


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
    "people": ("consent_at", "created_at", "hub_region_at"), "frameworks": ("stored_at",),
    "attempts": ("started_at", "finished_at"), "answers": ("answered_at",), "plans": ("updated_at",),
}
DAYS: dict[str, tuple[str, ...]] = {"plan_steps": ("due",)}
NUMBERS: dict[str, tuple[str, ...]] = {"answers": ("seconds",), "results": ("theta", "sd", "p_below_target")}
# Text fields whose values are JSON or YAML, and so hold colons (see RecordCheck's fast parse).
COLON_TEXTS: dict[str, tuple[str, ...]] = {"frameworks": ("text",), "attempts": ("result",),
                                           "results": ("level_probabilities",)}


def _naive_utc(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo is None else parsed.astimezone(UTC).replace(tzinfo=None)


def converter(kind: str) -> Callable[[bytes], dict[str, Any]]:
    """For lines RecordCheck has already accepted: the same record without checking it again (the
    second, writing pass of an import reads bytes whose checksum pass one verified)."""
    moments, days, numbers = MOMENTS.get(kind, ()), DAYS.get(kind, ()), NUMBERS.get(kind, ())
    later = ADDED_LATER.get(kind, frozenset())  # absent from an older release's bundle, as RecordCheck fills
    scan: Callable[[str, int], tuple[Any, int]] = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]

    def convert(line: bytes) -> dict[str, Any]:
        record: dict[str, Any]
        try:
            record = fast_json(line) if fast_json is not None else scan(line.decode("utf-8"), 0)[0]
        except ValueError:  # what the faster parser leaves to the standard one (see format.fast_json)
            record = scan(line.decode("utf-8"), 0)[0]
        for name in later:
            record.setdefault(name, None)
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
