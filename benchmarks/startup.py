"""Start-up: time to the first painted window and to an interactive home screen, against a bare QMainWindow.

"first paint" is the window on screen (for Digigram: its "Opening your data…" state); "interactive" is
the home screen over the open Workspace, taking input.

Each start is a fresh process (offscreen platform); the parent times from spawning it to the child's
reports, so interpreter start and imports are included. Also reports whether matplotlib was imported
before the first chart (it must not be).

Warm starts find every file in the page cache. Cold starts are what a library PC feels each morning:
before each one the files of the virtualenv, the standard library, the app and its data and cache are
evicted from the page cache (posix_fadvise DONTNEED; pages another running program has mapped stay).
Targets: interactive <= 4x the bare window and first paint <= 2x (warm), cold interactive under 3 s.
Run: .venv/bin/python -m benchmarks startup [--runs N] [--cold-runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7
TARGET_INTERACTIVE, TARGET_PAINT, TARGET_COLD_S = 4.0, 2.0, 3.0

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
    # The app's own start, as app.main has it: the claim on the data's one window, then the window
    # paints "Opening your data…", opens the Workspace, and watches for a second start.
    from argparse import Namespace
    from digigram.app import open_window, qapplication
    from digigram.services import one_window
    claim = one_window.claim_window(one_window.database_file(data_dir=data, database_url=None))
    app = qapplication()
    win = open_window(Namespace(data_dir=data, lang_explicit=False))
    win.resize(1100, 760)
    win.ready.connect(lambda: QTimer.singleShot(0, interactive))
watch = Watch(); win.installEventFilter(watch)
win.show()
if mode != "bare":
    from digigram.ui.come_forward import ComeForward
    ComeForward(win, claim.request)
app.exec()
"""


def _files(folders: Iterable[Path]) -> Iterable[Path]:
    for folder in folders:
        for top, _dirs, names in os.walk(folder):
            for name in names:
                yield Path(top) / name


def evict(folders: Iterable[Path]) -> int:
    """Drop the folders' files from the page cache; returns how many files were advised."""
    os.sync()  # dirty pages (the database just written) cannot be dropped until they are on disk
    count = 0
    for path in _files(folders):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            count += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return count


def cold_folders(data: str, cache: str) -> list[Path]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    app = [ROOT / "digigram", ROOT / "competency_framework"]
    return [Path(sys.prefix), stdlib, *app, Path(data), Path(cache)]


def one(mode: str, data: str, cache: str) -> dict[str, float]:
    # Bytecode compiled by the first starts into a folder of the benchmark's own, as an installed program
    # has it: where bytecode may not be written (PYTHONDONTWRITEBYTECODE) every changed module was
    # compiled again at each start.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), DIGIGRAM_CACHE_DIR=cache,
               PYTHONPYCACHEPREFIX=str(Path(cache) / "bytecode"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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


def _median(runs: list[dict[str, float]], mark: str) -> float:
    return statistics.median(r.get(mark, float("nan")) for r in runs)


def _report(kind: str, results: dict[str, list[dict[str, float]]]) -> dict[str, tuple[float, float]]:
    medians = {}
    for mode, runs in results.items():
        painted, ready = _median(runs, "painted"), _median(runs, "interactive")
        medians[mode] = (painted, ready)
        mpl = "loaded" if any("matplotlib-loaded" in r for r in runs) else "not loaded"
        print(f"{kind} {mode:9s} first paint {painted:6.0f} ms   interactive {ready:6.0f} ms   "
              f"(median of {len(runs)}; matplotlib {mpl} at start)")
    return medians


def _verdict(label: str, value: float, target: float, unit: str) -> None:
    if value <= target:
        print(f"  {label}: {value:.2f}{unit} (target <= {target:g}{unit}): met")
    else:
        print(f"  {label}: {value:.2f}{unit} (target <= {target:g}{unit}): "
              f"MISSED by {value - target:.2f}{unit}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=RUNS, help="warm starts of each kind (median shown)")
    parser.add_argument("--cold-runs", type=int, default=RUNS, help="cold starts of each kind; 0 skips them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as cache:
        one("digigram", data, cache)  # the first start creates the database and the framework cache
        one("digigram", data, cache)  # and the next makes the first start backup: later starts are usual
        one("bare", data, cache)  # (the first starts of each kind also compile its bytecode)
        warm: dict[str, list[dict[str, float]]] = {"bare": [], "digigram": []}
        for _ in range(args.runs):
            for mode in warm:  # interleaved, so a busy moment on the machine hurts both alike
                warm[mode].append(one(mode, data, cache))
        cold: dict[str, list[dict[str, float]]] = {"bare": [], "digigram": []}
        advised = 0
        for _ in range(args.cold_runs):
            for mode in cold:
                advised = evict(cold_folders(data, cache))
                cold[mode].append(one(mode, data, cache))
    w = _report("warm", warm)
    (bare_paint, bare_ready), (paint, ready) = w["bare"], w["digigram"]
    _verdict("warm interactive / bare window", ready / bare_ready, TARGET_INTERACTIVE, "x")
    _verdict("warm first paint / bare window", paint / bare_paint, TARGET_PAINT, "x")
    if args.cold_runs:
        c = _report("cold", cold)
        print(f"  (before each cold start {advised} files were evicted from the page cache)")
        _verdict("cold interactive", c["digigram"][1] / 1000, TARGET_COLD_S, " s")
        print(f"  cold / warm interactive: {c['digigram'][1] / ready:.1f}x; bare window cold / warm: "
              f"{c['bare'][1] / bare_ready:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
