"""The programme report's content and words, in the reader's language; no matplotlib, so that the CSV
report and the Programme tab's tables are made without it (charts/programme.py draws them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from digigram.core.i18n import N_, format_count, format_percent, rendered
from digigram.core.programme import AFTER_DAYS, Share

WORDS = {
    "title": N_("The programme's picture"),
    "date": N_("Date"),
    "framework": N_("Competence framework"),
    "selection": N_("Selection"),
    "all": N_("everyone in the database"),
    "totals": N_("Trainees: {{trainees}}; hubs: {{hubs}}; finished checks: {{checks}}"),
    "headline": N_("Rate their digital skills 7–10 of 10"),
    "before": N_("Before (first check)"),
    "after": N_("After (a later check)"),
    "people": N_("People"),
    "check": N_("Which check"),
    "share": N_("Share"),
    "interval": N_("95% interval"),
    "of": N_("{{count}} of {{n}}"),
    "regions": N_("Trainees, hubs and checks by region"),
    "region": N_("Region"),
    "no_region": N_("No region given"),
    "trainees": N_("Trainees"),
    "hubs": N_("Hubs"),
    "checks": N_("Checks"),
    "levels": N_("Shown level by area (latest check of each person)"),
    "area": N_("Area"),
    "level": N_("Level"),
    "gaps": N_("Below the role's target, by area"),
    "competence_gaps": N_("Below the role's target, by competence"),
    "competence": N_("Competence"),
    "over": N_("Said more than they showed, by area"),
    "below": N_("Below target"),
    "said_more": N_("Said more"),
    "hardest": N_("Hardest questions (fewest fully right answers)"),
    "question": N_("Question"),
    "answers": N_("Answers"),
    "right": N_("Fully right"),
    "definitions": N_("How these figures are made"),
    "none": N_("No data for this selection."),
    "nothing_to_compare": N_("No one in this selection has a first check and a later one at least {{days}} "
                             "days on, both with a self-rating, so there is nothing to compare yet."),
    "page": N_("p."),
}


def words(lang: str) -> dict[str, str]:
    return rendered(WORDS, lang)


def pct(share: Share, lang: str) -> str:
    return "—" if share.value is None else format_percent(share.value, lang)


def of_text(share: Share, lang: str) -> str:
    """"106 з 239": the count and the people it is of, with the language's thousands grouping."""
    return words(lang)["of"].format(count=format_count(share.count, lang), n=format_count(share.n, lang))


def ratio_text(share: Share, lang: str) -> str:
    """"56/400", as beside a bar: the count and its n, with the language's thousands grouping."""
    return f"{format_count(share.count, lang)}/{format_count(share.n, lang)}"


def interval_text(share: Share, lang: str) -> str:
    found = share.interval
    if found is None:
        return "—"
    return f"{format_percent(found[0], lang)} – {format_percent(found[1], lang)}"


@dataclass(frozen=True)
class ProgrammeReport:
    """Everything the report shows, already in the reader's language."""

    date: dt.date
    framework_title: str
    selection: str  # the filter in words; "" for everyone
    trainees: int
    hubs: int
    checks: int
    before: Share
    after: Share
    regions: Sequence[tuple[str, int, int, int]]  # (name, trainees, hubs, checks)
    level_codes: Sequence[str]
    levels: Sequence[tuple[str, Sequence[int]]]  # (area name, people per level code)
    gaps: Sequence[tuple[str, Share]]
    over: Sequence[tuple[str, Share]]
    hardest: Sequence[tuple[str, Share]]  # (question id and text, fully right of answers)
    definitions: Sequence[str]
    competence_gaps: Sequence[tuple[str, Share]] = ()  # (competence id and name, below of with a target)
    after_days: int = AFTER_DAYS  # how long after the first check a later one counts for the comparison
