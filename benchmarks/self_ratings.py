"""Where the second self-rating is chosen: the quiz for people, and what calibration can learn.

Two rules on the same simulated worlds (those of `benchmarks.calibration --seed N`), same people,
same seeds: this release's (every self-rating chosen at the middle of the scale) and the one before
(the second at the estimate the first answer gave, `Rules.adaptive_self_ratings`). Printed per world,
round one's data (3,000 people on the provisional parameters): how many self-ratings reach 300
answers, how many of those are seen only after one or two answers to the area's first self-rating
(their slopes cannot be told from their thresholds by the self-ratings alone) and their slope error
once calibrated; then for 1,000 fresh people on the true, the provisional and that calibrated
version: ±1-level and exact accuracy, questions each, and how far the said estimate lies from the
simulated self-view (RMSE, correlation).

`--samples K` instead: K disjoint samples of 3,000 people from one world (the same people under each
rule), each calibrated as round one is. Per sample: the RMSE(a) of all items with ≥ 300 answers;
per kind their number, RMSE(a) and mean slope error; the knowledge items' RMSE(a) with the true
abilities known. Per rule: the means over samples, and the spread of the knowledge items' mean error
across samples against what independent item errors would give (RMSE / √items). A spread near that
yardstick says the items' errors do not move together within a sample.

Run: `python -m benchmarks self_ratings` or `python -m benchmarks.self_ratings [--seeds 0 1 2]`,
`python -m benchmarks.self_ratings --samples 8 --seeds 1`.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from digigram.core import engine
from digigram.core.calibration import calibrate
from digigram.core.calibration.recovery import (
    SimulatedPeople,
    level_accuracy,
    mark_measured,
    take_quiz,
    truth_and_guess,
    with_params,
)
from digigram.core.framework import Framework

RULES = ("middle (now)", "first's estimate (before)")


@contextmanager
def rule(name: str) -> Iterator[None]:
    """The full check with the given self-rating rule for the duration (the quiz reads its rules from
    the engine module's namespace when it starts)."""
    space = vars(engine)
    saved = space["FULL"]
    if name == RULES[1]:
        space["FULL"] = dataclasses.replace(saved, adaptive_self_ratings=True)
    try:
        yield
    finally:
        space["FULL"] = saved


def said_error(framework: Framework, sim: SimulatedPeople) -> tuple[float, float]:
    """RMSE and correlation of the said estimate against the simulated self-view, over all areas."""
    assert sim.said is not None
    ok = np.isfinite(sim.said)
    gap = sim.said[ok] - sim.self_theta[ok]
    return float(np.sqrt(np.mean(gap**2))), float(np.corrcoef(sim.said[ok], sim.self_theta[ok])[0, 1])


def design(framework: Framework, sim: SimulatedPeople) -> tuple[int, int]:
    """Self-ratings with ≥ 300 answers, and how many of them are only ever asked second, after at most
    two different answers to the area's first self-rating."""
    first: dict[tuple[str, str], tuple[str, object]] = {}
    after: dict[str, set[tuple[str, object]]] = defaultdict(set)
    firsts: set[str] = set()
    n: Counter[str] = Counter()
    for r in sim.responses:
        item = framework.item(r.item_id)
        if item.kind != "self_rating":
            continue
        n[r.item_id] += 1
        key = (r.attempt, item.area_id)
        if key not in first:
            first[key] = (r.item_id, r.choice)
            firsts.add(r.item_id)
        else:
            after[r.item_id].add(first[key])
    well = [i for i, k in n.items() if k >= 300]
    narrow = [i for i in well if i not in firsts and len(after[i]) <= 2]
    return len(well), len(narrow)


KINDS = ("self_rating", "knowledge", "scenario")


def paired_samples(framework: Framework, *, seed: int, samples: int, size: int = 3000) -> None:
    """Round one on `samples` disjoint samples of one world's people, under each rule (same people)."""
    from benchmarks.calibration import known_ability_errors

    world = 1000 * seed
    truth, guess = truth_and_guess(framework, seed=world + 1)
    provisional = mark_measured(with_params(framework, guess, version="provisional"), ())
    print(f"{'world':<6} {'rule':<26} {'sample':>6}  per kind, items ≥ 300 answers: n, RMSE(a), mean error"
          f"{'':>6} knowledge, abilities known: RMSE(a)")
    for name in RULES:
        with rule(name):
            sim = take_quiz(provisional, truth, people=samples * size, seed=world + 4)
        rmse: dict[str, list[float]] = defaultdict(list)
        means: list[float] = []
        known: list[float] = []
        yardsticks: list[float] = []  # per sample: the SD a mean of independent errors would have
        for k in range(samples):
            part = _sample(sim, k, size)
            result = calibrate(provisional, part.responses, min_responses=200, anchors=())
            cells = []
            every = np.array([r.new.a - truth[r.item_id].a for r in result.items
                              if r.calibrated and r.n >= 300 and r.kind in KINDS])
            rmse["all"].append(float(np.sqrt(np.mean(every**2))))
            for kind in KINDS:
                err = np.array([r.new.a - truth[r.item_id].a for r in result.items
                                if r.calibrated and r.n >= 300 and r.kind == kind])
                rmse[kind].append(float(np.sqrt(np.mean(err**2))))
                cells.append(f"{kind[:4]} {err.size:>2} {rmse[kind][-1]:.3f} {float(err.mean()):+.3f}")
                if kind == "knowledge":
                    means.append(float(err.mean()))
                    yardsticks.append(rmse[kind][-1] / float(np.sqrt(err.size)))
            _, ea, _ = known_ability_errors(framework, part, truth, min_n=300)["knowledge"]
            known.append(float(np.sqrt(np.mean(np.square(ea)))))
            print(f"{seed:<6} {name:<26} {k + 1:>6}  all {rmse['all'][-1]:.3f} | {' | '.join(cells)}   "
                  f"{known[-1]:.3f}", flush=True)
        print(f"{seed:<6} {name:<26} {'mean':>6}  all {float(np.mean(rmse['all'])):.3f} | "
              + " | ".join(f"{kind[:4]} {float(np.mean(rmse[kind])):.3f}" for kind in KINDS)
              + f"   {float(np.mean(known)):.3f}; knowledge mean error across samples: SD "
              f"{float(np.std(means)):.3f} against RMSE/√items {float(np.mean(yardsticks)):.3f}", flush=True)


def _sample(sim: SimulatedPeople, k: int, size: int) -> SimulatedPeople:
    """People k·size … (k+1)·size − 1 of a simulation, with their answers."""
    lo, hi = k * size, (k + 1) * size
    answers = [r for r in sim.responses if lo <= int(r.attempt.rsplit("-", 1)[1]) < hi]
    said = None if sim.said is None else sim.said[lo:hi]
    return SimulatedPeople(sim.theta[lo:hi], sim.self_theta[lo:hi], answers, sim.levels[lo:hi],
                           sim.asked[lo:hi], said)


def main(argv: list[str] | None = None) -> None:
    from competency_framework import shipped_framework_path
    from digigram.core.loader import load_framework

    parser = argparse.ArgumentParser(prog="benchmarks.self_ratings")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--fresh", type=int, default=1000)
    parser.add_argument("--people", type=int, default=3000, help="round one's people (0: skip that part)")
    parser.add_argument("--true-only", action="store_true",
                        help="the fresh people on the true parameters only")
    parser.add_argument("--samples", type=int, default=0,
                        help="instead: this many paired samples of 3,000 people per world, round one each")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    framework = load_framework(shipped_framework_path())
    if args.samples:
        for seed in args.seeds:
            paired_samples(framework, seed=seed, samples=args.samples)
        return
    print(f"{'world':<6} {'rule':<26} {'parameters':<16} {'±1 level':>9} {'exact':>7} {'questions':>10} "
          f"{'said RMSE':>10} {'said r':>7}")
    for seed in args.seeds:
        world = 1000 * seed
        truth, guess = truth_and_guess(framework, seed=world + 1)
        engines = {"true": with_params(framework, truth, version="true")}
        if not args.true_only:
            engines["provisional"] = mark_measured(with_params(framework, guess, version="provisional"), ())
        for name in RULES:
            with rule(name):
                rows = dict(engines)
                if args.people:
                    # Round one as a region would run it under this rule: 3,000 people on the provisional
                    # parameters, calibrated; then the fresh people take the calibrated version.
                    provisional = mark_measured(with_params(framework, guess, version="provisional"), ())
                    sim = take_quiz(provisional, truth, people=args.people, seed=world + 2)
                    well, narrow = design(framework, sim)
                    print(f"{seed:<6} {name:<26} {args.people} people, provisional: {well} self-ratings with "
                          f"≥ 300 answers, {narrow} of them seen only after one or two answers to the first",
                          flush=True)
                    result = calibrate(provisional, sim.responses, min_responses=200, anchors=())
                    once = result.new_params()
                    rows["calibrated once"] = mark_measured(
                        with_params(provisional, once, version="calibrated"), set(once))
                    errors = [r.new.a - truth[r.item_id].a for r in result.items
                              if r.calibrated and r.n >= 300 and r.kind == "self_rating"]
                    print(f"{seed:<6} {name:<26} round one: {len(errors)} self-ratings with ≥ 300 answers, "
                          f"slope RMSE {float(np.sqrt(np.mean(np.square(errors)))):.3f}, mean error "
                          f"{float(np.mean(errors)):+.3f}", flush=True)
                for label, eng in rows.items():
                    fresh = take_quiz(eng, truth, people=args.fresh, seed=world + 3)
                    exact, within = level_accuracy(eng, fresh)
                    rmse, r = said_error(framework, fresh)
                    print(f"{seed:<6} {name:<26} {label:<16} {100 * within:>8.1f}% {100 * exact:>6.1f}% "
                          f"{fresh.asked.mean():>10.2f} {rmse:>10.3f} {r:>7.3f}", flush=True)


if __name__ == "__main__":
    main()
