"""The calibration report as A4 PDF pages: summary, old-versus-new difficulty chart, items worst first."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from digigram.charts._pdf import PDF_RC
from digigram.charts._style import font
from digigram.charts.report import MARGIN, PAGE_H, PAGE_W, _Flow, save_pdf_pages
from digigram.core.calibration import CalibrationResult, ItemCalibration
from digigram.core.calibration.diagnostics import flag_words
from digigram.core.framework import Framework
from digigram.core.i18n import N_, NP_, format_count, format_number

WORDS = {
    "title": N_("Item calibration"),
    "scale": N_("Scale: {how}."),
    "fixed": N_("each area's ability distribution fixed at N(0, 1), as the quiz assumes it"),
    "linked": N_("new estimates moved onto the current scale by anchor items (mean/sigma)"),
    "chart": N_("Difficulty (b or mean threshold): old and new"),
    "old": N_("old"),
    "new": N_("new"),
    "items": N_("Items, worst first"),
    "languages": N_("Answer languages: {langs}."),
    "no_lang": N_("None of these answers records the language it was given in: no uk/en comparison."),
    "page": N_("p. {number}/{total}"),
}


def _summary(lang: str, minimum: int, **values: object) -> str:
    """The summary line: its words for "answers" agree with the minimum (Ukrainian has three forms)."""
    return NP_("Framework {fw}: version {old} → {new}. Finished checks: {attempts}, answers: {answers} "
               "(not used: {skipped}). Items calibrated: {cal} of {total}; the others have fewer than "
               "{count} answer and keep their parameters. Flagged: {flagged}.",
               "Framework {fw}: version {old} → {new}. Finished checks: {attempts}, answers: {answers} "
               "(not used: {skipped}). Items calibrated: {cal} of {total}; the others have fewer than "
               "{count} answers and keep their parameters. Flagged: {flagged}.",
               minimum, **values).render(lang)


HEAD = (N_("item"), N_("n"), N_("a: old → new (SE)"), N_("b/thresholds: old → new"), N_("RMSD"), N_("flags"))


def _w(key: str, lang: str, **values: object) -> str:
    return N_(WORDS[key].msgid, **values).render(lang)


def _loc(values: tuple[float, ...] | None, b: float, lang: str) -> str:
    return _two(b, lang) if values is None else " ".join(_two(t, lang) for t in values)


def _two(value: float, lang: str) -> str:
    """A parameter as the reader's language writes decimals: 0,42 in Ukrainian, 0.42 in English."""
    return format_number(value, lang, digits=2)


def _centre(r: ItemCalibration, new: bool) -> float:
    p = r.new if new else r.old
    return p.b if p.thresholds is None else sum(p.thresholds) / len(p.thresholds)


def _chart(flow: _Flow, result: CalibrationResult, lang: str) -> None:
    done = result.calibrated
    if not done:
        return
    height = 3.4
    flow.heading(_w("chart", lang), keep_with=height)
    left, width = MARGIN + 0.5, PAGE_W - 2 * MARGIN - 0.7
    ax = flow.fig.add_axes(((left) / PAGE_W, (flow.y - height + 0.35) / PAGE_H, width / PAGE_W,
                            (height - 0.45) / PAGE_H))
    old = [_centre(r, False) for r in done]
    new = [_centre(r, True) for r in done]
    ax.scatter(old, new, s=10, color="#1F5AA6", alpha=0.7)
    lo, hi = min(old + new) - 0.2, max(old + new) + 0.2
    ax.plot([lo, hi], [lo, hi], color="#909090", linewidth=0.8)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel(_w("old", lang), fontproperties=font(9))
    ax.set_ylabel(_w("new", lang), fontproperties=font(9))
    ax.tick_params(labelsize=8)
    for axis in (ax.xaxis, ax.yaxis):  # 0,5 in Ukrainian, as the table under the chart writes it
        axis.set_major_formatter(FuncFormatter(lambda value, _pos: format_number(value, lang)))
    flow.y -= height


def build_calibration_pages(
    *, result: CalibrationResult, framework: Framework, new_version: str, lang: str
) -> list[Figure]:
    flow = _Flow()
    flow.paragraph(_w("title", lang), size=18, bold=True, after=0.12)
    flagged = sum(1 for r in result.items if r.flags)
    counts = {name: format_count(value, lang) for name, value in (
        ("attempts", result.attempts), ("answers", result.responses), ("skipped", result.skipped),
        ("cal", len(result.calibrated)), ("total", len(result.items)), ("flagged", flagged))}
    flow.paragraph(_summary(lang, result.min_responses, fw=framework.id, old=framework.version,
                            new=new_version, **counts))
    linked = any(link.method == "mean-sigma" for link in result.linking)
    flow.paragraph(_w("scale", lang, how=_w("linked" if linked else "fixed", lang)))
    langs = {k: v for k, v in result.languages.items() if k != "unknown"}
    if langs:
        said = ", ".join(f"{k} {format_count(v, lang)}" for k, v in langs.items())
        flow.paragraph(_w("languages", lang, langs=said))
    else:
        flow.paragraph(_w("no_lang", lang))
    _chart(flow, result, lang)
    rows = []
    # An item under the minimum shows the parameters it keeps, not «1,20 → 1,20» as if it had been
    # measured and found unchanged (the summary above says why they are kept).
    kept = N_("kept").render(lang)
    for r in result.worst_first():
        d = r.diagnostics
        a, b = _two(r.old.a, lang), _loc(r.old.thresholds, r.old.b, lang)
        if not r.calibrated:
            rows.append([r.item_id, format_count(r.n, lang), a, b, "", kept])
            continue
        se = "" if r.se_a is None else f" ({_two(r.se_a, lang)})"
        rows.append([r.item_id, format_count(r.n, lang), f"{a} → {_two(r.new.a, lang)}{se}",
                     f"{b} → {_loc(r.new.thresholds, r.new.b, lang)}",
                     "" if d is None else format_number(d.rmsd, lang, digits=3),
                     flag_words(r.flags, lang, () if d is None else d.unused)])
    flow.table([h.render(lang) for h in HEAD], [1.3, 0.6, 1.9, 2.6, 0.7, 2.2], rows, title=_w("items", lang))
    total = len(flow.pages)
    for number, page in enumerate(flow.pages, start=1):
        footer = f"{framework.id} {new_version} · {_w('page', lang, number=number, total=total)}"
        page.text(0.5, (MARGIN - 0.25) / PAGE_H, footer, ha="center", va="top", fontproperties=font(8),
                  color="#555555", parse_math=False)
    return flow.pages


def write_calibration_pdf(
    path: str | os.PathLike[str], *, result: CalibrationResult, framework: Framework, new_version: str,
    lang: str, into: BinaryIO | None = None,
) -> Path:
    """The report as a PDF with embedded fonts, written whole or not at all (into `into`, a partial file of
    `path` held open by its caller, when given: see save_pdf_pages)."""
    target = Path(path)
    title = _w("title", lang)
    with matplotlib.rc_context(PDF_RC):
        pages = build_calibration_pages(result=result, framework=framework, new_version=new_version,
                                        lang=lang)
        save_pdf_pages(target, pages, metadata={"Title": f"{title} — {framework.id} {new_version}",
                                                "Creator": "Digigram"}, into=into)
    return target
