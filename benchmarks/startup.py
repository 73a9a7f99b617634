"""Start-up: time to the first painted window and to an interactive home screen, against a bare QMainWindow.

"first paint" is the window on screen (for Digigram: its "Opening your data…" state); "interactive" is
the home screen over the open Workspace, taking input.

Each start is a fresh process (offscreen platform); the parent times from spawning it to the child's
reports, so interpreter start and imports are included. Also reports whether matplotlib was imported
before the first chart (it must not be).
Run: .venv/bin/python -m benchmarks startup
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7

CHILD = r"""
import sys, os
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication
mode, data = sys.argv[1], sys.argv[2]

class Watch(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            print("painted", flush=True)
        return False

def interactive():
    # Runs once the event loop is idle after the first show: the screen takes input now.
    QApplication.processEvents()
    print("interactive", flush=True)
    print("matplotlib" + ("-loaded" if "matplotlib" in sys.modules else "-absent"), flush=True)
    app.quit()

if mode == "bare":
    from PySide6.QtWidgets import QMainWindow, QLabel
    app = QApplication(sys.argv[:1])
    win = QMainWindow(); win.setCentralWidget(QLabel("x")); win.resize(1100, 760)
    QTimer.singleShot(0, interactive)
else:
    # The app's own start: the window paints "Opening your data…", then opens the Workspace.
    from argparse import Namespace
    from digigram.app import open_window, qapplication
    app = qapplication()
    win = open_window(Namespace(data_dir=data, lang_explicit=False))
    win.resize(1100, 760)
    win.ready.connect(lambda: QTimer.singleShot(0, interactive))
watch = Watch(); win.installEventFilter(watch)
win.show()
app.exec()
"""


def one(mode: str, data: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, mode, data], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    marks: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        word = line.strip()
        marks.setdefault(word, (time.perf_counter() - start) * 1000)
    proc.wait()
    return marks


def main() -> int:
    with tempfile.TemporaryDirectory() as data:
        one("digigram", data)  # first start creates the database; later starts are the usual case
        results: dict[str, list[dict[str, float]]] = {"bare": [], "digigram": []}
        for _ in range(RUNS):
            for mode in results:
                results[mode].append(one(mode, data))
    for mode, runs in results.items():
        painted = statistics.median(r.get("painted", float("nan")) for r in runs)
        ready = statistics.median(r.get("interactive", float("nan")) for r in runs)
        mpl = "loaded" if any("matplotlib-loaded" in r for r in runs) else "not loaded"
        print(f"{mode:9s} first paint {painted:6.0f} ms   interactive {ready:6.0f} ms   "
              f"(median of {RUNS}; matplotlib {mpl} at start)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
