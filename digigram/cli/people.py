"""`digigram people`: list the people in the database with their attempts."""

from __future__ import annotations

import argparse

from digigram.cli.quiz import open_workspace
from digigram.core.i18n import N_

HELP = "list the people stored in the database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    with open_workspace(args) as ws:
        people = ws.people()
        if not people:
            print(N_("Nobody is stored yet.").render(lang))
            return 0
        for person in people:
            history = ws.history(person.id)
            finished = sum(a.status == "finished" for a in history)
            open_ = sum(a.status == "in_progress" for a in history)
            hub = f" ({person.hub})" if person.hub else ""
            profile = person.profile_id or "—"
            print(N_("{name}{hub}: profile {profile}, {finished} finished, {open} unfinished",
                     name=person.name, hub=hub, profile=profile, finished=finished, open=open_).render(lang))
    return 0
