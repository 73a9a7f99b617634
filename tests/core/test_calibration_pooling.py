"""What one area's fit takes from the others: slope priors pooled by kind (which items count, the
centre, the spread and its bounds) and each person's prediction from the other areas."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import pytest

from digigram.core.calibration.calibrate import (
    POOL_MIN_ITEMS,
    POOL_SPREAD,
    _AreaFit,
    other_areas_predictors,
    pooled_slope_priors,
)
from digigram.core.calibration.em import GRID, DimensionData, DimensionFit, Priors


def _area(slopes: list[float], kinds: list[str], written: list[bool], free: list[bool]) -> _AreaFit:
    n = len(slopes)
    data = DimensionData(
        item_ids=tuple(f"i{j}" for j in range(n)), m=np.ones(n, dtype=np.intp),
        start=[np.array([0.0, 0.0]) for _ in slopes], c=np.zeros(n), free=np.array(free),
        slope_prior=np.zeros(n), person=np.zeros(0, dtype=np.intp), item=np.zeros(0, dtype=np.intp),
        category=np.zeros(0, dtype=np.intp), n_persons=0, kinds=tuple(kinds), written=np.array(written),
    )
    psi = [np.array([np.log(a), 0.0]) for a in slopes]
    se: list[np.ndarray | None] = [np.array([0.1, 0.1]) if f else None for f in free]
    fit = DimensionFit(psi, se, [np.zeros((2, GRID.size))] * n, np.zeros((0, GRID.size)), 0.0, 1, True, GRID)
    return _AreaFit("A", [], [], [data], [fit], {})


def test_the_centre_and_spread_come_from_well_answered_estimated_items_only() -> None:
    knowledge = [0.8, 1.0, 1.2, 1.4, 1.6]
    area = _area(
        [*knowledge, 9.0, 7.0, 1.5, 1.5],
        ["knowledge"] * 7 + ["scenario"] * 2,
        [True] * 5 + [False, True, True, True],  # 9.0: too few answers to be written
        [True] * 6 + [False, True, True],  # 7.0: held at its earlier calibration
    )
    pooled = pooled_slope_priors([area], Priors())
    centre, spread = pooled["knowledge"]
    assert centre == pytest.approx(np.mean(knowledge))
    assert spread == pytest.approx(np.std(knowledge, ddof=1))
    # Two scenarios are too few to say what the bank's scenarios are like: their weak prior stays.
    assert "scenario" not in pooled and POOL_MIN_ITEMS > 2


def test_the_spread_stays_within_its_bounds() -> None:
    same = _area([1.2] * 6, ["self_rating"] * 6, [True] * 6, [True] * 6)
    wide = _area([0.3, 3.0, 0.5, 4.0, 0.4, 3.5], ["knowledge"] * 6, [True] * 6, [True] * 6)
    pooled = pooled_slope_priors([same, wide], Priors())
    assert pooled["self_rating"] == pytest.approx((1.2, POOL_SPREAD[0]))  # never pins a slope down
    assert pooled["knowledge"][1] == POOL_SPREAD[1]  # never narrower than the weak prior would allow
    # A weak prior narrower than the upper bound is the cap.
    assert pooled_slope_priors([wide], Priors(slope_sd=0.5))["knowledge"][1] == 0.5


def _fitted_area(area_id: str, means: dict[str, list[float]], *, reverse: bool = False) -> _AreaFit:
    """An area whose people p0, p1, … sit at known nodes, per dimension; `reverse` lists them last first."""
    order = list(range(len(next(iter(means.values())))))[:: -1 if reverse else 1]
    people = {f"p{i}": row for row, i in enumerate(order)}
    parts: list[Any] = []
    fits = []
    for dim, values in means.items():
        posterior = np.zeros((len(order), GRID.size))
        for i, v in enumerate(values):
            posterior[people[f"p{i}"], int(np.argmin(np.abs(GRID - v)))] = 1.0
        parts.append(SimpleNamespace(dim=dim))
        fits.append(DimensionFit([], [], [], posterior, 0.0, 1, True, GRID))
    return _AreaFit(area_id, cast(Any, parts), cast(Any, parts), [], fits, people)


def test_each_person_s_prediction_comes_from_their_own_answers_in_the_other_areas() -> None:
    """Area A's shown latent is exactly B's plus C's for every person; B lists its people in the
    opposite order, so a prediction matched by row instead of by attempt would come out wrong."""
    b = [float(GRID[i]) for i in (20, 31, 25, 40, 28, 35)]
    c = [float(GRID[i]) for i in (33, 27, 30, 22, 36, 29)]
    a = [x + y for x, y in zip(b, c, strict=True)]
    areas = [_fitted_area("A", {"shown": a, "self": [0.0] * 6}),
             _fitted_area("B", {"shown": b}, reverse=True), _fitted_area("C", {"shown": c})]
    predicted = other_areas_predictors(areas)
    shown, said = predicted["A"]
    assert said is None  # self-ratings follow the shown latent within the area
    assert shown is not None
    expected = (np.array(a) - np.mean(a)) / np.std(a)
    assert shown == pytest.approx(expected, abs=1e-9)
    # B = A − C exactly, and B lists its people last first: its prediction comes back in that order.
    b_shown = predicted["B"][0]
    assert b_shown is not None and predicted["C"][0] is not None
    assert b_shown == pytest.approx(((np.array(b) - np.mean(b)) / np.std(b))[::-1], abs=1e-9)



def test_areas_that_tell_nothing_about_a_person_give_no_prediction_and_no_error() -> None:
    """Each check a single area (A's people took no other area), and an area whose people all sit at
    the mean (C): the others' columns say nothing, so the fit goes on without a predictor instead
    of failing on a singular system; B, sharing people with C only, is predicted from nothing either."""
    first = _fitted_area("A", {"shown": [float(GRID[i]) for i in (20, 31, 25)]})
    second = _fitted_area("B", {"shown": [float(GRID[i]) for i in (33, 27, 30)]})
    second.people = {f"q{i}": row for i, row in second.people.items()}  # other attempts
    third = _fitted_area("C", {"shown": [0.0, 0.0, 0.0]})
    third.people = dict(second.people)
    predicted = other_areas_predictors([first, second, third])
    assert predicted["A"] == [None] and predicted["B"] == [None]
