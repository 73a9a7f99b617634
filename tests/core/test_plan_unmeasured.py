"""The plan and an area no shown answer measured: no step to close a gap it does not have, and no step
called reached on the prior's level either."""

from __future__ import annotations

from pathlib import Path

import pytest

from digigram.core.engine import Quiz
from digigram.core.framework import Framework
from digigram.core.loader import load_framework
from digigram.core.plan import reached_surely, suggest
from digigram.core.scoring import QuizResult

SAID_ONLY = Path(__file__).resolve().parents[1] / "frameworks" / "self-rated-area.yaml"


def _result(fw: Framework) -> QuizResult:
    quiz = Quiz(fw, profile="librarian", seed=1)
    while (item := quiz.next_item()) is not None:
        # the lowest of everything: "I can't", "I don't know", the poorest action
        lowest = min(range(len(item.options)), key=lambda k: item.options[k].score) if item.options else 0
        quiz.answer(item.id, 0 if item.on_scale else None if item.offers_dont_know else lowest)
    return quiz.result()


def _framework(tmp_path: Path, targets: str) -> Framework:
    text = SAID_ONLY.read_text(encoding="utf-8").replace("targets: {SAF: C1, INF.1: A1}", targets)
    (tmp_path / "handouts").mkdir()
    (tmp_path / "handouts" / "search.txt").write_text("Search.", encoding="utf-8")
    path = tmp_path / "fw.yaml"
    path.write_text(text, encoding="utf-8")
    return load_framework(path)


def test_the_area_was_not_measured() -> None:
    result = _result(load_framework(SAID_ONLY))
    assert result.areas["INF"].items == 0 < result.areas["SAF"].items  # no shown answer: not measured


def test_no_step_is_called_reached_in_an_area_not_measured() -> None:
    fw = load_framework(SAID_ONLY)
    result = _result(fw)
    # the prior's B1 met INF.1's target A1: the plan said «target already reached» for a step there
    assert not reached_surely(result, result.competences["INF.1"], fw)


@pytest.mark.parametrize("targets", ["targets: {SAF: C1, INF: C1}", "targets: {SAF: C1, INF.1: A1}"])
def test_no_step_is_suggested_for_an_area_not_measured(tmp_path: Path, targets: str) -> None:
    fw = _framework(tmp_path, targets)
    result = _result(fw)
    steps = suggest(result, fw)
    # with a C1 target the prior's B1 made a "gap of 1" and a step to close it, from no evidence
    assert "INF.1" not in {s.competence_id for s in steps}
    assert "SAF.1" in {s.competence_id for s in steps}  # the measured area's gap still gets its step
