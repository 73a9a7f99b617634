"""`digigram calibrate`: fit item parameters to finished checks and write a new framework version."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from digigram.core import paths
from digigram.core.i18n import N_, format_count, tr

HELP = "calibrate item parameters on finished checks and write a new framework version (NEW.yaml)"

_STAGES = {"read": N_("reading answers"), "fit": N_("calibrating areas"),
           "write": N_("writing the new version and checking it")}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--framework", required=True, metavar="FILE", help="the framework file to calibrate")
    parser.add_argument("--out", required=True, metavar="NEW.yaml", help="where to write the new version")
    parser.add_argument("--min-responses", type=int, default=200, metavar="N",
                        help="items with fewer answers keep their parameters (default: 200, at least 100)")
    parser.add_argument("--report", metavar="REPORT", help="also write a report: REPORT.pdf or REPORT.csv")


class _Progress:
    """Progress on stderr. On a terminal one line per stage, redrawn at most ten times a second; in a
    log or a pipe whole lines, one when a stage starts, at most one a minute and one when it ends."""

    def __init__(self, lang: str, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self.lang, self.last, self.stage, self.shown = lang, 0.0, "", (0, 0)

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        new_stage = stage != self.stage
        if not new_stage and done < total and now - self.last < (0.1 if self.tty else 60.0):
            return
        if not new_stage and (done, total) == self.shown:
            return  # the same figures again (a stage's last step is often reported twice)
        if new_stage and self.stage and self.tty:
            self.stream.write("\n")
        self.stage, self.last, self.shown = stage, now, (done, total)
        label = _STAGES[stage].render(self.lang) if stage in _STAGES else stage
        text = f"{label}: {done}/{total}" if total else label  # a stage of no countable steps: its name
        self.stream.write(f"\r{text}" if self.tty else f"{text}\n")
        self.stream.flush()

    def end(self) -> None:
        """Close a redrawn line (once), so that what is said next starts on a line of its own."""
        if self.stage and self.tty:
            self.stream.write("\n")
            self.stream.flush()
        self.stage = ""


def single_threaded_blas() -> None:
    """The EM's matrix products are small (people × 61 by 61 × 61): BLAS threads only add overhead,
    and on a busy two-core machine a product took 28 ms threaded against 2 ms on one thread."""
    if "numpy" not in sys.modules:  # read once, when numpy loads its BLAS
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")


def run(args: argparse.Namespace) -> int:
    single_threaded_blas()
    from digigram.cli.bundle import say_stopped
    from digigram.services.calibration import run_calibration  # numpy and the store only when used

    lang = args.lang
    data_dir = None if getattr(args, "database", None) else paths.data_dir_from_args(args)
    bar = _Progress(lang)
    try:
        done = run_calibration(
            Path(args.framework), out=Path(args.out), data_dir=data_dir,
            database_url=getattr(args, "database", None), min_responses=args.min_responses,
            report=Path(args.report) if args.report else None, lang=lang, progress=bar,
        )
    except KeyboardInterrupt:
        # Ctrl+C (or the terminal closed): the files are put in place together at the very end.
        bar.end()
        say_stopped(N_("Calibration stopped; nothing was written."), lang)
        return 130
    finally:
        bar.end()
    r = done.result
    flagged = sum(1 for i in r.items if i.flags)
    print(tr(lang, N_("{out}: version {version}; items calibrated: {calibrated} of {items}; finished checks: "
                      "{attempts} ({answers} answers); flagged: {flagged}.", out=done.out,
                      version=done.new_version, calibrated=len(r.calibrated), items=len(r.items),
                      attempts=format_count(r.attempts, lang),
                      answers=format_count(r.responses, lang), flagged=flagged)))
    print(tr(lang, N_("Calibration record: {path}", path=done.record)))
    if done.report is not None:
        print(tr(lang, N_("Report: {path}", path=done.report)))
    if not done.language_stored:
        print(tr(lang, N_("The database does not store answer languages: no uk/en comparison.")))
    elif not any(code != "unknown" for code in r.languages):  # stored by a later app, not for these
        print(tr(lang, N_("None of these answers records the language it was given in: no uk/en "
                          "comparison.")))
    return 0
