"""Batched 3PL (fixed guessing) and graded response models with their derivatives, for the EM's M-step."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

# A probability never reaches 0 in a log: one impossible-looking answer must not wreck the fit.
P_FLOOR = 1e-10


@dataclass
class ItemGroup:
    """Items of one shape (m thresholds, so m + 1 categories) estimated together.

    Parameters per item: psi = [log a, b_1 .. b_m]; a 3PL item has m = 1 and its guessing in `c`
    (0 for graded items). Working on log a keeps the slope positive without constraints.
    """

    psi: Array  # (J, 1 + m)
    c: Array  # (J,)

    @property
    def m(self) -> int:
        return int(self.psi.shape[1] - 1)


def _logistic(x: Array) -> Array:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)))  # tanh form never overflows


def probabilities(psi: Array, c: Array, grid: Array) -> Array:
    """P(category k | theta_q) for each item, shape (J, m + 1, Q)."""
    a = np.exp(psi[:, 0])[:, None, None]
    b = psi[:, 1:, None]
    s = _logistic(a * (grid[None, None, :] - b))  # (J, m, Q)
    star = c[:, None, None] + (1.0 - c[:, None, None]) * s
    j, _, q = star.shape
    full = np.concatenate([np.ones((j, 1, q)), star, np.zeros((j, 1, q))], axis=1)
    return np.asarray(full[:, :-1] - full[:, 1:])


def derivatives(psi: Array, c: Array, grid: Array) -> tuple[Array, Array]:
    """Probabilities (J, m+1, Q) and their derivatives by psi, shape (J, m+1, Q, 1+m)."""
    n_items, width = psi.shape
    m = width - 1
    a = np.exp(psi[:, 0])[:, None, None]
    b = psi[:, 1:, None]
    s = _logistic(a * (grid[None, None, :] - b))
    w = (1.0 - c)[:, None, None] * s * (1.0 - s)  # (J, m, Q)
    star = c[:, None, None] + (1.0 - c[:, None, None]) * s
    q = grid.size
    # d star_k / d log a = a * d star_k / d a = w_k * a * (theta - b_k); d star_k / d b_k = -a w_k.
    d_star = np.zeros((n_items, m + 2, q, width))
    d_star[:, 1:-1, :, 0] = w * a * (grid[None, None, :] - b)
    for k in range(m):
        d_star[:, k + 1, :, 1 + k] = -a[:, 0] * w[:, k]
    full = np.concatenate([np.ones((n_items, 1, q)), star, np.zeros((n_items, 1, q))], axis=1)
    probs = full[:, :-1] - full[:, 1:]
    return np.asarray(probs), np.asarray(d_star[:, :-1] - d_star[:, 1:])


def log_likelihood(psi: Array, c: Array, grid: Array, counts: Array) -> Array:
    """Sum over categories and nodes of counts * log P, per item; counts shaped (J, m+1, Q)."""
    probs = np.clip(probabilities(psi, c, grid), P_FLOOR, None)
    return np.asarray((counts * np.log(probs)).sum(axis=(1, 2)))


def ordered(psi: Array) -> NDArray[np.bool_]:
    """Whether each item's thresholds increase strictly (a graded model needs that)."""
    if psi.shape[1] <= 2:
        return np.ones(psi.shape[0], dtype=bool)
    return np.asarray(np.all(np.diff(psi[:, 1:], axis=1) > 1e-6, axis=1))
