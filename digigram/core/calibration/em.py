"""Marginal maximum likelihood by EM over a quadrature grid (Bock–Aitkin) for one latent dimension."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from digigram.core.calibration.models import (
    P_FLOOR,
    Array,
    derivatives,
    log_likelihood,
    ordered,
    probabilities,
)

# 61 points on [-4, 4], as the quiz uses: the calibration and the quiz integrate over the same grid.
GRID: Array = np.linspace(-4.0, 4.0, 61)


@dataclass(frozen=True)
class Priors:
    """Weak priors that keep sparse items sane without pulling well-answered ones.

    log a ~ N(log(kind's default slope), slope_sd²): a slope halved or doubled is 1.4 prior SDs away.
    Each difficulty or threshold ~ N(0, location_sd²): only stops an item everyone gets right from
    running off to infinity.
    """

    slope_sd: float = 0.5
    location_sd: float = 3.0


@dataclass
class DimensionData:
    """One latent dimension's answers: observation o is person[o] answering item[o] in category[o]."""

    item_ids: tuple[str, ...]
    m: NDArray[np.intp]  # thresholds per item (categories - 1)
    start: list[Array]  # per item: psi = [log a, b_1 .. b_m] to start from (its current parameters)
    c: Array  # per item guessing, 0 for graded items
    free: NDArray[np.bool_]  # estimated, or kept at the start values (too few answers)
    slope_prior: Array  # per item: the prior's centre for log a
    person: NDArray[np.intp]
    item: NDArray[np.intp]
    category: NDArray[np.intp]
    n_persons: int


@dataclass
class DimensionFit:
    """The estimates and what the diagnostics need: pseudo-counts and every person's posterior."""

    psi: list[Array]
    se: list[Array | None]  # SEs of psi (log a, thresholds); None for kept items
    counts: list[Array]  # per item (m+1, Q): expected number answering in category k at node q
    posterior: Array  # (persons, Q)
    log_likelihood: float
    iterations: int
    converged: bool
    history: list[float] = field(default_factory=list)


def _prior_weights(grid: Array) -> Array:
    w = np.exp(-0.5 * grid**2)
    return np.asarray(w / w.sum())


class _Layout:
    """Precomputed orderings that turn the E-step's gathers and sums into contiguous reductions."""

    def __init__(self, data: DimensionData) -> None:
        by_person = np.argsort(data.person, kind="stable")
        self.by_person = by_person
        persons = data.person[by_person]
        self.person_starts = np.flatnonzero(np.r_[True, persons[1:] != persons[:-1]])
        self.person_ids = persons[self.person_starts]
        kmax = int(data.m.max()) + 1
        cell = data.item * kmax + data.category
        by_cell = np.argsort(cell, kind="stable")
        self.by_cell = by_cell
        cells = cell[by_cell]
        self.cell_starts = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]])
        self.cell_ids = cells[self.cell_starts]
        self.kmax = kmax
        # Groups of items with the same number of thresholds are updated together.
        self.groups: dict[int, NDArray[np.intp]] = {
            int(m): np.flatnonzero((data.m == m) & data.free) for m in np.unique(data.m)
        }
        self.groups = {m: rows for m, rows in self.groups.items() if rows.size}


def _log_tables(data: DimensionData, psi: Sequence[Array], kmax: int, grid: Array) -> Array:
    """log P(category | node) for every item, padded to kmax categories: (J, kmax, Q)."""
    table = np.zeros((len(psi), kmax, grid.size))
    for m in np.unique(data.m):
        rows = np.flatnonzero(data.m == m)
        stacked = np.stack([psi[int(r)] for r in rows])
        probs = probabilities(stacked, data.c[rows], grid)
        table[rows, : int(m) + 1] = np.log(np.clip(probs, P_FLOOR, None))
    return table


def e_step(
    data: DimensionData, psi: Sequence[Array], layout: _Layout, grid: Array = GRID
) -> tuple[Array, Array, float]:
    """Posteriors (persons, Q), pseudo-counts (J, kmax, Q) and the marginal log-likelihood."""
    table = _log_tables(data, psi, layout.kmax, grid)
    rows = table[data.item[layout.by_person], data.category[layout.by_person]]  # (obs, Q)
    log_l = np.zeros((data.n_persons, grid.size))
    log_l[layout.person_ids] = np.add.reduceat(rows, layout.person_starts, axis=0)
    log_joint = log_l + np.log(_prior_weights(grid))[None, :]
    top = log_joint.max(axis=1, keepdims=True)
    joint = np.exp(log_joint - top)
    total = joint.sum(axis=1, keepdims=True)
    posterior = joint / total
    marginal = float((np.log(total[:, 0]) + top[:, 0])[layout.person_ids].sum())
    gathered = posterior[data.person[layout.by_cell]]
    sums = np.add.reduceat(gathered, layout.cell_starts, axis=0)
    counts = np.zeros((len(psi) * layout.kmax, grid.size))
    counts[layout.cell_ids] = sums
    return posterior, counts.reshape(len(psi), layout.kmax, grid.size), marginal


def _objective(psi: Array, c: Array, counts: Array, prior_mu: Array, priors: Priors, grid: Array) -> Array:
    value = log_likelihood(psi, c, grid, counts)
    value -= 0.5 * ((psi[:, 0] - prior_mu) / priors.slope_sd) ** 2
    value -= 0.5 * ((psi[:, 1:] / priors.location_sd) ** 2).sum(axis=1)
    return value


def m_step(
    psi: Array, c: Array, counts: Array, prior_mu: Array, priors: Priors, grid: Array = GRID, steps: int = 2
) -> Array:
    """A few Fisher-scoring steps on the expected complete-data log-posterior, for a group of items."""
    width = psi.shape[1]
    precision = np.full(width, priors.location_sd**-2)
    precision[0] = priors.slope_sd**-2
    current = _objective(psi, c, counts, prior_mu, priors, grid)
    for _ in range(steps):
        probs, d = derivatives(psi, c, grid)
        probs = np.clip(probs, P_FLOOR, None)
        grad = np.einsum("jkq,jkqp->jp", counts / probs, d)
        grad[:, 0] -= (psi[:, 0] - prior_mu) * precision[0]
        grad[:, 1:] -= psi[:, 1:] * precision[1:]
        n_q = counts.sum(axis=1)  # (J, Q)
        info = np.einsum("jq,jkqp,jkqr->jpr", n_q, d / probs[..., None], d)
        info += np.diag(precision)[None]
        step = np.linalg.solve(info, grad[..., None])[..., 0]
        # Step-halving: accept only moves that raise the objective and keep thresholds in order.
        scale = np.ones(psi.shape[0])
        for _ in range(8):
            trial = psi + scale[:, None] * step
            value = _objective(trial, c, counts, prior_mu, priors, grid)
            good = (value >= current - 1e-12) & ordered(trial)
            if good.all():
                break
            scale = np.where(good, scale, scale / 2)
        trial = psi + scale[:, None] * step
        value = _objective(trial, c, counts, prior_mu, priors, grid)
        keep = (value >= current - 1e-12) & ordered(trial)
        psi = np.where(keep[:, None], trial, psi)
        current = np.where(keep, value, current)
    return psi


def standard_errors(
    data: DimensionData, psi: Sequence[Array], posterior: Array, priors: Priors, grid: Array = GRID
) -> list[Array | None]:
    """SEs from the cross-product of each person's expected score (Mislevy and Bock's approximation),
    item by item, plus the priors' precision."""
    out: list[Array | None] = [None] * len(psi)
    order = np.argsort(data.item, kind="stable")
    items = data.item[order]
    starts = np.flatnonzero(np.r_[True, items[1:] != items[:-1]])
    ends = np.r_[starts[1:], items.size]
    for s, e in zip(starts, ends, strict=True):
        j = int(items[s])
        if not data.free[j]:
            continue
        obs = order[s:e]
        probs, d = derivatives(psi[j][None], data.c[j : j + 1], grid)
        score = d[0] / np.clip(probs[0], P_FLOOR, None)[..., None]  # (K, Q, P): d log P_k / d psi
        per_person = np.einsum("oq,oqp->op", posterior[data.person[obs]], score[data.category[obs]])
        info = per_person.T @ per_person
        width = psi[j].size
        precision = np.full(width, priors.location_sd**-2)
        precision[0] = priors.slope_sd**-2
        info += np.diag(precision)
        try:
            cov = np.linalg.inv(info)
            out[j] = np.sqrt(np.clip(np.diag(cov), 0.0, None))
        except np.linalg.LinAlgError:
            out[j] = np.full(width, np.nan)
    return out


def fit_dimension(
    data: DimensionData,
    *,
    priors: Priors | None = None,
    grid: Array = GRID,
    max_iter: int = 500,
    tol: float = 1e-4,
    progress: Callable[[int], None] | None = None,
) -> DimensionFit:
    """Bock–Aitkin EM with the latent distribution fixed at N(0, 1) on the grid (the quiz's prior).

    Stops when no free parameter moves by more than `tol` in one iteration.
    """
    priors = priors or Priors()
    layout = _Layout(data)
    psi = [p.astype(float).copy() for p in data.start]
    history: list[float] = []
    converged = False
    iteration = 0
    for iteration in range(1, max_iter + 1):
        _, counts, marginal = e_step(data, psi, layout, grid)
        history.append(marginal)
        change = 0.0
        for m, rows in layout.groups.items():
            old = np.stack([psi[r] for r in rows])
            new = m_step(old, data.c[rows], counts[rows, : m + 1], data.slope_prior[rows], priors, grid)
            change = max(change, float(np.abs(new - old).max()))
            for i, r in enumerate(rows):
                psi[r] = new[i]
        if progress is not None:
            progress(iteration)
        if change < tol:
            converged = True
            break
    posterior, counts, marginal = e_step(data, psi, layout, grid)
    history.append(marginal)
    se = standard_errors(data, psi, posterior, priors, grid)
    per_item = [counts[j, : int(data.m[j]) + 1] for j in range(len(psi))]
    return DimensionFit(psi, se, per_item, posterior, marginal, iteration, converged, history)
