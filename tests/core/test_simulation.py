"""The Monte Carlo check: simulated answers, the fixed form and the report, on small banks."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from factory import framework, knowledge, scenario

from digigram.cli.main import main
from digigram.core.itembank import bank_for, score_answer
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


def test_fixed_form_is_balanced_over_areas_and_levels() -> None:
    fw = framework(n_areas=3, n_competences=6, self_ratings=4, knowledge_items=4)
    bank = bank_for(fw)
    form = fixed_form(bank, ["A0", "A1", "A2"], size=90)
    assert len(form) == len(set(form)) == 90
    per_area = [sum(bank.items[r].area_id == a for r in form) for a in ("A0", "A1", "A2")]
    assert per_area == [30, 30, 30]
    levels = {bank.items[r].level for r in form if bank.items[r].area_id == "A0"}
    assert len(levels) == 6


def test_fixed_form_is_the_whole_bank_when_smaller() -> None:
    fw = framework(n_areas=2, n_competences=1)
    bank = bank_for(fw)
    assert sorted(fixed_form(bank, ["A0", "A1"])) == sorted(
        r for a in ("A0", "A1") for r in bank.area_rows[a]
    )


def test_simulation_reports_both_forms_from_one_run() -> None:
    fw = framework(n_areas=2, n_competences=3, self_ratings=4, knowledge_items=4)
    seen = []
    report = simulate(fw, profile="librarian", examinees=40, seed=3, progress=lambda d, t: seen.append(d))
    assert seen[-1] == 40 and report.fixed_size == 48
    for form in (report.adaptive, report.fixed):
        assert set(form.areas) == {"A0", "A1"}
        for f in form.areas.values():
            assert 0 < f.rmse < 1.5 and 0 <= f.exact <= f.within_one <= 1 and f.flag_accuracy is not None
    assert report.adaptive.mean_questions < report.fixed.mean_questions
    assert report.ratios()["questions"] == pytest.approx(report.adaptive.mean_questions / 48)
    again = simulate(fw, profile="librarian", examinees=40, seed=3)
    assert again == report


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
