"""Development plans and their steps: take a Session, return records, never commit."""

from __future__ import annotations

from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from digigram.core.records import Plan, PlanStep, StepStatus
from digigram.store.clock import aware, now
from digigram.store.models import PlanRow, PlanStepRow, new_id


def _plan(row: PlanRow) -> Plan:
    steps = tuple(
        PlanStep(
            id=s.id, competence_id=s.competence_id, goal=s.goal, resource_id=s.resource_id, due=s.due,
            status=cast(StepStatus, s.status), notes=s.notes, coordinator_comment=s.coordinator_comment,
        )
        for s in row.steps
    )
    return Plan(person_id=row.person_id, steps=steps, attempt_id=row.attempt_id, id=row.id,
                updated_at=aware(row.updated_at))


def plan_for(session: Session, person_id: str) -> Plan | None:
    """The person's most recently saved plan."""
    stmt = select(PlanRow).where(PlanRow.person_id == person_id).order_by(PlanRow.updated_at.desc())
    row = session.scalars(stmt).first()
    return None if row is None else _plan(row)


def plans_of(session: Session, person_id: str) -> list[Plan]:
    """Every plan of the person, oldest first."""
    stmt = select(PlanRow).where(PlanRow.person_id == person_id).order_by(PlanRow.updated_at)
    return [_plan(r) for r in session.scalars(stmt)]


def save_plan(session: Session, plan: Plan) -> Plan:
    """Store the plan: a plan with an id replaces that plan's steps; one without is added."""
    row = session.get(PlanRow, plan.id) if plan.id else None
    if row is None:
        row = PlanRow(id=plan.id or new_id(), person_id=plan.person_id, attempt_id=plan.attempt_id,
                      updated_at=now())
        session.add(row)
    else:
        row.attempt_id = plan.attempt_id
        row.updated_at = now()
        row.steps.clear()
        session.flush()
    for position, step in enumerate(plan.steps):
        row.steps.append(PlanStepRow(
            id=step.id or new_id(), position=position, competence_id=step.competence_id, goal=step.goal,
            resource_id=step.resource_id, due=step.due, status=step.status, notes=step.notes,
            coordinator_comment=step.coordinator_comment,
        ))
    session.flush()
    return _plan(row)
