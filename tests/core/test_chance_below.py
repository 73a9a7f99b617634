"""The chance of being below a target, from an area's stored result, in whatever order its levels came."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from digigram.core.scoring import AreaResult, chance_below

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
CHANCES = {"A1": 0.05, "A2": 0.22, "B1": 0.48, "B2": 0.2, "C1": 0.04, "C2": 0.01}


def _area(order: tuple[str, ...], *, target: str = "B1", p_below: float | None = 0.27) -> AreaResult:
    return AreaResult(area_id="INF", theta=-0.57, sd=0.71, level="B1", level_index=2, level_probability=0.48,
                      level_probabilities=MappingProxyType({code: CHANCES[code] for code in order}),
                      band=("A2", "B2"), target=target, p_below_target=p_below, gap=0, items=2, said=None,
                      self_vs_shown=None, stopped="cap", attitudes=())


def test_the_areas_own_target_takes_its_stored_chance() -> None:
    assert chance_below(_area(LEVELS), "B1", LEVELS) == 0.27


@pytest.mark.parametrize("order", [LEVELS, LEVELS[::-1], ("C1", "A1", "B2", "A2", "C2", "B1")])
def test_another_target_sums_the_levels_below_it_in_the_frameworks_order(order: tuple[str, ...]) -> None:
    """A stored result kept its level probabilities in the file's order; a bundle may bring another."""
    area = _area(order, target="C1")
    assert chance_below(area, "B2", LEVELS) == pytest.approx(0.05 + 0.22 + 0.48)
    assert chance_below(area, "A1", LEVELS) == 0.0


def test_an_unknown_target_or_level_is_as_unsure_as_can_be() -> None:
    assert chance_below(_area(LEVELS, target="C1"), "X9", LEVELS) == 1.0
    assert chance_below(_area(LEVELS[:-1], target="C1"), "B2", LEVELS) == 1.0
