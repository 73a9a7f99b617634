"""Beside measured items, a guessed item counts with the flatter curve its uncertain guess stands for.

From engine 3 on, in a bank where some items carry measured parameters (`irt`, as calibration writes
them), an item still on its guess from `level` and `kind` is scored with its curve averaged over where
it may really sit. Banks all guessed or all measured, and engine 2, use the curves as given.
"""

from __future__ import annotations

import numpy as np
import pytest
from factory import partly_measured

from digigram.core.calibration.recovery import shift
from digigram.core.engine import Quiz
from digigram.core.framework import Framework
from digigram.core.irt import ItemParams, category_probs, widened
from digigram.core.itembank import ItemBank, bank_for


def _centre_slope_of_average(p: ItemParams, w: float, centre: float) -> float:
    """The averaged curve's slope at `centre`, by brute force: P(right) averaged over 4,000 shifts at the
    middles of equal cells of ±w, differentiated numerically."""
    shifts = -w + (np.arange(4000) + 0.5) * (2 * w / 4000)

    def averaged(theta: float) -> float:
        rows = [category_probs(shift(p, by=u, slope_factor=1.0), theta)[:, 0] for u in shifts]
        return float(np.mean([1.0 - r[0] for r in rows]))

    h = 1e-4
    return (averaged(centre + h) - averaged(centre - h)) / (2 * h)


@pytest.mark.parametrize("a", [0.5, 1.2, 2.4, 4.0])
@pytest.mark.parametrize("w", [0.8, 1.0, 2.5])
def test_a_widened_curve_rises_at_its_centre_as_the_average_of_the_shifted_guesses(
        a: float, w: float) -> None:
    two = ItemParams(a=a, b=0.3)
    flat = widened(two, w)
    # A logistic of slope s rises by s / 4 at its centre.
    assert flat.a / 4 == pytest.approx(_centre_slope_of_average(two, w, 0.3), rel=1e-4)
    assert flat.a < a and (flat.b, flat.c, flat.thresholds) == (two.b, two.c, two.thresholds)

    guessing = widened(ItemParams(a=a, b=-0.5, c=0.25), w)  # the guessing floor is kept, not flattened
    assert guessing.a == flat.a and guessing.c == 0.25
    graded = widened(ItemParams(a=a, thresholds=(-1.0, 0.0, 1.0)), w)
    assert graded.a == flat.a and graded.thresholds == (-1.0, 0.0, 1.0)


def test_only_a_partly_measured_bank_widens_and_only_its_guessed_items() -> None:
    provisional, mixed, measured = partly_measured()
    bank = bank_for(mixed)
    assert bank.mixed and bank.engine_version == "3"
    guessed = [i for i, it in enumerate(bank.items) if it.scored and it.irt is None]
    given = [i for i, it in enumerate(bank.items) if it.irt is not None]
    assert guessed and given
    for i in guessed:
        assert bank.params[i] == widened(bank.given[i], bank.level_width)  # type: ignore[arg-type]
        assert bank.params[i].a < bank.given[i].a  # type: ignore[union-attr]
    assert all(bank.params[i] == bank.given[i] for i in given)
    for unwidened in (bank_for(provisional), bank_for(measured), bank_for(mixed, "2")):
        assert unwidened.params == unwidened.given
    assert bank_for(mixed, "2") is not bank and bank_for(mixed, "2").engine_version == "2"
    assert isinstance(bank_for(mixed, "2"), ItemBank) and bank_for(mixed, "2") is bank_for(mixed, "2")


def test_answers_to_guessed_questions_place_a_level_less_surely_beside_measured_ones() -> None:
    """The same answers, given to questions still on their guesses, leave a wider estimate under engine 3
    than under engine 2 in a partly measured bank, and the same where nothing is measured."""
    provisional, mixed, _ = partly_measured()
    bank = bank_for(mixed)
    area = bank.framework.areas[0].id
    guessed = [it for it in bank.items if it.area_id == area and it.kind == "knowledge" and it.irt is None]
    answers = [(it.id, 0 if n % 2 else 1) for n, it in enumerate(guessed[:4])]

    def sd(fw: Framework, version: str) -> float:
        quiz = Quiz.restore(fw, profile="librarian", mode="full", seed=1, answers=answers,
                            engine_version=version)
        return quiz.result().areas[area].sd

    assert sd(mixed, "3") > sd(mixed, "2") + 0.02
    assert sd(provisional, "3") == sd(provisional, "2")
