"""Offline result bundles, the pure part: member names, limits, the manifest, the regional key, signing."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from json.scanner import make_scanner
from pathlib import Path
from typing import Any, BinaryIO

from digigram.core import limits
from digigram.core.coordination import BundleError
from digigram.core.errors import os_reason
from digigram.core.files import partial_beside
from digigram.core.hashing import bulk_sha256, scrypt
from digigram.core.i18n import N_, Message

FORMAT_NAME = "digigram-bundle"
# 2: people carry `hub_region_at`, when their hub's region was chosen. A release that reads only 1 then
# asks to be updated instead of calling the bundle damaged; this one still reads 1 (the field absent).
FORMAT_VERSION = 2
READS_FROM = 1
FORMAT = f"{FORMAT_NAME}/{FORMAT_VERSION}"
MANIFEST = "manifest.json"
SIGNATURE = "signature"
# Record files in the order they are written and imported (references point backwards only).
KINDS = ("people", "frameworks", "attempts", "answers", "results", "plans", "plan_steps")
RECORD_FILES: dict[str, str] = {kind: f"records/{kind}.jsonl" for kind in KINDS}
KNOWN_MEMBERS = frozenset({MANIFEST, SIGNATURE, *RECORD_FILES.values()})
MANIFEST_KEYS = frozenset(
    {"format", "app_version", "created_at", "hub", "since", "frameworks", "counts", "files", "signed"})

# The regional key: 64 hex digits are used as they are; anything else is a passphrase stretched by
# scrypt under this fixed salt, so every hub and the region derive the same key from the same words.
KEY_SALT = b"digigram-bundle/1 regional key"
MIN_PASSPHRASE = 12
_MAXMEM = 64 * 1024 * 1024  # n=2**15 needs 32 MiB, exactly OpenSSL's default cap
_HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FORMAT_RE = re.compile(r"digigram-bundle/([0-9]{1,6})")


def fail(reason: Message, *, in_app: Message | None = None,
         kind: type[BundleError] = BundleError) -> BundleError:
    """A refusal that says nothing was written and what to do next; `in_app`, the reason as the app says
    it, where `reason` names a command-line option; `kind`, the refusal's class (a key refused apart)."""
    return kind(N_("{reason} Nothing was imported.", reason=reason),
                in_app=None if in_app is None else N_("{reason} Nothing was imported.", reason=in_app))


@dataclass(frozen=True)
class Limits:
    """Caps checked before anything is decompressed, so a hostile zip cannot exhaust memory or disk."""

    file_bytes: int = 512 << 20  # the .zip itself
    member_bytes: int = 1 << 30  # one file inside, uncompressed
    total_bytes: int = 1536 << 20  # all files inside, uncompressed
    members: int = 16  # nine are used; a few spare so a stray file is named rather than counted
    ratio: float = 100.0  # uncompressed / compressed, for members over 1 MiB (JSON lines give 4–10)
    manifest_bytes: int = 1 << 20


@dataclass(frozen=True)
class FrameworkRef:
    id: str
    version: str
    hash: str


@dataclass(frozen=True)
class Manifest:
    app_version: str
    created_at: datetime
    hub: str | None
    since: date | None
    frameworks: tuple[FrameworkRef, ...]
    counts: Mapping[str, int]
    files: Mapping[str, str]  # member name -> SHA-256 hex
    signed: bool


class RegionalKey(bytes):
    """A signing key made from a phrase, which remembers the phrase's own bytes as `earlier`.

    Coordinator mode in earlier releases signed bundles with the typed phrase's UTF-8 bytes instead of
    the key derived from it (the command line always derived it). `earlier` lets such a bundle still
    be checked on import; nothing is ever signed with it.
    """

    earlier: bytes | None = None


def regional_key(text: str) -> bytes:
    """The 32-byte signing key from what the coordinator enters or keeps in a key file."""
    text = unicodedata.normalize("NFC", text).strip()
    if _HEX_KEY.fullmatch(text):
        # The digits' own bytes are what an earlier coordinator mode signed with when they were typed.
        exact = RegionalKey(bytes.fromhex(text))
        exact.earlier = text.encode("ascii")
        return exact
    if len(text) < MIN_PASSPHRASE:
        raise BundleError(
            N_("The regional key is too short: it needs at least {MIN_PASSPHRASE} characters (or 64 hex "
               "digits from a key file).",
               MIN_PASSPHRASE=MIN_PASSPHRASE))
    derived = scrypt(text.encode("utf-8"), salt=KEY_SALT, n=2**15, r=8, p=1, maxmem=_MAXMEM, dklen=32)
    key = RegionalKey(derived)
    key.earlier = text.encode("utf-8")
    return key


def sign(manifest: bytes, key: bytes) -> str:
    """HMAC-SHA256 of the manifest bytes; the manifest pins every other file by its SHA-256."""
    return hmac.new(key, manifest, hashlib.sha256).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(manifest: Manifest) -> bytes:
    data = {
        "format": FORMAT, "app_version": manifest.app_version,
        "created_at": manifest.created_at.astimezone(UTC).isoformat(),
        "hub": manifest.hub, "since": None if manifest.since is None else manifest.since.isoformat(),
        "frameworks": [{"id": f.id, "version": f.version, "hash": f.hash} for f in manifest.frameworks],
        "counts": dict(manifest.counts), "files": dict(manifest.files), "signed": manifest.signed,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def write_bundle(path: Path, manifest: Manifest, files: Mapping[str, bytes], *, key: bytes | None) -> int:
    """Write the zip next to `path` and move it into place (no half-written bundle); returns its size."""
    raw = manifest_bytes(manifest)
    with _partial_beside(path) as handle, \
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(MANIFEST, raw)
        for name in RECORD_FILES.values():
            zf.writestr(name, files[name])
        if key is not None:
            zf.writestr(SIGNATURE, sign(raw, key) + "\n")
    return path.stat().st_size


def write_bundle_stream(path: Path, members: Mapping[str, Iterable[bytes]],
                        manifest: Callable[[dict[str, str]], Manifest], *, key: bytes | None) -> int:
    """Like write_bundle, with each record file given as a stream of byte chunks (never held whole).

    The manifest is made once every record file is written and hashed, from those SHA-256 hashes.
    """
    with _partial_beside(path) as handle, \
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        hashes = {}
        for name in RECORD_FILES.values():
            digest = bulk_sha256()
            with zf.open(name, "w") as out:
                for chunk in members[name]:
                    digest.update(chunk)
                    out.write(chunk)
            hashes[name] = digest.hexdigest()
        raw = manifest_bytes(manifest(hashes))
        zf.writestr(MANIFEST, raw)
        if key is not None:
            zf.writestr(SIGNATURE, sign(raw, key) + "\n")
    return path.stat().st_size


@contextlib.contextmanager
def _partial_beside(path: Path) -> Iterator[BinaryIO]:
    """The bundle written into a partial file beside `path` and renamed once whole (see
    core.files.partial_beside). A refusal of the system is said in the reader's language and names
    `path`, not the partial file."""
    try:
        with partial_beside(path) as handle:
            yield handle
    except OSError as exc:
        raise BundleError(N_("Could not write the bundle {path}: {reason}. Nothing was exported.",
                             path=path, reason=os_reason(exc))) from exc


# --- reading -------------------------------------------------------------------------------------


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(items)
    if len(out) != len(items):
        raise ValueError("duplicate key")
    return out


def _constant(name: str) -> Any:
    raise ValueError(name)


# One decoder for every line: building one per call costs more than the parsing of a short line. Its
# C scanner is called directly: json's Python wrapper around it costs as much as a short line's parse.
_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant)
_SCAN: Callable[[str, int], tuple[Any, int]] = make_scanner(_DECODER)  # type: ignore[arg-type]  # typeshed


# The server extra's JSON parser (orjson), several times faster than the standard library's on a national
# bundle's millions of short lines; a library PC's install goes without it and parses as before. It
# accepts no more than the standard parser does (no NaN or Infinity; numbers beyond 1e308, unpaired
# surrogates and anything unusual are its errors, and the caller then asks the standard parser), with two
# differences: a whole number beyond 64 bits comes back as a float, not an int (every whole-number field's
# check asks for an int, so it is refused either way), and a key given twice is not refused: a caller
# that must (RecordCheck) guards against that itself.
fast_json: Callable[[bytes | str], Any] | None
try:
    from orjson import loads as _orjson_loads
except ImportError:
    fast_json = None
else:
    fast_json = _orjson_loads


def strict_json(data: bytes, what: str) -> Any:
    """JSON with no duplicate keys, NaN or Infinity; a BundleError for anything else."""
    try:
        text = data.decode("utf-8").strip(" \t\r\n")
        try:
            value, end = _SCAN(text, 0)
        except StopIteration as stop:
            raise ValueError(f"Expecting value: char {stop.value}") from None
        if end != len(text):
            raise ValueError(f"Extra data: char {end}")
        return value
    except (ValueError, RecursionError) as exc:
        # The decoder's own words ("Expecting ',' delimiter") are English and say nothing to a
        # coordinator; where it stopped is kept, for whoever looks at the file.
        at = getattr(exc, "pos", None)
        if isinstance(at, int):
            raise fail(N_("The file {what} in the bundle is not valid JSON (from character {at}): it was "
                          "damaged or changed after it was exported. Ask the hub to export the bundle again.",
                          what=what, at=at + 1)) from None
        raise fail(N_("The file {what} in the bundle is not valid JSON: it was damaged or changed after it "
                      "was exported. Ask the hub to export the bundle again.", what=what)) from None




def _bad_manifest(detail: Message) -> BundleError:
    return fail(N_("The bundle's description (manifest.json) is wrong: {detail}. Ask the hub to export "
                   "the bundle again.", detail=detail))


def check_format(data: Any) -> None:
    """Refuse what is not a bundle, or one from a newer Digigram, before anything else is read."""
    fmt = data.get("format") if isinstance(data, dict) else None
    found = _FORMAT_RE.fullmatch(fmt) if isinstance(fmt, str) else None
    if found is None:
        raise fail(N_("This is not a Digigram result bundle (it has no format mark)."))
    if int(found.group(1)) > FORMAT_VERSION:
        raise fail(N_("The bundle was made by a newer Digigram (format {fmt}); this version reads only "
                      "{FORMAT}. Update Digigram to import it.",
                      fmt=fmt, FORMAT=FORMAT))
    if fmt != f"{FORMAT_NAME}/{int(found.group(1))}" or int(found.group(1)) < READS_FROM:
        raise fail(N_("The bundle format {fmt} is not supported (expected {FORMAT}).",
                      fmt=fmt, FORMAT=FORMAT))


def _text(value: Any, key: str, *, optional: bool = False, limit: int = 200) -> Any:
    if (value is None and optional) or (isinstance(value, str) and len(value) <= limit):
        return value
    raise _bad_manifest(N_("the field {key!r} must be text", key=key))


def _when(value: Any, key: str, kind: type[date] | type[datetime]) -> Any:
    try:
        parsed = kind.fromisoformat(value)
    except (TypeError, ValueError):
        raise _bad_manifest(N_("the field {key!r} must be a date", key=key)) from None
    if isinstance(parsed, datetime) and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        # Dates near year 1 or 9999 overflow when moved between time zones; such a date is no real one.
        limits.check_day(parsed.date() if isinstance(parsed, datetime) else parsed)
    except limits.LimitError as exc:
        raise _bad_manifest(N_("the field '{key}': {problem}", key=key, problem=exc.text)) \
            from None
    return parsed


def parse_manifest(raw: bytes) -> Manifest:
    """The manifest checked field by field: exact keys, types, one SHA-256 per record file."""
    data = strict_json(raw, MANIFEST)
    check_format(data)
    if set(data) != MANIFEST_KEYS:
        odd = ", ".join(sorted(set(data) ^ MANIFEST_KEYS))
        raise _bad_manifest(N_("extra or missing fields: {odd}", odd=odd))
    frameworks = data["frameworks"]
    if not isinstance(frameworks, list) or len(frameworks) > 1000:
        raise _bad_manifest(N_("'frameworks' must be a list"))
    refs = []
    for ref in frameworks:
        if not isinstance(ref, dict) or set(ref) != {"id", "version", "hash"} or not isinstance(
                ref["hash"], str) or not _SHA256.fullmatch(ref["hash"]):
            raise _bad_manifest(N_("an entry in 'frameworks' is wrong"))
        refs.append(FrameworkRef(_text(ref["id"], "frameworks.id"),
                                 _text(ref["version"], "frameworks.version"), ref["hash"]))
    counts, files = data["counts"], data["files"]
    if not isinstance(counts, dict) or set(counts) != set(KINDS) or not all(
            type(n) is int and 0 <= n < 2**40 for n in counts.values()):
        raise _bad_manifest(N_("'counts' must give the number of records of each kind"))
    if not isinstance(files, dict) or set(files) != set(RECORD_FILES.values()) or not all(
            isinstance(h, str) and _SHA256.fullmatch(h) for h in files.values()):
        raise _bad_manifest(N_("'files' must give the SHA-256 of each record file"))
    if not isinstance(data["signed"], bool):
        raise _bad_manifest(N_("'signed' must be true or false"))
    return Manifest(
        app_version=_text(data["app_version"], "app_version"),
        created_at=_when(data["created_at"], "created_at", datetime),
        hub=_text(data["hub"], "hub", optional=True),
        since=None if data["since"] is None else _when(data["since"], "since", date),
        frameworks=tuple(refs), counts=dict(counts), files=dict(files), signed=data["signed"],
    )
