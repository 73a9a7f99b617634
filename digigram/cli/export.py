"""`digigram export --person NAME`: everything stored about one person, as JSON on standard output."""

from __future__ import annotations

import argparse
import json
import sys

from digigram.cli.quiz import open_workspace
from digigram.core.errors import StorageError
from digigram.core.i18n import N_

HELP = "print everything stored about one person as JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--person", required=True, metavar="NAME", help="the person's name")
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")


def run(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        person = ws.find_person(args.person)
        if person is None:
            raise StorageError(N_("There is nobody named {person!r} (see `digigram people`).",
                                  person=args.person))
        data = ws.export_person(person.id)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
