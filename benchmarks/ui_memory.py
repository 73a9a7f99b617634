"""Peak memory of the app through a whole check, its results (with the chart) and the PDF export.

Run in a fresh process: .venv/bin/python -m benchmarks ui_memory
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from digigram.app import build_window, qapplication
    from digigram.services.workspace import Workspace
    from digigram.ui import plan_view
    from digigram.ui.rating_dialog import RatingDialog

    app = qapplication()
    RatingDialog.ask = classmethod(lambda cls, parent, after=False: 5)  # type: ignore[method-assign, assignment]
    with tempfile.TemporaryDirectory() as data:
        ws = Workspace.open(data_dir=data)
        win = build_window(ws, language="uk")
        win.show()
        QApplication.processEvents()
        at_home = peak_mib()
        person = ws.create_person("Оксана Петренко")
        win.select_person(person.id)
        win.start_check(person.id, mode="full")
        while win.quiz.session is not None:
            win.quiz._choose_by_number(1 if win.quiz.item.kind != "knowledge" else 2)
            win.quiz.submit()
            QApplication.processEvents()
        after_check = peak_mib()
        win.show_plan(person.id)
        pdf = Path(data) / "plan.pdf"
        plan_view.ask_pdf_path = lambda parent, suggested: str(pdf)
        win.view("plan").export_pdf()
        QApplication.processEvents()
        print(f"peak RSS: {at_home:.0f} MiB at home, {after_check:.0f} MiB after check and results chart, "
              f"{peak_mib():.0f} MiB after the PDF ({pdf.stat().st_size // 1024} KiB)")
        win.close()
        ws.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
