"""`digigram delete --person NAME`: erase one person with all their data (coordinator password first)."""

from __future__ import annotations

import argparse
import sys

from digigram.cli.quiz import open_workspace, person_named, read_secret
from digigram.core.i18n import N_

HELP = "erase one person with all their answers, results and plans (coordinator password required)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--person", required=True, metavar="NAME",
                        help="the person's name, or their id when people in one hub share the name")
    parser.add_argument("--hub", metavar="HUB",
                        help="the person's hub (its name or id), when people in several hubs share the name")
    parser.add_argument("--region", metavar="CODE",
                        help="with --hub: the hub's region, such as UA-46, when hubs in several regions "
                             "share the name")


def run(args: argparse.Namespace) -> int:
    from digigram.services.coordinator.mode import BACKUPS_NOTE

    lang = args.lang
    with open_workspace(args) as ws:
        person = person_named(ws, args.person, args.hub, args.region)
        password = read_secret(N_("Coordinator password: ").render(lang))
        coordinator = ws.unlock_coordinator(password or "")
        if ws.database_path is not None:  # overwriting the freed bytes can rebuild the whole file:
            # 13 s for a region's 1.2 GB here (on PostgreSQL the server's own vacuum frees them, later)
            print(N_("Erasing, and overwriting the data in the database file (on a large database this "
                     "can take a minute)…").render(lang), file=sys.stderr, flush=True)
        coordinator.delete_person(person.id)
    print(N_("All of this person's data was erased.").render(lang))
    print(BACKUPS_NOTE.render(lang))
    return 0
