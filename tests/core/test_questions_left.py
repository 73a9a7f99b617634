""""Questions left: about N" beside each question is honest: not low all along, as it used to be."""

from __future__ import annotations

import numpy as np
import pytest

from competency_framework import shipped_framework_path
from digigram.core.framework import Framework
from digigram.core.loader import load_framework
from digigram.core.simulation import questions_left


@pytest.fixture(scope="module")
def shipped() -> Framework:
    return load_framework(shipped_framework_path())


# A fixed set of simulated people per mode ("area": each person one area's check, the areas in turn),
# 30 % of them rating themselves 1.5 logits too high. The estimate used to fall short by about 3
# questions on average over a full check or a quick scan, by 10 and 6 over their first third.
@pytest.mark.parametrize(("mode", "people"), [("full", 24), ("area", 30), ("quick", 24)])
def test_questions_left_is_not_low_from_first_question_to_last(
    shipped: Framework, mode: str, people: int
) -> None:
    steps = questions_left(shipped, profile=shipped.default_profile.id if shipped.default_profile else None,
                           mode=mode, examinees=people, seed=5)
    gap = np.array([s.actual - s.shown for s in steps], dtype=float)  # > 0: more came than were shown
    first_third = np.array([s.actual - s.shown for s in steps if s.asked < s.total / 3], dtype=float)
    last_five = np.array([s.actual - s.shown for s in steps if s.actual <= 5], dtype=float)
    assert -1.5 <= gap.mean() <= 1.0, gap.mean()
    assert first_third.mean() <= 2.5, first_third.mean()
    assert abs(last_five.mean()) <= 1.0 and np.mean(last_five >= 3) <= 0.02, last_five
