"""Answer to next question painted: median and p95 over whole checks, through the real window (offscreen).

Each sample is one "Save and next" (the answer is committed to SQLite first) until the event loop has
laid out and painted the next question. Run: .venv/bin/python -m benchmarks answer_latency
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
    from digigram.services.workspace import Workspace
    from digigram.ui.rating_dialog import RatingDialog

    app = qapplication()
    RatingDialog.ask = classmethod(lambda cls, parent, after=False: 5)  # type: ignore[method-assign, assignment]
    samples: list[float] = []
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
                    break  # the last answer leads to the results screen, not to a question
                samples.append((time.perf_counter() - start) * 1000)
                assert win.quiz.item is not item_before
        win.close()
        ws.close()
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    print(f"answer -> next question painted: median {statistics.median(samples):.1f} ms, "
          f"p95 {p95:.1f} ms, max {samples[-1]:.1f} ms over {len(samples)} answers ({CHECKS} full checks)")
    gap = "met" if p95 <= TARGET_P95_MS else f"MISSED by {p95 - TARGET_P95_MS:.1f} ms"
    print(f"  p95 {p95:.1f} ms (target <= {TARGET_P95_MS:g} ms): {gap}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
