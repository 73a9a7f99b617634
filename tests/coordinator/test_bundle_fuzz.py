"""Fuzzing: any JSON in a manifest or record field is refused or imported, never a crash or half-write."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digigram.core.bundle.format import KINDS, MANIFEST, MANIFEST_KEYS, RECORD_FILES, SIGNATURE, sign
from digigram.core.coordination import BundleError
from digigram.services.bundles.importer import export_bundle, import_bundle
from tests.coordinator.test_bundle_support import (
    KEY,
    as_jsonl,
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
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> tuple[Files, Path]:
    base = tmp_path_factory.mktemp("fuzz")
    make_hub(base / "hub", people=2)
    store = open_plain_store(base / "hub")
    export_bundle(store, base / "good.zip", key=KEY)
    store.close()
    region = base / "region"
    region.mkdir()
    store = open_plain_store(region)
    from digigram.store import migrate

    migrate.upgrade(store.url)
    import_bundle(store, base / "good.zip", key=KEY)  # half the region's records are already there
    store.close()
    return members(base / "good.zip"), region


def _try(region: Path, files: Files) -> None:
    """Import into a copy of the region: a BundleError leaves it exactly as it was; nothing else escapes."""
    with tempfile.TemporaryDirectory() as tmp:
        target = copy_folder(region, Path(tmp) / "target")
        before = dump(target)
        store = open_plain_store(target)
        try:
            import_bundle(store, write_zip(Path(tmp) / "b.zip", files.items()), key=KEY)
        except BundleError as exc:
            assert exc.message("uk") and exc.message("en")
            assert dump(target) == before
        finally:
            store.close()


@FUZZ
@given(field=st.sampled_from(sorted(MANIFEST_KEYS)), value=JSON)
def test_any_value_in_a_manifest_field(setting: tuple[Files, Path], field: str, value: Any) -> None:
    files, region = setting
    meta = json.loads(files[MANIFEST])
    meta[field] = value
    sealed = reseal(files)
    sealed[MANIFEST] = json.dumps(meta).encode()  # signed as it is, so the field itself is what is judged
    sealed[SIGNATURE] = sign(sealed[MANIFEST], KEY).encode()
    _try(region, sealed)


@FUZZ
@given(data=st.data(), kind=st.sampled_from(KINDS), value=JSON)
def test_any_value_in_a_record_field(setting: tuple[Files, Path], data: st.DataObject, kind: str,
                                     value: Any) -> None:
    files, region = setting
    records = lines(files[RECORD_FILES[kind]])
    index = data.draw(st.integers(0, len(records) - 1))
    field = data.draw(st.sampled_from(sorted(records[index])))
    records[index][field] = value
    _try(region, reseal({**files, RECORD_FILES[kind]: as_jsonl(records)}))


@FUZZ
@given(data=st.data(), kind=st.sampled_from(KINDS), junk=st.binary(max_size=60))
def test_any_bytes_in_a_record_line(setting: tuple[Files, Path], data: st.DataObject, kind: str,
                                    junk: bytes) -> None:
    files, region = setting
    text = files[RECORD_FILES[kind]].split(b"\n")
    index = data.draw(st.integers(0, len(text) - 1))
    text[index] = junk.replace(b"\n", b" ")
    _try(region, reseal({**files, RECORD_FILES[kind]: b"\n".join(text)}))
