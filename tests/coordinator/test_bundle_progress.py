"""How often an import tells its progress: the app's window lives on hearing it."""

from __future__ import annotations

import pytest

from digigram.services.bundles import importer


def test_progress_comes_at_each_ten_thousand_and_between_them_once_a_quarter_second_has_gone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A region's checks (~11 KB a line) went 10,000 to a second, and the window stood still between."""
    now = [0.0]
    monkeypatch.setattr(importer.time, "monotonic", lambda: now[0])
    heard: list[tuple[str, int, int]] = []
    tell = importer._Telling(lambda kind, done, total: heard.append((kind, done, total)), "attempts", 46_956)
    for done in range(1_000, 20_001, 1_000):  # fast records: a hundredth of a second per thousand
        now[0] += 0.01
        tell(done)
    for done in range(21_000, 46_001, 1_000):  # slow ones: 0.3 s per thousand
        now[0] += 0.3
        tell(done)
    assert [d for _, d, _ in heard] == [10_000, 20_000, *range(21_000, 46_001, 1_000)]
    assert {(k, t) for k, _, t in heard} == {("attempts", 46_956)}


def test_a_jump_past_ten_thousand_is_told_at_the_round_number(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines a recompute vouched for are taken in runs: the count jumps, and what is told stays round (the
    command line says every 50,000)."""
    now = [0.0]
    monkeypatch.setattr(importer.time, "monotonic", lambda: now[0])
    heard: list[int] = []
    tell = importer._Telling(lambda kind, done, total: heard.append(done), "results", 90_000)
    for done in (4_300, 9_800, 13_700, 49_990, 50_010, 51_500):
        tell(done)
    assert heard == [10_000, 40_000, 50_000]
