"""`digigram calibration FILE`: which items are calibrated, on how many answers, which are flagged."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "show a framework file's calibration state: calibrated items, their answers and flags"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="FILE", help="a framework file (a calibrated NEW.yaml or any other)")
    parser.add_argument("--all", action="store_true", help="list every item, not only the flagged ones")


def run(args: argparse.Namespace) -> int:
    from digigram.core.calibration.diagnostics import flag_words
    from digigram.services.calibration import calibration_state, record_path

    uk = args.lang == "uk"
    state = calibration_state(Path(args.path))
    fw, items, rec = state.framework, state.items, state.record
    cal = len(state.calibrated)
    if uk:
        print(f"{args.path}: {fw.id} {fw.version} — завдань з оцінкою {len(items)}: з каліброваними "
              f"параметрами {cal}, з попередніми (за рівнем і типом) {len(items) - cal}.")
    else:
        print(f"{args.path}: {fw.id} {fw.version} — {len(items)} scored items: {cal} with calibrated "
              f"parameters, {len(items) - cal} provisional (from level and kind).")
    if rec is None:
        where = record_path(Path(args.path))
        if uk:
            print(f"Запису калібрування ({where.name}) поруч немає: кількість відповідей і позначки "
                  "невідомі.")
        else:
            print(f"No calibration record ({where.name}) beside the file: answer counts and flags unknown.")
        return 0
    print((f"Калібрування {rec['date']}: версія {rec['from_version']} → {rec['version']}, "
           f"{rec['attempts']} завершених перевірок, {rec['answers']} відповідей, "
           f"поріг {rec['min_responses']} відповідей на завдання.") if uk else
          (f"Calibrated {rec['date']}: version {rec['from_version']} → {rec['version']}, "
           f"{rec['attempts']} finished checks, {rec['answers']} answers, "
           f"at least {rec['min_responses']} answers per item."))
    flagged = state.flagged
    print(f"Позначено завдань: {len(flagged)}." if uk else f"Flagged items: {len(flagged)}.")
    shown = items if args.all else flagged
    for s in shown:
        n = "—" if s.n is None else str(s.n)
        if uk:
            status = "калібр." if s.calibrated else "попер."
        else:
            status = "calibrated" if s.calibrated else "provisional"
        print(f"  {s.item_id:<12} {s.kind:<12} n={n:<6} {status:<12} {flag_words(s.flags, args.lang)}")
    return 0
