"""`digigram people`: list the people in the database; details only of those without a PIN."""

from __future__ import annotations

import argparse

from digigram.cli.quiz import open_workspace
from digigram.core.limits import printable

HELP = "list the people stored in the database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")


def run(args: argparse.Namespace) -> int:
    uk = args.lang == "uk"
    with open_workspace(args) as ws:
        people = ws.people()
        if not people:
            print("У базі ще нікого немає." if uk else "Nobody is stored yet.")
            return 0
        for person in people:
            # Names come from typing and from imported bundles: escape codes are shown, never obeyed.
            name = printable(person.name)
            hub = f" ({printable(person.hub)})" if person.hub else ""
            if person.has_pin:
                # How many checks someone took is theirs to tell: the list shows only that a PIN guards it.
                print(f"{name}{hub}: захищено PIN" if uk else f"{name}{hub}: protected by a PIN")
                continue
            history = ws.history(person.id)
            finished = sum(a.status == "finished" for a in history)
            open_ = sum(a.status == "in_progress" for a in history)
            profile = printable(person.profile_id or "—")
            if uk:
                print(f"{name}{hub}: профіль {profile}, завершено {finished}, незавершено {open_}")
            else:
                print(f"{name}{hub}: profile {profile}, {finished} finished, {open_} unfinished")
    return 0
