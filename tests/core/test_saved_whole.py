"""A file saved whole or not at all (core.files.save_whole, for every CSV and the settings' JSON): a save
that ends half way leaves nothing beside the file, and while it is written the file beside it is named for
it. A killed export left «tmpk3j9x_q.part» beside a plan: a file no one could tell the purpose of, holding
a group's names and results."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from digigram.core import files
from digigram.core.files import save_whole


class Interrupted(Exception):
    """Whatever ends a save half way: a Cancel, a crash in the code around it."""


def _partial_of(name: str) -> re.Pattern[str]:
    return re.compile(r"\." + re.escape(name) + r"\.[0-9a-f]{32}\.partial")


def test_a_save_interrupted_half_way_leaves_nothing_and_its_partial_names_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "група.csv"
    seen: list[str] = []

    def interrupted(_source: object, _target: object) -> None:  # the moment before the file is in place
        seen.extend(p.name for p in tmp_path.iterdir())
        raise Interrupted

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(Interrupted):
        save_whole(target, "Ім'я;Хаб\n".encode() * 1000)
    assert list(tmp_path.iterdir()) == [], "a save that ended half way left a file behind"
    assert len(seen) == 1 and _partial_of("група.csv").fullmatch(seen[0]), (
        f"written as {seen}, a name that does not say it is «група.csv» being saved")


def test_a_partial_a_killed_save_left_goes_with_the_next_save_of_the_same_file(tmp_path: Path) -> None:
    """A partial older than PARTIAL_SETTLE_S that no one is writing is removed by the next save of its
    file; another file's partial stays."""
    left = tmp_path / f".група.csv.{'a' * 32}.partial"
    other = tmp_path / f".план.pdf.{'b' * 32}.partial"
    for path in (left, other):
        path.write_bytes(b"half")
        then = path.stat().st_mtime - files.PARTIAL_SETTLE_S - 120
        os.utime(path, (then, then))
    save_whole(tmp_path / "група.csv", b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["група.csv", other.name])
    assert (tmp_path / "група.csv").read_bytes() == b"whole"


def test_a_long_name_is_saved_though_its_partial_would_pass_the_name_limit(tmp_path: Path) -> None:
    """120 Cyrillic letters (240 bytes) are a name the system takes; with the 42 characters a partial adds
    the save failed with «error 36: File name too long»."""
    target = tmp_path / (("Звітпроцифровікомпетентності" * 5)[:120] + ".csv")
    assert 240 < len(target.name.encode("utf-8")) <= 255
    save_whole(target, b"a;b\n")
    assert target.read_bytes() == b"a;b\n" and [p.name for p in tmp_path.iterdir()] == [target.name]
