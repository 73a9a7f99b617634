"""Turning plan suggestions from the core into an editable development plan for one person."""

from __future__ import annotations

from collections.abc import Sequence

from digigram.core.plan import Suggestion
from digigram.core.records import Plan, PlanStep


def plan_from(steps: Sequence[Suggestion], *, person_id: str, attempt_id: str) -> Plan:
    """An unsaved plan: one step per competence below its target, with the best-fitting resource.

    Each goal stays empty: it means "reach the target" and is worded in the reader's language when shown
    (core.plan.goal_text), so a plan made in Ukrainian reads in English too and the database holds no
    sentence in one language.
    """
    planned = [
        PlanStep(competence_id=s.competence_id, goal="",
                 resource_id=s.resources[0].id if s.resources else None)
        for s in steps
    ]
    return Plan(person_id=person_id, steps=tuple(planned), attempt_id=attempt_id)
