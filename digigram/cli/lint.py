"""`digigram lint FILE…`: item-writing rules for framework authors, each finding with its line and why."""

from __future__ import annotations

import argparse
import sys

from digigram.core.i18n import N_
from digigram.core.lint import lint_file
from digigram.core.yamlnodes import Unreadable

HELP = "check the items of framework files against item-writing rules (warnings pass, errors exit 2)"
USES_DATABASE = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE", help="framework YAML files to lint")
    parser.add_argument("--errors-only", action="store_true", help="print errors, not warnings")


def run(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None) or "en"
    status = 0
    for path in args.paths:
        try:
            report = lint_file(path)
        except Unreadable as exc:
            # The reason in the reader's language ("Файл не знайдено."), never the system's English.
            status = 2
            reason = " ".join(problem.message(lang) for problem in exc.problems)
            message = N_("cannot read the file: {reason}", reason=reason)
            print(f"{path}:0: {message.render(lang)}", file=sys.stderr)
            continue
        for finding in report.findings:
            if finding.severity == "error" or not args.errors_only:
                print(finding.format(path, lang))
        for line in report.summary(path, lang):
            print(line)
        if report.errors:
            status = 2
    return status
