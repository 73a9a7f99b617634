"""The group PDF report: a summary page (weak areas, hard questions, before/after) and the heatmap pages."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from digigram.charts._pdf import PDF_RC
from digigram.charts.heatmap import draw_heatmap, heatmap_height, row_height
from digigram.charts.report import MARGIN, PAGE_W, _Flow, day_text, save_pdf_pages
from digigram.core.coordination import CHANGE_DIGITS
from digigram.core.i18n import (
    N_,
    NOT_MEASURED,
    format_change,
    format_count,
    format_percent,
    not_measured_why,
    rendered,
)
from digigram.core.programme import AFTER_DAYS

WORDS = {
    "title": N_("Group report"),
    "date": N_("Date"),
    "framework": N_("Competence framework"),
    "selection": N_("Selection"),
    "all": N_("all trainees"),
    "trainees": N_("Trainees"),
    "checked": N_("with checks"),
    "help": N_("need help"),
    "weak": N_("Weakest areas"),
    "area": N_("Area"),
    "below": N_("Below target"),
    "hard": N_("Questions most often answered wrongly"),
    "question": N_("Question"),
    "asked": N_("Answers"),
    "wrong": N_("Wrong"),
    "ba": N_("Before and after: first and latest check"),
    "people": N_("People with a later check at least {days} days after their first", days=AFTER_DAYS),
    "no_ba": N_("No one has a later check at least {days} days after their first yet, so there is "
                "nothing to compare.", days=AFTER_DAYS),
    "of": N_("{{count}} of {{n}} ({{share}})"),
    "high_first": N_("Rate themselves 7–10 at the first check"),
    "high_latest": N_("Rate themselves 7–10 at the latest check"),
    "change": N_("Mean change in level (levels)"),
    "heatmap": N_("Heatmap: levels to target"),
    "shown": N_("Showing {{shown}} of {{total}} trainees (those needing help first)."),
    "mark": N_("! = needs help"),
    "none": N_("No data."),
    "page": N_("p."),
    "no_roles": N_("This framework has no roles, so it sets no target levels: no one is counted as needing "
                   "help, and there are no gaps to count or picture. Each trainee's levels are in the CSV "
                   "table and in their individual report."),
}


@dataclass(frozen=True)
class GroupReport:
    """Everything the group report shows, already in the reader's language."""

    date: dt.date
    framework_title: str
    selection: str  # the filter in words; "" for everyone
    trainees: int
    checked: int
    need_help: int
    weak_areas: Sequence[tuple[str, int, int]]  # (area name, trainees below target, trainees with data)
    hard: Sequence[tuple[str, int, int]]  # (question text, answers, wrong answers)
    ba_people: int
    share_high_first: float | None
    share_high_latest: float | None
    level_change: Sequence[tuple[str, float]]  # (area name, mean change)
    columns: Sequence[tuple[str, str]]  # (short label, area name) per heatmap column
    names: Sequence[str]
    gaps: Sequence[Sequence[int | None]]
    flags: Sequence[bool]  # needs help, per name
    total_rows: int  # trainees in the selection (names may hold fewer)
    # (rated 7–10, gave a rating) at the first and at the latest check: the counts beside the shares
    ba_high_first: tuple[int, int] = (0, 0)
    ba_high_latest: tuple[int, int] = (0, 0)
    # Areas some trainee's check gave no level (core.records.measured): no gap there, and the report says why.
    unmeasured: Sequence[str] = ()
    # A framework without roles sets no targets: no gaps, no one needing help, nothing for a heatmap.
    targets: bool = True


def _pct(value: float | None, lang: str) -> str:
    return "—" if value is None else format_percent(value, lang)


def _of(w: dict[str, str], counts: tuple[int, int], lang: str) -> str:
    """"1 of 3 (33 %)": a share always beside its count; "—" when nobody gave a rating."""
    count, n = counts
    return "—" if not n else w["of"].format(count=format_count(count, lang), n=format_count(n, lang),
                                            share=format_percent(count / n, lang))


def build_group_pages(report: GroupReport, *, lang: str,
                      laid_out: Callable[[int], None] | None = None) -> list[Figure]:
    """The report's pages; `laid_out` hears the number of the page begun as each heatmap page after the
    first is begun (a region's heatmap runs to a dozen pages)."""
    w = rendered(WORDS, lang)

    def num(count: int) -> str:  # "3 000" / "3,000", as the screens and the programme report write it
        return format_count(count, lang)

    flow = _Flow()
    flow.paragraph(w["title"], size=18, bold=True, after=0.12)
    flow.paragraph(f"{w['selection']}: {report.selection or w['all']}")
    flow.paragraph(f"{w['date']}: {day_text(report.date, lang)}", after=0.0)
    flow.paragraph(f"{w['framework']}: {report.framework_title}", after=0.1)
    counts = f"{w['trainees']}: {num(report.trainees)}; {w['checked']}: {num(report.checked)}"
    flow.paragraph(f"{counts}; {w['help']}: {num(report.need_help)}" if report.targets else counts, bold=True,
                   after=0.1)
    if not report.targets:
        flow.paragraph(w["no_roles"], after=0.1)

    # An area nobody's check measured has no one with data to count: "0 / 0" would read as none below.
    weak = [[name,
             NOT_MEASURED.render(lang) if not n and name in report.unmeasured else f"{num(below)} / {num(n)}",
             _pct(below / n if n else None, lang)] for name, below, n in report.weak_areas]
    why = not_measured_why(report.unmeasured, lang).render(lang) if report.unmeasured else ""
    if weak and report.targets:
        flow.table([w["area"], w["below"], "%"], [5.0, 1.6, 1.0], weak, title=w["weak"], keep_together=True)
        if why:
            flow.paragraph(why, size=8, after=0.1)
    hard = [[text, num(asked), f"{num(wrong)} ({_pct(wrong / asked if asked else None, lang)})"]
            for text, asked, wrong in report.hard]
    if hard:
        flow.table([w["question"], w["asked"], w["wrong"]], [5.2, 1.1, 1.5], hard, title=w["hard"])
    flow.heading(w["ba"], keep_with=0.6)
    if not report.ba_people:  # a retake the same week is no before and after; say so, not "0 %"
        flow.paragraph(w["no_ba"], after=0.06)
    else:
        flow.paragraph(f"{w['people']}: {num(report.ba_people)}", after=0.02)
        flow.paragraph(f"{w['high_first']}: {_of(w, report.ba_high_first, lang)}", after=0.02)
        flow.paragraph(f"{w['high_latest']}: {_of(w, report.ba_high_latest, lang)}", after=0.06)
    if report.ba_people and report.level_change:
        flow.table([w["area"], w["change"]], [5.0, 2.0],
                   [[name, format_change(value, lang, digits=CHANGE_DIGITS)]
                    for name, value in report.level_change],
                   keep_together=True)

    if not report.targets:
        flow.number_pages(f"{w['title']} · {day_text(report.date, lang)}", w["page"])
        return flow.pages
    width = PAGE_W - 2 * MARGIN
    flow.new_page()
    flow.paragraph(w["heatmap"], size=13, bold=True, after=0.04)
    legend = "; ".join(f"{short} — {name}" for short, name in report.columns)
    flow.paragraph(f"{legend}. {w['mark']}", size=8, after=0.04)
    if why:  # their column holds «—», as for no data
        flow.paragraph(why, size=8, after=0.04)
    if len(report.names) < report.total_rows:
        flow.paragraph(w["shown"].format(shown=num(len(report.names)), total=num(report.total_rows)), size=8)
    if not report.names:
        flow.paragraph(w["none"])
    start = 0
    while start < len(report.names):
        fit = max(int((flow.room() - heatmap_height(0)) / row_height()), 1)
        end = min(start + fit, len(report.names))
        flags = ["!" if f else "" for f in report.flags[start:end]]
        used = draw_heatmap(flow.fig, report.names[start:end], [c[0] for c in report.columns],
                            report.gaps[start:end], left=MARGIN, top=flow.y, width=width, lang=lang,
                            flags=flags)
        flow.y -= used
        start = end
        if start < len(report.names):
            flow.new_page()
            if laid_out is not None:
                laid_out(len(flow.pages))

    flow.number_pages(f"{w['title']} · {day_text(report.date, lang)}", w["page"])
    return flow.pages


def write_group_pdf(path: str | os.PathLike[str], report: GroupReport, *, lang: str,
                    progress: Callable[[str, int, int], None] | None = None) -> Path:
    """Write the group report as a PDF with embedded fonts, whole or not at all; returns the path.
    `progress` hears ("drawing", the page begun, 0) and then ("pages", written, in all)."""
    target = Path(path)
    w = rendered(WORDS, lang)
    metadata = {"Title": w["title"], "Subject": report.framework_title, "Creator": "Digigram"}
    with matplotlib.rc_context(PDF_RC):
        tell = progress or (lambda _step, _done, _total: None)
        pages = build_group_pages(report, lang=lang, laid_out=lambda n: tell("drawing", n, 0))
        save_pdf_pages(target, pages, metadata=metadata,
                       progress=lambda done, total: tell("pages", done, total))
    return target
