"""Monte Carlo check of the quiz: simulated people with known abilities take it and a fixed form."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from digigram.core.engine import Quiz
from digigram.core.framework import Framework, Item
from digigram.core.irt import GRID, category_probs
from digigram.core.itembank import Choice, ItemBank, bank_for, correct_options

FIXED_FORM_SIZE = 90


@dataclass(frozen=True)
class AreaFigures:
    rmse: float
    bias: float
    exact: float  # share placed in their true level
    within_one: float  # share placed at most one level away
    flag_accuracy: float | None  # share whose "below target" flag is right; None without a target


@dataclass(frozen=True)
class FormFigures:
    areas: Mapping[str, AreaFigures]
    mean_questions: float
    p90_questions: float
    max_exposure: float  # the largest share of people who saw one same question

    def mean_over_areas(self, name: str) -> float | None:
        values = [getattr(a, name) for a in self.areas.values() if getattr(a, name) is not None]
        return float(np.mean(values)) if values else None


@dataclass(frozen=True)
class SimulationReport:
    examinees: int
    seed: int
    rho: float
    mode: str
    profile: str | None
    bank_size: int
    fixed_size: int
    adaptive: FormFigures
    fixed: FormFigures

    def ratios(self) -> dict[str, float | None]:
        """Adaptive over fixed for questions, RMSE and exposure; accuracy as a difference in points."""
        out: dict[str, float | None] = {
            "questions": self.adaptive.mean_questions / self.fixed.mean_questions,
            "rmse": _ratio(self.adaptive.mean_over_areas("rmse"), self.fixed.mean_over_areas("rmse")),
            "max_exposure": self.adaptive.max_exposure / self.fixed.max_exposure,
        }
        for name in ("exact", "within_one", "flag_accuracy"):
            a, f = self.adaptive.mean_over_areas(name), self.fixed.mean_over_areas(name)
            out[f"{name}_points"] = None if a is None or f is None else 100 * (a - f)
        return out


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def abilities(n: int, n_areas: int, *, rho: float, rng: np.random.Generator) -> NDArray[np.float64]:
    """True abilities, N(0, 1) in each area with correlation `rho` between areas; shape (n, n_areas)."""
    common = rng.standard_normal((n, 1))
    own = rng.standard_normal((n, n_areas))
    return np.asarray(np.sqrt(rho) * common + np.sqrt(1.0 - rho) * own)


def choice_for(framework: Framework, item: Item, category: int, rng: random.Random) -> Choice:
    """An answer that falls in the given response category, as a person would give it."""
    if item.on_scale:
        return category
    correct = correct_options(item)
    n = len(item.options)
    if item.select == "many":
        right = set(rng.sample(range(n), category))  # the options decided correctly
        return tuple(i for i in range(n) if (i in right) == (i in correct))
    value = item.score_values[category]
    matching = [i for i, o in enumerate(item.options) if o.score == value]
    if value == 0.0 and item.offers_dont_know:
        return rng.choice([*matching, None])
    return rng.choice(matching)


def fixed_form(bank: ItemBank, area_ids: Sequence[str], size: int = FIXED_FORM_SIZE) -> list[int]:
    """A fixed form balanced across areas and levels (the whole scored bank when smaller than `size`)."""
    rng = random.Random("digigram-fixed-form")
    queues: dict[str, list[int]] = {}
    for area_id in area_ids:
        by_level: dict[int, list[int]] = {}
        for row in bank.area_rows[area_id].tolist():
            by_level.setdefault(bank.framework.level_index(bank.items[row].level), []).append(row)
        for rows in by_level.values():
            rng.shuffle(rows)
        order: list[int] = []
        while any(by_level.values()):  # one item per level in turn, so every level is covered
            for level in sorted(by_level):
                if by_level[level]:
                    order.append(by_level[level].pop())
        queues[area_id] = order
    form: list[int] = []
    while len(form) < size and any(queues.values()):
        for area_id in area_ids:
            if queues[area_id] and len(form) < size:
                form.append(queues[area_id].pop(0))
    return form


def _sample(probs: NDArray[np.float64], rng: np.random.Generator) -> NDArray[np.intp]:
    """One category per column of a (categories, people) probability table."""
    u = rng.random(probs.shape[1])
    return np.asarray((np.cumsum(probs, axis=0) < u).sum(axis=0).clip(0, probs.shape[0] - 1))


def _figures(
    bank: ItemBank, area_ids: Sequence[str], theta: NDArray[np.float64], est: NDArray[np.float64],
    level: NDArray[np.intp], p_below: NDArray[np.float64], targets: Sequence[int | None],
) -> dict[str, AreaFigures]:
    cuts = np.asarray(bank.scale.cuts)
    out = {}
    for k, area_id in enumerate(area_ids):
        true_level = np.searchsorted(cuts, theta[:, k], side="right")
        err = est[:, k] - theta[:, k]
        t = targets[k]
        flag = None
        if t is not None:
            truly_below = theta[:, k] < (cuts[t - 1] if t > 0 else -np.inf)
            flag = float(np.mean((p_below[:, k] > 0.5) == truly_below))
        out[area_id] = AreaFigures(
            rmse=float(np.sqrt(np.mean(err**2))), bias=float(np.mean(err)),
            exact=float(np.mean(level[:, k] == true_level)),
            within_one=float(np.mean(np.abs(level[:, k] - true_level) <= 1)), flag_accuracy=flag,
        )
    return out


def simulate(
    framework: Framework,
    *,
    profile: str | None,
    mode: str = "full",
    examinees: int = 2000,
    seed: int = 1,
    rho: float = 0.6,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationReport:
    """Run `examinees` simulated people through the adaptive quiz and the fixed form."""
    bank = bank_for(framework)
    probe = Quiz(framework, profile=profile, mode=mode, seed=seed)  # validates profile and mode
    area_ids = list(probe.area_ids)
    all_ids = [a.id for a in framework.areas]
    rng = np.random.default_rng(seed)
    theta = abilities(examinees, len(all_ids), rho=rho, rng=rng)[:, [all_ids.index(a) for a in area_ids]]
    prof = probe.profile
    targets = [None if prof is None else framework.level_index(prof.area_target(a)) for a in area_ids]
    n, m = examinees, len(area_ids)
    est, p_below = np.zeros((n, m)), np.zeros((n, m))
    level = np.zeros((n, m), dtype=np.intp)
    asked = np.zeros(n)
    seen = np.zeros(len(bank.items))
    pick = random.Random(seed)
    for i in range(n):
        quiz = Quiz(framework, profile=profile, mode=mode, seed=seed * 1_000_003 + i)
        while (item := quiz.next_item()) is not None:
            params = bank.params[bank.row[item.id]]
            if params is None:  # attitudes: any scale point, they are never scored
                cat = pick.randrange(bank.n_categories(item))
            else:
                k = area_ids.index(item.area_id)
                cat = int(_sample(category_probs(params, theta[i, k]), rng)[0])
            quiz.answer(item.id, choice_for(framework, item, cat, pick))
            seen[bank.row[item.id]] += 1
        res = quiz.result()
        asked[i] = quiz.asked
        for k, area_id in enumerate(area_ids):
            ar = res.areas[area_id]
            est[i, k], level[i, k] = ar.theta, ar.level_index
            p_below[i, k] = ar.p_below_target if ar.p_below_target is not None else 0.0
        if progress is not None:
            progress(i + 1, n)
    adaptive = FormFigures(
        _figures(bank, area_ids, theta, est, level, p_below, targets),
        mean_questions=float(asked.mean()), p90_questions=float(np.percentile(asked, 90)),
        max_exposure=float(seen.max() / n),
    )
    form = fixed_form(bank, area_ids)
    fixed = _fixed_figures(bank, area_ids, form, theta, targets, rng)
    return SimulationReport(n, seed, rho, mode, profile, sum(it.scored for it in bank.items), len(form),
                            adaptive, fixed)


def _fixed_figures(
    bank: ItemBank, area_ids: Sequence[str], form: Sequence[int], theta: NDArray[np.float64],
    targets: Sequence[int | None], rng: np.random.Generator,
) -> FormFigures:
    """Everyone answers the whole fixed form by the model; scored on the same grid posterior."""
    n, m = theta.shape
    log_post = np.tile(-0.5 * GRID**2, (n, m, 1))
    for row in form:
        params, table = bank.params[row], bank.loglik[row]
        assert params is not None and table is not None
        k = area_ids.index(bank.items[row].area_id)
        cats = _sample(category_probs(params, theta[:, k]), rng)
        log_post[:, k, :] += table[cats]
    w = np.exp(log_post - log_post.max(axis=2, keepdims=True))
    w /= w.sum(axis=2, keepdims=True)
    est = w @ GRID
    level = np.argmax(w @ bank.band, axis=2)
    p_below = np.zeros((n, m))
    for k, t in enumerate(targets):
        if t is not None and t > 0:
            p_below[:, k] = w[:, k, :] @ bank.scale.below_fraction(bank.scale.cuts[t - 1])
    size = float(len(form))
    return FormFigures(_figures(bank, area_ids, theta, est, level, p_below, targets),
                       mean_questions=size, p90_questions=size, max_exposure=1.0 if form else 0.0)
