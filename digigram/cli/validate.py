"""`digigram validate PATH…`: check framework files and list every problem with its place."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from digigram.core.errors import FrameworkError
from digigram.core.framework import ITEM_KINDS, Framework
from digigram.core.i18n import N_
from digigram.core.lint import overdue_reviews
from digigram.core.loader import load_framework

HELP = "check competency framework files and report every problem with its line and column"
USES_DATABASE = False

# The kinds of question in the reader's words (`digigram validate`, `digigram calibration`).
KIND_WORDS = {
    "self_rating": N_("self_rating"), "knowledge": N_("knowledge"), "scenario": N_("scenario"),
    "attitude": N_("attitude"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="framework YAML files to check")


def summary(path: str, framework: Framework, lang: str) -> str:
    """The one line printed for a valid file."""
    kinds = Counter(item.kind for item in framework.items)
    areas = len(framework.areas)
    competences = sum(len(a.competences) for a in framework.areas)
    items, resources = len(framework.items), len(framework.resources)
    head = f"{path}: {framework.id} {framework.version}"
    by_kind = ", ".join(f"{KIND_WORDS[k].render(lang)} {kinds[k]}" for k in ITEM_KINDS)
    return N_("{head}: ok — {areas} areas, {competences} competences, {items} items ({by_kind}), "
              "{resources} resources", head=head, areas=areas, competences=competences, items=items,
              by_kind=by_kind, resources=resources).render(lang)


def run(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None) or "en"
    status = 0
    for path in args.paths:
        try:
            framework = load_framework(path)
        except FrameworkError as exc:
            status = 2
            for problem in exc.problems:
                print(problem.format(lang), file=sys.stderr)
            continue
        except Exception as exc:  # a bug in the checks must still not show a traceback to an author
            status = 2
            print(f"{path}:0:0: (file): {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        print(summary(path, framework, lang))
        # A passed review date is a warning: the file is still valid, a fact in it may be stale.
        with open(path, "rb") as stream:
            for finding in overdue_reviews(stream.read(), name=path):
                print(finding.format(path, lang), file=sys.stderr)
    return status
