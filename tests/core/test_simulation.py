"""The Monte Carlo check: simulated answers, the fixed form and the report, on small banks."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import numpy as np
import pytest
from factory import framework, knowledge, scenario

from digigram.cli.main import main
from digigram.cli.simulate import format_report
from digigram.core.itembank import bank_for, correct_options, score_answer
from digigram.core.simulation import abilities, choice_for, fixed_form, simulate

MINIMAL = str(Path(__file__).parents[1] / "frameworks" / "minimal.yaml")


def test_simulated_answers_fall_in_the_drawn_category() -> None:
    extra = (
        knowledge("many", "A0.1", "A0", "B1", scores=(1, 0, 1, 0, 0), select="many"),
        knowledge("partial", "A0.1", "A0", "B2", scores=(0.5, 1, 0)),
        scenario("scen", "A0.1", "A0", "B1"),
    )
    fw = framework(n_areas=1, n_competences=1, extra_items=extra)
    bank, rng = bank_for(fw), random.Random(0)
    for item in fw.items:
        if not item.scored:
            continue
        for cat in range(bank.n_categories(item)):
            for _ in range(5):
                assert score_answer(fw, item, choice_for(fw, item, cat, rng)).category == cat


def test_abilities_are_standard_normal_with_the_asked_correlation() -> None:
    theta = abilities(20000, 4, rho=0.6, rng=np.random.default_rng(1))
    assert theta.mean() == pytest.approx(0, abs=0.03) and theta.std() == pytest.approx(1, abs=0.03)
    corr = np.corrcoef(theta.T)[0, 1:]
    assert corr == pytest.approx([0.6] * 3, abs=0.03)


def test_fixed_form_is_a_knowledge_form_balanced_over_areas_and_levels() -> None:
    fw = framework(n_areas=3, n_competences=8, self_ratings=4, knowledge_items=4)
    bank = bank_for(fw)
    form = fixed_form(bank, ["A0", "A1", "A2"], size=90)
    assert len(form) == len(set(form)) == 90
    assert {bank.items[r].kind for r in form} == {"knowledge"}
    per_area = [sum(bank.items[r].area_id == a for r in form) for a in ("A0", "A1", "A2")]
    assert per_area == [30, 30, 30]
    levels = {bank.items[r].level for r in form if bank.items[r].area_id == "A0"}
    assert levels == {i.level for i in fw.items if i.area_id == "A0" and i.kind == "knowledge"}


def test_fixed_form_fills_with_scenarios_then_is_the_whole_shown_bank_when_smaller() -> None:
    extra = (scenario("S-a", "A0.1", "A0", "B1"), scenario("S-b", "A1.1", "A1", "B2"))
    fw = framework(n_areas=2, n_competences=1, extra_items=extra)
    bank = bank_for(fw)
    form = fixed_form(bank, ["A0", "A1"])
    assert sorted(form) == sorted(
        r for a in ("A0", "A1") for r in bank.area_rows[a] if bank.items[r].kind != "self_rating"
    )
    kinds = [bank.items[r].kind for r in form if bank.items[r].area_id == "A0"]
    assert kinds[-1] == "scenario" and set(kinds[:-1]) == {"knowledge"}


def test_simulation_reports_both_forms_from_one_run() -> None:
    fw = framework(n_areas=2, n_competences=3, self_ratings=4, knowledge_items=4)
    seen = []
    report = simulate(fw, profile="librarian", examinees=40, seed=3, progress=lambda d, t: seen.append(d))
    assert seen[-1] == 80 and report.fixed_size == 24  # a full check and a quick scan, 40 people each
    assert report.quick is not None and report.quick.mean_questions < report.adaptive.mean_questions
    for form in (report.adaptive, report.fixed, report.quick):
        assert set(form.areas) == {"A0", "A1"}
        for f in form.areas.values():
            assert 0 < f.rmse < 1.5 and 0 <= f.exact <= f.within_one <= 1 and f.flag_accuracy is not None
            assert f.within_one_over is None  # nobody over-rates by default
        assert form.said_hit_rate is None and form.said_false_alarm is not None
    assert report.ratios()["questions"] == pytest.approx(report.adaptive.mean_questions / 24)
    again = simulate(fw, profile="librarian", examinees=40, seed=3)
    assert again == report


def test_over_raters_are_caught_and_their_level_stays_right() -> None:
    fw = framework(n_areas=4, n_competences=3, self_ratings=4, knowledge_items=6)
    report = simulate(fw, profile="librarian", examinees=150, seed=2, overraters=0.5, overrate=2.0)
    hit, false_alarm = report.adaptive.said_hit_rate, report.adaptive.said_false_alarm
    assert hit is not None and false_alarm is not None and hit > 0.7 and false_alarm < 0.1
    honest = report.adaptive.mean_over_areas("within_one_honest")
    over = report.adaptive.mean_over_areas("within_one_over")
    assert honest is not None and over is not None and abs(honest - over) < 0.06


def test_cli_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["simulate", "--framework", MINIMAL, "--examinees", "20", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["examinees"] == 20 and "questions" in out["ratios"]
    assert set(out["adaptive"]["areas"]) == {"INF", "SAF"}


def test_cli_refuses_an_unknown_mode(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["simulate", "--framework", MINIMAL, "--mode", "nope", "--lang", "en"]
    )
    assert code == 2 and "Unknown quiz mode" in capsys.readouterr().err


@pytest.mark.parametrize(("flag", "value", "en"), [
    ("--overraters", "1.5", "--overraters is a share of people from 0 to 1, not 1.5."),
    ("--overraters", "-0.1", "--overraters is a share of people from 0 to 1, not -0.1."),
    ("--overrate", "9", "--overrate must be from 0 to 4 logits, not 9.0."),
])
def test_cli_refuses_impossible_over_raters(
    capsys: pytest.CaptureFixture[str], flag: str, value: str, en: str
) -> None:
    for lang in ("en", "uk"):
        code = main(["simulate", "--framework", MINIMAL, "--examinees", "5", flag, value, "--lang", lang])
        err = capsys.readouterr().err
        assert code != 0 and (en in err if lang == "en" else flag in err and en not in err)


def test_the_text_report_writes_percentages_as_english_does() -> None:
    fw = framework(n_areas=2, n_competences=2, self_ratings=2, knowledge_items=4)
    text = format_report(simulate(fw, profile="librarian", examinees=20, seed=1, overraters=0.5))
    assert "50% rating themselves" in text
    assert re.search(r"highest item exposure \d+\.\d%$", text, re.MULTILINE), text.splitlines()[1:4]


def test_simulated_people_answer_a_partly_calibrated_bank_by_the_file_s_parameters() -> None:
    """Where the quiz scores a guessed item with a widened curve (beside measured items), simulated people
    still answer it by the parameters the file gives: the simulation takes those as the truth. At an
    ability above a steep guessed item, its widened curve would make them right less often."""
    from digigram.core import simulation
    from digigram.core.calibration.recovery import mark_measured, scored_params, with_params
    from digigram.core.engine import Quiz
    from digigram.core.irt import ItemParams, category_probs

    fw = framework(n_areas=1, n_competences=1, knowledge_items=6)
    params = scored_params(fw)
    measured = {i: p for i, p in params.items() if i.endswith("-K0")}
    steep = {i: ItemParams(a=3.0, b=p.b, c=p.c) for i, p in params.items() if i.endswith("-K1")}
    # A steep guess, given as the benchmarks give theirs: in an `irt` block, then said to be a guess.
    mixed = mark_measured(with_params(fw, {**measured, **steep}), measured)
    bank = bank_for(mixed)
    guessed = next(it for it in bank.items if it.id in steep)
    given, widened = bank.given[bank.row[guessed.id]], bank.params[bank.row[guessed.id]]
    assert given is not None and widened is not None and widened.a < given.a
    ability = given.b + 1.0
    right = set(correct_options(guessed))
    rights = 0
    for n in range(4000):
        quiz = Quiz.restore(mixed, profile=None, mode="full", seed=n, answers=(), pending=guessed.id)
        simulation._respond(quiz, bank, guessed, ability, 0.0, random.Random(n), np.random.default_rng(n))
        rights += quiz.answers[-1][1] in right
    by_file = float(category_probs(given, ability)[1, 0])
    assert rights / 4000 == pytest.approx(by_file, abs=0.02)
    assert float(category_probs(widened, ability)[1, 0]) < by_file - 0.04
