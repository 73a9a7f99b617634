"""Answer to next question painted: median and p95 over whole checks, through the real window (offscreen).

Each sample is one "Save and next" (the answer is committed to SQLite first) until the event loop has
laid out and painted the next question. Each is also split into storing (the answer and the next
question chosen, one durable commit: one fdatasync of the WAL) and the rest (building, laying out and
painting the question). The machine's load average is printed beside: on 2 shared cores the commit's
fdatasync and the paint both wait for the CPU and the disk, so a loaded run reads several times slower.
Run: .venv/bin/python -m benchmarks answer_latency
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = 5
TARGET_P95_MS = 10.0


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from digigram.app import build_window, qapplication
    from digigram.services.quiz import QuizSession
    from digigram.services.workspace import Workspace
    from digigram.ui.rating_dialog import RatingDialog

    app = qapplication()
    RatingDialog.ask = classmethod(lambda cls, parent, after=False: 5)  # type: ignore[method-assign, assignment]
    samples: list[float] = []
    storing: list[float] = []  # the part of each sample spent in QuizSession.answer
    answer = QuizSession.answer

    def timed_answer(self: QuizSession, *args: object, **kwargs: object) -> object:
        began = time.perf_counter()
        try:
            return answer(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            storing.append((time.perf_counter() - began) * 1000)

    QuizSession.answer = timed_answer  # type: ignore[assignment, method-assign]
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as data:
        ws = Workspace.open(data_dir=data)
        win = build_window(ws, language="uk")
        win.resize(1100, 760)
        win.show()
        for n in range(CHECKS):
            person = ws.create_person(f"Людина {n}")
            win.select_person(person.id)
            win._enter_quiz(ws.start_quiz(person.id, mode="full", seed=n))
            QApplication.processEvents()
            while win.quiz.item is not None and win.quiz.session is not None:
                win.quiz._choose_by_number(1 if win.quiz.item.kind != "knowledge" else 2)
                start = time.perf_counter()
                item_before = win.quiz.item
                win.quiz.submit()
                # One pass of the event loop lays out and paints the new question into the window.
                QApplication.processEvents()
                if win.quiz.session is None:
                    storing.pop()  # the last answer leads to the results screen, not to a question
                    break
                samples.append((time.perf_counter() - start) * 1000)
                assert win.quiz.item is not item_before
        win.close()
        ws.close()
    QuizSession.answer = answer  # type: ignore[method-assign]
    rest = sorted(total - stored for total, stored in zip(samples, storing, strict=True))
    storing.sort()
    samples.sort()
    p95 = _p95(samples)
    print(f"answer -> next question painted: median {statistics.median(samples):.1f} ms, "
          f"p95 {p95:.1f} ms, max {samples[-1]:.1f} ms over {len(samples)} answers ({CHECKS} full checks)")
    print(f"  of which storing (engine + one durable commit): median {statistics.median(storing):.1f} ms, "
          f"p95 {_p95(storing):.1f} ms; showing and painting: median {statistics.median(rest):.1f} ms, "
          f"p95 {_p95(rest):.1f} ms")
    print(f"  load average (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
          f"on {os.cpu_count()} CPUs")
    gap = "met" if p95 <= TARGET_P95_MS else f"MISSED by {p95 - TARGET_P95_MS:.1f} ms"
    print(f"  p95 {p95:.1f} ms (target <= {TARGET_P95_MS:g} ms): {gap}")
    del app
    return 0


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


if __name__ == "__main__":
    sys.exit(main())
