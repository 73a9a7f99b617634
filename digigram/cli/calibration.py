"""`digigram calibration FILE`: which items are calibrated, on how many answers, which are flagged."""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from pathlib import Path

HELP = "show a framework file's calibration state: calibrated items, their answers and flags"
USES_DATABASE = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="FILE", help="a framework file (a calibrated NEW.yaml or any other)")
    parser.add_argument("--all", action="store_true", help="list every item, not only the flagged ones")


def _width() -> int | None:
    """The terminal's columns; None when the output goes to a file or a pipe, which gets one line per
    paragraph and per item whatever window the command ran in, for grep and scripts."""
    return max(shutil.get_terminal_size().columns, 40) if sys.stdout.isatty() else None


def _say(text: str, width: int | None) -> None:
    """A paragraph broken between words, not mid-word where the terminal would break it."""
    print(text if width is None else textwrap.fill(text, width, break_long_words=False,
                                                   break_on_hyphens=False))


def run(args: argparse.Namespace) -> int:
    from digigram.cli.validate import KIND_WORDS
    from digigram.core.calibration.diagnostics import flag_words
    from digigram.core.i18n import N_, NP_, format_count, tr
    from digigram.services.calibration import calibration_state, record_path

    lang = args.lang
    width = _width()
    state = calibration_state(Path(args.path))
    fw, items, rec = state.framework, state.items, state.record
    cal = len(state.calibrated)
    _say(tr(lang, N_("{path}: {id} {version} — {items} scored items: {calibrated} with calibrated "
                     "parameters, {provisional} provisional (from level and kind).", path=args.path,
                     id=fw.id, version=fw.version, items=len(items), calibrated=cal,
                     provisional=len(items) - cal)), width)
    if rec is None:
        _say(tr(lang, N_("No calibration record ({name}) beside the file: answer counts and flags unknown.",
                         name=record_path(Path(args.path)).name)), width)
        return 0
    _say(tr(lang, NP_("Calibrated {date}: version {old} → {new}, {attempts} finished checks, {answers} "
                      "answers, at least {count} answer per item.",
                      "Calibrated {date}: version {old} → {new}, {attempts} finished checks, {answers} "
                      "answers, at least {count} answers per item.", int(rec["min_responses"]),
                      date=rec["date"], old=rec["from_version"], new=rec["version"],
                      attempts=format_count(rec["attempts"], lang),
                      answers=format_count(rec["answers"], lang))), width)
    flagged = state.flagged
    _say(tr(lang, N_("Flagged items: {count}.", count=len(flagged))), width)
    kinds = {kind: tr(lang, word) for kind, word in KIND_WORDS.items()}
    kind_width = max(map(len, kinds.values()))
    # Flags that would run past the edge go on the next line, under the kind, broken between flags or
    # words, so that every line fits and the columns above stay aligned.
    indent = " " * 15
    for s in items if args.all else flagged:
        n = "—" if s.n is None else str(s.n)
        status = tr(lang, N_("calibrated") if s.calibrated else N_("provisional"))
        kind = kinds.get(s.kind, s.kind)
        flags = flag_words(s.flags, lang, s.unused)
        row = f"  {s.item_id:<12} {kind:<{kind_width}} n={n:<6} {status:<12}"
        if not flags:
            print(row.rstrip())
        elif width is None or len(row) + 1 + len(flags) <= width:
            print(f"{row} {flags}")
        else:
            print(row.rstrip())
            print(textwrap.fill(flags, width, initial_indent=indent, subsequent_indent=indent,
                                break_long_words=False, break_on_hyphens=False))
    return 0
