"""Time to choose the next question and take an answer, per step, with banks of 100 to 10,000 items."""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Sequence

from digigram.core.framework import (
    Area,
    Competence,
    Framework,
    Item,
    Level,
    Option,
    Profile,
    Scale,
    ScalePoint,
    Text,
)

CODES = ("A1", "A2", "B1", "B2", "C1", "C2")
STAND_IN_COMPETENCES = (4, 5, 4, 5, 4, 4)  # 26 competences over 6 areas, like the shipped framework


def _t(s: str) -> Text:
    return Text({"uk": s, "en": s})


def synthetic_framework(
    competences: Sequence[int] = STAND_IN_COMPETENCES,
    *,
    self_ratings: int = 4,
    knowledge: int = 4,
    attitudes: int = 2,
    seed: int = 0,
) -> Framework:
    """A bank shaped like the shipped one: per competence some 5-point self-ratings and 4-option knowledge
    questions with levels spread over A1–C2, and attitude questions per area; provisional parameters."""
    rng = random.Random(seed)
    levels = tuple(Level(c, _t(c), i) for i, c in enumerate(CODES))
    areas, items = [], []
    for a, count in enumerate(competences):
        aid = f"AR{a + 1}"
        comps = tuple(Competence(f"{aid}.{c + 1}", aid, _t(f"{aid}.{c + 1}")) for c in range(count))
        areas.append(Area(aid, _t(aid), comps))
        for comp in comps:
            offset = rng.randrange(len(CODES))
            for k in range(self_ratings):
                level = CODES[(offset + k * len(CODES) // max(1, self_ratings)) % len(CODES)]
                items.append(Item(f"{comp.id}-S{k}", comp.id, aid, "self_rating", level, _t("I can"),
                                  scale="skills"))
            for k in range(knowledge):
                level = CODES[(offset + 1 + k * len(CODES) // max(1, knowledge)) % len(CODES)]
                right = rng.randrange(4)
                opts = tuple(Option(_t(f"o{j}"), 1.0 if j == right else 0.0) for j in range(4))
                items.append(Item(f"{comp.id}-K{k}", comp.id, aid, "knowledge", level, _t("What?"),
                                  options=opts))
        for k in range(attitudes):
            items.append(
                Item(f"{aid}-T{k}", comps[0].id, aid, "attitude", "A1", _t("I like"), scale="skills")
            )
    scale = Scale("skills", tuple(ScalePoint(_t(f"p{k}")) for k in range(5)))
    profile = Profile("librarian", _t("Librarian"), "B1", {"AR4": "B2"})
    return Framework(id="stand-in", version="1", title=_t("Stand-in bank"), languages=("uk", "en"),
                     levels=levels, areas=tuple(areas), items=tuple(items), scales={"skills": scale},
                     profiles=(profile,))


def bank_of(n_items: int) -> Framework:
    """A synthetic bank of about `n_items` items over 6 areas (8 scored items per competence)."""
    per_area = max(1, round(n_items / 8 / 6))
    return synthetic_framework((per_area,) * 6, attitudes=0)


def time_steps(framework: Framework, *, quizzes: int = 30) -> list[float]:
    """Seconds per step (next_item + answer) over `quizzes` simulated quizzes answering at random."""
    from digigram.core.engine import Quiz

    rng = random.Random(1)
    steps: list[float] = []
    for q in range(quizzes):
        quiz = Quiz(framework, profile="librarian", mode="full", seed=q)
        while True:
            start = time.perf_counter()
            item = quiz.next_item()
            if item is None:
                break
            choice = rng.randrange(5) if item.on_scale else rng.choice([0, 1, 2, 3, None])
            quiz.answer(item.id, choice)
            steps.append(time.perf_counter() - start)
    return steps


def main() -> None:
    print("Quiz step latency (next_item + answer), ms")
    print(f"{'bank':>8} {'steps':>6} {'median':>8} {'p95':>8} {'max':>8}")
    for size in (100, 1_000, 10_000):
        fw = bank_of(size)
        from digigram.core.engine import Quiz

        Quiz(fw, profile="librarian")  # build the bank's arrays once, outside the timed steps
        steps = sorted(time_steps(fw))
        p95 = steps[int(0.95 * (len(steps) - 1))]
        print(f"{len(fw.items):>8} {len(steps):>6} {1e3 * statistics.median(steps):>8.3f} "
              f"{1e3 * p95:>8.3f} {1e3 * steps[-1]:>8.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
