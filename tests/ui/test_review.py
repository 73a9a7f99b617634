"""The answer review: scenarios with their explanations, several chosen options one per line."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication

from competency_framework import shipped_framework_path
from digigram.core.itembank import score_answer
from digigram.core.loader import load_framework
from digigram.core.scoring import Evidence
from digigram.ui.results_view import review_html

FW = load_framework(shipped_framework_path())


def tr(text: str, context: str = "Results") -> str:
    """The label as the screen shows it now (another test may have switched the app to Ukrainian)."""
    return QCoreApplication.translate(context, text)


def _evidence(item_id: str, choice: object) -> Evidence:
    item = FW.item(item_id)
    scored = score_answer(FW, item, choice)  # type: ignore[arg-type]
    return Evidence(item.id, item.competence_id, item.area_id, item.kind, choice,  # type: ignore[arg-type]
                    scored.score, scored.category, scored.correct)


def _result(*evidence: Evidence) -> SimpleNamespace:
    return SimpleNamespace(competences={"x": SimpleNamespace(evidence=evidence)})


def test_a_scenario_not_answered_best_is_reviewed_with_its_explanation() -> None:
    scenario = FW.item("INF.1-07")
    second_best = next(i for i, o in enumerate(scenario.options) if o.score == 0.5)
    html = review_html(FW, _result(_evidence("INF.1-07", second_best)), "en")
    assert tr("What you chose:") in html and tr("The best action:") in html
    assert scenario.options[second_best].text.get("en") in html
    assert scenario.explanation is not None
    assert scenario.explanation.get("en").split(",")[0] in html


def test_several_chosen_options_read_one_per_line() -> None:
    item = next(i for i in FW.items if i.select == "many" and i.kind == "knowledge")
    wrong = [k for k, o in enumerate(item.options) if o.score < 0.5]
    right = [k for k, o in enumerate(item.options) if o.score >= 0.5]
    choice = tuple(sorted([wrong[0], right[0]]))
    html = review_html(FW, _result(_evidence(item.id, choice)), "en")
    assert tr("Your answers:") in html and tr("Right answers:") in html
    assert html.count("<li>") == len(choice) + len(right)


def test_an_empty_selection_and_a_right_answer() -> None:
    item = next(i for i in FW.items if i.select == "many" and i.kind == "knowledge")
    html = review_html(FW, _result(_evidence(item.id, ())), "en")
    assert tr("(nothing chosen)", "Texts") in html
    key = next(i for i in FW.items if i.dichotomous)
    right = next(k for k, o in enumerate(key.options) if o.score == 1.0)
    html = review_html(FW, _result(_evidence(key.id, right)), "en")
    assert tr("Nothing to review: every question was answered right.") in html
