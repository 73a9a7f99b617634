"""The personal report (results, gap chart and development plan) from core records, for every front end.

The trainee's "Save as PDF" and "Print", the coordinator's individual PDF and the self-test all build
the same pages here, so the plan on paper looks the same whoever makes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from matplotlib.figure import Figure

from digigram.charts.model import PlanLine, bars_from_result, level_codes
from digigram.charts.report import build_report_pages, write_report_pdf
from digigram.core.framework import Framework
from digigram.core.i18n import N_, rendered
from digigram.core.plan import goal_text
from digigram.core.records import Person, PlanStep
from digigram.core.scoring import QuizResult

STATUS = {"planned": N_("planned"), "in_progress": N_("in progress"), "done": N_("done")}


def plan_lines(steps: Sequence[PlanStep], framework: Framework, *, profile_id: str | None,
               lang: str) -> list[PlanLine]:
    """Each step with its words in `lang`; a coordinator's comment is printed under the notes."""
    resources = {r.id: r.title.get(lang) for r in framework.resources}
    competences = {c.id: c.name.get(lang) for c in framework.competences}
    status = rendered(STATUS, lang)
    lines = []
    for step in steps:
        notes = "\n".join(t for t in (step.notes, step.coordinator_comment) if t)
        lines.append(PlanLine(
            competence=competences.get(step.competence_id, step.competence_id),
            goal=goal_text(step.goal, framework, competence_id=step.competence_id, profile_id=profile_id,
                           lang=lang),
            resource=resources.get(step.resource_id or "", step.resource_id or ""),
            due=step.due, status=status.get(step.status, step.status), notes=notes))
    return lines


def _direction(result: QuizResult | None) -> int | None:
    """Said versus shown over all areas (+1 said more, -1 said less, 0 fits), when the check has it."""
    return None if result is None or result.self_vs_shown is None else result.self_vs_shown.direction


def person_report_pages(person: Person, result: QuizResult | None, steps: Sequence[PlanStep],
                        framework: Framework, *, day: dt.date, lang: str,
                        high_contrast: bool = False) -> list[Figure]:
    """The report's A4 pages as Figures (to print them, or to draw them anywhere else)."""
    return build_report_pages(
        person_name=person.name, hub=person.hub or None, date=day, framework_title=framework.title.get(lang),
        lang=lang, bars=[] if result is None else bars_from_result(result, framework, lang=lang),
        levels=level_codes(framework),
        plan_steps=plan_lines(steps, framework, profile_id=person.profile_id, lang=lang),
        high_contrast=high_contrast, said_vs_shown=_direction(result),
    )


def write_person_report(path: str | Path, person: Person, result: QuizResult | None,
                        steps: Sequence[PlanStep], framework: Framework, *, day: dt.date, lang: str) -> Path:
    """The report as a PDF with embedded fonts, written whole or not at all."""
    return write_report_pdf(
        path, person_name=person.name, hub=person.hub or None, date=day,
        framework_title=framework.title.get(lang), lang=lang,
        bars=[] if result is None else bars_from_result(result, framework, lang=lang),
        levels=level_codes(framework),
        plan_steps=plan_lines(steps, framework, profile_id=person.profile_id, lang=lang),
        said_vs_shown=_direction(result),
    )
