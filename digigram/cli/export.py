"""`digigram export --person NAME`: everything stored about one person, as JSON on standard output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from digigram.cli.quiz import open_workspace, read_secret
from digigram.core.errors import DigigramError, StorageError
from digigram.core.i18n import N_, Message

HELP = "print everything stored about one person as JSON (their PIN or the coordinator password first)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--person", required=True, metavar="NAME", help="the person's name")
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")
    parser.add_argument("--coordinator", action="store_true",
                        help="open the person with the coordinator password instead of their PIN")


def _say(lang: str, text: Message) -> str:
    return text.render(lang)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    with open_workspace(args) as ws:
        person = ws.find_person(args.person)
        if person is None:
            raise StorageError(N_("There is nobody named {person!r} (see `digigram people`).",
                                  person=args.person))
        data: dict[str, Any]
        # Prompts go to standard error: standard output carries only the JSON.
        if args.coordinator:
            password = read_secret(_say(lang, N_("Coordinator password: ")),
                                   out=sys.stderr)
            coordinator = ws.unlock_coordinator(password or "")
            data = coordinator.export_person_data(person.id)
        else:
            if person.has_pin:
                pin = read_secret(_say(lang, N_("PIN: ")), out=sys.stderr)
                if pin is None or not ws.check_pin(person.id, pin):
                    raise DigigramError(
                        N_("The PIN does not match; nothing was printed. The coordinator can open the "
                           "data with the password: --coordinator."),
                    )
            data = ws.export_person(person.id)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
