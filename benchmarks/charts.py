"""Time the charts: cold import + first gap chart in a fresh process, warm redraws, PNG and PDF export."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is imported inside functions so the cold run times the real first import
    from digigram.charts.model import AreaBar, PlanLine

ROOT = Path(__file__).resolve().parent.parent

# Runs in a fresh interpreter, so matplotlib's import and font lookup are paid as on the first chart shown.
COLD = """
import json, time
t0 = time.perf_counter()
import matplotlib.figure
t1 = time.perf_counter()
from benchmarks.charts import sample_bars, LEVELS
from digigram.charts.gap import gap_figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
fig = gap_figure(sample_bars(), levels=LEVELS, lang="uk")
t2 = time.perf_counter()
FigureCanvasAgg(fig).draw()
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "build": t2 - t1, "draw": t3 - t2}))
"""

LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
_AREAS = [
    "Інформаційна грамотність і робота з даними",
    "Комунікація та співпраця в мережі",
    "Створення цифрового контенту",
    "Безпека в цифровому середовищі",
    "Розв'язання проблем і технічна підтримка",
    "Цифрове наставництво та е-послуги",
]
_SPEC = [(2, 1, 2, 3), (3, 2, 3, 3), (1, 0, 2, 2), (2, 2, 3, 4), (0, 0, 1, None), (4, 3, 5, 3)]


def sample_bars() -> list[AreaBar]:
    from digigram.charts.model import AreaBar

    pairs = enumerate(zip(_AREAS, _SPEC, strict=True))
    return [AreaBar(f"a{i}", name, lv, lo, hi, t) for i, (name, (lv, lo, hi, t)) in pairs]


def sample_steps(n: int) -> list[PlanLine]:
    from digigram.charts.model import PlanLine

    resource = "Дія.Освіта: Цифрова грамотність для людей старшого віку"
    return [PlanLine("Захист персональних даних", f"Крок {k}: налаштувати двофакторну автентифікацію",
                     resource, date(2025, 7, 1), "Заплановано") for k in range(n)]


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:7.1f} ms   min {min(values) * 1000:7.1f} ms"


def _timed(fn: Callable[[], None], runs: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("-n", "--runs", type=int, default=10)
    args = parser.parse_args()

    cold: dict[str, list[float]] = {"import": [], "build": [], "draw": []}
    for _ in range(args.cold_runs):
        out = subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True,
                             check=True)
        for key, value in json.loads(out.stdout).items():
            cold[key].append(value)
    total = [sum(v) for v in zip(*cold.values(), strict=True)]
    print(f"cold import matplotlib.figure     {_ms(cold['import'])}   ({args.cold_runs} fresh processes)")
    print(f"cold first gap Figure (6 areas)   {_ms(cold['build'])}")
    print(f"cold first draw (Agg)             {_ms(cold['draw'])}")
    print(f"cold total to a drawn chart       {_ms(total)}")

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from digigram.charts.gap import gap_figure
    from digigram.charts.report import write_report_pdf

    bars = sample_bars()

    def build_and_draw() -> None:
        FigureCanvasAgg(gap_figure(bars, levels=LEVELS, lang="uk")).draw()

    print(f"warm gap Figure built + drawn     {_ms(_timed(build_and_draw, args.runs))}   ({args.runs} runs)")
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "gap.png"

        def save_png() -> None:
            fig = gap_figure(bars, levels=LEVELS, lang="uk")
            FigureCanvasAgg(fig)
            fig.savefig(png)

        print(f"gap chart to PNG                  {_ms(_timed(save_png, args.runs))}")
        for steps in (5, 40):
            pdf = Path(tmp) / f"report-{steps}.pdf"

            def save_pdf(pdf: Path = pdf, steps: int = steps) -> None:
                write_report_pdf(pdf, person_name="Ольга Петренко", hub="Хаб цифрової освіти",
                                 date=date(2025, 5, 14), framework_title="Рамка цифрових компетентностей",
                                 lang="uk", bars=bars, levels=LEVELS, plan_steps=sample_steps(steps))

            times = _timed(save_pdf, max(3, args.runs // 2))
            print(f"PDF report, {steps:2d} plan steps       {_ms(times)}   "
                  f"{pdf.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
