"""What a calibration reports on simulated answers: kept items, the scale, and each flag when it is due."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from digigram.core.calibration import CalibrationResult, calibrate
from digigram.core.calibration.recovery import scored_params, shift, take_quiz, with_params
from digigram.core.framework import Framework
from digigram.core.irt import ItemParams
from digigram.core.loader import load_framework

SMALL = Path(__file__).resolve().parents[1] / "frameworks" / "store_small.yaml"


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(SMALL)


def _by_id(result: CalibrationResult) -> dict[str, object]:
    return {r.item_id: r for r in result.items}


@pytest.fixture(scope="module")
def planted(framework: Framework) -> tuple[CalibrationResult, dict[str, ItemParams], str, str]:
    """Answers where one item barely discriminates and one is much harder in English than in Ukrainian."""
    truth = scored_params(framework)
    # The right-or-wrong item each area asks most, so both have plenty of answers.
    pilot = Counter(r.item_id for r in take_quiz(framework, truth, people=300, seed=20).responses)
    flat, dif = (max((it for it in framework.items_in_area(area) if it.dichotomous),
                     key=lambda it: pilot[it.id]).id for area in ("DOC", "NET"))
    truth[flat] = ItemParams(a=0.15, b=0.0, c=truth[flat].c)
    english = dict(truth)
    english[dif] = shift(truth[dif], by=2.0, slope_factor=1.0)
    uk = take_quiz(framework, truth, people=900, seed=21, english_share=0.0)
    en = take_quiz(framework, english, people=900, seed=22, english_share=1.0)
    result = calibrate(framework, uk.responses + en.responses, min_responses=100)
    return result, truth, flat, dif


def test_items_under_the_minimum_keep_their_parameters(
    planted: tuple[CalibrationResult, dict[str, ItemParams], str, str], framework: Framework
) -> None:
    result, _, _, _ = planted
    kept = [r for r in result.items if r.n < 100]
    assert kept, "the data set should leave some items short of answers"
    current = scored_params(framework)
    for r in kept:
        assert not r.calibrated and r.new == r.old == current[r.item_id] and r.flags == ()
    assert all(r.calibrated for r in result.items if r.n >= 100)
    assert set(result.new_params()) == {r.item_id for r in result.items if r.n >= 100}


def test_a_partly_calibrated_file_s_guessed_items_are_reported_and_kept_as_the_file_gives_them(
        framework: Framework) -> None:
    """The quiz widens a guessed item's curve beside measured ones (itembank.py); calibration starts from,
    reports and keeps the parameters the file gives, never the widened ones, which no file holds."""
    from digigram.core.itembank import bank_for

    label = scored_params(framework)
    mixed = with_params(framework, {k: p for k, p in label.items() if k.startswith("DOC.")})
    bank = bank_for(mixed)
    assert bank.mixed
    result = calibrate(mixed, take_quiz(mixed, label, people=150, seed=5).responses, min_responses=100)
    guessed = [r for r in result.items if not r.item_id.startswith("DOC.")]
    kept = [r for r in guessed if not r.calibrated]
    assert kept and len(kept) < len(guessed)  # some guessed items kept, some calibrated
    for r in guessed:
        assert r.old == label[r.item_id] and r.old.a > bank.params[bank.row[r.item_id]].a  # type: ignore[union-attr]
    assert all(r.new == r.old for r in kept)


def test_a_flat_item_is_flagged_for_its_slope(
    planted: tuple[CalibrationResult, dict[str, ItemParams], str, str],
) -> None:
    result, _, flat, _ = planted
    item = _by_id(result)[flat]
    assert item.calibrated and item.new.a < 0.4 and "low_slope" in item.flags  # type: ignore[attr-defined]


def test_an_item_harder_in_english_is_flagged_and_the_others_are_not(
    planted: tuple[CalibrationResult, dict[str, ItemParams], str, str],
) -> None:
    result, _, _, dif = planted
    item = _by_id(result)[dif]
    assert item.diagnostics is not None and item.diagnostics.dif is not None  # type: ignore[attr-defined]
    assert item.diagnostics.dif < -0.1 and "dif" in item.flags  # type: ignore[attr-defined]
    others = [r for r in result.calibrated if r.item_id != dif]
    assert sum("dif" in r.flags for r in others) <= 1  # a false alarm at most


def test_worst_items_come_first(planted: tuple[CalibrationResult, dict[str, ItemParams], str, str]) -> None:
    result, _, flat, dif = planted
    order = [r.item_id for r in result.worst_first()]
    flagged = [r for r in result.worst_first() if r.flags]
    assert {flat, dif} <= {r.item_id for r in flagged}
    assert order[: len(flagged)] == [r.item_id for r in flagged]
    assert [len(r.flags) for r in flagged] == sorted((len(r.flags) for r in flagged), reverse=True)


def test_without_languages_dif_says_so(framework: Framework) -> None:
    sim = take_quiz(framework, scored_params(framework), people=400, seed=3)
    anonymous = [type(r)(r.attempt, r.item_id, r.choice, None) for r in sim.responses]
    result = calibrate(framework, anonymous, min_responses=100)
    notes = {r.diagnostics.dif_note for r in result.calibrated if r.diagnostics is not None}
    assert notes == {"no language data"}
    assert result.languages == {"unknown": len(anonymous)}


def test_an_option_nobody_chooses_is_flagged(framework: Framework) -> None:
    sim = take_quiz(framework, scored_params(framework), people=400, seed=4)
    answered = Counter(r.item_id for r in sim.responses)
    item = max((it for it in framework.items if it.kind == "knowledge" and it.select == "one"
                and len(it.options) >= 3 and it.dichotomous), key=lambda it: answered[it.id])
    wrong = [i for i, o in enumerate(item.options) if o.score == 0]
    never, instead = wrong[0], wrong[1]
    moved = [type(r)(r.attempt, r.item_id,
                     instead if r.item_id == item.id and r.choice == never else r.choice, r.language)
             for r in sim.responses]
    result = calibrate(framework, moved, min_responses=30)
    found = _by_id(result)[item.id]
    assert found.calibrated and "unused_option" in found.flags  # type: ignore[attr-defined]
    assert str(never) in found.diagnostics.unused  # type: ignore[attr-defined]


def test_anchors_keep_the_current_scale(framework: Framework) -> None:
    """A file whose scale sits 0.5 above the population's: mean/sigma on the anchors keeps it there."""
    truth = scored_params(framework)
    current = with_params(framework, {k: shift(p, by=0.5, slope_factor=1.0) for k, p in truth.items()})
    sim = take_quiz(framework, truth, people=1500, seed=9)
    linked = calibrate(current, sim.responses, min_responses=150)
    free = calibrate(current, sim.responses, min_responses=150, anchors=())
    by_link = {(link.area_id, link.dimension): link.method for link in linked.linking}
    assert "mean-sigma" in by_link.values()  # wherever at least 5 anchors have enough answers
    assert {link.method for link in free.linking} == {"fixed-latent"}

    def mean_move(result: CalibrationResult) -> float:
        moves = [np.mean(np.subtract(_loc(r.new), _loc(r.old))) for r in result.calibrated
                 if by_link[(r.area_id, r.dimension)] == "mean-sigma"]
        return float(np.mean(moves))

    assert abs(mean_move(linked)) < 0.1  # kept on the file's scale
    assert mean_move(free) == pytest.approx(-0.5, abs=0.15)  # back on the population's N(0, 1)


def _loc(p: ItemParams) -> tuple[float, ...]:
    return (p.b,) if p.thresholds is None else p.thresholds


def test_each_area_s_shown_answers_are_regressed_on_what_the_other_area_predicts(
    planted: tuple[CalibrationResult, dict[str, ItemParams], str, str], framework: Framework
) -> None:
    """The simulated areas go together (0.6), so each area's regression on the other must find it:
    the other area seen through its answers (reliability well under 1) puts β near 0.6·√reliability."""
    result, _, _, _ = planted
    assert set(result.regressions) == {"DOC", "NET"}
    assert all(0.3 < beta < 0.75 for beta in result.regressions.values()), result.regressions
    uk = take_quiz(framework, scored_params(framework), people=300, seed=23)
    alone = calibrate(framework, uk.responses, min_responses=100, across_areas=False)
    assert alone.regressions == {}


def test_a_handful_of_checks_calibrates_without_a_regression_instead_of_failing(framework: Framework) -> None:
    """One person says nothing about how areas go together: the covariance is not even defined."""
    few = take_quiz(framework, scored_params(framework), people=1, seed=24)
    result = calibrate(framework, few.responses, min_responses=1)
    assert result.regressions == {} and result.calibrated
