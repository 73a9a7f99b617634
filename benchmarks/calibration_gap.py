"""Where the once-calibrated version loses level accuracy against the true parameters, and how surely.

Round one as `benchmarks.calibration` runs it (3,000 people on the provisional parameters, calibrated),
then the same fresh people take the quiz on the true parameters and on the calibrated version (new
selection). Printed:
- the ±1-level accuracy of each and their paired difference with its standard error (people are the
  unit: a person's areas share one quiz), on --fresh people and on --more people;
- per area, the person-areas placed within one level by one version and not the other;
- re-scoring: the calibrated version's own answers scored again with every item at its calibrated
  value but one put back to its true value, per item, ranked by the accuracy it costs; and the same
  for groups (all calibrated items, all items left on their guesses);
- re-taking: the quiz run again with one area's calibrated items put back to their true values
  (selection included), per area;
- on --more people: the round-one items' slopes, or their locations, put back to their true values.

Run: `python -m benchmarks.calibration_gap [--seed N] [--fresh 1000] [--more 4000]`.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from collections.abc import Mapping

if "numpy" not in sys.modules:  # one BLAS thread, as the calibration benchmark
    for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_name, "1")

import numpy as np
from numpy.typing import NDArray

from benchmarks.calibration import paired, within_one
from digigram.core.calibration import CalibrationResult, calibrate
from digigram.core.calibration.recovery import (
    SimulatedPeople,
    mark_measured,
    take_quiz,
    truth_and_guess,
    with_params,
)
from digigram.core.framework import Framework
from digigram.core.irt import LOG_PRIOR, ItemParams, log_likelihood_table
from digigram.core.itembank import bank_for, normalise_choice, score_answer


def shown_answers(framework: Framework, people: SimulatedPeople) -> list[tuple[int, int, str, int]]:
    """(person, area index, item, category) of every shown answer."""
    areas = [a.id for a in framework.areas]
    order: dict[str, int] = {}
    out = []
    for r in people.responses:
        person = order.setdefault(r.attempt, len(order))
        item = framework.item(r.item_id)
        if item.kind == "self_rating":
            continue
        category = score_answer(framework, item, normalise_choice(framework, item, r.choice)).category
        assert category is not None
        out.append((person, areas.index(item.area_id), item.id, category))
    return out


class Rescorer:
    """Levels from fixed answers under a parameter set, with items swapped one at a time."""

    def __init__(self, engine: Framework, people: SimulatedPeople, params: Mapping[str, ItemParams]) -> None:
        bank = bank_for(engine)
        self.band = bank.band
        self.true_level = np.searchsorted(np.asarray(bank.scale.cuts), people.theta, side="right")
        self.answers = shown_answers(engine, people)
        self.log = np.broadcast_to(LOG_PRIOR, (*people.theta.shape, LOG_PRIOR.size)).copy()
        self.tables = {i: log_likelihood_table(p) for i, p in params.items()}
        for person, area, item, k in self.answers:
            self.log[person, area] += self.tables[item][k]

    def within(self, log: NDArray[np.float64]) -> NDArray[np.bool_]:
        w = np.exp(log - log.max(axis=-1, keepdims=True))
        level = np.argmax(w @ self.band, axis=-1)
        return np.asarray(np.abs(level - self.true_level) <= 1)

    def swapped(self, new: Mapping[str, ItemParams]) -> NDArray[np.float64]:
        log = self.log.copy()
        tables = {i: log_likelihood_table(p) for i, p in new.items()}
        for person, area, item, k in self.answers:
            if item in tables:
                log[person, area] += tables[item][k] - self.tables[item][k]
        return log


def main(argv: list[str] | None = None) -> None:
    from competency_framework import shipped_framework_path
    from digigram.core.loader import load_framework

    parser = argparse.ArgumentParser(prog="benchmarks.calibration_gap")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--fresh", type=int, default=1000)
    parser.add_argument("--more", type=int, default=4000, help="a second, larger fresh sample (0: skip)")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    world = 1000 * args.seed

    framework = load_framework(shipped_framework_path())
    truth, guess = truth_and_guess(framework, seed=world + 1)
    provisional = mark_measured(with_params(framework, guess), ())
    start = time.perf_counter()
    sim = take_quiz(provisional, truth, people=args.people, seed=world + 2)
    result: CalibrationResult = calibrate(provisional, sim.responses, min_responses=200, anchors=())
    once = set(result.new_params())
    calibrated = mark_measured(with_params(provisional, result.new_params(), version="calibrated"), once)
    true_engine = with_params(framework, truth)
    print(f"seed {args.seed}: round one, {len(once)} items calibrated ({time.perf_counter() - start:.0f} s)")

    area_ids = [a.id for a in framework.areas]
    # The fresh people of `benchmarks.calibration` (seed + 3) and its --more sample (seed + 6).
    for n, fresh_seed in ((args.fresh, world + 3), (args.more, world + 6)):
        if not n:
            continue
        t_people = take_quiz(true_engine, truth, people=n, seed=fresh_seed)
        c_people = take_quiz(calibrated, truth, people=n, seed=fresh_seed)
        wt, wc = within_one(true_engine, t_people), within_one(calibrated, c_people)
        diff, se = paired(wc, wt)
        print(f"{n} fresh people: ±1 level true {100 * wt.mean():.1f} %, calibrated once "
              f"{100 * wc.mean():.1f} %; calibrated − true {diff:+.2f} points, paired SE {se:.2f} "
              f"(person-areas within one level under true only {int((wt & ~wc).sum())}, "
              f"calibrated only {int((wc & ~wt).sum())})")
    # The rest on the first sample.
    t_people = take_quiz(true_engine, truth, people=args.fresh, seed=world + 3)
    c_people = take_quiz(calibrated, truth, people=args.fresh, seed=world + 3)
    wt, wc = within_one(true_engine, t_people), within_one(calibrated, c_people)
    print("\nper area: person-areas within one level under true only / calibrated only")
    print("  " + ", ".join(f"{a} {int((wt[:, k] & ~wc[:, k]).sum())}/{int((wc[:, k] & ~wt[:, k]).sum())}"
                           for k, a in enumerate(area_ids)))

    cal_params = {i: p for i, p in bank_params(calibrated).items() if i in truth}
    scorer = Rescorer(calibrated, c_people, cal_params)
    base = scorer.within(scorer.log)
    assert (base == wc).all(), "re-scoring reproduces the quiz's own levels"
    print(f"\nre-scoring the calibrated version's answers ({len(scorer.answers)} shown answers): "
          f"{100 * base.mean():.2f} % within one level")
    groups = {
        "every item at its true value": set(cal_params),
        "the calibrated items at true": once & set(cal_params),
        "the items left on guesses at true": set(cal_params) - once,
    }
    for label, ids in groups.items():
        got = scorer.within(scorer.swapped({i: truth[i] for i in ids}))
        print(f"  {label:<36} {100 * got.mean():.2f} % ({100 * (got.mean() - base.mean()):+.2f})")
    by_id = {r.item_id: r for r in result.items}
    answered = {i for _, _, i, _ in scorer.answers}
    gains = []
    for item_id in sorted(answered):
        got = scorer.within(scorer.swapped({item_id: truth[item_id]}))
        gains.append((100 * (got.mean() - base.mean()), item_id))
    gains.sort(reverse=True)
    count = {i: 0 for i in answered}
    for _, _, i, _ in scorer.answers:
        count[i] += 1
    print(f"\nper item put back to its true value (the {args.top} that cost most; "
          f"a: true / calibrated ± SE, b or mean threshold: true / calibrated):")
    for gain, item_id in gains[: args.top]:
        r = by_id[item_id]
        t = truth[item_id]
        se_a = f"{r.se_a:.2f}" if r.se_a is not None else "—"
        se_b = f"{max(r.se_b):.2f}" if r.se_b else "—"
        state = "calibrated" if r.calibrated else "guess"
        print(f"  {item_id:<10} {r.kind:<9} {gain:+.2f} pts  answers here {count[item_id]:>4}, round one "
              f"{r.n:>4} ({state}); a {t.a:.2f} / {r.new.a:.2f} ± {se_a}; "
              f"b {_location(t):+.2f} / {_location(r.new):+.2f} ± {se_b}")
    print(f"  sum of all per-item gains {sum(g for g, _ in gains):+.2f}; of the positive ones "
          f"{sum(g for g, _ in gains if g > 0):+.2f}")

    print("\nre-taking: one area's calibrated items at their true values, the same fresh people "
          "(area difference against the calibrated version, paired SE):")
    for k, area in enumerate(area_ids):
        ids = {i for i in once if framework.item(i).area_id == area}
        fixed = with_params(calibrated, {i: truth[i] for i in ids}, version=f"fix/{area}")
        engine = mark_measured(fixed, once)
        w = within_one(engine, take_quiz(engine, truth, people=args.fresh, seed=world + 3))
        diff, se = paired(w[:, k : k + 1], wc[:, k : k + 1])
        print(f"  {area:<6} {len(ids):>2} items: area ±1 {100 * wc[:, k].mean():.1f} → "
              f"{100 * w[:, k].mean():.1f} % ({diff:+.1f} ± {se:.1f}; true {100 * wt[:, k].mean():.1f} %)",
              flush=True)

    if args.more:
        print(f"\nslopes or locations? {args.more} other fresh people, the round-one items' slopes or "
              "locations put back to their true values:")
        n = args.more
        w_true = within_one(true_engine, take_quiz(true_engine, truth, people=n, seed=world + 6))
        cal = result.new_params()
        variants = {
            "calibrated": cal,
            "true slopes, calibrated locations": {i: dataclasses.replace(cal[i], a=truth[i].a) for i in once},
            "calibrated slopes, true locations": {i: dataclasses.replace(truth[i], a=cal[i].a) for i in once},
            "both true (the round-one ceiling)": {i: truth[i] for i in once},
        }
        first: NDArray[np.bool_] | None = None
        for label, params in variants.items():
            engine = mark_measured(with_params(provisional, params, version=label), once)
            again = take_quiz(engine, truth, people=n, seed=world + 6)
            w = within_one(engine, again)
            diff, se = paired(w, w_true)
            versus = "" if first is None else " vs calibrated {:+.2f} ± {:.2f}".format(*paired(w, first))
            first = w if first is None else first
            print(f"  {label:<34} {100 * w.mean():.2f} % (true {100 * w_true.mean():.2f} %): {diff:+.2f} ± "
                  f"{se:.2f}{versus}; {again.asked.mean():.2f} questions each", flush=True)


def _location(p: ItemParams) -> float:
    return float(p.b) if p.thresholds is None else float(np.mean(p.thresholds))


def bank_params(engine: Framework) -> dict[str, ItemParams]:
    bank = bank_for(engine)
    return {it.id: p for it, p in zip(bank.items, bank.params, strict=True) if p is not None}


if __name__ == "__main__":
    main()
