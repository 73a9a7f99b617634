"""The compiled framework cache: the same framework as the YAML gives, and never trusted when in doubt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digigram.core import framework_cache, loader
from digigram.core.errors import FrameworkError
from digigram.core.framework import Framework
from digigram.core.framework_cache import load_cached

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"


@pytest.fixture
def framework_file(tmp_path: Path) -> Path:
    """A private copy of the minimal framework with its handout, so a test may change either."""
    folder = tmp_path / "fw"
    shutil.copytree(FRAMEWORKS / "handouts", folder / "handouts")
    target = folder / "minimal.yaml"
    target.write_bytes((FRAMEWORKS / "minimal.yaml").read_bytes())
    return target


def _load(path: Path, cache: Path) -> Framework:
    return load_cached(path.read_bytes(), name=str(path), base_dir=path.parent, source=path, cache_dir=cache)


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("framework-*.pickle"))


def _same(a: Framework, b: Framework) -> None:
    assert (a.id, a.version, a.content_hash, a.source) == (b.id, b.version, b.content_hash, b.source)
    assert a.title.get("en") == b.title.get("en") and a.languages == b.languages
    assert a.levels == b.levels and a.areas == b.areas and a.items == b.items
    assert a.profiles == b.profiles and a.resources == b.resources and dict(a.scales) == dict(b.scales)


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> Framework:
        raise AssertionError("the YAML was read although a sound cache entry exists")

    monkeypatch.setattr(loader, "load_framework_text", refuse)


def test_the_second_load_comes_from_the_cache_and_equals_the_checked_file(
        framework_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = _load(framework_file, cache)
    _same(first, loader.load_framework(framework_file))
    assert len(_entries(cache)) == 1
    _no_yaml(monkeypatch)
    second = _load(framework_file, cache)
    _same(second, first)
    # The read-only mappings stay read-only after the round trip.
    with pytest.raises(TypeError):
        second.title.values["en"] = "changed"  # type: ignore[index]
    assert second.item(first.items[0].id) == first.items[0]


@pytest.mark.parametrize("damage", ["cut short", "flipped byte", "not a pickle", "empty", "another object"])
def test_a_damaged_entry_is_ignored_and_replaced(framework_file: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    good = _load(framework_file, cache)
    (entry,) = _entries(cache)
    blob = entry.read_bytes()
    if damage == "cut short":
        entry.write_bytes(blob[: len(blob) // 2])
    elif damage == "flipped byte":
        entry.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    elif damage == "not a pickle":
        payload = b"\x00garbage that is no pickle"
        entry.write_bytes(framework_cache.MAGIC + framework_cache.hashlib.sha256(payload).digest() + payload)
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a sound pickle of the wrong thing, under a valid checksum
        import pickle

        payload = pickle.dumps({"not": "a framework"})
        entry.write_bytes(framework_cache.MAGIC + framework_cache.hashlib.sha256(payload).digest() + payload)
    again = _load(framework_file, cache)
    _same(again, good)
    assert entry.read_bytes() == blob  # rewritten whole


def test_a_changed_framework_file_is_read_again(framework_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _load(framework_file, cache).title.get("en") == "Test framework"
    framework_file.write_text(framework_file.read_text(encoding="utf-8").replace(
        '"Test framework"', '"Renamed framework"'), encoding="utf-8")
    changed = _load(framework_file, cache)
    assert changed.title.get("en") == "Renamed framework"
    assert changed.content_hash == loader.load_framework(framework_file).content_hash
    assert len(_entries(cache)) == 2


def test_a_framework_with_a_mistake_is_still_refused(framework_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load(framework_file, cache)
    framework_file.write_text(framework_file.read_text(encoding="utf-8").replace(
        "id: mini-test", "id: Mini Test"), encoding="utf-8")
    with pytest.raises(FrameworkError):
        _load(framework_file, cache)


def test_a_missing_handout_is_reported_even_when_the_framework_is_cached(
        framework_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load(framework_file, cache)
    (framework_file.parent / "handouts" / "search.txt").unlink()
    with pytest.raises(FrameworkError) as caught:
        _load(framework_file, cache)
    assert "search.txt" in caught.value.message("en")


def test_a_cache_folder_that_cannot_be_written_only_costs_time(framework_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("x")
    _same(_load(framework_file, blocker / "cache"), loader.load_framework(framework_file))


def test_old_entries_are_pruned(framework_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    text = framework_file.read_text(encoding="utf-8")
    for n in range(framework_cache.KEEP + 3):
        framework_file.write_text(text.replace('"Test framework"', f'"Version {n}"'), encoding="utf-8")
        _load(framework_file, cache)
    assert len(_entries(cache)) == framework_cache.KEEP
