"""Reading a result bundle safely: zip checks and caps, the signature, and every file against its hash."""

from __future__ import annotations

import hmac
import stat
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from digigram.core.bundle.format import (
    KNOWN_MEMBERS,
    MANIFEST,
    SIGNATURE,
    Limits,
    Manifest,
    check_format,
    fail,
    parse_manifest,
    sha256,
    sign,
    strict_json,
)
from digigram.core.coordination import BundleError, BundleKeyRefused
from digigram.core.hashing import bulk_sha256
from digigram.core.i18n import N_

DEFAULT_LIMITS = Limits()
# A bundle over the limits, as the app says what to do: the hub saves it in parts from its Save dialog,
# where the command line's words are its options (--since, --hub).
_SPLIT_IN_APP = N_("Ask the hub to save it in smaller parts: only the checks since a date («Only checks "
                   "since»), or one hub at a time (the hub chosen above the trainee table).")

def _unsafe(name: str) -> bool:
    parts = name.split("/")
    return (name.startswith(("/", "\\")) or "\\" in name or ":" in name or "\x00" in name
            or any(p in ("", ".", "..") for p in parts))


def _check_member(info: zipfile.ZipInfo, limits: Limits) -> None:
    name = info.filename
    if _unsafe(name) or info.is_dir() or stat.S_ISLNK(info.external_attr >> 16):
        raise fail(N_("The bundle holds an unsafe path {name!r} (absolute, with '..', a folder or a "
                      "link): it is not a Digigram bundle or it has been tampered with.",
                      name=name))
    if name not in KNOWN_MEMBERS:
        raise fail(N_("The bundle holds an unknown file {name!r}. Digigram bundles hold only their own "
                      "files; ask the hub to export the bundle again.",
                      name=name))
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise fail(N_("The file {name!r} in the bundle is encrypted or compressed in an unknown way.",
                      name=name))
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limits.member_bytes or (info.file_size > 1 << 20 and ratio > limits.ratio):
        raise fail(N_("The file {name!r} in the bundle is too large once unpacked ({file_size} bytes, "
                      "compressed {ratio:.0f}:1): it looks like a zip bomb. Split the export (--since, "
                      "--hub).",
                      name=name, file_size=info.file_size, ratio=ratio),
                   in_app=N_("The file {name!r} in the bundle is too large once unpacked ({file_size} bytes, "
                             "compressed {ratio:.0f}:1): it looks like a zip bomb. {split}",
                             name=name, file_size=info.file_size, ratio=ratio, split=_SPLIT_IN_APP))


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    chunks, size = [], 0
    with zf.open(info) as stream:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > min(cap, info.file_size):  # the declared size may lie; stop at it
                raise fail(N_("The file {filename!r} in the bundle is larger than it claims.",
                              filename=info.filename))
            chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class OpenedBundle:
    manifest: Manifest
    files: Mapping[str, bytes]  # record member name -> bytes, each checked against the manifest
    signed: bool
    warnings: tuple[str, ...]


def _open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    try:
        size = path.stat().st_size
        is_file = path.is_file()
    except FileNotFoundError:
        raise fail(N_("There is no bundle file {path}. Check the name, and that the USB stick is still "
                      "plugged in.",
                      path=path)) from None
    except PermissionError:
        raise fail(N_("No permission to read the bundle file {path}.", path=path)) from None
    except OSError as exc:  # the system's own words are English: say at least which file and the code
        raise fail(N_("Could not read the bundle file {path}: {exc}.", path=path,
                      exc=exc.strerror or type(exc).__name__)) from exc
    if not is_file:
        raise fail(N_("{path} is not a file.", path=path))
    if size == 0:
        raise fail(N_("The bundle file {path} is empty: the copy probably did not finish. Copy the bundle "
                      "again.",
                      path=path))
    if size > limits.file_bytes:
        raise fail(N_("The bundle file {path} is too large ({size} bytes, at most {file_bytes}). Ask the "
                      "hub to split the export (--since, --hub).",
                      path=path, size=size, file_bytes=limits.file_bytes),
                   in_app=N_("The bundle file {path} is too large ({size} bytes, at most {file_bytes}). "
                             "{split}",
                             path=path, size=size, file_bytes=limits.file_bytes, split=_SPLIT_IN_APP))
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        # zipfile's reason ("File is not a zip file") is English and says nothing more to a coordinator
        raise fail(N_("The file {path} is not a Digigram bundle or was cut short while copying. "
                      "Copy the bundle again.",
                      path=path)) from None


def _members(zf: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise fail(N_("The bundle holds too many files ({count}): it is not a Digigram bundle.",
                      count=len(infos)))
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        _check_member(info, limits)
        if info.filename in found:
            raise fail(N_("The file {filename!r} appears twice in the bundle: it has been tampered with.",
                          filename=info.filename))
        found[info.filename] = info
        total += info.file_size
    if total > limits.total_bytes:
        raise fail(N_("The bundle is too large once unpacked ({total} bytes). Split the export (--since, "
                      "--hub).",
                      total=total),
                   in_app=N_("The bundle is too large once unpacked ({total} bytes). {split}",
                             total=total, split=_SPLIT_IN_APP))
    if MANIFEST not in found:
        raise fail(N_("The bundle has no manifest.json: it is not a Digigram bundle or it was cut short."))
    return found


def _signature(manifest: Manifest, raw: bytes, sig: bytes | None, *, key: bytes | None,
               allow_unsigned: bool, lang: str | None) -> tuple[bool, tuple[str, ...]]:
    if sig is None:
        if manifest.signed:
            raise fail(N_("The bundle is marked as signed but holds no signature: it was changed or cut "
                          "short."))
        if not allow_unsigned:
            raise fail(N_("The bundle is not signed with the regional key, so nothing shows it was not "
                          "altered. Import it only if you are sure where it came from, by allowing "
                          "unsigned bundles explicitly (--unsigned)."),
                       in_app=N_("The bundle is not signed with the regional key, so nothing shows it was "
                                 "not altered. Load it only if you are sure where it came from: choose "
                                 "«Accept a bundle without a signature»."))
        return False, (N_("The bundle is not signed: its integrity was not checked.").render(lang),)
    if not manifest.signed:
        raise fail(N_("The bundle holds a signature although marked unsigned: it has been changed."))
    if key is None:
        if not allow_unsigned:
            raise fail(N_("The bundle is signed: enter the regional key to check its signature."),
                       kind=BundleKeyRefused)
        return False, (N_("The bundle's signature was not checked: no key was given.").render(lang),)
    if hmac.compare_digest(sig.strip(), sign(raw, key).encode("ascii")):
        return True, ()
    earlier = getattr(key, "earlier", None)  # the phrase's own bytes (format.RegionalKey)
    if earlier is not None and hmac.compare_digest(sig.strip(), sign(raw, earlier).encode("ascii")):
        said = N_("The bundle was saved by an earlier release's coordinator mode, which signed it with "
                  "the key phrase itself; the signature matches that phrase. Bundles saved from now on "
                  "are signed with the key made from the phrase, as the command line signs them.")
        return True, (said.render(lang),)
    raise fail(N_("The bundle's signature does not match: either a different regional key was entered "
                  "or the bundle was changed after export. Check the key; if it is right, ask the hub "
                  "to export the bundle again."), kind=BundleKeyRefused)


class BundleReader:
    """An open bundle whose zip, manifest and signature are checked; record files are read as streams.

    Each record file is checked against the manifest's SHA-256 as it is read: a caller learns of a
    mismatch when the last line has been given out, so it must not keep what it did with the lines
    unless the iteration ends normally (the import verifies everything before its first write, and
    writes inside one transaction that a late mismatch rolls back).
    """

    chunk = 1 << 20  # bytes read at a time

    def __init__(self, path: Path, zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                 manifest: Manifest, signed: bool, warnings: tuple[str, ...], limits: Limits) -> None:
        self.path, self.zf, self.members = path, zf, members
        self.manifest, self.signed, self.warnings, self.limits = manifest, signed, warnings, limits

    def _damaged(self, exc: BaseException) -> BundleError:
        return _damaged(self.path, exc)

    def lines(self, name: str) -> Iterator[bytes]:
        """The member's lines without their newline; a cut last line, a larger-than-declared member or a
        wrong checksum raise BundleError (the checksum once the last line has been given out)."""
        info, digest = self.members[name], bulk_sha256()
        cap, size, rest, count = min(self.limits.member_bytes, info.file_size), 0, b"", 0
        try:
            with self.zf.open(info) as stream:
                while chunk := stream.read(self.chunk):
                    size += len(chunk)
                    if size > cap:  # the declared size may lie; stop at it
                        raise fail(N_("The file {filename!r} in the bundle is larger than it claims.",
                                      filename=name))
                    digest.update(chunk)
                    parts = (rest + chunk).split(b"\n")
                    rest = parts.pop()
                    count += len(parts)
                    yield from parts
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise self._damaged(exc) from None
        if digest.hexdigest() != self.manifest.files[name]:
            raise _wrong_checksum(name)
        if rest:
            raise fail(N_("Record {line} in the file {file}: {reason}. The bundle is damaged or forged; ask "
                          "the hub to export it again.", line=count + 1, file=name,
                          reason=N_("the line is cut short")))

    def read(self, name: str, cap: int) -> bytes:
        try:
            return _read_member(self.zf, self.members[name], cap)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise self._damaged(exc) from None


def _wrong_checksum(name: str) -> BundleError:
    return fail(N_("The file {name} in the bundle does not match its checksum: the bundle was changed or "
                   "damaged. Ask the hub to export the bundle again.", name=name))


def _damaged(path: Path, exc: BaseException) -> BundleError:
    return fail(N_("The bundle {path} is damaged ({exc}). Copy the bundle again.", path=path, exc=exc))


@contextmanager
def open_bundle(path: Path, *, key: bytes | None, allow_unsigned: bool = False,
                limits: Limits = DEFAULT_LIMITS, lang: str | None = None) -> Iterator[BundleReader]:
    """Zip checks and caps, the manifest and the signature; record files are left to stream."""
    with _open_zip(path, limits) as zf:
        try:
            members = _members(zf, limits)
            raw = _read_member(zf, members[MANIFEST], limits.manifest_bytes)
            check_format(strict_json(raw, MANIFEST))  # a newer format is named before its details
            sig = _read_member(zf, members[SIGNATURE], 1024) if SIGNATURE in members else None
            manifest = parse_manifest(raw)
            signed, warnings = _signature(manifest, raw, sig, key=key, allow_unsigned=allow_unsigned,
                                          lang=lang)
            expected = set(manifest.files) | {MANIFEST} | ({SIGNATURE} if sig is not None else set())
            if set(members) != expected:
                missing = ", ".join(sorted(expected - set(members)))
                raise fail(N_("The bundle lacks files: {missing}. It was cut short; copy the bundle again.",
                              missing=missing))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise _damaged(path, exc) from None
        yield BundleReader(path, zf, members, manifest, signed, warnings, limits)


def read_bundle(path: Path, *, key: bytes | None, allow_unsigned: bool = False,
                limits: Limits = DEFAULT_LIMITS, lang: str | None = None) -> OpenedBundle:
    """Every check that needs no database, with the record files read whole (small bundles, tests)."""
    with open_bundle(path, key=key, allow_unsigned=allow_unsigned, limits=limits, lang=lang) as reader:
        files = {}
        for name, digest in reader.manifest.files.items():
            data = reader.read(name, limits.member_bytes)
            if sha256(data) != digest:
                raise _wrong_checksum(name)
            files[name] = data
    return OpenedBundle(reader.manifest, files, reader.signed, reader.warnings)
