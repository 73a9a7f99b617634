"""The EM calibration against an independent maximisation of the same marginal likelihood."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray

from digigram.core.calibration.em import (
    GRID,
    LOG_SLOPE_RANGE,
    DimensionData,
    DimensionFit,
    Priors,
    _Layout,
    area_e_step,
    fit_area,
    fit_dimension,
)

Array = NDArray[np.float64]

# The quadrature every calibration integrates over: 61 points on [-4, 4] with N(0, 1) weights.
NODES = [-4 + 8 * q / 60 for q in range(61)]
_raw = [math.exp(-x * x / 2) for x in NODES]
WEIGHTS = [w / sum(_raw) for w in _raw]

# Known items that stay fixed (anchors): (a, b, c) right/wrong, spread over the scale.
FIXED = [(1.5, -1.5, 0.0), (1.0, -0.5, 0.0), (1.8, 0.4, 0.0), (1.2, 1.3, 0.0)]
GUESS = 0.2  # the 3PL item's guessing, fixed as calibration fixes it


def ref_probs(kind: str, params: tuple[float, ...], theta: float) -> list[float]:
    """Category probabilities written from FRAMEWORK-FORMAT.md, scalar, independent of the package."""
    if kind == "3pl":
        a, b, c = params
        right = c + (1 - c) / (1 + math.exp(-a * (theta - b)))
        return [1 - right, right]
    a, *thresholds = params
    at_least = [1.0] + [1 / (1 + math.exp(-a * (theta - t))) for t in thresholds] + [0.0]
    return [at_least[k] - at_least[k + 1] for k in range(len(thresholds) + 1)]


def dataset(seed: int, n: int) -> list[tuple[int, ...]]:
    """Response patterns of n people: 4 fixed items, then a 3PL item, then a 3-category graded item."""
    rng = np.random.default_rng(seed)
    patterns = []
    for theta in rng.standard_normal(n):
        answers = []
        items = [("3pl", p) for p in FIXED] + [("3pl", (1.1, 0.3, GUESS)), ("grm", (1.6, -0.6, 0.9))]
        for kind, params in items:
            probs = ref_probs(kind, params, float(theta))
            answers.append(int(np.searchsorted(np.cumsum(probs), rng.random())))
        patterns.append(tuple(min(x, 2) for x in answers))
    return patterns


def marginal_log_likelihood(free: list[float], patterns: Counter[tuple[int, ...]]) -> float:
    """Sum over patterns of count × log ∫ Π P(answer | θ) dN(0, 1), by the same quadrature."""
    a1, b1, a2, t1, t2 = free
    if t2 <= t1 or a1 <= 0 or a2 <= 0:
        return -math.inf
    # Each item's category probabilities at every node, from the scalar formulas above.
    tables = [[ref_probs("3pl", p, x) for x in NODES] for p in FIXED]
    tables.append([ref_probs("3pl", (a1, b1, GUESS), x) for x in NODES])
    tables.append([ref_probs("grm", (a2, t1, t2), x) for x in NODES])
    cols = [np.array(t).T for t in tables]  # per item: (categories, nodes)
    total = 0.0
    for pattern, count in patterns.items():
        like = np.array(WEIGHTS)
        for col, k in zip(cols, pattern, strict=True):
            like = like * col[k]
        total += count * math.log(float(like.sum()))
    return total


def _derivatives(f: Callable[[list[float]], float], x: list[float], h: float = 1e-4) -> tuple[Array, Array]:
    """Gradient and Hessian by central differences."""
    n = len(x)

    def at(*moves: tuple[int, float]) -> float:
        y = list(x)
        for i, d in moves:
            y[i] += d
        return f(y)

    grad, hess = np.zeros(n), np.zeros((n, n))
    for i in range(n):
        grad[i] = (at((i, h)) - at((i, -h))) / (2 * h)
        for j in range(i, n):
            pp, pm = at((i, h), (j, h)), at((i, h), (j, -h))
            mp, mm = at((i, -h), (j, h)), at((i, -h), (j, -h))
            hess[i, j] = hess[j, i] = (pp - pm - mp + mm) / (4 * h * h)
    return grad, hess


def newton_maximum(patterns: Counter[tuple[int, ...]], start: list[float]) -> list[float]:
    """Newton's method on numerical derivatives, damped where the surface is not yet concave."""
    return _newton(lambda v: marginal_log_likelihood(v, patterns), start)


def _newton(f: Callable[[list[float]], float], start: list[float]) -> list[float]:
    x = list(start)
    for _ in range(60):
        f0 = f(x)
        grad, hess = _derivatives(f, x)
        top = float(np.linalg.eigvalsh(hess).max())
        if top >= 0:  # not concave here: shift the Hessian until it is (a damped step uphill)
            hess = hess - (top + 1.0) * np.eye(len(x))
        step = -np.linalg.solve(hess, grad)
        scale = 1.0
        while f([a + scale * s for a, s in zip(x, step, strict=True)]) < f0 and scale > 1e-4:
            scale /= 2
        x = [a + scale * s for a, s in zip(x, step, strict=True)]
        if np.abs(scale * step).max() < 1e-7:
            break
    _, hess = _derivatives(f, x)
    assert np.all(np.linalg.eigvalsh(hess) < 0), "Newton did not end at a maximum"
    return x


@pytest.fixture(scope="module")
def fitted() -> tuple[list[float], list[float]]:
    patterns = Counter(dataset(seed=16, n=500))
    brute = newton_maximum(patterns, start=[1.0, 0.0, 1.0, -0.5, 0.5])
    people = sorted(patterns.elements())
    person = np.repeat(np.arange(len(people)), 6)
    item = np.tile(np.arange(6), len(people))
    category = np.array([k for p in people for k in p])
    start = [np.array([math.log(a), b]) for a, b, _ in FIXED]
    start += [np.array([0.0, 0.0]), np.array([0.0, -1.0, 1.0])]
    data = DimensionData(
        item_ids=tuple(f"i{j}" for j in range(6)), m=np.array([1, 1, 1, 1, 1, 2]), start=start,
        c=np.array([0.0, 0.0, 0.0, 0.0, GUESS, 0.0]), free=np.array([False] * 4 + [True, True]),
        slope_prior=np.zeros(6), person=person, item=item, category=category, n_persons=len(people),
    )
    # Priors so wide they are flat here: the EM then maximises the same likelihood as the brute force.
    fit = fit_dimension(data, priors=Priors(slope_sd=1e4, location_sd=1e4), tol=1e-8, max_iter=20000)
    assert fit.converged
    em = [math.exp(fit.psi[4][0]), fit.psi[4][1], math.exp(fit.psi[5][0]), *fit.psi[5][1:]]
    return em, brute


def test_em_finds_the_maximum_a_brute_force_newton_finds(fitted: tuple[list[float], list[float]]) -> None:
    em, brute = fitted
    assert em == pytest.approx(brute, abs=1e-5)


def test_estimates_land_near_the_parameters_that_made_the_data(
    fitted: tuple[list[float], list[float]],
) -> None:
    em, _ = fitted
    truth = [1.1, 0.3, 1.6, -0.6, 0.9]
    # 500 people: within a generous three standard errors (about 0.2 for a slope, 0.15 for a threshold).
    assert np.abs(np.array(em) - truth).max() < 0.6


def test_em_never_lowers_the_marginal_likelihood() -> None:
    patterns = Counter(dataset(seed=3, n=200))
    people = sorted(patterns.elements())
    data = DimensionData(
        item_ids=tuple(f"i{j}" for j in range(6)), m=np.array([1, 1, 1, 1, 1, 2]),
        start=[np.array([0.0, 0.0])] * 5 + [np.array([0.0, -1.0, 1.0])],
        c=np.array([0.0] * 4 + [GUESS, 0.0]), free=np.ones(6, dtype=bool), slope_prior=np.zeros(6),
        person=np.repeat(np.arange(len(people)), 6), item=np.tile(np.arange(6), len(people)),
        category=np.array([k for p in people for k in p]), n_persons=len(people),
    )
    fit = fit_dimension(data, priors=Priors(slope_sd=1e4, location_sd=1e4), max_iter=200)
    assert all(b >= a - 1e-6 for a, b in zip(fit.history, fit.history[1:], strict=False))


def _two_dimension_data(seed: int, n: int, rho: float) -> tuple[DimensionData, DimensionData]:
    """People answer 3PL items on one dimension and 3-category graded items on another, correlated."""
    rng = np.random.default_rng(seed)
    first = rng.standard_normal(n)
    second = rho * first + math.sqrt(1 - rho**2) * rng.standard_normal(n)
    dims = []
    for theta, kind, params in (
        (first, "3pl", [(1.2, -0.5, 0.2), (0.9, 0.4, 0.2), (1.5, 1.0, 0.2), (1.1, -1.2, 0.2)]),
        (second, "grm", [(1.6, -0.8, 0.3), (1.0, -0.2, 1.1), (2.0, 0.1, 0.6), (1.3, -1.5, -0.4)]),
    ):
        person, item, category = [], [], []
        for i, t in enumerate(theta):
            for j in rng.choice(len(params), size=2, replace=False):  # two of the items each, at random
                p = params[j]
                probs = ref_probs(kind, p if kind == "3pl" else (p[0], min(p[1:]), max(p[1:])), float(t))
                person.append(i)
                item.append(int(j))
                category.append(int(np.searchsorted(np.cumsum(probs), rng.random())))
        m = 1 if kind == "3pl" else 2
        start = [np.array([0.0, 0.0])] * 4 if m == 1 else [np.array([0.0, -0.5, 0.5])] * 4
        dims.append(DimensionData(
            item_ids=tuple(f"{kind}{j}" for j in range(4)), m=np.full(4, m), start=start,
            c=np.full(4, 0.2 if m == 1 else 0.0), free=np.ones(4, dtype=bool), slope_prior=np.zeros(4),
            person=np.array(person), item=np.array(item), category=np.minimum(np.array(category), m),
            n_persons=n,
        ))
    return dims[0], dims[1]


def _likelihood_on_product_grid(
    first: DimensionData, second: DimensionData, psis: list[list[Array]], person: int, grid: Array
) -> Array:
    """One person's likelihood at every (a, b) node, from the scalar formulas: (Q, Q)."""
    like = np.ones((grid.size, grid.size))
    for data, axis, kind, (log_a, *loc) in ((first, 0, "3pl", psis[0][0]), (second, 1, "grm", psis[1][0])):
        for o in np.flatnonzero(data.person == person):
            params = (math.exp(log_a), *loc, 0.2) if kind == "3pl" else (math.exp(log_a), *loc)
            row = np.array([ref_probs(kind, params, float(x))[data.category[o]] for x in grid])
            like *= row[:, None] if axis == 0 else row[None, :]
    return like


def test_two_dimension_e_step_equals_the_sum_over_the_whole_product_grid() -> None:
    first, second = _two_dimension_data(seed=5, n=40, rho=0.6)
    psis = [[np.array([math.log(1.3), 0.2])] * 4, [np.array([math.log(0.8), -0.7, 0.9])] * 4]
    grid = np.linspace(-4, 4, 21)
    posteriors, _, marginal, _ = area_e_step(
        [first, second], psis, [_Layout(first, grid.size), _Layout(second, grid.size)], grid, 0.6)
    # Brute force: every person's likelihood at every (a, b) node, times the bivariate normal weight.
    weight = np.array([[math.exp(-(a * a - 1.2 * a * b + b * b) / (2 * 0.64)) for b in grid] for a in grid])
    weight /= weight.sum()
    expected_total = 0.0
    for i in range(40):
        joint = _likelihood_on_product_grid(first, second, psis, i, grid) * weight
        expected_total += math.log(joint.sum())
        assert posteriors[0][i] == pytest.approx(joint.sum(axis=1) / joint.sum(), abs=1e-12)
        assert posteriors[1][i] == pytest.approx(joint.sum(axis=0) / joint.sum(), abs=1e-12)
    assert marginal == pytest.approx(expected_total, rel=1e-12)


def test_two_dimensions_recover_their_correlation() -> None:
    fits = fit_area(list(_two_dimension_data(seed=11, n=3000, rho=0.5)))
    assert fits[0].correlation == pytest.approx(0.5, abs=0.08)
    assert fits[0].converged and fits[1].converged


def test_per_item_slope_priors_give_the_posterior_maximum_a_brute_force_newton_finds() -> None:
    """The slope prior pooled by kind reaches the EM as a centre and SD per item: with a N(centre, SD²)
    on each free slope (and flat locations), the EM must find the maximum of likelihood × prior."""
    patterns = Counter(dataset(seed=17, n=400))
    centres, sds = (1.5, 1.3), (0.3, 0.2)  # on a, for the 3PL item and the graded item

    def log_posterior(v: list[float]) -> float:
        a1, _, a2, _, _ = v
        prior = -0.5 * ((a1 - centres[0]) / sds[0]) ** 2 - 0.5 * ((a2 - centres[1]) / sds[1]) ** 2
        return marginal_log_likelihood(v, patterns) + prior

    brute = _newton(log_posterior, [1.0, 0.0, 1.0, -0.5, 0.5])
    people = sorted(patterns.elements())
    start = [np.array([math.log(a), b]) for a, b, _ in FIXED]
    start += [np.array([0.0, 0.0]), np.array([0.0, -1.0, 1.0])]
    data = DimensionData(
        item_ids=tuple(f"i{j}" for j in range(6)), m=np.array([1, 1, 1, 1, 1, 2]), start=start,
        c=np.array([0.0, 0.0, 0.0, 0.0, GUESS, 0.0]), free=np.array([False] * 4 + [True, True]),
        slope_prior=np.log(np.array([1.0] * 4 + list(centres))),
        person=np.repeat(np.arange(len(people)), 6), item=np.tile(np.arange(6), len(people)),
        category=np.array([k for p in people for k in p]), n_persons=len(people),
        slope_sd=np.array([1.0] * 4 + list(sds)),
    )
    fit = fit_dimension(data, priors=Priors(slope_sd=1e4, location_sd=1e4), tol=1e-8, max_iter=20000)
    assert fit.converged
    em = [math.exp(fit.psi[4][0]), fit.psi[4][1], math.exp(fit.psi[5][0]), *fit.psi[5][1:]]
    assert em == pytest.approx(brute, abs=1e-5)
    # And the priors did something: without them the slopes land elsewhere.
    flat = fit_dimension(replace(data, slope_sd=None), priors=Priors(slope_sd=1e4, location_sd=1e4),
                         tol=1e-8, max_iter=20000)
    assert abs(math.exp(flat.psi[5][0]) - em[2]) > 0.01


def test_an_item_answered_against_ability_ends_at_the_lowest_slope_instead_of_failing() -> None:
    """Right exactly when the well-known items are wrong: the likelihood wants a negative slope, so on
    log a it would walk off to minus infinity (and once made the Fisher step singular)."""
    rng = np.random.default_rng(5)
    people = 60
    theta = rng.standard_normal(people)
    fixed = [(1.5, -0.5), (1.5, 0.5)]
    rows: list[tuple[int, int, int]] = []  # person, item, category
    for i, t in enumerate(theta):
        right = [int(rng.random() < 1 / (1 + math.exp(-a * (t - b)))) for a, b in fixed]
        rows += [(i, j, k) for j, k in enumerate(right)]
        rows.append((i, 2, int(sum(right) == 0)))
    person, item, category = (np.array(col, dtype=np.intp) for col in zip(*rows, strict=True))
    data = DimensionData(
        item_ids=("f0", "f1", "odd"), m=np.ones(3, dtype=np.intp),
        start=[np.array([math.log(a), b]) for a, b in fixed] + [np.array([0.0, 0.0])],
        c=np.zeros(3), free=np.array([False, False, True]), slope_prior=np.zeros(3),
        person=person, item=item, category=category, n_persons=people,
    )
    fit = fit_dimension(data, priors=Priors(slope_sd=1e4, location_sd=1e4), max_iter=500)
    slope = math.exp(fit.psi[2][0])
    assert np.all(np.isfinite(fit.psi[2])) and slope < 0.05
    assert math.log(slope) >= LOG_SLOPE_RANGE[0] - 1e-12


def test_a_latent_regression_e_step_equals_the_conditional_prior_summed_over_the_product_grid() -> None:
    """The shown dimension regressed on a covariate x: each person's prior is N(βx, 1 − β²) on it and
    the self-ratings' dimension follows it with correlation rho, summed here node by node."""
    first, second = _two_dimension_data(seed=6, n=30, rho=0.6)
    rng = np.random.default_rng(2)
    x = rng.standard_normal(30)
    first = replace(first, covariate=x)
    beta, rho = 0.55, 0.6
    psis = [[np.array([math.log(1.3), 0.2])] * 4, [np.array([math.log(0.8), -0.7, 0.9])] * 4]
    grid = np.linspace(-4, 4, 41)
    posteriors, _, marginal, _ = area_e_step(
        [first, second], psis, [_Layout(first, grid.size), _Layout(second, grid.size)], grid, rho,
        [beta, 0.0])
    step = grid[1] - grid[0]
    expected_total = 0.0
    for i in range(30):
        # N(a; βx, 1 − β²) · N(b; rho·a, 1 − rho²), as densities times the cell area.
        prior = np.array([[
            math.exp(-((a - beta * x[i]) ** 2) / (2 * (1 - beta**2))) / math.sqrt(2 * math.pi * (1 - beta**2))
            * math.exp(-((b - rho * a) ** 2) / (2 * (1 - rho**2))) / math.sqrt(2 * math.pi * (1 - rho**2))
            * step * step for b in grid] for a in grid])
        joint = _likelihood_on_product_grid(first, second, psis, i, grid) * prior
        expected_total += math.log(joint.sum())
        assert posteriors[0][i] == pytest.approx(joint.sum(axis=1) / joint.sum(), abs=1e-12)
        assert posteriors[1][i] == pytest.approx(joint.sum(axis=0) / joint.sum(), abs=1e-12)
    # Equal up to the tails: the E-step normalises the bivariate weights over the grid, which leaves
    # out the mass beyond ±4 (about 1e-4 per person); the densities here leave it out as it is.
    assert marginal == pytest.approx(expected_total, rel=1e-4)


def _regressed_data(seed: int, n: int, beta: float) -> tuple[DimensionData, Array]:
    """Two of four right-or-wrong items each, answered by people whose ability a covariate predicts."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    theta = beta * x + math.sqrt(1 - beta**2) * rng.standard_normal(n)
    params = [(1.2, -0.8), (1.6, -0.1), (0.9, 0.5), (2.0, 1.1)]
    person, item, category = [], [], []
    for i, t in enumerate(theta):
        for j in rng.choice(len(params), size=2, replace=False):
            a, b = params[j]
            person.append(i)
            item.append(int(j))
            category.append(int(rng.random() < 1 / (1 + math.exp(-a * (t - b)))))
    data = DimensionData(
        item_ids=tuple(f"i{j}" for j in range(4)), m=np.ones(4, dtype=np.intp),
        start=[np.array([0.0, 0.0])] * 4, c=np.zeros(4), free=np.ones(4, dtype=bool),
        slope_prior=np.zeros(4), person=np.array(person), item=np.array(item),
        category=np.array(category), n_persons=n,
    )
    return data, x


def test_a_latent_regression_recovers_the_covariate_s_strength_and_keeps_the_scale() -> None:
    data, x = _regressed_data(seed=21, n=3000, beta=0.7)
    fit = fit_area([replace(data, covariate=x)])[0]
    alone = fit_area([data])[0]
    assert fit.converged
    # β is extrapolated with the other parameters: EM alone crawls to it (over 150 steps here).
    assert fit.iterations < 80
    assert fit.regression == pytest.approx(0.7, abs=0.06)
    assert alone.regression is None
    # The latent stays N(0, 1) over people: the scale the level cuts are on.
    means = fit.posterior @ fit.grid
    assert abs(means.mean()) < 0.06
    assert float((fit.posterior @ fit.grid**2).mean()) == pytest.approx(1.0, abs=0.08)
    # People are seen more sharply: their posterior SD shrinks with what the covariate tells.
    assert _mean_posterior_sd(fit) < _mean_posterior_sd(alone) - 0.05


def _mean_posterior_sd(fit: DimensionFit) -> float:
    means = fit.posterior @ fit.grid
    return float(np.sqrt(np.clip(fit.posterior @ fit.grid**2 - means**2, 0, None)).mean())


def test_a_person_the_covariate_knows_nothing_of_keeps_the_plain_prior() -> None:
    """NaN: the other areas never saw this person. Their posterior is the one without any regression,
    while the others' move; and β is estimated from the people it knows."""
    data, x = _regressed_data(seed=4, n=400, beta=0.7)
    x = x.copy()
    x[:50] = np.nan
    psi = [np.array([0.3, -0.5])] * 4
    layout = _Layout(data, GRID.size)
    with_x, _, _, _ = area_e_step([replace(data, covariate=x)], [psi], [layout], GRID, 0.0, [0.6])
    without, _, _, _ = area_e_step([data], [psi], [layout], GRID, 0.0)
    assert with_x[0][:50] == pytest.approx(without[0][:50], abs=1e-12)
    assert np.abs(with_x[0][50:] - without[0][50:]).max() > 0.01
    fit = fit_area([replace(data, covariate=x)])[0]
    assert np.isfinite(fit.regression) and fit.regression == pytest.approx(0.7, abs=0.15)
