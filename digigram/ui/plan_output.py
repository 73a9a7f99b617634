"""The plan on paper: one document (name, results table, gap chart, plan) sent to a PDF file or a printer."""

from __future__ import annotations

import datetime as dt
import io
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QMarginsF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from digigram.core.plan import goal_text
from digigram.ui.plan_step_editor import status_label
from digigram.ui.texts import gap_text, level_label

if TYPE_CHECKING:
    from digigram.core.records import PlanStep
    from digigram.ui.shell import Shell


class PlanView(Protocol):
    """The plan screen as this module reads it: the window, the person and the steps being edited."""

    win: Shell
    person_id: str | None
    steps: list[PlanStep]

translate = QCoreApplication.translate


def _latest_result(view: PlanView) -> Any:
    ws = view.win.ws
    if view.person_id is None:
        return None
    latest = ws.latest_finished(view.person_id)
    return None if latest is None else ws.results_for(latest.id)


def _chart_png(view: PlanView, result: Any) -> bytes:
    from digigram.charts.gap import gap_figure
    from digigram.charts.model import bars_from_result, level_codes

    fw, lang = view.win.ws.framework, view.win.lang
    bars = bars_from_result(result, fw, lang=lang)
    fig = gap_figure(bars, levels=level_codes(fw), lang=lang, width=7.0, dpi=150)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=150)
    return out.getvalue()


def build_document(view: PlanView) -> QTextDocument:
    """The printable plan as a rich-text document with the chart as an embedded image."""

    fw, lang = view.win.ws.framework, view.win.lang
    person = view.win.person
    doc = QTextDocument()
    # Sizes in points are kept on paper: print_() lays the document out at screen resolution and
    # scales it to the page (a page size given in printer pixels had shrunk 10 pt to about 3.6 pt).
    doc.setDefaultStyleSheet(
        "body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; } "
        # Qt's rich text adds its own heading size on top of a style-sheet one: the headings are
        # paragraphs with their size given, so the title prints at 16 pt and not at about 20.
        "p.title { font-size: 16pt; font-weight: bold; } p.section { font-size: 13pt; font-weight: bold; } "
        "table { border-collapse: collapse; } td, th { border: 1px solid #555; "
        "padding: 4px; font-size: 10pt; }"
    )
    w = {
        key: escape(text)
        for key, text in (
            ("title", translate("PlanPrint", "Development plan")),
            ("date", translate("PlanPrint", "Date")),
            ("where", translate("PlanPrint", "Where you stand")),
            ("area", translate("PlanPrint", "Area")),
            ("level", translate("PlanPrint", "Level")),
            ("target", translate("PlanPrint", "Target")),
            ("gap", translate("PlanPrint", "Gap")),
            ("steps", translate("PlanPrint", "Steps")),
            ("none", translate("PlanPrint", "No steps yet.")),
        )
    }
    parts = [f"<p class='title'>{w['title']}: {escape(person.name if person else '')}</p>"]
    if person is not None and person.hub:
        parts.append(f"<p>{escape(person.hub)}</p>")
    parts.append(f"<p>{w['date']}: {dt.date.today().isoformat()}</p>")
    result = _latest_result(view)
    if result is not None:
        png = _chart_png(view, result)
        doc.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl("digigram:gap.png"), QImage.fromData(png)
        )
        parts.append(f"<p class='section'>{w['where']}</p>")
        # 620 px at the layout's 96 dpi: 164 mm, inside the A4 text area (170 mm) on paper.
        parts.append('<p><img src="digigram:gap.png" width="620"/></p>')
        rows = ["<tr>" + "".join(f"<th>{w[k]}</th>" for k in ("area", "level", "target", "gap")) + "</tr>"]
        for area in fw.areas:
            res = result.areas.get(area.id)
            if res is None:
                continue
            cells = (
                area.name.get(lang),
                level_label(fw, res.level, lang),
                "—" if res.target is None else level_label(fw, res.target, lang),
                gap_text(res),
            )
            rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("<table>" + "".join(rows) + "</table>")
    parts.append(f"<p class='section'>{w['steps']}</p>")
    head = (
        translate("PlanPrint", "Goal"),
        translate("PlanPrint", "Competence"),
        translate("PlanPrint", "Resource"),
        translate("PlanPrint", "Due"),
        translate("PlanPrint", "Status"),
        translate("PlanPrint", "Notes"),
    )
    rows = ["<tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"]
    for step in view.steps:
        res_title = ""
        if step.resource_id:
            res = fw.resource(step.resource_id)
            res_title = res.title.get(lang) + (f" ({res.url})" if res.url else "")
        step_cells: tuple[str, ...] = (
            goal_text(step.goal, fw, competence_id=step.competence_id,
                      profile_id=person.profile_id if person else None, lang=lang),
            fw.competence(step.competence_id).name.get(lang),
            res_title,
            step.due.isoformat() if step.due else "",
            status_label(step.status),
            step.notes,
        )
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in step_cells) + "</tr>")
    if not view.steps:
        rows.append(f"<tr><td colspan='6'>{w['none']}</td></tr>")
    parts.append("<table width='100%'>" + "".join(rows) + "</table>")
    doc.setHtml("<body>" + "".join(parts) + "</body>")
    return doc


def write_pdf(view: PlanView, path: Path) -> Path:
    """Write the plan to `path` as an A4 PDF (fonts embedded, so Cyrillic prints anywhere)."""
    doc = build_document(view)
    writer = QPdfWriter(str(path))
    person = view.win.person
    writer.setTitle(f"Digigram: {person.name if person else ''}")
    writer.setCreator("Digigram")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            # print_() adds 2 cm margins of its own around an unpaginated document: no second margin
            # here, or the text area shrank to 140 mm and the chart was cut at its right edge.
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)  # the chart image stays sharp
    doc.print_(writer)
    return path


def print_plan(view: PlanView) -> None:
    """Send the plan to a printer chosen in the system's print dialog."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, view.win.stack.window())
    dialog.setWindowTitle(translate("PlanPrint", "Print the plan"))
    if ask_print(dialog):
        build_document(view).print_(printer)


def ask_print(dialog: Any) -> bool:
    """Run the print dialog; tests replace this."""
    return bool(dialog.exec())
