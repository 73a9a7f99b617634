"""The programme report in the reader's language: its definitions, the PDF and the CSV for Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

from digigram.charts.programme_model import ProgrammeReport, words
from digigram.core.errors import DigigramError
from digigram.core.files import save_whole
from digigram.core.framework import Framework
from digigram.core.i18n import N_, format_date, rendered
from digigram.core.programme import Programme, ProgrammeFilter, Share, definitions, regions_by_name
from digigram.core.regions import Hub, Region
from digigram.services.coordinator.exports import _safe_cell, list_separator


def report_data(p: Programme, framework: Framework, regions: list[Region], hubs: list[Hub], *,
                lang: str) -> ProgrammeReport:
    """The report's figures with names in the reader's language."""
    region_names = {r.id: r.name(lang) for r in regions}
    w = words(lang)
    areas = {a.id: a.name.get(lang) for a in framework.areas}
    competences = {c.id: c.name.get(lang) for a in framework.areas for c in a.competences}
    codes = [lv.code for lv in framework.levels]
    extra = sorted({code for rows in p.levels.values() for code, _n in rows} - set(codes))
    codes += extra
    return ProgrammeReport(
        date=dt.date.today(), framework_title=framework.title.get(lang),
        selection=describe(p.filter, regions, hubs, lang=lang),
        trainees=p.trainees, hubs=p.hubs, checks=p.checks,
        before=p.headline.before, after=p.headline.after,
        regions=[(w["no_region"] if r.region_id is None else region_names.get(r.region_id, r.region_id),
                  r.trainees, r.hubs, r.checks) for r in p.regions],
        level_codes=codes,
        levels=[(areas.get(a, a), [dict(rows).get(code, 0) for code in codes])
                for a, rows in p.levels.items()],
        gaps=[(areas.get(g.area_id, g.area_id), g.share) for g in p.gaps],
        over=[(areas.get(o.area_id, o.area_id), o.share) for o in p.over_confident],
        hardest=[(f"{q.item_id}: {framework.item(q.item_id).stem.get(lang)}"
                  if framework.has_item(q.item_id) else q.item_id, q.right) for q in p.hardest],
        definitions=[m.render(lang) for m in definitions(p, areas, lang)],
        competence_gaps=[(f"{c.competence_id} {competences.get(c.competence_id, '')}".rstrip(), c.share)
                         for c in p.competence_gaps],
        after_days=p.headline.after_days,
    )


def describe(f: ProgrammeFilter, regions: list[Region], hubs: list[Hub], *, lang: str) -> str:
    w = words(lang)
    parts = []
    if f.region_id is not None:
        name = next((r.name(lang) for r in regions if r.id == f.region_id), f.region_id)
        parts.append(f"{w['region']}: {name} ({f.region_id})")
    if f.hub_id is not None:
        hub = next((h.name for h in hubs if h.id == f.hub_id), f.hub_id)
        parts.append(f"{N_('Hub').render(lang)}: {hub}")
    if f.since is not None:
        parts.append(N_("checks since {day}", day=format_date(f.since, lang)).render(lang))
    return "; ".join(parts)


CSV_WORDS = {
    "section": N_("Section"),
    "key": N_("Id"),
    "name": N_("Name or question"),
    "count": N_("Count"),
    "n": N_("Of"),
    "share": N_("Share, %"),
    "low": N_("95% interval from, %"),
    "high": N_("95% interval to, %"),
    # The regions' own counts, each in a column of its own: in Count, Of and Share, % they read as a
    # share of hubs out of trainees.
    "trainees": N_("Trainees"),
    "hubs": N_("Hubs"),
    "checks": N_("Checks"),
    "headline": N_("Self-rating 7–10"),
    "regions": N_("Region"),
    "levels": N_("Shown level"),
    "gaps": N_("Below target"),
    "competence_gaps": N_("Below target, by competence"),
    "over": N_("Said more than showed"),
    "hardest": N_("Fully right answers"),
    "definition": N_("Definition"),
}


def csv_text(data: ProgrammeReport, p: Programme, *, lang: str, separator: str | None = None) -> str:
    """The report's figures as one long table for Excel, each column meaning one thing in every row:
    section, id, name, then a share's count, of, share and interval, then a region's trainees, hubs and
    checks (left empty where a row has no such figure)."""
    w = rendered(CSV_WORDS, lang)
    sep = separator or list_separator(lang)

    def number(value: float | None) -> str:
        text = "" if value is None else f"{100 * value:.1f}"
        return text.replace(".", ",") if sep == ";" else text  # a decimal comma where Excel expects one

    def share_line(section: str, key: str, name: str, s: Share) -> list[str]:
        found = s.interval
        return [section, key, _safe_cell(name), str(s.count), str(s.n), number(s.value),
                number(None if found is None else found[0]), number(None if found is None else found[1]),
                "", "", ""]

    pw = words(lang)
    lines = [[w["section"], w["key"], w["name"], w["count"], w["n"], w["share"], w["low"], w["high"],
              w["trainees"], w["hubs"], w["checks"]]]
    lines.append(share_line(w["headline"], "before", pw["before"], data.before))
    lines.append(share_line(w["headline"], "after", pw["after"], data.after))
    for r, (name, trainees, hubs, checks) in zip(p.regions, data.regions, strict=True):
        lines.append([w["regions"], r.region_id or "", _safe_cell(name), "", "", "", "", "", str(trainees),
                      str(hubs), str(checks)])
    for area_id, (area_name, counts) in zip(p.levels, data.levels, strict=True):
        total = sum(counts)
        for code, count in zip(data.level_codes, counts, strict=True):
            if count:
                lines.append([w["levels"], f"{area_id}:{code}", _safe_cell(f"{area_name}: {code}"),
                              str(count), str(total), number(count / total), "", "", "", "", ""])
    for g, (name, s) in zip(p.gaps, data.gaps, strict=True):
        lines.append(share_line(w["gaps"], g.area_id, name, s))
    for c, (name, s) in zip(p.competence_gaps, data.competence_gaps, strict=True):
        lines.append(share_line(w["competence_gaps"], c.competence_id, name, s))
    for o, (name, s) in zip(p.over_confident, data.over, strict=True):
        lines.append(share_line(w["over"], o.area_id, name, s))
    for q, (text, s) in zip(p.hardest, data.hardest, strict=True):
        lines.append(share_line(w["hardest"], q.item_id, text, s))
    for text in data.definitions:
        lines.append([w["definition"], "", _safe_cell(text), "", "", "", "", "", "", "", ""])
    out = io.StringIO()
    csv.writer(out, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(lines)
    return out.getvalue()


def write_report(path: Path, p: Programme, framework: Framework, regions: list[Region], hubs: list[Hub], *,
                 lang: str) -> Path:
    """The report as FILE.pdf or FILE.csv (UTF-8 with a byte-order mark, so Excel reads it right)."""
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise DigigramError(N_("The report is written as .pdf or .csv, not “{name}”.", name=path.name))
    # The regions by their names in the report's language, in the PDF and the CSV alike.
    p = replace(p, regions=regions_by_name(p.regions, {r.id: r.name(lang) for r in regions}))
    data = report_data(p, framework, regions, hubs, lang=lang)
    if suffix == ".csv":
        return save_whole(path, "\ufeff".encode() + csv_text(data, p, lang=lang).encode("utf-8"))
    from digigram.charts.programme import write_programme_pdf  # matplotlib: only for a PDF

    return write_programme_pdf(path, data, lang=lang)
