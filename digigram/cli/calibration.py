"""`digigram calibration FILE`: which items are calibrated, on how many answers, which are flagged."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "show a framework file's calibration state: calibrated items, their answers and flags"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="FILE", help="a framework file (a calibrated NEW.yaml or any other)")
    parser.add_argument("--all", action="store_true", help="list every item, not only the flagged ones")


def run(args: argparse.Namespace) -> int:
    from digigram.cli.validate import KIND_WORDS
    from digigram.core.calibration.diagnostics import flag_words
    from digigram.core.i18n import N_, NP_, format_count, tr
    from digigram.services.calibration import calibration_state, record_path

    lang = args.lang
    state = calibration_state(Path(args.path))
    fw, items, rec = state.framework, state.items, state.record
    cal = len(state.calibrated)
    print(tr(lang, N_("{path}: {id} {version} — {items} scored items: {calibrated} with calibrated "
                      "parameters, {provisional} provisional (from level and kind).", path=args.path,
                      id=fw.id, version=fw.version, items=len(items), calibrated=cal,
                      provisional=len(items) - cal)))
    if rec is None:
        print(tr(lang, N_("No calibration record ({name}) beside the file: answer counts and flags unknown.",
                          name=record_path(Path(args.path)).name)))
        return 0
    print(tr(lang, NP_("Calibrated {date}: version {old} → {new}, {attempts} finished checks, {answers} "
                       "answers, at least {count} answer per item.",
                       "Calibrated {date}: version {old} → {new}, {attempts} finished checks, {answers} "
                       "answers, at least {count} answers per item.", int(rec["min_responses"]),
                       date=rec["date"], old=rec["from_version"], new=rec["version"],
                       attempts=format_count(rec["attempts"], lang),
                       answers=format_count(rec["answers"], lang))))
    flagged = state.flagged
    print(tr(lang, N_("Flagged items: {count}.", count=len(flagged))))
    kinds = {kind: tr(lang, word) for kind, word in KIND_WORDS.items()}
    width = max(map(len, kinds.values()))
    for s in items if args.all else flagged:
        n = "—" if s.n is None else str(s.n)
        status = tr(lang, N_("calibrated") if s.calibrated else N_("provisional"))
        kind = kinds.get(s.kind, s.kind)
        flags = flag_words(s.flags, lang, s.unused)
        print(f"  {s.item_id:<12} {kind:<{width}} n={n:<6} {status:<12} {flags}")
    return 0
