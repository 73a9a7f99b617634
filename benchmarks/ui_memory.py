"""Peak memory of the app through a whole check, its results (with the chart), the plan and the PDF export.

The database is made first in a separate process, so the measured run is a usual day's start (a
current database: no migration). The whole run goes three times, each in a fresh process: as the app
runs; with PySide6's own check of each import put back (it kept every later module's source in
linecache; digigram/ui/import_hook.py); and with the three later savings put back (charts shown on
matplotlib's Qt canvas, PDFs with Type 42 fonts through fontTools' subsetter loaded with the PDF
backend, the framework loader imported although the framework in use needs no loading), so all
figures come from one run of the benchmark.
Then, also in a fresh process, what each part costs: the parts are added one after another (Qt with
a shown window, numpy with the quiz engine, the framework, SQLAlchemy's ORM with the models,
matplotlib with one chart drawn as the app draws it, the PDF backend) and the growth of the peak is
shown.
The built program (packaging/digigram.spec) carries bytecode compiled without docstrings or asserts,
as `python -OO` compiles it, and no TLS module (it opens no network connection); the run goes once more
that way (-OO, `import ssl` refused), which is the figure a library PC sees (`benchmarks.package_startup`
gives the built program's own self-test peak beside the unfrozen ones).
Every run loads bytecode compiled beforehand into a folder of the benchmark's own, so no run pays for
compiling.
Target: peak <= 150 MiB through the whole run, as the built program runs it.
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
from typing import Any

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
import digigram.charts._style  # the app's charts load matplotlib through their package, as here
from matplotlib.figure import Figure
from digigram.ui.chart_widget import FigureView
fig = Figure(figsize=(6, 4)); ax = fig.add_subplot(); ax.barh(["а", "б"], [1, 2]); ax.set_title("Прогалини")
view = FigureView(fig); view.resize(600, 400); view.show(); app.processEvents()
step("matplotlib (one chart drawn as the app does)")
import io, matplotlib
from digigram.charts._pdf import PDF_RC, pdf_pages
with matplotlib.rc_context(PDF_RC), pdf_pages()(io.BytesIO()) as pdf:
    pdf.savefig(fig)
step("matplotlib's PDF backend (the app's fonts)")
"""

# A whole run in a fresh process; with "pyside-check" PySide6's own per-import check is put back; "built"
# runs as the built program does (started with -OO; no TLS module, which packaging/digigram.spec leaves out).
WHOLE = r"""
import sys
if sys.argv[2] == "built":
    sys.modules["ssl"] = None
if sys.argv[2] == "pyside-check":
    import PySide6.support.feature as feature
    shipped = feature._mod_uses_pyside
    import digigram.ui
    feature._mod_uses_pyside = shipped
from benchmarks.ui_memory import _whole_run, peak_mib
print(_whole_run(sys.argv[1], earlier=sys.argv[2] == "earlier"))
print(f"{peak_mib():.1f}")
"""


def peak_mib() -> float:
    """Peak resident memory: VmHWM, which (unlike ru_maxrss) does not keep a parent's across exec."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux, bytes on macOS


def resident_split() -> tuple[float, float]:
    """Resident memory now, in MiB: the process's own (heap, Python objects, Qt's buffers) and the pages
    of program files it has mapped (Python, Qt, numpy libraries). How many of a library's pages count
    as resident is the kernel's choice: one that reads files in large blocks keeps nearly whole
    libraries resident, so the second figure differs from machine to machine for the same program."""
    try:
        status = Path("/proc/self/status").read_text()
        anon, files = (int(re.search(rf"{key}:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]
                       for key in ("RssAnon", "RssFile"))
    except (OSError, AttributeError):
        return float("nan"), float("nan")
    return anon, files


def parts_table(env: dict[str, str]) -> None:
    out = subprocess.run([sys.executable, "-c", PARTS], capture_output=True, text=True, env=env, cwd=ROOT,
                         check=True).stdout
    print("What each part adds to the peak (added in this order, one fresh process):")
    before = 0.0
    for line in out.splitlines():
        name, value = line.rsplit("\t", 1)
        total = float(value)
        print(f"  {name:<46} +{total - before:6.1f} MiB   (peak {total:6.1f} MiB)")
        before = total


def put_back_earlier_canvas() -> None:
    """Charts on matplotlib's Qt canvas, as the app showed them before."""
    import digigram.ui.chart_widget as chart_widget

    def qt_canvas(figure: Any, parent: Any = None, *, drawn: Any = None) -> Any:
        # `drawn` (a picture drawn off the window's thread) is the coordinator's alone: not on this path.
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        canvas = FigureCanvasQTAgg(figure)
        canvas.setParent(parent)
        canvas.draw_idle()
        return canvas

    chart_widget.FigureView = qt_canvas  # type: ignore[misc, assignment]


def put_back_earlier_plan() -> None:
    """Before the plan is shown: the loader as Workspace.framework_for imported it every time, and
    PDFs with Type 42 fonts through fontTools' subsetter, loaded with matplotlib's PDF backend."""
    import digigram.charts._pdf as pdf
    import digigram.core.loader  # noqa: F401

    pdf.PDF_RC["pdf.fonttype"] = 42
    pdf._defer_subsetter = lambda: None


def whole_run(env: dict[str, str], *, mode: str) -> tuple[str, float]:
    """(the run's figures, its peak in MiB) from a fresh process over a freshly prepared database."""
    python = [sys.executable, "-OO"] if mode == "built" else [sys.executable]
    with tempfile.TemporaryDirectory() as data:
        # A usual day: the database and the framework cache exist already.
        prepare = ("import sys; from digigram.services.workspace import Workspace; "
                   "Workspace.open(data_dir=sys.argv[1]).close()")
        subprocess.run([*python, "-c", prepare, data], env=env, cwd=ROOT, check=True)
        out = subprocess.run([*python, "-c", WHOLE, data, mode], capture_output=True, text=True,
                             env=env, cwd=ROOT, check=True).stdout.splitlines()
    return out[-2], float(out[-1])


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, PYTHONPATH=str(ROOT), DIGIGRAM_CACHE_DIR=cache,
                   PYTHONPYCACHEPREFIX=str(Path(cache) / "bytecode"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for mode in ("pyside-check", "earlier", "app", "built"):  # compiles what each run loads; not measured
            whole_run(env, mode=mode)
        before, before_peak = whole_run(env, mode="pyside-check")
        earlier, earlier_peak = whole_run(env, mode="earlier")
        source, source_peak = whole_run(env, mode="app")
        built, top = whole_run(env, mode="built")
        parts_table(env)
    print(f"with PySide6's own import check (before):  {before}")
    print(f"Qt canvas, Type 42 PDF, loader (earlier):  {earlier}")
    print(f"as the app runs from source:               {source}")
    print(f"as the built program runs it:              {built}")
    verdict = "met" if top <= TARGET_MIB else f"MISSED by {top - TARGET_MIB:.1f} MiB"
    print(f"peak {top:.1f} MiB as built, {source_peak:.1f} MiB from source, earlier {earlier_peak:.0f} MiB, "
          f"before {before_peak:.0f} MiB (target <= {TARGET_MIB} MiB): {verdict}")
    return 0


def _whole_run(data: str, *, earlier: bool = False) -> str:
    # digigram.ui before the workspace, as app.main has it: its hook only sees later imports.
    from PySide6.QtWidgets import QApplication

    import digigram.ui  # noqa: F401
    from digigram.app import build_window, qapplication
    from digigram.services import one_window
    from digigram.services.workspace import Workspace
    from digigram.ui import plan_view
    from digigram.ui.come_forward import ComeForward
    from digigram.ui.rating_dialog import RatingDialog

    claim = one_window.claim_window(one_window.database_file(data_dir=data, database_url=None))  # as app.main
    app = qapplication()
    if earlier:
        put_back_earlier_canvas()
    RatingDialog.ask = classmethod(lambda cls, parent, after=False: 5)  # type: ignore[method-assign, assignment]
    ws = Workspace.open(data_dir=data)
    win = build_window(ws, language="uk")
    win.show()
    ws.preload()  # as app.main has it once home is painted: the modules a check needs, the start backup
    ws.finish_start()
    assert claim is not None and claim.request is not None
    ComeForward(win, claim.request)  # the running window watches for a second start, as app.main has it
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
    if earlier:
        put_back_earlier_plan()
    win.show_plan(person.id)
    pdf = Path(data) / "plan.pdf"
    plan_view.ask_pdf_path = lambda parent, suggested: str(pdf)
    win.view("plan").export_pdf()
    QApplication.processEvents()
    anon, files = resident_split()
    text = (f"peak RSS: {at_home:.0f} MiB at home, {after_check:.0f} MiB after check and results chart, "
            f"{peak_mib():.0f} MiB after the plan and the PDF ({pdf.stat().st_size // 1024} KiB); "
            f"then {anon:.0f} MiB the app's own, {files:.0f} MiB pages of program files")
    win.close()
    ws.close()
    del app
    return text


if __name__ == "__main__":
    sys.exit(main())
