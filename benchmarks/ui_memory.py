"""Peak memory of the app through a whole check, its results (with the chart), the plan and the PDF export.

The database is made first in a separate process, so the measured run is a usual day's start (a
current database: no migration). The whole run goes twice, each in a fresh process: as the app runs,
and with PySide6's own check of each import put back (it kept every later module's source in
linecache; digigram/ui/import_hook.py), so the two figures come from one run of the benchmark.
Then, also in a fresh process, what each part costs: the parts are added one after another (Qt with
a shown window, numpy with the quiz engine, the framework, SQLAlchemy's ORM with the models,
matplotlib with a drawn Qt canvas, the PDF backend) and the growth of the peak is shown.
Target: peak <= 150 MiB through the whole run.
Run in a fresh process: .venv/bin/python -m benchmarks ui_memory
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MIB = 150

PARTS = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from benchmarks.ui_memory import peak_mib as peak
def step(name):
    print(f"{name}\t{peak():.1f}", flush=True)
step("Python")
import digigram.ui  # first, as the app does: it keeps PySide6's check of each later import light
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1]); win = QMainWindow(); win.setCentralWidget(QLabel("Тест")); win.show()
app.processEvents()
step("Qt (QApplication, a shown window)")
import numpy, digigram.core.engine
step("numpy and the quiz engine")
from digigram.services.workspace import _read_framework
from competency_framework import shipped_framework_path
from pathlib import Path
framework, _text = _read_framework(Path(shipped_framework_path()))
step("the framework (from its cache)")
import sqlalchemy.orm, digigram.store.models, digigram.store.repo.attempts
step("SQLAlchemy ORM and the models")
from matplotlib.figure import Figure
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
fig = Figure(figsize=(6, 4)); ax = fig.add_subplot(); ax.barh(["а", "б"], [1, 2]); ax.set_title("Прогалини")
canvas = FigureCanvasQTAgg(fig); canvas.resize(600, 400); canvas.show(); canvas.draw(); app.processEvents()
step("matplotlib (one drawn Qt canvas)")
import io
fig.savefig(io.BytesIO(), format="pdf")
step("matplotlib's PDF backend (with fontTools)")
"""

# A whole run in a fresh process; with "pyside-check" PySide6's own per-import check is put back.
WHOLE = r"""
import sys
if sys.argv[2] == "pyside-check":
    import PySide6.support.feature as feature
    shipped = feature._mod_uses_pyside
    import digigram.ui
    feature._mod_uses_pyside = shipped
from benchmarks.ui_memory import _whole_run, peak_mib
print(_whole_run(sys.argv[1]))
print(f"{peak_mib():.1f}")
"""


def peak_mib() -> float:
    """Peak resident memory: VmHWM, which (unlike ru_maxrss) does not keep a parent's across exec."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux, bytes on macOS


def parts_table(env: dict[str, str]) -> None:
    out = subprocess.run([sys.executable, "-c", PARTS], capture_output=True, text=True, env=env, cwd=ROOT,
                         check=True).stdout
    print("What each part adds to the peak (added in this order, one fresh process):")
    before = 0.0
    for line in out.splitlines():
        name, value = line.rsplit("\t", 1)
        total = float(value)
        print(f"  {name:<42} +{total - before:6.1f} MiB   (peak {total:6.1f} MiB)")
        before = total


def whole_run(env: dict[str, str], *, pyside_check: bool) -> tuple[str, float]:
    """(the run's figures, its peak in MiB) from a fresh process over a freshly prepared database."""
    with tempfile.TemporaryDirectory() as data:
        # A usual day: the database and the framework cache exist already.
        prepare = ("import sys; from digigram.services.workspace import Workspace; "
                   "Workspace.open(data_dir=sys.argv[1]).close()")
        subprocess.run([sys.executable, "-c", prepare, data], env=env, cwd=ROOT, check=True)
        mode = "pyside-check" if pyside_check else "app"
        out = subprocess.run([sys.executable, "-c", WHOLE, data, mode], capture_output=True, text=True,
                             env=env, cwd=ROOT, check=True).stdout.splitlines()
    return out[-2], float(out[-1])


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, PYTHONPATH=str(ROOT), DIGIGRAM_CACHE_DIR=cache)
        before, before_peak = whole_run(env, pyside_check=True)
        figures, top = whole_run(env, pyside_check=False)
        parts_table(env)
    print(f"with PySide6's own import check (before): {before}")
    print(f"as the app runs now:                       {figures}")
    verdict = "met" if top <= TARGET_MIB else f"MISSED by {top - TARGET_MIB:.0f} MiB"
    print(f"peak {top:.0f} MiB, before {before_peak:.0f} MiB (target <= {TARGET_MIB} MiB): {verdict}")
    return 0


def _whole_run(data: str) -> str:
    # digigram.ui before the workspace, as app.main has it: its hook only sees later imports.
    from PySide6.QtWidgets import QApplication

    import digigram.ui  # noqa: F401
    from digigram.app import build_window, qapplication
    from digigram.services.workspace import Workspace
    from digigram.ui import plan_view
    from digigram.ui.rating_dialog import RatingDialog

    app = qapplication()
    RatingDialog.ask = classmethod(lambda cls, parent, after=False: 5)  # type: ignore[method-assign, assignment]
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
    text = (f"peak RSS: {at_home:.0f} MiB at home, {after_check:.0f} MiB after check and results chart, "
            f"{peak_mib():.0f} MiB after the plan and the PDF ({pdf.stat().st_size // 1024} KiB)")
    win.close()
    ws.close()
    del app
    return text


if __name__ == "__main__":
    sys.exit(main())
