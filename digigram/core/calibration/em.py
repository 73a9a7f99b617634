"""Marginal maximum likelihood by EM over a quadrature grid (Bock–Aitkin) for one latent dimension."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

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
# log a stays within this (a from 0.01 to 12): on log a the likelihood goes flat as a -> 0, and an
# item with a handful of answers that happen to run against ability would otherwise walk off to
# -infinity (a slope of 0.01 already says "no discrimination"; the flag is at 0.4).
LOG_SLOPE_RANGE = (-4.6, 2.5)


@dataclass(frozen=True)
class Priors:
    """Weak priors that keep sparse items sane without pulling well-answered ones.

    a ~ N(kind's default slope, slope_sd²) (a penalty on a itself, while the fit works on log a so
    that a stays positive): it keeps an item everyone answers alike from a runaway slope. Not a
    normal on log a: the data say little about log a when a is small (its information is a² times
    that on a), so such a prior pulled a true slope of 0.15, answered 150 times, up to 0.94 and hid
    exactly the weak items the report must show.
    Each difficulty or threshold ~ N(0, location_sd²): only stops an item everyone gets right from
    running off to infinity.
    """

    slope_sd: float = 1.0
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
    slope_sd: Array | None = None  # per item: the slope prior's SD on a; None: Priors.slope_sd for all
    kinds: tuple[str, ...] = ()  # per item, for priors pooled by kind
    written: NDArray[np.bool_] | None = None  # per item: enough answers for its estimate to be kept
    # per person, what the other areas' answers predict of this dimension, standardised (mean 0,
    # SD 1); the fit then regresses the latent on it (latent_regression_factor). NaN: nothing known
    # of that person, who keeps the N(0, 1) prior. None: no predictor.
    covariate: Array | None = None

    def slope_sds(self, priors: Priors) -> Array:
        if self.slope_sd is None:
            return np.full(len(self.start), priors.slope_sd)
        return np.asarray(self.slope_sd, dtype=float)

    def with_slope_priors(
        self, pooled: Mapping[str, tuple[float, float]], *, start: Sequence[Array], priors: Priors
    ) -> DimensionData:
        """The same answers with each pooled kind's slope prior (centre, SD on a) and new start values."""
        mu, sd = self.slope_prior.copy(), self.slope_sds(priors).copy()
        for j, kind in enumerate(self.kinds):
            if kind in pooled:
                centre, spread = pooled[kind]
                mu[j], sd[j] = np.log(centre), spread
        fresh = [np.asarray(p, dtype=float).copy() for p in start]
        return replace(self, slope_prior=mu, slope_sd=sd, start=fresh)


@dataclass
class DimensionFit:
    """The estimates and what the diagnostics need: pseudo-counts and every person's posterior."""

    psi: list[Array]
    se: list[Array | None]  # SEs of psi (log a, thresholds); None for kept items
    counts: list[Array]  # per item (m+1, Q): expected number answering in category k at node q
    posterior: Array  # (persons, Q): each person's posterior on this dimension (marginal in 2-D)
    log_likelihood: float
    iterations: int
    converged: bool
    grid: Array
    history: list[float] = field(default_factory=list)
    correlation: float | None = None  # with the area's other dimension, when fitted together
    regression: float | None = None  # the latent's correlation with the covariate, when it has one


def _prior_weights(grid: Array) -> Array:
    w = np.exp(-0.5 * grid**2)
    return np.asarray(w / w.sum())


class _Layout:
    """Flat indices that turn the E-step's per-person and per-cell sums into one np.bincount each
    (several times faster than np.add.reduceat or np.add.at on these tall, narrow arrays)."""

    def __init__(self, data: DimensionData, q: int) -> None:
        self.q = q
        self.kmax = kmax = int(data.m.max()) + 1
        nodes = np.arange(q)
        self.person_ids = np.unique(data.person)
        self.person_index = (data.person[:, None] * q + nodes[None, :]).ravel()
        cell = data.item * kmax + data.category
        self.cell_index = (cell[:, None] * q + nodes[None, :]).ravel()
        self.n_cells = len(data.start) * kmax
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


def person_log_likelihood(data: DimensionData, psi: Sequence[Array], layout: _Layout, grid: Array) -> Array:
    """Each person's log-likelihood of their answers on this dimension at each node, (persons, Q)."""
    table = _log_tables(data, psi, layout.kmax, grid)
    rows = table[data.item, data.category]  # (obs, Q)
    flat = np.bincount(layout.person_index, weights=rows.ravel(), minlength=data.n_persons * layout.q)
    return np.asarray(flat.reshape(data.n_persons, layout.q), dtype=float)


def pseudo_counts(data: DimensionData, posterior: Array, layout: _Layout, n_items: int) -> Array:
    """Expected number answering each item in each category at each node, (J, kmax, Q)."""
    gathered = posterior[data.person]
    flat = np.bincount(layout.cell_index, weights=gathered.ravel(), minlength=layout.n_cells * layout.q)
    return np.asarray(flat.reshape(n_items, layout.kmax, layout.q), dtype=float)


def bivariate_log_prior(grid: Array, rho: float) -> Array:
    """log of N(0, 1)² with correlation rho on the product grid, normalised over it: (Q, Q)."""
    x, y = grid[:, None], grid[None, :]
    log_w = -(x**2 - 2 * rho * x * y + y**2) / (2 * (1 - rho**2))
    log_w -= log_w.max()
    return np.asarray(log_w - np.log(np.exp(log_w).sum()))


# The correlation between what people say and what they show stays inside this: at ±1 the two
# dimensions would be one and the bivariate prior degenerate.
RHO_BOUND = 0.95


def _correlation_objective(rho: Array, n: float, s11: float, s22: float, s12: float) -> Array:
    return np.asarray(-0.5 * n * np.log(1 - rho**2) - (s11 - 2 * rho * s12 + s22) / (2 * (1 - rho**2)))


def best_correlation(n: float, s11: float, s22: float, s12: float) -> float:
    """The rho maximising the expected bivariate normal log-density (unit variances, zero means),
    exactly: a root of n·rho³ − s12·rho² + (s11 + s22 − n)·rho − s12 = 0 (where the derivative
    vanishes), or the bound.

    Exactly, not the best of a grid of candidates: EM moves rho by a little each step when the data
    say little about it (two self-ratings per person), and a grid's nearest point then never moves,
    so EM stopped short of the maximum (0.690 where it lay at 0.703) and the self-ratings' slopes,
    which trade off against rho, came out too steep.
    """
    roots = np.roots([n, -s12, s11 + s22 - n, -s12])
    candidates = [float(r.real) for r in roots if abs(r.imag) < 1e-9 and abs(r.real) < RHO_BOUND]
    candidates += [-RHO_BOUND, RHO_BOUND]
    values = _correlation_objective(np.array(candidates), n, s11, s22, s12)
    return candidates[int(np.argmax(values))]


def latent_regression_factor(covariate: Array, beta: float, grid: Array) -> Array:
    """log N(θ; β·x, 1 − β²) − log N(θ; 0, 1) per person and node, (persons, Q).

    A latent regression on one standardised predictor x: given x the latent is N(β·x, 1 − β²), so
    over people it stays N(0, 1) and the scale is the one the quiz assumes. Multiplying the N(0, 1)
    prior (or the two dimensions' bivariate one) by this factor turns it into the conditional one
    without changing how the rest of the E-step sums. A person whose x is NaN gets 0: the N(0, 1) prior."""
    known = np.isfinite(covariate)
    x, t = np.where(known, covariate, 0.0)[:, None], grid[None, :]
    rest = 1.0 - beta**2
    factor = -((t - beta * x) ** 2) / (2 * rest) - 0.5 * np.log(rest) + 0.5 * t**2
    return np.asarray(np.where(known[:, None], factor, 0.0))


def area_e_step(
    dims: Sequence[DimensionData], psis: Sequence[Sequence[Array]], layouts: Sequence[_Layout],
    grid: Array, rho: float, betas: Sequence[float] | None = None,
) -> tuple[list[Array], list[Array], float, float]:
    """Posteriors per dimension (persons, Q), pseudo-counts per dimension, the marginal
    log-likelihood and the correlation that best fits the posteriors (2-D only, else 0).
    `betas`: per dimension, its regression on its covariate (used where the data have one)."""
    logs = [person_log_likelihood(d, p, lay, grid) for d, p, lay in zip(dims, psis, layouts, strict=True)]
    for k, d in enumerate(dims):
        if d.covariate is not None and betas is not None:
            logs[k] = logs[k] + latent_regression_factor(d.covariate, betas[k], grid)
    n = dims[0].n_persons
    if len(dims) == 1:
        joint = logs[0] + np.log(_prior_weights(grid))[None, :]
        top = joint.max(axis=1, keepdims=True)
        w = np.exp(joint - top)
        total = w.sum(axis=1, keepdims=True)
        seen = np.zeros(n, dtype=bool)
        seen[layouts[0].person_ids] = True
        marginal = float((np.log(total[:, 0]) + top[:, 0])[seen].sum())
        posteriors = [w / total]
        new_rho = 0.0
    else:
        # The likelihood separates (self-ratings on one axis, shown answers on the other), so every
        # sum over the product grid is a matrix product with the prior: no (persons, Q, Q) array.
        prior = np.exp(bivariate_log_prior(grid, rho))
        top1 = logs[0].max(axis=1, keepdims=True)
        top2 = logs[1].max(axis=1, keepdims=True)
        e1, e2 = np.exp(logs[0] - top1), np.exp(logs[1] - top2)
        towards1 = e2 @ prior.T  # for each node a: sum over b of prior(a, b) * e2(b)
        towards2 = e1 @ prior
        joint1 = e1 * towards1
        total = joint1.sum(axis=1, keepdims=True)
        marginal = float((np.log(total) + top1 + top2).sum())
        posteriors = [joint1 / total, e2 * towards2 / total]
        g2 = grid**2
        s11 = float((posteriors[0] @ g2).sum())
        s22 = float((posteriors[1] @ g2).sum())
        s12 = float((((e1 * grid) @ prior) * (e2 * grid)).sum(axis=1) @ (1.0 / total[:, 0]))
        new_rho = best_correlation(float(n), s11, s22, s12)
    counts = [pseudo_counts(d, post, lay, len(p))
              for d, post, lay, p in zip(dims, posteriors, layouts, psis, strict=True)]
    return posteriors, counts, marginal, new_rho


def e_step(
    data: DimensionData, psi: Sequence[Array], layout: _Layout, grid: Array = GRID
) -> tuple[Array, Array, float]:
    """One dimension alone: posteriors (persons, Q), pseudo-counts (J, kmax, Q), marginal log-likelihood."""
    posteriors, counts, marginal, _ = area_e_step([data], [psi], [layout], grid, 0.0)
    return posteriors[0], counts[0], marginal


def _objective(
    psi: Array, c: Array, counts: Array, prior_mu: Array, prior_sd: Array, priors: Priors, grid: Array
) -> Array:
    value = log_likelihood(psi, c, grid, counts)
    value -= 0.5 * ((np.exp(psi[:, 0]) - np.exp(prior_mu)) / prior_sd) ** 2
    value -= 0.5 * ((psi[:, 1:] / priors.location_sd) ** 2).sum(axis=1)
    return value


def _bounded(psi: Array) -> Array:
    out = psi.copy()
    out[:, 0] = np.clip(psi[:, 0], *LOG_SLOPE_RANGE)
    return out


def _solve(info: Array, grad: Array) -> Array:
    """Each item's Fisher-scoring step; no step for an item whose information is singular or not finite
    (its slope at the bound of LOG_SLOPE_RANGE with no answers to speak of), instead of failing all."""
    try:
        return np.asarray(np.linalg.solve(info, grad[..., None])[..., 0])
    except np.linalg.LinAlgError:
        step = np.zeros_like(grad)
        for j in range(grad.shape[0]):
            if np.all(np.isfinite(info[j])) and np.all(np.isfinite(grad[j])):
                step[j] = np.linalg.lstsq(info[j], grad[j], rcond=None)[0]
        return step


def m_step(
    psi: Array, c: Array, counts: Array, prior_mu: Array, priors: Priors, grid: Array = GRID, steps: int = 2,
    *, prior_sd: Array | None = None,
) -> Array:
    """A few Fisher-scoring steps on the expected complete-data log-posterior, for a group of items.

    `prior_sd`: each item's slope prior SD on a (default: `priors.slope_sd` for every item)."""
    width = psi.shape[1]
    sd = np.full(psi.shape[0], priors.slope_sd) if prior_sd is None else np.asarray(prior_sd, dtype=float)
    slope_precision = sd**-2
    precision = np.full(width, priors.location_sd**-2)
    precision[0] = 0.0  # the slope's precision is per item, added below
    current = _objective(psi, c, counts, prior_mu, sd, priors, grid)
    for _ in range(steps):
        probs, d = derivatives(psi, c, grid)
        probs = np.clip(probs, P_FLOOR, None)
        grad = np.einsum("jkq,jkqp->jp", counts / probs, d)
        a = np.exp(psi[:, 0])
        grad[:, 0] -= (a - np.exp(prior_mu)) * a * slope_precision  # chain rule: d a / d log a = a
        grad[:, 1:] -= psi[:, 1:] * precision[1:]
        n_q = counts.sum(axis=1)  # (J, Q)
        info = np.einsum("jq,jkqp,jkqr->jpr", n_q, d / probs[..., None], d)
        info += np.diag(precision)[None]
        info[:, 0, 0] += a**2 * slope_precision  # the slope prior's curvature on log a
        step = _solve(info, grad)
        # Step-halving: accept only moves that raise the objective and keep thresholds in order.
        scale = np.ones(psi.shape[0])
        for _ in range(8):
            trial = _bounded(psi + scale[:, None] * step)
            value = _objective(trial, c, counts, prior_mu, sd, priors, grid)
            good = (value >= current - 1e-12) & ordered(trial)
            if good.all():
                break
            scale = np.where(good, scale, scale / 2)
        trial = _bounded(psi + scale[:, None] * step)
        value = _objective(trial, c, counts, prior_mu, sd, priors, grid)
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
    slope_sd = data.slope_sds(priors)
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
        precision[0] = float(np.exp(psi[j][0])) ** 2 / float(slope_sd[j]) ** 2  # on log a
        info += np.diag(precision)
        try:
            cov = np.linalg.inv(info)
            out[j] = np.sqrt(np.clip(np.diag(cov), 0.0, None))
        except np.linalg.LinAlgError:
            out[j] = np.full(width, np.nan)
    return out


def _log_prior(data: DimensionData, psi: Sequence[Array], priors: Priors) -> float:
    total = 0.0
    slope_sd = data.slope_sds(priors)
    for j in np.flatnonzero(data.free):
        p = psi[int(j)]
        total -= 0.5 * ((np.exp(p[0]) - np.exp(data.slope_prior[j])) / slope_sd[j]) ** 2
        total -= 0.5 * float(((p[1:] / priors.location_sd) ** 2).sum())
    return total


def _usable(data: DimensionData, psi: Sequence[Array]) -> bool:
    """Parameters an extrapolated step may land on: finite, sane slopes, thresholds in order."""
    for j in np.flatnonzero(data.free):
        p = psi[int(j)]
        if not np.all(np.isfinite(p)) or not LOG_SLOPE_RANGE[0] <= p[0] <= LOG_SLOPE_RANGE[1]:
            return False
        if p.size > 2 and np.any(np.diff(p[1:]) <= 1e-6):
            return False
    return True


def fit_dimension(
    data: DimensionData,
    *,
    priors: Priors | None = None,
    grid: Array = GRID,
    max_iter: int = 2000,
    tol: float = 1e-4,
) -> DimensionFit:
    """One dimension on its own, its latent distribution fixed at N(0, 1) (over people, with a covariate)."""
    return fit_area([data], priors=priors, grid=grid, max_iter=max_iter, tol=tol)[0]


# An area's EM state: parameters per dimension, the dimensions' correlation, each one's regression.
State = tuple[list[list[Array]], float, list[float]]


def _best_regression(data: DimensionData, posterior: Array, grid: Array) -> float:
    """The M-step for a dimension's regression on its covariate: with both standardised it is the
    correlation of a bivariate normal, one variable observed and the other known by its posterior."""
    assert data.covariate is not None
    known = np.isfinite(data.covariate)
    x, post = data.covariate[known], posterior[known]
    second, cross = float((post @ grid**2).sum()), float(x @ (post @ grid))
    return best_correlation(float(x.size), float(x @ x), second, cross)


def fit_area(
    dims: Sequence[DimensionData],
    *,
    priors: Priors | None = None,
    grid: Array = GRID,
    max_iter: int = 2000,
    tol: float = 1e-4,
    progress: Callable[[int], None] | None = None,
    correlation: float | None = None,
) -> list[DimensionFit]:
    """Bock–Aitkin EM for one area: one dimension, or two (self-ratings and shown answers) fitted
    together with their correlation, each fixed at N(0, 1) on the quiz's scale (over people, when a
    dimension is regressed on a covariate: given it, N(β·x, 1 − β²)).

    Two dimensions are fitted together because the quiz picks each next question from everything
    answered so far: a model that left one kind of answer out would not explain which questions
    people were given, and its estimates would be biased (the answers are then not missing at random
    given the model). Sped up by SQUAREM (Varadhan and Roland, 2008): two EM steps give a direction,
    an extrapolated point is tried and kept only when it raises the log-posterior, so the climb stays
    monotone. Stops when no free parameter moves by more than `tol` in a cycle; `max_iter` caps EM steps.
    `correlation`: hold the two dimensions' correlation at this value instead of estimating it (a
    constrained fit, to compare against).
    """
    priors = priors or Priors()
    layouts = [_Layout(d, grid.size) for d in dims]
    frees = [[int(j) for j in np.flatnonzero(d.free)] for d in dims]
    two = len(dims) == 2
    regressed = [k for k, d in enumerate(dims) if d.covariate is not None]
    history: list[float] = []
    steps = 0

    def em(state: State) -> tuple[State, float]:
        """One EM step; also the log-posterior at the starting point."""
        nonlocal steps
        steps += 1
        psis, rho, betas = state
        posteriors, counts, marginal, new_rho = area_e_step(dims, psis, layouts, grid, rho, betas)
        new_betas = list(betas)
        for k in regressed:
            new_betas[k] = _best_regression(dims[k], posteriors[k], grid)
        out = []
        for d, psi, lay, cnt in zip(dims, psis, layouts, counts, strict=True):
            new_psi = list(psi)
            for m, rows in lay.groups.items():
                old = np.stack([psi[r] for r in rows])
                new = m_step(old, d.c[rows], cnt[rows, : m + 1], d.slope_prior[rows], priors, grid,
                             prior_sd=d.slope_sds(priors)[rows])
                for i, r in enumerate(rows):
                    new_psi[r] = new[i]
            out.append(new_psi)
        value = marginal + sum(_log_prior(d, p, priors) for d, p in zip(dims, psis, strict=True))
        return (out, new_rho if two and correlation is None else rho, new_betas), value

    def flat(state: State) -> Array:
        psis, rho, betas = state
        parts = [psis[k][j] for k in range(len(dims)) for j in frees[k]]
        parts.append(np.arctanh(np.array([rho] + [betas[k] for k in regressed])))
        return np.concatenate(parts)

    def unflat(x: Array, like: State) -> State:
        psis = [list(p) for p in like[0]]
        at = 0
        for k in range(len(dims)):
            for j in frees[k]:
                size = psis[k][j].size
                psis[k][j] = x[at : at + size].copy()
                at += size
        betas = list(like[2])
        for i, k in enumerate(regressed):
            betas[k] = float(np.tanh(x[at + 1 + i]))
        return psis, float(np.tanh(x[at])), betas

    start = [[p.astype(float).copy() for p in d.start] for d in dims]
    state: State = (start, 0.5 if correlation is None else correlation, [0.0] * len(dims))
    if not two:
        state = (state[0], 0.0, state[2])
    converged = False
    while steps < max_iter:
        s1, v0 = em(state)
        s2, v1 = em(s1)
        history += [v0, v1]
        f0, f1, f2 = flat(state), flat(s1), flat(s2)
        r, v = f1 - f0, f2 - 2 * f1 + f0
        nxt = s2
        if np.linalg.norm(v) > 1e-12:
            alpha = min(-float(np.linalg.norm(r) / np.linalg.norm(v)), -1.0)
            trial = unflat(f0 - 2 * alpha * r + alpha**2 * v, state)
            inside = max(abs(trial[1]), *map(abs, trial[2])) < RHO_BOUND
            if inside and all(_usable(d, p) for d, p in zip(dims, trial[0], strict=True)):
                s3, vt = em(trial)
                if vt >= v1:
                    history.append(vt)
                    nxt = s3
        change = float(np.abs(flat(nxt) - f0).max())
        state = nxt
        if progress is not None:
            progress(steps)
        if change < tol:
            converged = True
            break
    psis, rho, betas = state
    posteriors, counts, marginal, _ = area_e_step(dims, psis, layouts, grid, rho, betas)
    history.append(marginal + sum(_log_prior(d, p, priors) for d, p in zip(dims, psis, strict=True)))
    fits = []
    for k, (d, psi, post, cnt) in enumerate(zip(dims, psis, posteriors, counts, strict=True)):
        se = standard_errors(d, psi, post, priors, grid)
        per_item = [cnt[j, : int(d.m[j]) + 1] for j in range(len(psi))]
        fits.append(DimensionFit(psi, se, per_item, post, marginal, steps, converged, grid, history,
                                 rho if two else None, betas[k] if k in regressed else None))
    return fits
