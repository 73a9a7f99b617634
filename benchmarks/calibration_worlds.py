"""The once-calibrated gap over several worlds: how large it is, and which part calibration could still win.

Per world (`--seeds`, each as `benchmarks.calibration --seed N`: its own true parameters, guesses and
people), round one as that benchmark runs it (3,000 people on the provisional parameters, calibrated
with the default minimum of 200 answers), then --fresh other people (fresh seed world + 7, a sample
neither that benchmark nor `benchmarks.calibration_gap` draws) take the quiz under each parameter set,
new selection (items calibrated in round one preferred), answering by the true parameters:

- true: every item at its true value (the reference);
- calibrated: the once-calibrated version, as `digigram calibrate` writes it;
- round-1 ceiling: the items calibrated in round one at their true values, the others on their guesses
  (no estimate of those items can do better: the rest is what the uncalibrated items cost);
- true slopes / true locations: the round-one items' slopes, or their difficulties and thresholds, put
  back to their true values (the other half estimated);
- slope errors halved: each round-one slope halfway between its estimate and its true value, what a
  calibration that halved every slope error would give;
- ceiling at 100 answers: every item with at least 100 round-one answers (the lowest --min-responses
  allowed) at its true value, the others on their guesses.

Printed per world and pooled over the worlds: ±1-level accuracy, questions each, the share of shown
answers given to the round-one items, the mean slope error of the calibrated estimates over the shown
answers each quiz gave to those items (positive: the quiz leaned on items whose slope came out too
high), and each version's paired difference with the true parameters and with the calibrated version
(people are the unit: a person's areas share one quiz).

Run: `python -m benchmarks.calibration_worlds [--seeds 0,1,2,3,4,5] [--fresh 5000]` (`nice`; about
20 CPU seconds per world and version at 5,000 people, 14 CPU minutes for the six worlds).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from collections import Counter
from collections.abc import Mapping

if "numpy" not in sys.modules:  # one BLAS thread, as the calibration benchmark
    for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_name, "1")

import numpy as np
from numpy.typing import NDArray

from benchmarks.calibration import within_one
from digigram.core.calibration import calibrate
from digigram.core.calibration.recovery import mark_measured, take_quiz, truth_and_guess, with_params
from digigram.core.framework import Framework
from digigram.core.irt import ItemParams

VERSIONS = ("true", "calibrated", "round-1 ceiling", "true slopes", "true locations", "slope errors halved",
            "ceiling at 100 answers")


def _locations_from(p: ItemParams, source: ItemParams) -> ItemParams:
    """p with the difficulty or thresholds of `source`."""
    if p.thresholds is None:
        return dataclasses.replace(p, b=source.b)
    return dataclasses.replace(p, thresholds=source.thresholds)


def versions(
    framework: Framework, provisional: Framework, truth: Mapping[str, ItemParams],
    estimates: Mapping[str, ItemParams], counts: Counter[str],
) -> dict[str, Framework]:
    once = set(estimates)

    def version(params: Mapping[str, ItemParams], measured: set[str], label: str) -> Framework:
        return mark_measured(with_params(provisional, params, version=label), measured)

    by_100 = {i for i in truth if counts[i] >= 100}
    out = {
        "true": with_params(framework, truth, version="true"),
        "calibrated": version(estimates, once, "calibrated"),
        "round-1 ceiling": version({i: truth[i] for i in once}, once, "ceiling"),
        "true slopes": version({i: dataclasses.replace(estimates[i], a=truth[i].a) for i in once}, once,
                               "true slopes"),
        "true locations": version({i: _locations_from(estimates[i], truth[i]) for i in once}, once,
                                  "true locations"),
        "slope errors halved": version(
            {i: dataclasses.replace(estimates[i], a=(estimates[i].a + truth[i].a) / 2) for i in once}, once,
            "halved"),
        "ceiling at 100 answers": version({i: truth[i] for i in by_100}, by_100, "ceiling 100"),
    }
    assert tuple(out) == VERSIONS
    return out


def paired_per_person(a: NDArray[np.bool_], b: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Per person: the mean over areas of a − b (the unit of the paired difference)."""
    return np.asarray((a.astype(float) - b.astype(float)).mean(axis=1))


def _diff(d: NDArray[np.float64]) -> str:
    return f"{100 * d.mean():+.2f} ± {100 * d.std(ddof=1) / np.sqrt(d.size):.2f}"


def main(argv: list[str] | None = None) -> None:
    from competency_framework import shipped_framework_path
    from digigram.core.loader import load_framework

    parser = argparse.ArgumentParser(prog="benchmarks.calibration_worlds")
    parser.add_argument("--seeds", default="0,1,2,3,4,5", help="worlds, as benchmarks.calibration --seed")
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--fresh", type=int, default=5000)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    seeds = [int(s) for s in args.seeds.split(",")]

    framework = load_framework(shipped_framework_path())
    pooled: dict[str, list[NDArray[np.float64]]] = {v: [] for v in VERSIONS}
    versus_calibrated: dict[str, list[NDArray[np.float64]]] = {v: [] for v in VERSIONS}
    for seed in seeds:
        world = 1000 * seed
        truth, guess = truth_and_guess(framework, seed=world + 1)
        provisional = mark_measured(with_params(framework, guess), ())
        start = time.process_time()
        sim = take_quiz(provisional, truth, people=args.people, seed=world + 2)
        result = calibrate(provisional, sim.responses, min_responses=200, anchors=())
        estimates = result.new_params()
        counts = Counter(r.item_id for r in sim.responses)
        print(f"world {seed}: round one, {len(estimates)} items calibrated "
              f"({sum(counts[i] >= 100 for i in truth)} with ≥ 100 answers), "
              f"{time.process_time() - start:.0f} CPU s", flush=True)
        print(f"  {'version':<24} {'±1 level':>9} {'questions':>10} {'on round-1':>11} "
              f"{'slope error':>12}  {'vs true':>14}  {'vs calibrated':>14}")
        placed: dict[str, NDArray[np.bool_]] = {}
        for name, engine in versions(framework, provisional, truth, estimates, counts).items():
            fresh = take_quiz(engine, truth, people=args.fresh, seed=world + 7)
            placed[name] = within_one(engine, fresh)
            shown = [r.item_id for r in fresh.responses if framework.item(r.item_id).kind != "self_rating"]
            on = [i for i in shown if i in estimates]
            slope_error = float(np.mean([estimates[i].a - truth[i].a for i in on])) if on else float("nan")
            cells = [f"{100 * placed[name].mean():>8.2f}%", f"{fresh.asked.mean():>10.2f}",
                     f"{100 * len(on) / max(1, len(shown)):>10.1f}%", f"{slope_error:>+12.3f}"]
            line = "  " + f"{name:<24} " + " ".join(cells)
            if name != "true":
                d = paired_per_person(placed[name], placed["true"])
                pooled[name].append(d)
                line += f"  {_diff(d):>14}"
            if name not in ("true", "calibrated"):
                d = paired_per_person(placed[name], placed["calibrated"])
                versus_calibrated[name].append(d)
                line += f"  {_diff(d):>14}"
            print(line, flush=True)
    print(f"\npooled over worlds {args.seeds} ({args.fresh} people each), points ± paired SE:")
    for name in VERSIONS[1:]:
        line = f"  {name:<24} vs true {_diff(np.concatenate(pooled[name])):>14}"
        if versus_calibrated[name]:
            line += f"   vs calibrated {_diff(np.concatenate(versus_calibrated[name])):>14}"
        print(line)


if __name__ == "__main__":
    main()
