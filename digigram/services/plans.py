"""Turning plan suggestions from the core into an editable development plan for one person."""

from __future__ import annotations

from collections.abc import Sequence

from digigram.core import plan as suggestions
from digigram.core.framework import Framework
from digigram.core.i18n import normalise
from digigram.core.records import Plan, PlanStep


def plan_from(
    framework: Framework,
    steps: Sequence[suggestions.PlanStep],
    *,
    person_id: str,
    attempt_id: str,
    lang: str | None = None,
) -> Plan:
    """An unsaved plan: one step per competence below its target, with the best-fitting resource."""
    code = normalise(lang)
    planned = []
    for step in steps:
        name = framework.competence(step.competence_id).name.get(code)
        goal = (f"Досягти рівня {step.target}: {name}" if code == "uk"
                else f"Reach level {step.target}: {name}")
        planned.append(PlanStep(
            competence_id=step.competence_id, goal=goal,
            resource_id=step.resources[0].id if step.resources else None,
        ))
    return Plan(person_id=person_id, steps=tuple(planned), attempt_id=attempt_id)
