"""Which self-rating comes second does not depend on the answer to the first, so calibration can
measure every self-rating the quiz asks."""

from __future__ import annotations

from collections import defaultdict

import pytest

from competency_framework import shipped_framework_path
from digigram.core.calibration.recovery import mark_measured, take_quiz, truth_and_guess, with_params
from digigram.core.engine import Quiz
from digigram.core.framework import Framework
from digigram.core.loader import load_framework

SEEDS = range(12)


@pytest.fixture(scope="module")
def shipped() -> Framework:
    return load_framework(shipped_framework_path())


def _self_ratings(fw: Framework, *, mode: str, seed: int, first_answer: int) -> list[str]:
    """The self-ratings a person is asked in the first area, the first one answered `first_answer`, the
    later ones in the middle of the scale, shown questions right."""
    quiz = Quiz(fw, mode=mode, seed=seed)
    area = quiz.area_ids[0]
    asked: list[str] = []
    while (item := quiz.next_item()) is not None and quiz.asked < 20:
        if item.kind == "self_rating" and item.area_id == area:
            asked.append(item.id)
            quiz.answer(item.id, first_answer if len(asked) == 1 else 2)
        elif item.on_scale:
            quiz.answer(item.id, 2)
        else:
            quiz.answer(item.id, 0)
    return asked


@pytest.mark.parametrize("mode", ["full", "COM"])
def test_the_second_self_rating_is_the_same_whatever_the_first_answer(shipped: Framework, mode: str) -> None:
    """The lowest and the highest answer to the first self-rating lead to the same second one (same
    seed). Chosen at the estimate the first answer gave, the second was a different item for all 12
    seeds in both modes, and each such item was seen only by people who had answered the first alike."""
    for seed in SEEDS:
        low = _self_ratings(shipped, mode=mode, seed=seed, first_answer=0)
        high = _self_ratings(shipped, mode=mode, seed=seed, first_answer=4)
        assert len(low) == len(high) == 2
        assert low == high, f"seed {seed}: second self-rating {low[1]} after answer 0, {high[1]} after 4"


def test_every_second_self_rating_follows_every_kind_of_first_answer(shipped: Framework) -> None:
    """300 simulated people through the quiz on a bank of wrong provisional guesses (as calibration's
    round one sees it): every self-rating asked second with 30 or more answers follows at least three of
    the five answers to its area's first self-rating, so its slope shows in how the two go together."""
    truth, guess = truth_and_guess(shipped, seed=1001)
    provisional = mark_measured(with_params(shipped, guess), ())
    sim = take_quiz(provisional, truth, people=300, seed=1002)
    first: dict[tuple[str, str], tuple[str, object]] = {}  # (person, area) -> first item, its answer
    after: dict[str, dict[str, set[object]]] = defaultdict(lambda: defaultdict(set))
    for r in sim.responses:
        item = shipped.item(r.item_id)
        if item.kind != "self_rating":
            continue
        key = (r.attempt, item.area_id)
        if key in first:
            item_id, answer = first[key]
            after[r.item_id][item_id].add(answer)
        else:
            first[key] = (r.item_id, r.choice)
    counts = {i: sum(1 for r in sim.responses if r.item_id == i) for i in after}
    busy = {i: {f: sorted(map(str, a)) for f, a in by.items()} for i, by in after.items() if counts[i] >= 30}
    assert len(busy) >= 6
    narrow = {i: by for i, by in busy.items() if max(len(a) for a in by.values()) < 3}
    assert not narrow, f"asked second only after these answers to the first: {narrow}"
