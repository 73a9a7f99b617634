"""Answer to next question painted: median and p95 over whole checks, through the real window.

Each sample is one "Save and next" (the answer is committed to SQLite first) until the event loop has
laid out and painted the next question. Each is also split into storing (the answer and the next
question chosen, one durable commit: one fdatasync of the WAL) and the rest (showing the question,
laying it out and painting it). The machine's load average is printed beside: on 2 shared cores the
commit's fdatasync and the paint both wait for the CPU and the disk, so a loaded run reads several
times slower; compare with a baseline measured in the same run.

The window is drawn on Qt's offscreen platform unless QT_QPA_PLATFORM says otherwise; a real X server
shows costs that offscreen hides (the paint is sent to the server), so measure there too:
  xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb python -m benchmarks.answer_latency
With `--baseline DIR` (an older tree: `git archive main | tar -x -C DIR`) both trees are measured in
turn, each in a fresh process, `--rounds` times, and the medians' ratios are printed.
Run: .venv/bin/python -m benchmarks answer_latency
     .venv/bin/python -m benchmarks.answer_latency [--baseline DIR] [--rounds N] [--checks N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = 5
TARGET_P95_MS = 10.0


def measure(tree: Path, *, checks: int) -> dict[str, list[float]]:
    """Answer `checks` full checks in the window of the Digigram found in `tree`; times in ms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(tree))
    from PySide6.QtWidgets import QApplication

    import digigram
    from digigram.app import build_window, qapplication
    from digigram.services.quiz import QuizSession
    from digigram.services.workspace import Workspace
    from digigram.ui.rating_dialog import RatingDialog

    # The tree asked for, not the installed one.
    assert Path(digigram.__file__).resolve().is_relative_to(tree.resolve()), digigram.__file__
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
    with tempfile.TemporaryDirectory() as data:
        ws = Workspace.open(data_dir=data)
        win = build_window(ws, language="uk")
        win.resize(1100, 760)
        win.show()
        for n in range(checks):
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
    del app
    rest = [total - stored for total, stored in zip(samples, storing, strict=True)]
    return {"total": samples, "storing": storing, "painting": rest}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _summary(times: dict[str, list[float]]) -> str:
    total, storing, painting = times["total"], times["storing"], times["painting"]
    return (f"answer -> next question painted: median {statistics.median(total):.1f} ms, "
            f"p95 {_p95(total):.1f} ms, max {max(total):.1f} ms over {len(total)} answers\n"
            f"  of which storing (engine + one durable commit): median {statistics.median(storing):.1f} ms, "
            f"p95 {_p95(storing):.1f} ms; showing and painting: median {statistics.median(painting):.1f} ms, "
            f"p95 {_p95(painting):.1f} ms")


def _gap(times: dict[str, list[float]]) -> str:
    p95 = _p95(times["total"])
    gap = "met" if p95 <= TARGET_P95_MS else f"MISSED by {p95 - TARGET_P95_MS:.1f} ms"
    return f"  p95 {p95:.1f} ms (target <= {TARGET_P95_MS:g} ms): {gap}"


def _in_a_process(tree: Path, *, checks: int) -> tuple[dict[str, list[float]], str]:
    """One measurement in a fresh Python, the figures and anything it said on stderr."""
    if not any((tree / "digigram" / "ui" / "translations").glob("*.qm")):
        subprocess.run([sys.executable, "-m", "digigram.ui.translations"], cwd=tree, check=True,
                       capture_output=True)
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--measure", str(tree),
                           "--checks", str(checks)], capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"the measurement of {tree} printed no figures (exit {done.returncode}):\n"
                         f"{done.stderr[-2000:]}")
    said = "; ".join(line for line in done.stderr.splitlines() if "Fatal Python error" in line)
    if done.returncode != 0:
        said = f"exit {done.returncode} after its figures" + (f": {said}" if said else "")
    return json.loads(lines[-1]), said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, default=None, help="an older source tree to compare with")
    parser.add_argument("--rounds", type=int, default=2, help="measurements of each tree, taken in turn")
    parser.add_argument("--checks", type=int, default=CHECKS, help="full checks answered per measurement")
    parser.add_argument("--measure", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:  # a child of a comparison: figures as one JSON line
        print(json.dumps(measure(args.measure, checks=args.checks)), flush=True)
        return 0
    load_before = os.getloadavg()[0]
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if args.baseline is None:
        times = measure(ROOT, checks=args.checks)
        print(_summary(times) + f" ({args.checks} full checks, platform {platform})")
        print(f"  load average (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
              f"on {os.cpu_count()} CPUs")
        print(_gap(times))
        return 0
    trees = {"this tree": ROOT, "baseline": args.baseline.resolve()}
    pooled: dict[str, dict[str, list[float]]] = {name: {"total": [], "storing": [], "painting": []}
                                                 for name in trees}
    for n in range(args.rounds):
        # Alternate which tree goes first, so that a change in the machine's load falls on both.
        for name in (list(trees) if n % 2 == 0 else list(reversed(trees))):
            times, said = _in_a_process(trees[name], checks=args.checks)
            for key, values in times.items():
                pooled[name][key] += values
            print(f"round {n + 1}, {name}: median {statistics.median(times['total']):.1f} ms, "
                  f"p95 {_p95(times['total']):.1f} ms" + (f" ({said})" if said else ""), flush=True)
    for name in trees:
        print(f"-- {name} ({trees[name]}), {args.rounds} rounds of {args.checks} full checks, "
              f"platform {platform}")
        print(_summary(pooled[name]))
        print(_gap(pooled[name]))
    mine, old = pooled["this tree"], pooled["baseline"]
    for key, label in (("total", "click to painted"), ("storing", "storing"), ("painting", "painting")):
        ratio = statistics.median(mine[key]) / statistics.median(old[key])
        print(f"  {label}: this tree / baseline = {ratio:.2f} (median), "
              f"{_p95(mine[key]) / _p95(old[key]):.2f} (p95)")
    print(f"  load average (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
          f"on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
