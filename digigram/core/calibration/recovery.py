"""Recovery checks: simulated people answer through the real quiz by known true parameters."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from digigram.core.calibration.calibrate import Response
from digigram.core.engine import Quiz
from digigram.core.framework import Framework, IrtParams
from digigram.core.irt import ItemParams, category_probs
from digigram.core.itembank import bank_for
from digigram.core.simulation import abilities, choice_for


def with_params(
    framework: Framework, params: Mapping[str, ItemParams], *, version: str | None = None
) -> Framework:
    """The framework with these items' `irt` set to the given parameters (others unchanged)."""
    items = []
    for item in framework.items:
        p = params.get(item.id)
        if p is None:
            items.append(item)
            continue
        if p.thresholds is None:
            irt = IrtParams(a=p.a, b=p.b, c=p.c)
        else:
            irt = IrtParams(a=p.a, thresholds=p.thresholds)
        items.append(dataclasses.replace(item, irt=irt))
    return dataclasses.replace(framework, items=tuple(items), version=version or framework.version)


def mark_measured(framework: Framework, measured: Collection[str]) -> Framework:
    """The framework, its quiz told that only these items' parameters are measured.

    A simulation gives its deliberately wrong provisional guesses as `irt` blocks, which the quiz
    would otherwise take for measurements (see `ItemBank.measured`); this says which ones are.
    """
    bank = bank_for(framework)
    bank.set_measured(np.array(
        [bool(bank.measured[i]) and it.id in measured for i, it in enumerate(bank.items)], dtype=bool))
    return framework


def scored_params(framework: Framework) -> dict[str, ItemParams]:
    """Each scored item's parameters as the framework gives them (its `irt`, or its level and kind)."""
    bank = bank_for(framework)
    return {it.id: p for it, p in zip(bank.items, bank.given, strict=True) if p is not None}


def shift(params: ItemParams, *, by: float, slope_factor: float) -> ItemParams:
    """The same item moved by `by` on the ability scale and its slope multiplied by `slope_factor`."""
    if params.thresholds is None:
        return ItemParams(a=params.a * slope_factor, b=params.b + by, c=params.c)
    return ItemParams(a=params.a * slope_factor, thresholds=tuple(t + by for t in params.thresholds))


def truth_and_guess(
    framework: Framework, *, seed: int
) -> tuple[dict[str, ItemParams], dict[str, ItemParams]]:
    """True parameters near the labels (slopes spread ×/÷ 1.3, difficulties ±0.5) and provisional
    ones that are deliberately wrong: difficulties off by up to one level, slopes halved or doubled."""
    rng = np.random.default_rng(seed)
    label = scored_params(framework)
    centres = bank_for(framework).scale.centres
    level_width = float(np.mean(np.diff(centres)))
    truth, guess = {}, {}
    for item_id, p in label.items():
        t = shift(p, by=float(rng.normal(0.0, 0.5)), slope_factor=float(np.exp(rng.normal(0.0, 0.25))))
        truth[item_id] = t
        wrong = float(rng.uniform(-level_width, level_width))
        guess[item_id] = shift(t, by=wrong, slope_factor=float(rng.choice([0.5, 2.0])))
    return truth, guess


@dataclass(frozen=True)
class SimulatedPeople:
    theta: NDArray[np.float64]  # (people, areas), areas in framework order: what people can do
    self_theta: NDArray[np.float64]  # (people, areas): how they see themselves
    responses: list[Response]
    levels: NDArray[np.intp]  # (people, areas): the level the quiz gave
    asked: NDArray[np.intp]
    said: NDArray[np.float64] | None = None  # (people, areas): the said estimate, NaN without self-ratings


def take_quiz(
    engine: Framework,
    truth: Mapping[str, ItemParams],
    *,
    people: int,
    seed: int,
    rho: float = 0.6,
    english_share: float = 0.3,
    self_rho: float = 0.7,
    profile: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SimulatedPeople:
    """`people` simulated people take the quiz run on `engine`'s parameters, answering by `truth`.

    Self-ratings are answered by a self-view correlated `self_rho` with the ability in the area.
    """
    area_ids = [a.id for a in engine.areas]
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    theta = abilities(people, len(area_ids), rho=rho, rng=rng)
    self_theta = self_rho * theta + np.sqrt(1.0 - self_rho**2) * rng.standard_normal(theta.shape)
    if profile is None and engine.default_profile is not None:
        profile = engine.default_profile.id
    responses: list[Response] = []
    levels = np.zeros((people, len(area_ids)), dtype=np.intp)
    said = np.full((people, len(area_ids)), np.nan)
    asked = np.zeros(people, dtype=np.intp)
    for i in range(people):
        attempt = f"sim-{seed}-{i}"
        language = "en" if rng.random() < english_share else "uk"
        quiz = Quiz(engine, profile=profile, mode="full", seed=seed * 1_000_003 + i)
        while (item := quiz.next_item()) is not None:
            p = truth.get(item.id)
            if p is None:  # attitudes are never scored: any scale point
                choice = pick.randrange(len(engine.scales[item.scale].points)) if item.scale else None
                quiz.answer(item.id, choice)
                continue
            ability = self_theta if item.kind == "self_rating" else theta
            probs = category_probs(p, ability[i, area_ids.index(item.area_id)])[:, 0]
            drawn = int(np.searchsorted(np.cumsum(probs), rng.random(), side="right"))
            answer = choice_for(engine, item, min(drawn, probs.size - 1), pick)
            quiz.answer(item.id, answer)
            responses.append(Response(attempt, item.id, answer, language))
        result = quiz.result()
        for k, area_id in enumerate(area_ids):
            levels[i, k] = result.areas[area_id].level_index
            if (own := result.areas[area_id].said) is not None:
                said[i, k] = own.theta
        asked[i] = quiz.asked
        if progress is not None:
            progress(i + 1, people)
    return SimulatedPeople(theta, self_theta, responses, levels, asked, said)


def level_accuracy(engine: Framework, people: SimulatedPeople) -> tuple[float, float]:
    """Exact and within-one-level shares over all areas, against the levels of the true abilities."""
    cuts = np.asarray(bank_for(engine).scale.cuts)
    true_level = np.searchsorted(cuts, people.theta, side="right")
    gap = np.abs(people.levels - true_level)
    return float(np.mean(gap == 0)), float(np.mean(gap <= 1))
