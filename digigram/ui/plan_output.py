"""The plan on paper: the personal report of charts.person_report, saved as a PDF or sent to a printer.

The coordinator's individual PDF is the same document, so a plan looks the same whoever prints it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QImage, QPainter

from digigram.ui.widgets import busy

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from digigram.core.records import PlanStep
    from digigram.core.scoring import QuizResult
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate
PRINT_DPI = 200  # sharp on paper, and an A4 page stays near 15 MB while it is drawn


class PlanView(Protocol):
    """The plan screen as this module reads it: the window, the person and the steps being edited."""

    win: Shell
    person_id: str | None
    steps: list[PlanStep]


def _latest_result(view: PlanView) -> QuizResult | None:
    ws = view.win.ws
    if view.person_id is None:
        return None
    latest = ws.latest_finished(view.person_id)
    return None if latest is None else ws.results_for(latest.id)


def build_pages(view: PlanView) -> list[Figure]:
    """The plan as it stands on screen (saved or not), as A4 pages."""
    from digigram.charts.person_report import person_report_pages

    person = view.win.person
    assert person is not None
    return person_report_pages(person, _latest_result(view), view.steps, view.win.ws.framework,
                               day=dt.date.today(), lang=view.win.lang,
                               high_contrast=view.win.settings.high_contrast)


def write_pdf(view: PlanView, path: Path) -> Path:
    """Write the plan to `path` as an A4 PDF with embedded fonts (Cyrillic prints anywhere)."""
    from digigram.charts.person_report import write_person_report

    person = view.win.person
    assert person is not None
    return write_person_report(path, person, _latest_result(view), view.steps, view.win.ws.framework,
                               day=dt.date.today(), lang=view.win.lang)


def print_plan(view: PlanView) -> None:
    """Send the plan to a printer chosen in the system's print dialog."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the pages carry their own margins
    dialog = QPrintDialog(printer, view.win.stack.window())
    dialog.setWindowTitle(translate("PlanPrint", "Print the plan"))
    if ask_print(dialog):
        with busy():  # seconds of drawing pages, as for the PDF
            paint_pages(printer, build_pages(view))


def paint_pages(device: Any, pages: list[Figure]) -> None:
    """Draw each Figure page, scaled to the device's whole page, one page each."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    painter = QPainter(device)
    try:
        for number, page in enumerate(pages):
            if number:
                device.newPage()
            canvas = FigureCanvasAgg(page)
            page.set_dpi(PRINT_DPI)
            canvas.draw()
            width, height = canvas.get_width_height()
            image = QImage(bytes(canvas.buffer_rgba()), width, height, QImage.Format.Format_RGBA8888)
            target = QRectF(painter.viewport())
            painter.drawImage(target, image)
    finally:
        painter.end()


def ask_print(dialog: Any) -> bool:
    """Run the print dialog; tests replace this."""
    return bool(dialog.exec())
