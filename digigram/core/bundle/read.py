"""Reading a result bundle safely: zip checks and caps, the signature, and every file against its hash."""

from __future__ import annotations

import hashlib
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
from digigram.core.coordination import BundleError
from digigram.core.i18n import pick

DEFAULT_LIMITS = Limits()

def _unsafe(name: str) -> bool:
    parts = name.split("/")
    return (name.startswith(("/", "\\")) or "\\" in name or ":" in name or "\x00" in name
            or any(p in ("", ".", "..") for p in parts))


def _check_member(info: zipfile.ZipInfo, limits: Limits) -> None:
    name = info.filename
    if _unsafe(name) or info.is_dir() or stat.S_ISLNK(info.external_attr >> 16):
        raise fail(f"Пакет містить небезпечний шлях «{name}» (абсолютний, з «..», тека або посилання): "
                   "це не пакет Digigram або його підроблено.",
                   f"The bundle holds an unsafe path {name!r} (absolute, with '..', a folder or a link): "
                   "it is not a Digigram bundle or it has been tampered with.")
    if name not in KNOWN_MEMBERS:
        raise fail(f"У пакеті є невідомий файл «{name}». Пакети Digigram містять лише свої файли; "
                   "попросіть хаб експортувати пакет знову.",
                   f"The bundle holds an unknown file {name!r}. Digigram bundles hold only their own "
                   "files; ask the hub to export the bundle again.")
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise fail(f"Файл «{name}» у пакеті зашифровано або стиснуто невідомим способом.",
                   f"The file {name!r} in the bundle is encrypted or compressed in an unknown way.")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limits.member_bytes or (info.file_size > 1 << 20 and ratio > limits.ratio):
        raise fail(f"Файл «{name}» у пакеті завеликий після розпакування ({info.file_size} байтів, "
                   f"стиснення {ratio:.0f}:1): схоже на «zip-бомбу». Розділіть експорт (--since, --hub).",
                   f"The file {name!r} in the bundle is too large once unpacked ({info.file_size} bytes, "
                   f"compressed {ratio:.0f}:1): it looks like a zip bomb. Split the export "
                   "(--since, --hub).")


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    chunks, size = [], 0
    with zf.open(info) as stream:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > min(cap, info.file_size):  # the declared size may lie; stop at it
                raise fail(f"Файл «{info.filename}» у пакеті більший, ніж заявлено.",
                           f"The file {info.filename!r} in the bundle is larger than it claims.")
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
    except OSError as exc:
        raise fail(f"Не вдалося прочитати файл пакета {path}: {exc}.",
                   f"Could not read the bundle file {path}: {exc}.") from exc
    if not is_file:
        raise fail(f"{path} не є файлом.", f"{path} is not a file.")
    if size == 0:
        raise fail(f"Файл пакета {path} порожній: копіювання, мабуть, не завершилося. Скопіюйте пакет знову.",
                   f"The bundle file {path} is empty: the copy probably did not finish. Copy the bundle "
                   "again.")
    if size > limits.file_bytes:
        raise fail(f"Файл пакета {path} завеликий ({size} байтів, можна до {limits.file_bytes}). "
                   "Попросіть хаб розділити експорт (--since, --hub).",
                   f"The bundle file {path} is too large ({size} bytes, at most {limits.file_bytes}). "
                   "Ask the hub to split the export (--since, --hub).")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise fail(f"Файл {path} не є пакетом Digigram або його обрізано під час копіювання ({exc}). "
                   "Скопіюйте пакет знову.",
                   f"The file {path} is not a Digigram bundle or was cut short while copying ({exc}). "
                   "Copy the bundle again.") from None


def _members(zf: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise fail(f"У пакеті забагато файлів ({len(infos)}): це не пакет Digigram.",
                   f"The bundle holds too many files ({len(infos)}): it is not a Digigram bundle.")
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        _check_member(info, limits)
        if info.filename in found:
            raise fail(f"Файл «{info.filename}» трапляється в пакеті двічі: пакет підроблено.",
                       f"The file {info.filename!r} appears twice in the bundle: it has been tampered with.")
        found[info.filename] = info
        total += info.file_size
    if total > limits.total_bytes:
        raise fail(f"Пакет завеликий після розпакування ({total} байтів). Розділіть експорт "
                   "(--since, --hub).",
                   f"The bundle is too large once unpacked ({total} bytes). Split the export "
                   "(--since, --hub).")
    if MANIFEST not in found:
        raise fail("У пакеті немає опису manifest.json: це не пакет Digigram або його обрізано.",
                   "The bundle has no manifest.json: it is not a Digigram bundle or it was cut short.")
    return found


def _signature(manifest: Manifest, raw: bytes, sig: bytes | None, *, key: bytes | None,
               allow_unsigned: bool, lang: str | None) -> tuple[bool, tuple[str, ...]]:
    if sig is None:
        if manifest.signed:
            raise fail("Пакет позначено як підписаний, але підпису в ньому немає: його змінено або обрізано.",
                       "The bundle is marked as signed but holds no signature: it was changed or cut short.")
        if not allow_unsigned:
            raise fail("Пакет не підписано регіональним ключем, тож не можна перевірити, що його не змінено. "
                       "Імпортуйте його, лише якщо певні в його походженні, явно дозволивши непідписані "
                       "пакети (--unsigned).",
                       "The bundle is not signed with the regional key, so nothing shows it was not altered. "
                       "Import it only if you are sure where it came from, by allowing unsigned bundles "
                       "explicitly (--unsigned).")
        return False, (pick({"uk": "Пакет не підписано: його цілісність не перевірено.",
                             "en": "The bundle is not signed: its integrity was not checked."}, lang),)
    if not manifest.signed:
        raise fail("Пакет має підпис, хоча позначений як непідписаний: його змінено.",
                   "The bundle holds a signature although marked unsigned: it has been changed.")
    if key is None:
        if not allow_unsigned:
            raise fail("Пакет підписано: введіть регіональний ключ, щоб перевірити підпис.",
                       "The bundle is signed: enter the regional key to check its signature.")
        return False, (pick({"uk": "Підпис пакета не перевірено: ключ не введено.",
                             "en": "The bundle's signature was not checked: no key was given."}, lang),)
    if not hmac.compare_digest(sig.strip(), sign(raw, key).encode("ascii")):
        raise fail("Підпис пакета не збігається: або введено інший регіональний ключ, або пакет змінено "
                   "після експорту. Перевірте ключ; якщо він правильний, попросіть хаб експортувати пакет "
                   "знову.",
                   "The bundle's signature does not match: either a different regional key was entered or "
                   "the bundle was changed after export. Check the key; if it is right, ask the hub to "
                   "export the bundle again.")
    return True, ()


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
        return fail(f"Пакет {self.path} пошкоджено ({exc}). Скопіюйте пакет знову.",
                    f"The bundle {self.path} is damaged ({exc}). Copy the bundle again.")

    def lines(self, name: str) -> Iterator[bytes]:
        """The member's lines without their newline; a cut last line, a larger-than-declared member or a
        wrong checksum raise BundleError (the checksum once the last line has been given out)."""
        info, digest = self.members[name], hashlib.sha256()
        cap, size, rest, count = min(self.limits.member_bytes, info.file_size), 0, b"", 0
        try:
            with self.zf.open(info) as stream:
                while chunk := stream.read(self.chunk):
                    size += len(chunk)
                    if size > cap:  # the declared size may lie; stop at it
                        raise fail(f"Файл «{name}» у пакеті більший, ніж заявлено.",
                                   f"The file {name!r} in the bundle is larger than it claims.")
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
            raise fail(f"Запис {count + 1} у файлі {name}: рядок обірвано. Пакет пошкоджено або підроблено; "
                       "попросіть хаб експортувати його знову.",
                       f"Record {count + 1} in the file {name}: the line is cut short. The bundle is damaged "
                       "or forged; ask the hub to export it again.")

    def read(self, name: str, cap: int) -> bytes:
        try:
            return _read_member(self.zf, self.members[name], cap)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise self._damaged(exc) from None


def _wrong_checksum(name: str) -> BundleError:
    return fail(f"Файл {name} у пакеті не відповідає своїй контрольній сумі: пакет змінено або пошкоджено. "
                "Попросіть хаб експортувати пакет знову.",
                f"The file {name} in the bundle does not match its checksum: the bundle was changed or "
                "damaged. Ask the hub to export the bundle again.")


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
                raise fail(f"У пакеті бракує файлів: {missing}. Його обрізано; скопіюйте пакет знову.",
                           f"The bundle lacks files: {missing}. It was cut short; copy the bundle again.")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise fail(f"Пакет {path} пошкоджено ({exc}). Скопіюйте пакет знову.",
                       f"The bundle {path} is damaged ({exc}). Copy the bundle again.") from None
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
