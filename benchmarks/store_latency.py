"""Time from an answer to the next question chosen, durable commit included: shipped bank and 10,000 items.

Run: `python -m benchmarks store_latency` (or `python benchmarks/store_latency.py [--quizzes N]`).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from competency_framework import shipped_framework_path
from digigram.core.engine import Quiz
from digigram.core.framework import Framework, Item
from digigram.services.workspace import Workspace

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
COMPETENCES = (4, 5, 4, 5, 4, 4)


def generated_bank(path: Path, n_items: int) -> Path:
    """A framework file with `n_items` items over 6 areas and 26 competences (no calibrated parameters)."""
    out = [
        "format: digigram-framework/1", "id: generated", 'version: "1"', "title: Generated bank",
        "languages: [en]", "levels:",
        *(f"  - {{code: {c}, name: Level {c}}}" for c in LEVELS),
        "scales:", "  skills:", *(f"    - label: Point {k}" for k in range(5)),
        "areas:",
    ]
    comps: list[str] = []
    for a, count in enumerate(COMPETENCES, start=1):
        out += [f"  - id: AR{a}", f"    name: Area {a}", "    competences:"]
        for c in range(1, count + 1):
            comps.append(f"AR{a}.{c}")
            out += [f"      - id: AR{a}.{c}", f"        name: Competence {a}.{c}"]
    out += ["profiles:", "  - id: librarian", "    name: Librarian", "    target: B1", "items:"]
    rng = random.Random(0)
    for n in range(n_items):
        comp, level = comps[n % len(comps)], LEVELS[rng.randrange(len(LEVELS))]
        if n % 3 == 0:
            out.append(f"  - {{id: I{n}, competence: {comp}, kind: self_rating, level: {level}, "
                       f"stem: Statement {n}, scale: skills}}")
        else:
            right = rng.randrange(4)
            opts = ", ".join(f"{{text: Option {j}, score: {1 if j == right else 0}}}" for j in range(4))
            out.append(f"  - {{id: I{n}, competence: {comp}, kind: knowledge, level: {level}, "
                       f"stem: Question {n}, options: [{opts}]}}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def choice_for(framework: Framework, item: Item, rng: random.Random) -> object:
    if item.on_scale:
        assert item.scale is not None
        return rng.randrange(len(framework.scales[item.scale].points))
    if item.select == "many":
        return [0]
    return rng.randrange(len(item.options))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(framework_path: Path, quizzes: int) -> tuple[list[float], list[float], int]:
    """(per-answer times through the Workspace, the same steps in the engine alone, items in the bank)."""
    stored: list[float] = []
    engine_only: list[float] = []
    with tempfile.TemporaryDirectory() as folder, Workspace.open(
        data_dir=folder, framework_path=framework_path
    ) as ws:
        fw = ws.framework
        for k in range(quizzes):
            person = ws.create_person(f"Person {k}")
            session = ws.start_quiz(person.id, seed=k)
            rng = random.Random(k)
            while (item := session.current_item) is not None:
                choice = choice_for(fw, item, rng)
                start = time.perf_counter()
                session.answer(choice)  # commit, then the engine updates and picks the next question
                _ = session.current_item
                stored.append(time.perf_counter() - start)
            session.finish()
            quiz, rng = Quiz(fw, profile=person.profile_id, seed=k), random.Random(k)
            while (item := quiz.next_item()) is not None:
                choice = choice_for(fw, item, rng)
                start = time.perf_counter()
                quiz.answer(item.id, choice)
                _ = quiz.next_item()
                engine_only.append(time.perf_counter() - start)
        return stored, engine_only, len(fw.items)


def report(label: str, stored: list[float], engine_only: list[float], n_items: int) -> None:
    ms = 1000.0
    print(f"{label} ({n_items} items, {len(stored)} answers): answer → next question, durable commit "
          f"included: median {statistics.median(stored) * ms:.2f} ms, 95th percentile "
          f"{_percentile(stored, 0.95) * ms:.2f} ms; engine alone: median "
          f"{statistics.median(engine_only) * ms:.2f} ms, 95th percentile "
          f"{_percentile(engine_only, 0.95) * ms:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quizzes", type=int, default=40, help="quizzes per bank (default 40)")
    parser.add_argument("--items", type=int, default=10_000, help="items in the generated bank")
    args = parser.parse_args()
    shipped = shipped_framework_path()
    if shipped.exists():
        report("shipped bank", *measure(shipped, args.quizzes))
    with tempfile.TemporaryDirectory() as folder:
        bank = generated_bank(Path(folder) / "generated.yaml", args.items)
        report("generated bank", *measure(bank, args.quizzes))


if __name__ == "__main__":
    main()
