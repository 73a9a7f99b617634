"""The personal PDF report: header, gap chart, result table and development plan, on A4 pages."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from digigram.charts._lines import Line, Page, TextLines
from digigram.charts._pdf import PDF_RC, pdf_pages
from digigram.charts._style import breakable_words, font, line_height_in, text_width_in, wrap
from digigram.charts.gap import draw_gap, gap_height
from digigram.charts.model import AreaBar, PlanLine, ResultRow, rows_from_bars
from digigram.core.errors import DigigramError, could_not_save
from digigram.core.files import partial_beside
from digigram.core.i18n import N_, format_date, normalise, not_measured_why, rendered, said_close

PAGE_W, PAGE_H = 8.27, 11.69  # A4 in inches
MARGIN = 0.7
BODY_PT = 10.0
CELL_PAD = 0.06

WORDS = {
    "title": N_("Digital competence report"),
    "hub": N_("Hub"),
    "date": N_("Date"),
    "framework": N_("Competence framework"),
    "chart": N_("Level by area"),
    "results": N_("Results by area"),
    "area": N_("Area"),
    "level": N_("Level, how likely"),
    "band": N_("Likely range"),
    "target": N_("Target"),
    "gap": N_("Levels to target"),
    "said": N_("You said"),
    "said_title": N_("What you said and what you showed"),
    "said_fits": N_("What you said about yourself fits what your answers showed."),
    "said_more": N_("Overall you rated yourself higher than your answers showed. Most people do, so this is "
                    "nothing to worry about: the levels above come from your answers, and the plan starts "
                    "there."),
    "said_less": N_("Overall your answers showed more than you gave yourself credit for. You may know more "
                    "than you think."),
    "plan": N_("Development plan"),
    "competence": N_("Competence"),
    "goal": N_("Goal"),
    "resource": N_("Resource"),
    "due": N_("Due"),
    "status": N_("Status"),
    "notes": N_("Notes"),
    "no_plan": N_("No development plan yet."),
    "page": N_("p."),
}


def _with(text: str, extra: str, before: str, after: str = "") -> str:
    """A cell with its figure: "C1, 50 %", "reached (20 % chance below)"; the cell alone without one."""
    return f"{text}{before}{extra}{after}" if extra else text


def day_text(day: dt.date | None, lang: str) -> str:
    return "—" if day is None else format_date(day, lang)


class _Flow:
    """Text and tables poured down A4 pages; a new page starts when the next piece does not fit."""

    def __init__(self) -> None:
        self.pages: list[Figure] = []
        self.lines: list[TextLines] = []  # each page's lines of text (charts/_lines.py)
        self.y = 0.0
        self.new_page()

    @property
    def fig(self) -> Figure:
        return self.pages[-1]

    def number_pages(self, head: str, page_word: str) -> None:
        """"head · p. n/total" at the foot of every page; only "p. n/total" where head would not fit."""
        total = len(self.pages)
        for number, page in enumerate(self.pages, start=1):
            footer = f"{head} · {page_word} {number}/{total}"
            if text_width_in(footer, 8) > PAGE_W - 2 * MARGIN:
                footer = f"{page_word} {number}/{total}"
            page.text(0.5, (MARGIN - 0.25) / PAGE_H, footer, ha="center", va="top", fontproperties=font(8),
                      color="#555555", parse_math=False)

    def new_page(self) -> None:
        page = Page(figsize=(PAGE_W, PAGE_H), facecolor="white")
        lines = TextLines(page)
        page.add_artist(lines)
        self.lines.append(lines)
        self.pages.append(page)
        self.y = PAGE_H - MARGIN

    def room(self) -> float:
        return self.y - MARGIN - 0.3  # the footer sits in the bottom margin's upper part

    def ensure(self, height: float) -> None:
        if height > self.room():
            self.new_page()

    def put(self, x: float, y: float, text: str, *, size: float, bold: bool = False,
            colour: str = "#1A1A1A") -> None:
        """One line with its top left corner x, y inches from the page's bottom left corner."""
        self.lines[-1].add(Line(x / PAGE_W, y / PAGE_H, text, size, bold, colour))

    def paragraph(self, text: str, *, size: float = BODY_PT, bold: bool = False, after: float = 0.08) -> None:
        for line in wrap(text, PAGE_W - 2 * MARGIN, size, bold=bold):
            self.ensure(line_height_in(size))
            self.put(MARGIN, self.y, line, size=size, bold=bold)
            self.y -= line_height_in(size)
        self.y -= after

    def heading(self, text: str, *, keep_with: float) -> None:
        # a heading never ends a page: it needs room for itself and the start of what follows
        self.ensure(line_height_in(13) + 0.2 + keep_with)
        self.y -= 0.12
        self.paragraph(text, size=13, bold=True, after=0.06)

    def table(
        self,
        headers: Sequence[str],
        fractions: Sequence[float],
        rows: Sequence[Sequence[str]],
        *,
        title: str | None = None,
        keep_together: bool = False,
    ) -> None:
        widths = _column_widths(headers, fractions, rows)
        lh = line_height_in(BODY_PT)
        head = [wrap(h, w - 2 * CELL_PAD, BODY_PT, bold=True) for h, w in zip(headers, widths, strict=True)]
        head_h = max(len(c) for c in head) * lh + 2 * CELL_PAD
        wrapped = [[wrap(t, w - 2 * CELL_PAD, BODY_PT) for t, w in zip(row, widths, strict=True)]
                   for row in rows]
        total = head_h + sum(max(len(c) for c in cells) * lh + 2 * CELL_PAD for cells in wrapped)
        # a table that fits on one page is kept whole; a longer one starts here and flows on
        whole = keep_together and total <= PAGE_H - 2 * MARGIN - 0.3
        needed = total if whole else head_h + lh + 2 * CELL_PAD
        if title:
            self.heading(title, keep_with=needed)
        self.ensure(needed)
        self._row(head, widths, head_h, bold=True)
        for cells in wrapped:
            while cells:
                fit = int((self.room() - 2 * CELL_PAD) // lh)
                tallest = max(len(c) for c in cells)
                fresh = int((PAGE_H - 2 * MARGIN - 0.3 - head_h - 2 * CELL_PAD) // lh)
                # a row moves whole to the next page when it fits there; only a giant row is split
                if fit < min(tallest, 2) or fit < tallest <= fresh:
                    self.new_page()
                    self._row(head, widths, head_h, bold=True)
                    continue
                part = [c[:fit] for c in cells]
                self._row(part, widths, max(len(c) for c in part) * lh + 2 * CELL_PAD, bold=False)
                cells = [c[fit:] for c in cells] if tallest > fit else []

    def _row(
        self, cells: Sequence[Sequence[str]], widths: Sequence[float], height: float, *, bold: bool
    ) -> None:
        fig, lh = self.fig, line_height_in(BODY_PT)
        content_w = (PAGE_W - 2 * MARGIN) / PAGE_W
        if bold:
            corner = (MARGIN / PAGE_W, (self.y - height) / PAGE_H)
            fig.add_artist(Rectangle(corner, content_w, height / PAGE_H, transform=fig.transFigure,
                                     facecolor="#E8E8E8", edgecolor="none", zorder=0))
        x = MARGIN
        for lines, w in zip(cells, widths, strict=True):
            for k, line in enumerate(lines):
                self.put(x + CELL_PAD, self.y - CELL_PAD - k * lh, line, size=BODY_PT, bold=bold)
            x += w
        self.y -= height
        fig.add_artist(Rectangle((MARGIN / PAGE_W, self.y / PAGE_H), (PAGE_W - 2 * MARGIN) / PAGE_W, 0,
                                 transform=fig.transFigure, edgecolor="#909090", linewidth=0.6, fill=False))


def _column_widths(
    headers: Sequence[str], fractions: Sequence[float], rows: Sequence[Sequence[str]]
) -> list[float]:
    """Widths in inches: shares of the page, but never narrower than a column's longest word.

    A date or a one-word status broken in the middle reads badly, so such columns take the width
    they need from the wider ones.
    """
    content_w = PAGE_W - 2 * MARGIN
    widths = [f * content_w / sum(fractions) for f in fractions]
    need = []
    for i, header in enumerate(headers):
        words_ = header.split() + [w for row in rows for w in breakable_words(row[i])]
        bold_need = max((text_width_in(w, BODY_PT, bold=True) for w in header.split()), default=0.0)
        plain_need = max((text_width_in(w, BODY_PT) for w in words_), default=0.0)
        need.append(min(max(bold_need, plain_need) + 2 * CELL_PAD + 0.02, content_w / 2))
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < need[i] - 1e-9]
        if not short:
            break
        deficit = sum(need[i] - widths[i] for i in short)
        spare = {i: widths[i] - need[i] for i in range(len(widths)) if i not in short and widths[i] > need[i]}
        if not spare:
            break
        take = min(deficit, sum(spare.values()))
        for i in short:
            widths[i] += (need[i] - widths[i]) * take / deficit
        total_spare = sum(spare.values())
        for i, room in spare.items():
            widths[i] -= take * room / total_spare
    return widths


def _plan_rows(steps: Sequence[PlanLine], lang: str) -> list[list[str]]:
    words = rendered(WORDS, lang)
    rows = []
    for step in steps:
        goal = step.goal if not step.notes else f"{step.goal}\n{words['notes']}: {step.notes}"
        rows.append([step.competence, goal, step.resource, day_text(step.due, lang), step.status])
    return rows


def build_report_pages(
    *,
    person_name: str,
    hub: str | None,
    date: dt.date,
    framework_title: str,
    lang: str,
    bars: Sequence[AreaBar],
    levels: Sequence[str],
    plan_steps: Sequence[PlanLine],
    results_table: Sequence[ResultRow] | None = None,
    high_contrast: bool = False,
    said_vs_shown: int | None = None,
) -> list[Figure]:
    """The report's pages as Figures (A4), footers numbered; `write_report_pdf` saves them.

    `said_vs_shown`: PersonSelfVsShown.direction (+1 said more, -1 said less, 0 fits), None to leave out.
    """
    lang = normalise(lang)
    words = rendered(WORDS, lang)
    flow = _Flow()
    flow.paragraph(words["title"], size=16, bold=True, after=0.12)
    flow.paragraph(person_name, size=14, bold=True, after=0.06)
    if hub:
        flow.paragraph(f"{words['hub']}: {hub}")
    flow.paragraph(f"{words['date']}: {day_text(date, lang)}", after=0.0)
    flow.paragraph(f"{words['framework']}: {framework_title}", after=0.15)

    if bars:
        width = PAGE_W - 2 * MARGIN
        chart_h = gap_height(bars, levels=levels, lang=lang, width=width)
        flow.heading(words["chart"], keep_with=chart_h)
        draw_gap(flow.fig, bars, levels=levels, lang=lang, left=MARGIN, top=flow.y, width=width,
                 high_contrast=high_contrast)
        flow.y -= chart_h

    rows = list(results_table) if results_table is not None else rows_from_bars(bars, levels, lang=lang)
    if rows:
        flow.table([words[k] for k in ("area", "level", "band", "target", "gap", "said")],
                   [3.6, 1.0, 1.5, 1.0, 1.3, 1.3],
                   [[r.area, _with(r.level, r.level_chance, ", "), r.band, r.target,
                     _with(r.gap, r.below_chance, " (", ")"), r.said] for r in rows], title=words["results"],
                   keep_together=True)
        unmeasured = [r.area for r in rows if not r.measured]
        if unmeasured:
            flow.y -= 0.06
            flow.paragraph(not_measured_why(unmeasured, lang).render(lang), after=0.15)
    if said_vs_shown is not None:
        text = words["said_more" if said_vs_shown > 0 else "said_less" if said_vs_shown < 0 else "said_fits"]
        # "Fits" is over all areas together: said plainly beside a table whose levels differ in an area,
        # it denied what the reader saw just above. The areas that differ are named.
        differ = [r.area for r in rows if r.measured and r.said not in ("", "—") and r.said != r.level]
        if said_vs_shown == 0 and differ:
            text = said_close(differ, lang).render(lang)
        flow.heading(words["said_title"], keep_with=2 * line_height_in(BODY_PT))
        flow.paragraph(text, after=0.15)

    if plan_steps:
        flow.table([words[k] for k in ("competence", "goal", "resource", "due", "status")],
                   [2.2, 3.0, 2.4, 1.2, 1.3], _plan_rows(plan_steps, lang), title=words["plan"])
    else:
        flow.heading(words["plan"], keep_with=line_height_in(BODY_PT))
        flow.paragraph(words["no_plan"])

    flow.number_pages(f"{person_name} · {day_text(date, lang)}", words["page"])
    return flow.pages


def write_report_pdf(
    path: str | os.PathLike[str],
    *,
    person_name: str,
    hub: str | None,
    date: dt.date,
    framework_title: str,
    lang: str,
    bars: Sequence[AreaBar],
    levels: Sequence[str],
    plan_steps: Sequence[PlanLine],
    results_table: Sequence[ResultRow] | None = None,
    high_contrast: bool = False,
    said_vs_shown: int | None = None,
) -> Path:
    """Write the personal report as a PDF with embedded fonts; returns the path written.

    The file appears whole or not at all: it is written beside the target and then renamed.
    """
    target = Path(path)
    words = rendered(WORDS, lang)
    metadata = {
        "Title": f"{words['title']} — {person_name}",
        "Author": person_name,
        "Subject": framework_title,
        "Creator": "Digigram",
    }
    # The font embedding every Digigram PDF shares (charts/_pdf.py): Cyrillic prints and stays searchable.
    with matplotlib.rc_context(PDF_RC):
        pages = build_report_pages(
            person_name=person_name, hub=hub, date=date, framework_title=framework_title, lang=lang,
            bars=bars, levels=levels, plan_steps=plan_steps, results_table=results_table,
            high_contrast=high_contrast, said_vs_shown=said_vs_shown,
        )
        save_pdf_pages(target, pages, metadata=metadata)
    return target


def save_pdf_pages(target: Path, pages: list[Figure], *, metadata: dict[str, str],
                   progress: Callable[[int, int], None] | None = None, into: BinaryIO | None = None) -> None:
    """Write pages to a PDF through a partial file beside it, so a failed save never leaves half a report: not
    when the disk refuses, not when drawing a page fails, and not when `progress` raises (a Cancel).

    `progress` hears (pages written, pages in all) before each page and once at the end. A disk that
    refuses (full, write-protected) is said in the reader's language, as could_not_save words it.
    `into` is a partial file of `target` its caller holds open and puts in place itself (a calibration's
    files, all put in place together): the pages go into it, never through a second partial renamed over
    it, which Windows refuses while it is open.
    """
    try:
        # The file is ours to close: matplotlib's own close() finishes the PDF first, and after a failed
        # write its compressor is left half-flushed, so that raises zlib.error and never closes the file.
        with _given(into) if into is not None else partial_beside(target) as handle:
            # The moment in UTC ("Z"): for a naive local time matplotlib writes the zone's summer offset
            # all year (Kyiv's +03'00' in December, an hour off), and for an aware one the sign turned.
            stamped: dict[str, object] = {"CreationDate": dt.datetime.now(dt.UTC), **metadata}
            pdf = pdf_pages()(handle, metadata=stamped)
            for done, page in enumerate(pages):
                if progress is not None:
                    progress(done, len(pages))
                pdf.savefig(page)
            if progress is not None:
                progress(len(pages), len(pages))
            pdf.close()  # only when every page went in: finishing a broken PDF fails again, as zlib.error
    except BaseException as exc:
        refused = _os_error_in(exc)
        if refused is None:
            raise
        raise could_not_save(target, refused) from exc


@contextlib.contextmanager
def _given(handle: BinaryIO) -> Iterator[BinaryIO]:
    """A handle its owner closes: written into, flushed, left open."""
    yield handle
    handle.flush()


def _os_error_in(exc: BaseException) -> OSError | None:
    """The system's refusal behind `exc`: itself, or what it was raised while handling (matplotlib's
    zlib.error follows the OSError of a full disk)."""
    seen: set[int] = set()
    found: BaseException | None = exc
    while found is not None and id(found) not in seen:
        if isinstance(found, OSError):
            return found
        if isinstance(found, DigigramError):  # already worded (a Cancel, a refusal of its own)
            return None
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return None
