"""Malformed and hostile bundles are refused with a message in both languages, and nothing is written."""

from __future__ import annotations

import json
import uuid
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from digigram.core.bundle.format import FORMAT_VERSION, MANIFEST, RECORD_FILES, SIGNATURE, Limits, sign
from digigram.core.coordination import BundleError
from digigram.services.bundles.importer import export_bundle, import_bundle
from tests.coordinator.test_bundle_support import (
    KEY,
    OTHER_KEY,
    as_jsonl,
    backups,
    copy_folder,
    dump,
    lines,
    make_hub,
    members,
    open_plain_store,
    reseal,
    write_zip,
)

Files = dict[str, bytes]


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> tuple[Files, Path]:
    """A valid bundle's files, and a region that already imported it (so conflicts can arise)."""
    base = tmp_path_factory.mktemp("hostile")
    hub, region = base / "hub", base / "region"
    make_hub(hub, people=3)
    store = open_plain_store(hub)
    export_bundle(store, base / "good.zip", key=KEY)
    store.close()
    region.mkdir()
    store = open_plain_store(region)
    from digigram.store import migrate

    migrate.upgrade(store.url)
    import_bundle(store, base / "good.zip", key=KEY)
    store.close()
    return members(base / "good.zip"), region


def _edit(files: Files, kind: str, change: Callable[[list[dict[str, Any]]], None]) -> Files:
    records = lines(files[RECORD_FILES[kind]])
    change(records)
    return {**files, RECORD_FILES[kind]: as_jsonl(records)}


def _set(kind: str, field: str, value: Any, index: int = 0) -> Callable[[Files], Files]:
    def build(files: Files) -> Files:
        return reseal(_edit(files, kind, lambda rs: rs[index].__setitem__(field, value)))
    return build


def _manifest(change: Callable[[dict[str, Any]], None], *,
              key: bytes | None = KEY) -> Callable[[Files], Files]:
    def build(files: Files) -> Files:
        meta = json.loads(files[MANIFEST])
        change(meta)
        return reseal(files, key=key, manifest=meta)
    return build


def _tampered_record(files: Files) -> Files:
    name = RECORD_FILES["answers"]
    return {**files, name: files[name].replace(b'"seconds":2.5', b'"seconds":9.5', 1)}


def _tampered_manifest(files: Files) -> Files:
    meta = json.loads(files[MANIFEST])
    meta["hub"] = "Чужий хаб"
    return {**files, MANIFEST: json.dumps(meta).encode()}


def _unsigned(files: Files) -> Files:
    return reseal(files, key=None)


def _signature_dropped(files: Files) -> Files:
    return {k: v for k, v in files.items() if k != SIGNATURE}


def _count_wrong(files: Files) -> Files:
    sealed = reseal(files)
    meta = json.loads(sealed[MANIFEST])
    meta["counts"]["answers"] += 1
    sealed[MANIFEST] = json.dumps(meta).encode()
    sealed[SIGNATURE] = sign(sealed[MANIFEST], KEY).encode()
    return sealed


def _conflicting_answer(files: Files) -> Files:
    return reseal(_edit(files, "answers", lambda rs: rs[0].__setitem__("seconds", rs[0]["seconds"] + 1)))


def _framework_text(files: Files) -> Files:
    return reseal(_edit(files, "frameworks", lambda rs: rs[0].__setitem__("text", rs[0]["text"] + "\n#")))


def _dangling_person(files: Files) -> Files:
    return _set("attempts", "person_id", str(uuid.uuid4()))(files)


def _dangling_plan(files: Files) -> Files:
    return _set("plan_steps", "plan_id", str(uuid.uuid4()))(files)


def _bad_json(files: Files) -> Files:
    name = RECORD_FILES["people"]
    return reseal({**files, name: b'{"id": "x", \n' + files[name].split(b"\n", 1)[1]})


# (label, builder of the altered files, words the English message must hold)
CASES: list[tuple[str, Callable[[Files], Files], str]] = [
    ("tampered record", _tampered_record, "checksum"),
    ("tampered manifest", _tampered_manifest, "signature does not match"),
    ("unsigned, not allowed", _unsigned, "not signed"),
    ("signature dropped", _signature_dropped, "holds no signature"),
    ("record count wrong", _count_wrong, "manifest says"),
    ("newer format", _manifest(lambda m: m.__setitem__("format", f"digigram-bundle/{FORMAT_VERSION + 1}")),
     "newer Digigram"),
    ("format 0", _manifest(lambda m: m.__setitem__("format", "digigram-bundle/0")), "not supported"),
    ("format with a leading zero", _manifest(lambda m: m.__setitem__("format", "digigram-bundle/02")),
     "not supported"),
    ("foreign format", _manifest(lambda m: m.__setitem__("format", "zip-of-something/1")), "not a Digigram"),
    ("manifest extra field", _manifest(lambda m: m.__setitem__("owner", "x")), "manifest.json"),
    ("manifest wrong type", _manifest(lambda m: m.__setitem__("hub", 5)), "manifest.json"),
    ("manifest bad JSON", lambda f: {**f, MANIFEST: b"{\"format\": "}, "not valid JSON"),
    ("record bad JSON", _bad_json, "not valid JSON"),
    ("wrong type", _set("attempts", "seed", "сім"), "'seed' must be a whole number"),
    ("invalid UUID", _set("people", "id", "not-a-uuid"), "must be a UUID"),
    ("date nonsense", _set("plans", "updated_at", "вчора"), "date and time"),
    ("NaN in a number", lambda f: reseal({**f, RECORD_FILES["results"]: f[RECORD_FILES["results"]].replace(
        b'"sd":', b'"sd":NaN,"x":', 1)}), "not valid JSON"),
    ("dangling person", _dangling_person, "neither in the bundle nor in the database"),
    ("dangling plan", _dangling_plan, "neither in the bundle nor in the database"),
    ("choice out of range", _set("answers", "choice", 99), "does not fit"),
    ("unknown item", _set("answers", "item_id", "NO.SUCH-01"), "does not fit"),
    ("unknown level", _set("results", "level", "Z9"), "names an area or level"),
    ("framework text altered", _framework_text, "does not match its hash"),
    ("conflicting answer", _conflicting_answer, "already in the database"),
]


def _zip(tmp: Path, files: Files) -> Path:
    return write_zip(tmp / "bundle.zip", files.items())


def _raw(name: str, data: bytes) -> Callable[[Path, Files], Path]:
    def build(tmp: Path, files: Files) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path
    return build


def _truncated(tmp: Path, files: Files) -> Path:
    whole = _zip(tmp, files).read_bytes()
    return _raw("cut.zip", whole[: len(whole) * 2 // 3])(tmp, files)


def _with(extra: list[tuple[str | zipfile.ZipInfo, bytes]], *,
          drop: str = "") -> Callable[[Path, Files], Path]:
    def build(tmp: Path, files: Files) -> Path:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate name on purpose
            return write_zip(tmp / "x.zip", [*((k, v) for k, v in files.items() if k != drop), *extra])
    return build


def _symlink() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("records/link")
    info.external_attr = 0o120777 << 16
    return info


def _bomb(tmp: Path, files: Files) -> Path:
    sealed = reseal({**files, RECORD_FILES["answers"]: b"\n" * (20 << 20)})
    return _zip(tmp, sealed)


ZIP_CASES: list[tuple[str, Callable[[Path, Files], Path], str]] = [
    ("not a zip", _raw("notes.zip", "Це просто текст, не пакет.\n".encode()), "not a Digigram bundle"),
    ("empty file", _raw("empty.zip", b""), "is empty"),
    ("truncated zip", _truncated, "cut short"),
    ("zip bomb ratio", _bomb, "zip bomb"),
    ("path traversal", _with([("../evil.jsonl", b"x")]), "unsafe path"),
    ("absolute path", _with([("/etc/evil", b"x")]), "unsafe path"),
    ("symlink", _with([(_symlink(), b"/etc/passwd")]), "unsafe path"),
    ("unknown member", _with([("records/extra.jsonl", b"{}\n")]), "unknown file"),
    ("duplicate member", _with([(RECORD_FILES["people"], b"")]), "appears twice"),
    ("missing manifest", _with([], drop=MANIFEST), "no manifest.json"),
    ("missing record file", _with([], drop=RECORD_FILES["plans"]), "lacks files"),
    ("too many members", _with([(f"records/x{i}.jsonl", b"") for i in range(10)]), "too many files"),
]


def _refused(region: Path, tmp: Path, path: Path, expected: str, **options: Any) -> None:
    target = copy_folder(region, tmp / "target")
    before, saved = dump(target), backups(target)
    store = open_plain_store(target)
    try:
        with pytest.raises(BundleError) as caught:
            import_bundle(store, path, key=options.pop("key", KEY), **options)
    finally:
        store.close()
    assert dump(target) == before  # nothing written
    assert backups(target) == saved  # and no backup made for a refused bundle
    en, uk = caught.value.message("en"), caught.value.message("uk")
    assert expected in en, en
    assert "Nothing was imported" in en and "Нічого не імпортовано" in uk and uk != en
    # No decoder's English inside the Ukrainian sentence (it held "Expecting ',' delimiter: line 1 …").
    assert not any(word in uk for word in ("Expecting", "delimiter", "Extra data", "line 1")), uk


@pytest.mark.parametrize(("label", "build", "expected"), CASES, ids=[c[0] for c in CASES])
def test_altered_content_is_refused_and_nothing_written(
        setting: tuple[Files, Path], tmp_path: Path, label: str, build: Callable[[Files], Files],
        expected: str) -> None:
    files, region = setting
    _refused(region, tmp_path, _zip(tmp_path, build(files)), expected)


@pytest.mark.parametrize(("label", "build", "expected"), ZIP_CASES, ids=[c[0] for c in ZIP_CASES])
def test_broken_or_hostile_zips_are_refused_and_nothing_written(
        setting: tuple[Files, Path], tmp_path: Path, label: str, build: Callable[[Path, Files], Path],
        expected: str) -> None:
    files, region = setting
    _refused(region, tmp_path, build(tmp_path, files), expected)


def test_a_wrong_key_is_refused(setting: tuple[Files, Path], tmp_path: Path) -> None:
    files, region = setting
    _refused(region, tmp_path, _zip(tmp_path, files), "different regional key", key=OTHER_KEY)


def test_a_signed_bundle_without_a_key_is_refused(setting: tuple[Files, Path], tmp_path: Path) -> None:
    files, region = setting
    _refused(region, tmp_path, _zip(tmp_path, files), "enter the regional key", key=None)


def test_an_oversized_member_is_refused_before_reading(setting: tuple[Files, Path], tmp_path: Path) -> None:
    files, region = setting
    _refused(region, tmp_path, _zip(tmp_path, files), "too large", limits=Limits(member_bytes=1000))


def test_an_oversized_file_is_refused(setting: tuple[Files, Path], tmp_path: Path) -> None:
    files, region = setting
    _refused(region, tmp_path, _zip(tmp_path, files), "too large", limits=Limits(file_bytes=1000))


LIMIT_CASES: list[tuple[str, Limits, bool]] = [
    ("the zip file", Limits(file_bytes=1000), False),
    ("one file unpacked", Limits(member_bytes=1000), False),
    ("all files unpacked", Limits(total_bytes=1000), False),
    ("a zip bomb", Limits(), True),
]


@pytest.mark.parametrize(("label", "limits", "bomb"), LIMIT_CASES, ids=[c[0] for c in LIMIT_CASES])
def test_a_bundle_over_a_limit_is_split_with_options_at_the_terminal_and_the_save_form_in_the_app(
        setting: tuple[Files, Path], tmp_path: Path, label: str, limits: Limits, bomb: bool) -> None:
    """«Split the export (--since, --hub)» reached the coordinator mode's message too, whose coordinator
    saves bundles with a form, not options. The app names the form's choices."""
    files, region = setting
    path = _bomb(tmp_path, files) if bomb else _zip(tmp_path, files)
    store = open_plain_store(copy_folder(region, tmp_path / "target"))
    try:
        with pytest.raises(BundleError) as caught:
            import_bundle(store, path, key=KEY, limits=limits)
    finally:
        store.close()
    refused = caught.value
    assert "(--since, --hub)" in refused.message("en") and "(--since, --hub)" in refused.message("uk")
    for lang, choice, rest in (("en", "«Only checks since»", "Nothing was imported."),
                               ("uk", "«Лише перевірки від»", "Нічого не імпортовано.")):
        in_app = refused.said_in_app(lang)
        assert "too large" in refused.message("en") and choice in in_app and in_app.endswith(rest), in_app
        assert "--" not in in_app, in_app


def test_unsigned_is_accepted_only_by_choice_and_then_with_a_warning(
        setting: tuple[Files, Path], tmp_path: Path) -> None:
    files, region = setting
    target = copy_folder(region, tmp_path / "target")
    before = dump(target)
    store = open_plain_store(target)
    try:
        report = import_bundle(store, _zip(tmp_path, reseal(files, key=None)), key=None, allow_unsigned=True,
                               lang="en")
    finally:
        store.close()
    assert not report.signed and any("not signed" in w for w in report.warnings)
    assert dump(target) == before  # the same records again: nothing new
