"""A quick scan calls a planned step reached only where it is sure of it, on the shipped framework.

A quick scan answered at the lowest throughout left Information literacy at its target B1: the N(0, 1)
prior outweighed its two answers, with a 27 % chance of being below it. The plan then marked the
area's steps «target already reached in the quick scan», steps of competences the scan never asked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.core.plan import reaches_target
from digigram.core.scoring import UNSURE


@pytest.fixture
def ws(shipped_ws: Any) -> Iterator[Any]:
    yield shipped_ws


def _lowest_everywhere(ws: Any, person_id: str, *, mode: str, seed: int) -> None:
    session = ws.start_quiz(person_id, mode=mode, rating_before=3, seed=seed)
    while (item := session.current_item) is not None:
        session.answer(0 if item.scale is not None else
                       min(range(len(item.options)), key=lambda i: item.options[i].score))
    session.finish(rating_after=3)


def test_a_quick_scan_that_is_unsure_of_an_area_does_not_call_its_steps_reached(
        qtbot: Any, window: Any, ws: Any) -> None:
    person = ws.create_person("Оксана Петренко", profile_id="librarian")
    _lowest_everywhere(ws, person.id, mode="full", seed=1)
    window.select_person(person.id)
    window.show_plan(person.id)
    plan = window.view("plan")
    assert plan.steps, "a check answered at the lowest leaves gaps to plan for"
    qtbot.mouseClick(plan.save, Qt.MouseButton.LeftButton)

    _lowest_everywhere(ws, person.id, mode="quick", seed=5)
    scan = ws.latest_finished(person.id)
    result = ws.results_for(scan.id)
    levels = [level.code for level in ws.framework.levels]

    def below(area: Any, target: str) -> float:  # summed here, by the framework's level order
        return sum(area.level_probabilities[code] for code in levels[:levels.index(target)])

    chances = {c.competence_id: below(result.areas[c.area_id], c.target)
               for c in result.competences.values() if reaches_target(c)}
    assert all(below(a, a.target) == pytest.approx(a.p_below_target) for a in result.areas.values()
               if a.target is not None)
    unsure = {cid for cid, chance in chances.items() if chance >= UNSURE}
    assert unsure, "the scan leaves some area at its target with a real chance of being below it"

    window.show_plan(person.id)
    marked = {step.competence_id for row, step in enumerate(plan.steps)
              if "target already reached" in plan.list.item(row).text()}
    planned = {step.competence_id for step in plan.steps}
    assert unsure & planned, "steps were planned for the competences the scan is unsure of"
    assert not marked & unsure, f"called reached at a chance below of {[chances[c] for c in marked & unsure]}"
    assert marked == {cid for cid in planned if chances.get(cid, 1.0) < UNSURE}
