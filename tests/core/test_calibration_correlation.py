"""The correlation between what people say and what they show: estimated exactly, to the maximum."""

from __future__ import annotations

import math

import numpy as np
import pytest

from digigram.core.calibration.em import RHO_BOUND, DimensionData, best_correlation, fit_area

# Self-ratings as the quiz has them: five scale points, steep slopes; each person rates themselves on
# the first, then on the one the first answer points to (the quiz picks the second self-rating at the
# estimate the first gave).
SELF = [(2.4, -1.6, -0.8, 0.0, 0.8), (2.0, -2.6, -1.8, -1.0, -0.2), (2.6, -2.0, -1.3, -0.5, 0.3),
        (2.2, -0.9, -0.1, 0.6, 1.4), (2.8, -0.3, 0.5, 1.2, 1.9)]
SECOND = {0: 1, 1: 1, 2: 2, 3: 3, 4: 4}  # first answer's category -> the second self-rating
SHOWN = [(1.2, -1.0), (1.4, -0.3), (1.0, 0.2), (1.6, 0.8), (1.1, 1.4), (1.3, -1.6)]  # right or wrong
RHO = 0.7


def _graded(params: tuple[float, ...], x: float, u: float) -> int:
    a, *thresholds = params
    return sum(u < 1 / (1 + math.exp(-a * (x - t))) for t in thresholds)


def _said_and_shown(seed: int, n: int) -> tuple[DimensionData, DimensionData]:
    """n people: two self-ratings each (the second chosen by the first answer), three of six shown
    questions at random; the self-view correlated RHO with the ability, both N(0, 1)."""
    rng = np.random.default_rng(seed)
    ability = rng.standard_normal(n)
    said = RHO * ability + math.sqrt(1 - RHO**2) * rng.standard_normal(n)
    rows: dict[str, list[list[int]]] = {"self": [[], [], []], "shown": [[], [], []]}
    for i in range(n):
        first = _graded(SELF[0], float(said[i]), float(rng.random()))
        second = SECOND[first]
        for j, k in ((0, first), (second, _graded(SELF[second], float(said[i]), float(rng.random())))):
            for col, value in zip(rows["self"], (i, j, k), strict=True):
                col.append(value)
        for j in rng.choice(len(SHOWN), size=3, replace=False):
            a, b = SHOWN[int(j)]
            right = int(rng.random() < 1 / (1 + math.exp(-a * (float(ability[i]) - b))))
            for col, value in zip(rows["shown"], (i, int(j), right), strict=True):
                col.append(value)
    shown = DimensionData(
        item_ids=tuple(f"k{j}" for j in range(len(SHOWN))), m=np.ones(len(SHOWN), dtype=np.intp),
        start=[np.array([0.0, 0.0])] * len(SHOWN), c=np.zeros(len(SHOWN)),
        free=np.ones(len(SHOWN), dtype=bool), slope_prior=np.zeros(len(SHOWN)),
        person=np.array(rows["shown"][0]), item=np.array(rows["shown"][1]),
        category=np.array(rows["shown"][2]), n_persons=n,
    )
    self_data = DimensionData(
        item_ids=tuple(f"s{j}" for j in range(len(SELF))), m=np.full(len(SELF), 4, dtype=np.intp),
        start=[np.array([math.log(2.0), -1.5, -0.5, 0.5, 1.5])] * len(SELF), c=np.zeros(len(SELF)),
        free=np.ones(len(SELF), dtype=bool), slope_prior=np.full(len(SELF), math.log(2.0)),
        person=np.array(rows["self"][0]), item=np.array(rows["self"][1]),
        category=np.array(rows["self"][2]), n_persons=n,
    )
    return shown, self_data


@pytest.mark.parametrize(("n", "s11", "s22", "s12"), [
    (1000.0, 940.0, 1015.0, 693.7), (250.0, 260.0, 231.0, 41.3), (5000.0, 4800.0, 4870.0, -1234.5),
])
def test_the_correlation_step_is_the_exact_maximiser(n: float, s11: float, s22: float, s12: float) -> None:
    """EM's step for the correlation maximises the expected bivariate normal log-density exactly: a
    step to the nearest of a grid of candidates (0.005 apart) left rho where small EM moves could not
    leave it."""

    def value(rho: float) -> float:
        return -0.5 * n * math.log(1 - rho * rho) - (s11 - 2 * rho * s12 + s22) / (2 * (1 - rho * rho))

    # Golden-section search on the (unimodal here) objective, independent of the cubic's roots.
    low, high = -RHO_BOUND, RHO_BOUND
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(200):
        left, right = high - ratio * (high - low), low + ratio * (high - low)
        if value(left) < value(right):
            low = left
        else:
            high = right
    assert best_correlation(n, s11, s22, s12) == pytest.approx((low + high) / 2, abs=1e-7)


def test_a_correlation_beyond_the_bound_stops_at_the_bound() -> None:
    # Moments of two nearly identical dimensions: the maximum lies past 0.95.
    assert best_correlation(1000.0, 1000.0, 1000.0, 999.0) == RHO_BOUND


def test_the_fit_ends_at_the_likelihood_maximum_not_short_of_it() -> None:
    """With two self-ratings per person the data move rho only a little per EM step. The free fit must
    still reach the maximum: no fit with rho held (here at the value that made the data) may have a
    higher log-posterior. Stuck on a grid point, the fit ended below it, and the self-ratings'
    slopes, which trade off against rho, came out too steep."""
    shown, said = _said_and_shown(seed=6, n=1200)
    free = fit_area([shown, said])
    held = fit_area([shown, said], correlation=RHO)
    assert free[0].converged and held[0].converged
    assert held[0].correlation == RHO
    assert free[0].history[-1] >= held[0].history[-1] - 1e-3
