"""Response models, information and the grid posterior against an independent brute-force computation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from factory import levels
from hypothesis import given, settings
from hypothesis import strategies as st

from digigram.core.irt import GRID, ItemParams, LevelScale, Posterior, category_probs, information
from digigram.core.irt import log_likelihood_table as table

# --- an independent implementation, scalar and written from FRAMEWORK-FORMAT.md ---------------------


def ref_probs(p: ItemParams, theta: float) -> list[float]:
    if p.thresholds is None:
        right = p.c + (1 - p.c) / (1 + math.exp(-p.a * (theta - p.b)))
        return [1 - right, right]
    at_least = [1.0] + [1 / (1 + math.exp(-p.a * (theta - b))) for b in p.thresholds] + [0.0]
    return [at_least[k] - at_least[k + 1] for k in range(len(p.thresholds) + 1)]


def ref_information(p: ItemParams, theta: float, h: float = 1e-5) -> float:
    """Sum over categories of P'(θ)² / P(θ), with P' by central differences."""
    lo, mid, hi = ref_probs(p, theta - h), ref_probs(p, theta), ref_probs(p, theta + h)
    return sum(((b - a) / (2 * h)) ** 2 / m for a, m, b in zip(lo, mid, hi, strict=True))


def ref_eap(answers: list[tuple[ItemParams, int]]) -> tuple[float, float]:
    """Mean and SD of N(0,1) × likelihood by the trapezoid rule on a fine grid over [-8, 8]."""
    n = 16001
    xs = [-8 + 16 * i / (n - 1) for i in range(n)]
    dens = []
    for x in xs:
        d = math.exp(-x * x / 2)
        for p, k in answers:
            d *= ref_probs(p, x)[k]
        dens.append(d)
    w = [0.5 if i in (0, n - 1) else 1.0 for i in range(n)]
    z = sum(wi * di for wi, di in zip(w, dens, strict=True))
    mean = sum(wi * di * x for wi, di, x in zip(w, dens, xs, strict=True)) / z
    var = sum(wi * di * (x - mean) ** 2 for wi, di, x in zip(w, dens, xs, strict=True)) / z
    return mean, math.sqrt(var)


THREE_PL = ItemParams(a=1.2, b=0.3, c=0.2)
TWO_PL = ItemParams(a=1.6, b=-0.8)
GRM5 = ItemParams(a=2.0, thresholds=(-1.5, -0.6, 0.4, 1.3))
GRM3 = ItemParams(a=1.4, thresholds=(-0.5, 0.9))
MODELS = [THREE_PL, TWO_PL, GRM5, GRM3]


@pytest.mark.parametrize("params", MODELS)
@pytest.mark.parametrize("theta", [-3.0, -1.1, 0.0, 0.45, 2.2])
def test_information_matches_numerical_derivative(params: ItemParams, theta: float) -> None:
    assert information(params, theta)[0] == pytest.approx(ref_information(params, theta), rel=1e-5)


@pytest.mark.parametrize("params", MODELS)
def test_category_probabilities_match_the_format(params: ItemParams) -> None:
    for theta in (-2.0, 0.1, 1.7):
        assert category_probs(params, theta)[:, 0] == pytest.approx(ref_probs(params, theta), abs=1e-12)


PATTERNS = {
    "3pl all right": [(THREE_PL, 1), (ItemParams(a=1.2, b=1.5, c=0.2), 1)],
    "3pl all wrong": [(THREE_PL, 0), (ItemParams(a=1.2, b=-1.5, c=0.25), 0)],
    "3pl mixed": [(THREE_PL, 1), (ItemParams(a=0.9, b=1.0, c=0.2), 0), (TWO_PL, 1)],
    "grm top": [(GRM5, 4), (GRM5, 4)],
    "grm bottom": [(GRM5, 0)],
    "grm middle": [(GRM5, 2), (GRM3, 1)],
    "mixed models": [(GRM5, 3), (THREE_PL, 0), (GRM3, 2), (TWO_PL, 1)],
}


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_posterior_mean_and_sd_match_brute_force(name: str) -> None:
    post = Posterior()
    for params, k in PATTERNS[name]:
        post.add(table(params)[k])
    mean, sd = post.mean_sd()
    ref_mean, ref_sd = ref_eap(PATTERNS[name])
    assert mean == pytest.approx(ref_mean, abs=2e-3)
    assert sd == pytest.approx(ref_sd, abs=2e-3)


def test_prior_alone_is_standard_normal() -> None:
    mean, sd = Posterior().mean_sd()
    assert mean == pytest.approx(0.0, abs=1e-9)
    assert sd == pytest.approx(1.0, abs=2e-3)


def test_levels_without_cuts_spread_evenly() -> None:
    scale = LevelScale.from_levels(levels(6))
    assert scale.centres == pytest.approx([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5])
    assert scale.cuts == pytest.approx([-2.0, -1.0, 0.0, 1.0, 2.0])
    assert [scale.index_of(t) for t in (-3, -1.5, -0.01, 0.01, 3)] == [0, 1, 2, 3, 5]


def test_levels_with_cuts_centre_their_bands_and_extend_the_ends() -> None:
    scale = LevelScale.from_levels(levels(4, cuts=[-1.0, 0.2, 1.0]))
    assert scale.cuts == (-1.0, 0.2, 1.0)
    assert scale.centres == pytest.approx([-1.6, -0.4, 0.6, 1.4])


def test_two_levels_without_cuts_split_at_zero() -> None:
    scale = LevelScale.from_levels(levels(2))
    assert scale.cuts == (0.0,)


def test_band_matrix_shares_every_cell_out() -> None:
    band = LevelScale.from_levels(levels(6)).band_matrix()
    assert band.sum(axis=1) == pytest.approx(np.ones(GRID.size))
    assert (band >= 0).all()


# --- properties ---------------------------------------------------------------------------------

grm = st.builds(
    lambda a, start, gaps: ItemParams(a=a, thresholds=tuple(start + np.cumsum([0.0, *gaps]))),
    st.floats(0.3, 3.0),
    st.floats(-3.0, 2.0),
    st.lists(st.floats(0.2, 1.5), min_size=0, max_size=4),
)
dich = st.builds(
    lambda a, b, c: ItemParams(a=a, b=b, c=c),
    st.floats(0.3, 3.0),
    st.floats(-3.0, 3.0),
    st.sampled_from([0.0, 0.2, 0.25]),
)
answer = st.one_of(grm, dich).flatmap(lambda p: st.tuples(st.just(p), st.integers(0, p.n_categories - 1)))


@settings(max_examples=60, deadline=None)
@given(st.lists(answer, max_size=12))
def test_posterior_is_a_distribution(answers: list[tuple[ItemParams, int]]) -> None:
    post = Posterior()
    for p, k in answers:
        post.add(table(p)[k])
    w = post.weights()
    assert (w >= 0).all() and w.sum() == pytest.approx(1.0)
    mean, sd = post.mean_sd()
    assert GRID[0] <= mean <= GRID[-1] and sd > 0
    band = LevelScale.from_levels(levels(6)).band_matrix()
    assert (w @ band).sum() == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(st.lists(answer.filter(lambda pk: pk[0].c == 0.0), max_size=8), st.data())
def test_a_very_informative_answer_shrinks_the_sd(
    answers: list[tuple[ItemParams, int]], data: st.DataObject
) -> None:
    post = Posterior()
    for p, k in answers:
        post.add(table(p)[k])
    mean, sd = post.mean_sd()
    sharp = ItemParams(a=3.0, thresholds=(mean - 0.3, mean + 0.3))
    post.add(table(sharp)[data.draw(st.integers(0, 2))])
    assert post.mean_sd()[1] < sd


@settings(max_examples=80, deadline=None)
@given(st.lists(answer, min_size=1, max_size=10), st.data())
def test_a_higher_answer_never_lowers_the_estimate(
    answers: list[tuple[ItemParams, int]], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(answers) - 1))
    p, k = answers[i]
    higher = data.draw(st.integers(k, p.n_categories - 1))
    better = [*answers[:i], (p, higher), *answers[i + 1 :]]
    low, high = Posterior(), Posterior()
    for (pa, ka), (pb, kb) in zip(answers, better, strict=True):
        low.add(table(pa)[ka])
        high.add(table(pb)[kb])
    assert high.mean_sd()[0] >= low.mean_sd()[0] - 1e-9
    cut = LevelScale.from_levels(levels(6)).below_fraction(-1.0)
    assert high.weights() @ cut <= low.weights() @ cut + 1e-9
