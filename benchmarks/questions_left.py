"""How honest "questions left: about N" is: the estimate on screen against the questions then asked.

Simulated people (30 % of them rating themselves 1.5 logits above their ability, as in
benchmarks/simulate.py) answer the full check, a one-area check (the areas in turn) and the quick
scan through the engine, on the shipped framework and on the explicit-parameter bank. At every
question the estimate shown beside it (`Progress.remaining`, that question included) is compared
with the questions actually asked from there on, that one included.

Printed per mode: the median and mean of actual − shown (positive: the estimate was low), the share of
questions where it was low by 3 or more and high by 3 or more; over the whole check, at its start
(the first third of that person's questions), middle, end (the last third) and the last 5 questions,
and for honest people and over-raters apart. This is what `OPENING_EXTRA` in
digigram/core/selection.py was measured with (docs/adaptive.md, "Questions left").
Run: .venv/bin/python -m benchmarks questions_left
     .venv/bin/python -m benchmarks.questions_left [PEOPLE]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from digigram.core.simulation import LeftStep, questions_left

EXPLICIT = Path(__file__).resolve().parents[1] / "tests" / "frameworks" / "explicit_irt.yaml"
OVERRATERS, OVERRATE = 0.3, 1.5
MODES = (("full", "full check"), ("area", "one area"), ("quick", "quick scan"))

STAGES: tuple[tuple[str, Callable[[LeftStep], bool]], ...] = (
    ("all", lambda s: True),
    ("start", lambda s: s.asked < s.total / 3),
    ("middle", lambda s: s.total / 3 <= s.asked < 2 * s.total / 3),
    ("end", lambda s: s.asked >= 2 * s.total / 3),
    ("last 5", lambda s: s.actual <= 5),
    ("honest", lambda s: not s.overrater),
    ("over-raters", lambda s: s.overrater),
)


def bias_row(steps: Sequence[LeftStep]) -> tuple[float, float, float, float]:
    """Median and mean of actual − shown, the shares low by 3 or more and high by 3 or more."""
    gap = np.array([s.actual - s.shown for s in steps], dtype=float)
    if gap.size == 0:
        return (float("nan"),) * 4
    return float(np.median(gap)), float(gap.mean()), float((gap >= 3).mean()), float((gap <= -3).mean())


def table(label: str, steps: Sequence[LeftStep]) -> str:
    checks = sum(s.asked == 0 for s in steps)
    lines = [f"{label}: {checks} checks, {len(steps) / checks:.1f} questions each",
             f"  {'':12} {'median':>7} {'mean':>6} {'low ≥3':>7} {'high ≥3':>8}"]
    for name, keep in STAGES:
        median, mean, low, high = bias_row([s for s in steps if keep(s)])
        lines.append(f"  {name:12} {median:+7.1f} {mean:+6.1f} {100 * low:6.1f}% {100 * high:7.1f}%")
    return "\n".join(lines)


def main(examinees: int = 300) -> None:
    from competency_framework import shipped_framework_path
    from digigram.core.loader import load_framework

    banks = (("shipped framework", shipped_framework_path()), ("explicit-parameter bank", EXPLICIT))
    for bank, path in banks:
        framework = load_framework(path)
        profile = framework.default_profile.id if framework.default_profile else None
        for mode, name in MODES:
            start = time.perf_counter()
            steps = questions_left(framework, profile=profile, mode=mode, examinees=examinees, seed=1,
                                   overraters=OVERRATERS, overrate=OVERRATE)
            print(table(f"{bank}, {name}", steps) + f"\n  ({time.perf_counter() - start:.1f} s)", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
