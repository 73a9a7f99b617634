"""Response models (3PL, graded response), their information, level cut points and the grid posterior."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from digigram.core.framework import Item, Level

Array = NDArray[np.float64]

# ADAPTIVE.md: EAP on a fixed grid of about 61 points; [-4, 4] leaves out 6e-5 of the N(0, 1) prior.
GRID: Array = np.linspace(-4.0, 4.0, 61)
GRID_STEP = float(GRID[1] - GRID[0])
LOG_PRIOR: Array = -0.5 * GRID**2
# A floor for probabilities so that one very surprising answer cannot empty the posterior.
_P_FLOOR = 1e-12

# Provisional parameters, used until an item is calibrated (see docs/adaptive.md).
LEVEL_SPAN = 2.5
DEFAULT_SLOPES = {"self_rating": 2.0, "knowledge": 1.2, "scenario": 1.4, "attitude": 1.0}
THRESHOLD_STEP = 0.8
THRESHOLD_SPAN = 3.2


@dataclass(frozen=True)
class ItemParams:
    """One item's model: 3PL when `thresholds` is None, else a graded response model."""

    a: float
    b: float = 0.0
    c: float = 0.0
    thresholds: tuple[float, ...] | None = None

    @property
    def dichotomous(self) -> bool:
        return self.thresholds is None

    @property
    def n_categories(self) -> int:
        return 2 if self.thresholds is None else len(self.thresholds) + 1


def _logistic(x: Array) -> Array:
    return 1.0 / (1.0 + np.exp(-x))


def _cumulative(params: ItemParams, theta: Array) -> Array:
    """P(category >= k) for k = 0 .. m+1, shape (m + 2, len(theta)); row 0 is 1, the last row 0."""
    assert params.thresholds is not None
    b = np.asarray(params.thresholds, dtype=float)[:, None]
    inner = _logistic(params.a * (theta[None, :] - b))
    ones = np.ones((1, theta.size))
    return np.vstack([ones, inner, np.zeros((1, theta.size))])


def category_probs(params: ItemParams, theta: Array | float) -> Array:
    """P(category k | theta), shape (n_categories, len(theta))."""
    t = np.atleast_1d(np.asarray(theta, dtype=float))
    if params.thresholds is None:
        right = params.c + (1.0 - params.c) * _logistic(params.a * (t - params.b))
        return np.vstack([1.0 - right, right])
    star = _cumulative(params, t)
    return np.asarray(star[:-1] - star[1:])


def information(params: ItemParams, theta: Array | float) -> Array:
    """Fisher information of the item at each theta."""
    t = np.atleast_1d(np.asarray(theta, dtype=float))
    if params.thresholds is None:
        logit = _logistic(params.a * (t - params.b))
        p = params.c + (1.0 - params.c) * logit
        p = np.clip(p, _P_FLOOR, 1.0 - _P_FLOOR)
        return np.asarray(params.a**2 * (1.0 - p) / p * ((p - params.c) / (1.0 - params.c)) ** 2)
    star = _cumulative(params, t)
    slope = params.a * star * (1.0 - star)
    probs = np.clip(star[:-1] - star[1:], _P_FLOOR, None)
    return np.asarray((((slope[:-1] - slope[1:]) ** 2) / probs).sum(axis=0))


def log_likelihood_table(params: ItemParams, grid: Array = GRID) -> Array:
    """log P(category k | theta) on the grid, shape (n_categories, len(grid))."""
    return np.asarray(np.log(np.clip(category_probs(params, grid), _P_FLOOR, None)))


# --- levels -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelScale:
    """Where each level sits on the ability scale: band centres and the cuts between bands."""

    codes: tuple[str, ...]
    centres: tuple[float, ...]
    cuts: tuple[float, ...]  # cuts[i] is where level i + 1 begins

    @classmethod
    def from_levels(cls, levels: Sequence[Level]) -> LevelScale:
        codes = tuple(lv.code for lv in levels)
        n = len(levels)
        given = [lv.cut for lv in levels[1:]]
        if n >= 2 and all(c is not None for c in given):
            cuts = tuple(float(c) for c in given if c is not None)
            inner = [(lo + hi) / 2 for lo, hi in pairwise(cuts)]
            widths = [hi - lo for lo, hi in pairwise(cuts)]
            first_w = widths[0] if widths else 2 * LEVEL_SPAN / (n - 1)
            last_w = widths[-1] if widths else first_w
            centres = (cuts[0] - first_w / 2, *inner, cuts[-1] + last_w / 2)
            return cls(codes, tuple(centres), cuts)
        centres_arr = np.linspace(-LEVEL_SPAN, LEVEL_SPAN, n) if n > 1 else np.zeros(1)
        cuts = tuple(float(x) for x in (centres_arr[:-1] + centres_arr[1:]) / 2)
        return cls(codes, tuple(float(x) for x in centres_arr), cuts)

    def index_of(self, theta: float) -> int:
        return int(np.searchsorted(np.asarray(self.cuts), theta, side="right"))

    def below_fraction(self, cut: float, grid: Array = GRID) -> Array:
        """For each grid point, the share of its cell lying below `cut` (cells are GRID_STEP wide)."""
        step = float(grid[1] - grid[0])
        return np.asarray(np.clip((cut - (grid - step / 2)) / step, 0.0, 1.0))

    def band_matrix(self, grid: Array = GRID) -> Array:
        """Share of each grid cell inside each level band, shape (len(grid), n_levels)."""
        below = [np.zeros(grid.size)] + [self.below_fraction(c, grid) for c in self.cuts]
        below.append(np.ones(grid.size))
        return np.stack([below[i + 1] - below[i] for i in range(len(self.codes))], axis=1)


# --- provisional parameters ---------------------------------------------------------------------


def _spread(centre: float, m: int) -> tuple[float, ...]:
    step = THRESHOLD_STEP if m <= 1 else min(THRESHOLD_STEP, THRESHOLD_SPAN / (m - 1))
    return tuple(centre + step * (k - (m - 1) / 2) for k in range(m))


def item_params(item: Item, *, n_categories: int, centre: float) -> ItemParams:
    """The item's model: its calibrated `irt` where it fits, else provisional values from level and kind."""
    irt = item.irt
    a = irt.a if irt is not None else DEFAULT_SLOPES[item.kind]
    if item.dichotomous:
        guess = 1.0 / (len(item.options) + 1)  # "I don't know" counts as one more way out
        if irt is not None and irt.b is not None:
            return ItemParams(a=a, b=irt.b, c=irt.c if irt.c is not None else guess)
        return ItemParams(a=a, b=centre, c=guess)
    m = n_categories - 1
    if irt is not None and irt.thresholds is not None and len(irt.thresholds) == m:
        return ItemParams(a=a, thresholds=tuple(irt.thresholds))
    return ItemParams(a=a, thresholds=_spread(centre, m))


def widened(params: ItemParams, level_width: float) -> ItemParams:
    """A guessed item's curve averaged over where the item may really sit.

    A provisional difficulty (or every threshold) is a guess from a `level` label, true to within about
    a level either way. The average of the item's curves over a shift anywhere in ±`level_width` keeps
    its centre and guessing and rises less steeply: at its centre the average's slope is that of a
    logistic with slope (2 / w)·tanh(a·w / 2). That is always below a, nearly a for a flat item and far
    below it for a steep one (about 0.9·a at a = 1.2 and 0.7·a at a = 2.4 when w = 1), so a guess that
    claims a steep curve is trusted least. docs/adaptive.md, "Guessed items beside measured ones".
    """
    w = level_width
    return replace(params, a=2.0 / w * float(np.tanh(params.a * w / 2.0)))


# --- the posterior ------------------------------------------------------------------------------


class Posterior:
    """An area's log-posterior on GRID, N(0, 1) prior, updated by adding log-likelihood rows."""

    __slots__ = ("log",)

    def __init__(self, log: Array | None = None) -> None:
        self.log: Array = LOG_PRIOR.copy() if log is None else log.copy()

    def add(self, row: Array) -> None:
        self.log += row

    def copy(self) -> Posterior:
        return Posterior(self.log)

    def weights(self) -> Array:
        w = np.exp(self.log - self.log.max())
        return np.asarray(w / w.sum())

    def mean_sd(self) -> tuple[float, float]:
        w = self.weights()
        mean = float(w @ GRID)
        var = float(w @ (GRID - mean) ** 2)
        return mean, var**0.5

    def quantile(self, q: float) -> float:
        """The q-quantile, treating each grid point's weight as spread evenly over its cell."""
        cdf = np.concatenate([[0.0], np.cumsum(self.weights())])
        edges = np.concatenate([GRID - GRID_STEP / 2, [GRID[-1] + GRID_STEP / 2]])
        return float(np.interp(q, cdf, edges))
