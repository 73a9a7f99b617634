"""`digigram report`: the programme's picture for a region, a hub or everyone, as a PDF or a CSV."""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

HELP = "the programme's figures (self-rating before/after, levels, gaps, hardest questions) as PDF or CSV"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", metavar="R", help="only this region: its code (UA-46) or name")
    parser.add_argument("--hub", metavar="H", help="only this hub: its id or exact name")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="only checks finished on or after this day")
    parser.add_argument("--min-answers", type=int, default=None, metavar="N",
                        help="answers a question needs to be listed among the hardest (default: 30)")
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")
    parser.add_argument("--out", metavar="FILE", required=True, help="where to write: FILE.pdf or FILE.csv")


def run(args: argparse.Namespace) -> int:
    from digigram.cli.bundle import _since
    from digigram.cli.quiz import open_workspace
    from digigram.core.errors import DigigramError
    from digigram.core.i18n import N_, format_count, format_number, format_percent
    from digigram.core.programme import HARD_MIN_ANSWERS

    lang = args.lang
    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".csv"):  # said before the database is opened
        raise DigigramError(N_("The report is written as .pdf or .csv, not “{name}”.", name=out.name))
    _check_folder(out)
    if args.min_answers is not None and args.min_answers < 1:
        raise DigigramError(N_("--min-answers must be 1 or more."))
    since = _since(args.since)
    started = time.perf_counter()
    # matplotlib, its PDF backend and the fonts load while this thread waits on the database.
    ready = threading.Thread(target=_prepare_pdf, name="report-prepare", daemon=True)
    if out.suffix.lower() == ".pdf":
        ready.start()
    with open_workspace(args, reading_only=True) as ws:
        filters = ws.programme_filter(region=args.region, hub=args.hub, since=since)
        picture = ws.programme(filters, min_answers=args.min_answers or HARD_MIN_ANSWERS)
        if ready.is_alive():
            ready.join()
        from digigram.services.programme_report import write_report

        write_report(out, picture, ws.framework, ws.regions(), ws.hubs(), lang=lang)
    head = picture.headline
    seconds = format_number(time.perf_counter() - started, lang)
    if head.before.value is None or head.after.value is None:
        # As the Programme tab says it: a row of dashes would read like a broken report. Said as what the
        # comparison needs, which holds whatever is missing (a later check, one late enough, or a skipped
        # self-rating): people checked twice are never said to be unchecked.
        print(N_("Written {path}: trainees {trainees}, checks {checks}; no one has a first check and a later "
                 "one at least {days} days on, both with a self-rating, so there is nothing to compare yet; "
                 "{seconds} s.",
                 path=out, trainees=format_count(picture.trainees, lang),
                 checks=format_count(picture.checks, lang), days=head.after_days,
                 seconds=seconds).render(lang))
        return 0
    print(N_("Written {path}: trainees {trainees}, checks {checks}; rate themselves 7–10: {before} → {after} "
             "({people} people with a first and a later check); {seconds} s.",
             path=out, trainees=format_count(picture.trainees, lang),
             checks=format_count(picture.checks, lang),
             before=format_percent(head.before.value, lang), after=format_percent(head.after.value, lang),
             people=format_count(head.before.n, lang), seconds=seconds).render(lang))
    return 0


def _check_folder(out: Path) -> None:
    """Where the report goes, said before the database is read, in the reader's language: the system's
    "No such file or directory" came in English, after the whole report had been worked out."""
    import os

    from digigram.core.errors import DigigramError
    from digigram.core.i18n import N_

    folder = out.parent
    if not folder.is_dir():
        raise DigigramError(N_("The folder {folder} does not exist: create it first or write the report "
                               "somewhere else.", folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DigigramError(N_("The folder {folder} cannot be written to: write the report somewhere else.",
                               folder=folder))
    if out.is_dir():
        raise DigigramError(N_("{path} is a folder: give the report a file name in it, such as {example}.",
                               path=out, example=out / ("programme" + out.suffix.lower())))


def _prepare_pdf() -> None:
    try:
        from digigram.charts.warm import prepare_pdf

        prepare_pdf()
    except Exception:  # only a head start: writing the report loads the same and says what failed
        return
