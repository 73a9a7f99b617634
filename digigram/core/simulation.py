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
from digigram.core.scoring import COMPARE_PRIOR_SD, DISAGREEMENT_Z, MIN_DIFFERENCE
from digigram.core.selection import FULL

FIXED_FORM_SIZE = 90

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class AreaFigures:
    rmse: float
    bias: float
    exact: float  # share placed in their true level
    within_one: float  # share placed at most one level away
    within_one_honest: float | None  # the same for people who rate themselves truthfully …
    within_one_over: float | None  # … and for over-raters; None when the group is empty
    flag_accuracy: float | None  # share whose "below target" flag is right; None without a target


@dataclass(frozen=True)
class FormFigures:
    areas: Mapping[str, AreaFigures]
    mean_questions: float
    p90_questions: float
    max_exposure: float  # the largest share of people who saw one same question
    said_hit_rate: float | None  # over-raters whose person-level said-vs-shown flag says "more" …
    said_false_alarm: float | None  # … and honest people flagged either way; None when a group is empty

    def mean_over_areas(self, name: str) -> float | None:
        values = [getattr(a, name) for a in self.areas.values() if getattr(a, name) is not None]
        return float(np.mean(values)) if values else None

    def min_over_areas(self, name: str) -> float | None:
        values = [getattr(a, name) for a in self.areas.values() if getattr(a, name) is not None]
        return float(np.min(values)) if values else None


@dataclass(frozen=True)
class SimulationReport:
    examinees: int
    seed: int
    rho: float
    overraters: float  # the share of people whose self-ratings sit `overrate` logits above their ability
    overrate: float
    mode: str
    profile: str | None
    bank_size: int
    fixed_size: int
    adaptive: FormFigures
    fixed: FormFigures
    quick: FormFigures | None  # the quick scan by the same people, alongside a full check

    def ratios(self) -> dict[str, float | None]:
        """Adaptive over fixed for questions, RMSE and exposure; accuracy as a difference in points."""
        out: dict[str, float | None] = {
            "questions": self.adaptive.mean_questions / self.fixed.mean_questions,
            "rmse": _ratio(self.adaptive.mean_over_areas("rmse"), self.fixed.mean_over_areas("rmse")),
            "max_exposure": self.adaptive.max_exposure / self.fixed.max_exposure,
        }
        for name in ("exact", "within_one", "within_one_honest", "within_one_over", "flag_accuracy"):
            a, f = self.adaptive.mean_over_areas(name), self.fixed.mean_over_areas(name)
            out[f"{name}_points"] = None if a is None or f is None else 100 * (a - f)
        return out


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def abilities(n: int, n_areas: int, *, rho: float, rng: np.random.Generator) -> Floats:
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
        if category == 0 and item.offers_dont_know and rng.random() < 0.5:
            return None
        for _ in range(100):
            right = set(rng.sample(range(n), category))  # the options decided correctly
            picked = tuple(i for i in range(n) if (i in right) == (i in correct))
            if picked or category == 0:  # an empty selection scores as "I don't know" (category 0)
                break
        return picked
    value = item.score_values[category]
    matching = [i for i, o in enumerate(item.options) if o.score == value]
    if value == 0.0 and item.offers_dont_know:
        return rng.choice([*matching, None])
    return rng.choice(matching)


def fixed_form(bank: ItemBank, area_ids: Sequence[str], size: int = FIXED_FORM_SIZE) -> list[int]:
    """A fixed knowledge form balanced across areas and levels, like the national test.

    Knowledge questions first; scenarios only fill in where an area has too few. The whole shown bank
    when it is smaller than `size`. Self-ratings are not part of it.
    """
    rng = random.Random("digigram-fixed-form")
    queues: dict[str, list[int]] = {}
    for area_id in area_ids:
        order: list[int] = []
        for kind in ("knowledge", "scenario"):
            by_level: dict[int, list[int]] = {}
            for row in bank.area_rows[area_id].tolist():
                if bank.items[row].kind == kind:
                    by_level.setdefault(bank.framework.level_index(bank.items[row].level), []).append(row)
            for rows in by_level.values():
                rng.shuffle(rows)
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


def fixed_self_ratings(bank: ItemBank, area_ids: Sequence[str], per_area: int) -> list[int]:
    """The self-ratings the fixed-form people also answer (the same few per area as the check)."""
    rows: list[int] = []
    for area_id in area_ids:
        own = [r for r in bank.area_rows[area_id].tolist() if bank.items[r].kind == "self_rating"]
        # The most informative in the middle of the scale, where most people are.
        own.sort(key=lambda r: (-float(bank.info[r, GRID.size // 2]), r))
        rows += own[:per_area]
    return rows


def _sample(probs: Floats, rng: np.random.Generator) -> NDArray[np.intp]:
    """One category per column of a (categories, people) probability table."""
    u = rng.random(probs.shape[1])
    return np.asarray((np.cumsum(probs, axis=0) < u).sum(axis=0).clip(0, probs.shape[0] - 1))


def _share(mask: NDArray[np.bool_], among: NDArray[np.bool_]) -> float | None:
    return float(mask[among].mean()) if among.any() else None


def _figures(
    bank: ItemBank, area_ids: Sequence[str], theta: Floats, est: Floats, level: NDArray[np.intp],
    p_below: Floats, targets: Sequence[int | None], over: NDArray[np.bool_],
) -> dict[str, AreaFigures]:
    cuts = np.asarray(bank.scale.cuts)
    out = {}
    for k, area_id in enumerate(area_ids):
        true_level = np.searchsorted(cuts, theta[:, k], side="right")
        err = est[:, k] - theta[:, k]
        within = np.abs(level[:, k] - true_level) <= 1
        t = targets[k]
        flag = None
        if t is not None:
            truly_below = theta[:, k] < (cuts[t - 1] if t > 0 else -np.inf)
            flag = float(np.mean((p_below[:, k] > 0.5) == truly_below))
        out[area_id] = AreaFigures(
            rmse=float(np.sqrt(np.mean(err**2))), bias=float(np.mean(err)),
            exact=float(np.mean(level[:, k] == true_level)), within_one=float(np.mean(within)),
            within_one_honest=_share(within, ~over), within_one_over=_share(within, over),
            flag_accuracy=flag,
        )
    return out


@dataclass
class _Run:
    """One adaptive pass over all simulated people."""

    est: Floats
    level: NDArray[np.intp]
    p_below: Floats
    asked: Floats
    seen: Floats
    said_flag: NDArray[np.int_]  # -1 / 0 / +1 as PersonSelfVsShown.direction


def _adaptive(
    framework: Framework, *, profile: str | None, mode: str, seed: int, theta: Floats, overrate: Floats,
    area_ids: Sequence[str], rng: np.random.Generator,
    progress: Callable[[int, int], None] | None,
) -> _Run:
    bank = bank_for(framework)
    n, m = theta.shape
    run = _Run(np.zeros((n, m)), np.zeros((n, m), dtype=np.intp), np.zeros((n, m)), np.zeros(n),
               np.zeros(len(bank.items)), np.zeros(n, dtype=np.int_))
    pick = random.Random(seed)
    index = {a: k for k, a in enumerate(area_ids)}
    for i in range(n):
        quiz = Quiz(framework, profile=profile, mode=mode, seed=seed * 1_000_003 + i)
        while (item := quiz.next_item()) is not None:
            _respond(quiz, bank, item, theta[i, index[item.area_id]], overrate[i], pick, rng)
            run.seen[bank.row[item.id]] += 1
        res = quiz.result()
        run.asked[i] = quiz.asked
        for k, area_id in enumerate(area_ids):
            ar = res.areas[area_id]
            run.est[i, k], run.level[i, k] = ar.theta, ar.level_index
            run.p_below[i, k] = ar.p_below_target if ar.p_below_target is not None else 0.0
        run.said_flag[i] = 0 if res.self_vs_shown is None else res.self_vs_shown.direction
        if progress is not None:
            progress(i + 1, n)
    return run


def _respond(quiz: Quiz, bank: ItemBank, item: Item, ability: float, overrate: float,
             pick: random.Random, rng: np.random.Generator) -> None:
    """Answer the question on screen as a person of this ability would (self-ratings `overrate` higher).

    People answer by the parameters the file gives (`bank.given`): the simulation takes them as the
    truth, also where the quiz scores a guessed item with a widened curve (itembank.py)."""
    params = bank.given[bank.row[item.id]]
    if params is None:  # attitudes: any scale point, they are never scored
        cat = pick.randrange(bank.n_categories(item))
    else:
        if item.kind == "self_rating":
            ability += overrate
        cat = int(_sample(category_probs(params, ability), rng)[0])
    quiz.answer(item.id, choice_for(quiz.framework, item, cat, pick))


@dataclass(frozen=True)
class LeftStep:
    """One question on screen: the questions-left estimate shown beside it and how many really came."""

    asked: int  # answered before this question
    shown: int  # Progress.remaining: the estimate on screen, this question included
    actual: int  # the questions then asked, this one included
    total: int  # the check's questions in all
    overrater: bool


def questions_left(
    framework: Framework,
    *,
    profile: str | None,
    mode: str = "full",
    examinees: int = 200,
    seed: int = 1,
    rho: float = 0.6,
    overraters: float = 0.3,
    overrate: float = 1.5,
) -> list[LeftStep]:
    """Simulated people answer the check through the engine; at each question, the estimate against the truth.

    `mode` "area" gives each person one area's check, the areas in turn. People as in `simulate`.
    """
    bank = bank_for(framework)
    all_ids = [a.id for a in framework.areas]
    rng = np.random.default_rng(seed)
    theta = abilities(examinees, len(all_ids), rho=rho, rng=rng)
    over = rng.random(examinees) < overraters
    pick = random.Random(seed)
    steps: list[LeftStep] = []
    for i in range(examinees):
        quiz = Quiz(framework, profile=profile, mode=all_ids[i % len(all_ids)] if mode == "area" else mode,
                    seed=seed * 1_000_003 + i)
        shown: list[tuple[int, int]] = []
        while (item := quiz.next_item()) is not None:
            shown.append((quiz.asked, quiz.progress().remaining))
            _respond(quiz, bank, item, float(theta[i, all_ids.index(item.area_id)]),
                     overrate if over[i] else 0.0, pick, rng)
        steps += [LeftStep(asked, estimate, quiz.asked - asked, quiz.asked, bool(over[i]))
                  for asked, estimate in shown]
    return steps


def _form_figures(
    bank: ItemBank, area_ids: Sequence[str], run: _Run, theta: Floats, targets: Sequence[int | None],
    over: NDArray[np.bool_],
) -> FormFigures:
    n = theta.shape[0]
    return FormFigures(
        _figures(bank, area_ids, theta, run.est, run.level, run.p_below, targets, over),
        mean_questions=float(run.asked.mean()), p90_questions=float(np.percentile(run.asked, 90)),
        max_exposure=float(run.seen.max() / n),
        said_hit_rate=_share(run.said_flag > 0, over), said_false_alarm=_share(run.said_flag != 0, ~over),
    )


def simulate(
    framework: Framework,
    *,
    profile: str | None,
    mode: str = "full",
    examinees: int = 2000,
    seed: int = 1,
    rho: float = 0.6,
    overraters: float = 0.0,
    overrate: float = 1.5,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationReport:
    """Run `examinees` simulated people through the adaptive quiz and the fixed form.

    A share `overraters` of them answer self-ratings as if `overrate` logits abler than they are; their
    knowledge and scenario answers follow their true ability. A full check also gets a quick scan.
    """
    bank = bank_for(framework)
    probe = Quiz(framework, profile=profile, mode=mode, seed=seed)  # validates profile and mode
    area_ids = list(probe.area_ids)
    all_ids = [a.id for a in framework.areas]
    rng = np.random.default_rng(seed)
    theta = abilities(examinees, len(all_ids), rho=rho, rng=rng)[:, [all_ids.index(a) for a in area_ids]]
    over = rng.random(examinees) < overraters
    shift = np.where(over, overrate, 0.0)
    prof = probe.profile
    targets = [None if prof is None else framework.level_index(prof.area_target(a)) for a in area_ids]
    runs = 2 if mode == "full" else 1
    total = runs * examinees

    def step(offset: int) -> Callable[[int, int], None] | None:
        return None if progress is None else (lambda done, _n: progress(offset + done, total))

    main = _adaptive(framework, profile=profile, mode=mode, seed=seed, theta=theta, overrate=shift,
                     area_ids=area_ids, rng=rng, progress=step(0))
    adaptive = _form_figures(bank, area_ids, main, theta, targets, over)
    quick = None
    if mode == "full":
        scan = _adaptive(framework, profile=profile, mode="quick", seed=seed + 7919, theta=theta,
                         overrate=shift, area_ids=area_ids, rng=rng, progress=step(examinees))
        quick = _form_figures(bank, area_ids, scan, theta, targets, over)
    form = fixed_form(bank, area_ids)
    ratings = fixed_self_ratings(bank, area_ids, probe.rules.self_ratings if mode != "quick" else
                                 FULL.self_ratings)
    fixed = _fixed_figures(bank, area_ids, form, ratings, theta, shift, targets, over, rng)
    return SimulationReport(examinees, seed, rho, overraters, overrate, mode, profile,
                            sum(it.scored for it in bank.items), len(form), adaptive, fixed, quick)


def _grid_posterior(log_post: Floats) -> Floats:
    w = np.exp(log_post - log_post.max(axis=-1, keepdims=True))
    return np.asarray(w / w.sum(axis=-1, keepdims=True))


def _mean_sd(w: Floats) -> tuple[Floats, Floats]:
    mean = w @ GRID
    var = (w * (GRID - mean[..., None]) ** 2).sum(axis=-1)
    return np.asarray(mean), np.asarray(np.sqrt(var))


def _fixed_figures(
    bank: ItemBank, area_ids: Sequence[str], form: Sequence[int], ratings: Sequence[int], theta: Floats,
    shift: Floats, targets: Sequence[int | None], over: NDArray[np.bool_], rng: np.random.Generator,
) -> FormFigures:
    """Everyone answers the whole fixed form by the model; scored on the same grid posterior.

    The few self-ratings are answered too, only for the said-versus-shown comparison, computed as the
    quiz computes it (each side under the wide prior, areas pooled by precision).
    """
    n, m = theta.shape
    log_post = np.tile(-0.5 * GRID**2, (n, m, 1))
    wide = np.tile(-0.5 * GRID**2 / COMPARE_PRIOR_SD**2, (n, m, 1))
    said = wide.copy()
    n_said = np.zeros(m)
    for row in ratings:
        params, table = bank.given[row], bank.loglik[row]  # answered as the file says, scored as the quiz
        assert params is not None and table is not None
        k = area_ids.index(bank.items[row].area_id)
        cats = _sample(category_probs(params, theta[:, k] + shift), rng)
        said[:, k, :] += table[cats]
        n_said[k] += 1
    shown = wide.copy()
    for row in form:
        params, table = bank.given[row], bank.loglik[row]
        assert params is not None and table is not None
        k = area_ids.index(bank.items[row].area_id)
        cats = _sample(category_probs(params, theta[:, k]), rng)
        log_post[:, k, :] += table[cats]
        shown[:, k, :] += table[cats]
    w = _grid_posterior(log_post)
    est = w @ GRID
    level = np.argmax(w @ bank.band, axis=2)
    p_below = np.zeros((n, m))
    for k, t in enumerate(targets):
        if t is not None and t > 0:
            p_below[:, k] = w[:, k, :] @ bank.scale.below_fraction(bank.scale.cuts[t - 1])
    said_flag = np.zeros(n, dtype=np.int_)
    usable = n_said > 0
    if usable.any():
        m1, s1 = _mean_sd(_grid_posterior(said[:, usable, :]))
        m2, s2 = _mean_sd(_grid_posterior(shown[:, usable, :]))
        weights = 1.0 / (s1**2 + s2**2)
        diff = (weights * (m1 - m2)).sum(axis=1) / weights.sum(axis=1)
        sd = weights.sum(axis=1) ** -0.5
        flagged = (np.abs(diff) >= MIN_DIFFERENCE) & (np.abs(diff) > DISAGREEMENT_Z * sd)
        said_flag = np.where(flagged, np.sign(diff), 0).astype(np.int_)
    size = float(len(form))
    run = _Run(est, level, p_below, np.full(n, size), np.ones(len(bank.items)) * n, said_flag)
    figures = _form_figures(bank, area_ids, run, theta, targets, over)
    return FormFigures(figures.areas, mean_questions=size, p90_questions=size,
                       max_exposure=1.0 if form else 0.0, said_hit_rate=figures.said_hit_rate,
                       said_false_alarm=figures.said_false_alarm)
