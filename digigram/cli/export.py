"""`digigram export --person NAME`: everything stored about one person, as JSON on standard output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from digigram.cli.output import write_out
from digigram.cli.quiz import open_workspace, person_named, read_secret
from digigram.core.errors import DigigramError
from digigram.core.i18n import N_

HELP = "print everything stored about one person as JSON (their PIN or the coordinator password first)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--person", required=True, metavar="NAME",
                        help="the person's name, or their id when people in one hub share the name")
    parser.add_argument("--hub", metavar="HUB",
                        help="the person's hub (its name or id), when people in several hubs share the name")
    parser.add_argument("--region", metavar="CODE",
                        help="with --hub: the hub's region, such as UA-46, when hubs in several regions "
                             "share the name")
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")
    parser.add_argument("--coordinator", action="store_true",
                        help="open the person with the coordinator password instead of their PIN")



def run(args: argparse.Namespace) -> int:
    lang = args.lang
    with open_workspace(args, reading_only=True) as ws:
        person = person_named(ws, args.person, args.hub, args.region)
        data: dict[str, Any]
        # Prompts go to standard error: standard output carries only the JSON.
        if args.coordinator:
            password = read_secret(N_("Coordinator password: ").render(lang),
                                   out=sys.stderr)
            coordinator = ws.unlock_coordinator(password or "")
            data = coordinator.export_person_data(person.id)
        else:
            if person.has_pin:
                pin = read_secret(N_("PIN: ").render(lang), out=sys.stderr)
                if pin is None or not ws.check_pin(person.id, pin):
                    raise DigigramError(
                        N_("The PIN does not match; nothing was printed. The coordinator can open the "
                           "data with the password: --coordinator."),
                    )
            data = ws.export_person(person.id)
    # Made whole first: a disk that fills up is said as such (output.write_out), not as a traceback.
    write_out(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0
