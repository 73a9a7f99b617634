"""`digigram people`: list the people in the database with their attempts."""

from __future__ import annotations

import argparse
from typing import Any

from digigram.cli.quiz import open_workspace

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
            history = ws.history(person.id)
            finished = sum(a.status == "finished" for a in history)
            open_ = sum(a.status == "in_progress" for a in history)
            hub = f" ({person.hub})" if person.hub else ""
            profile = _profile_name(ws.framework, person.profile_id, args.lang)
            if uk:
                print(f"{person.name}{hub}: профіль {profile}, завершено {finished}, незавершено {open_}")
            else:
                print(f"{person.name}{hub}: profile {profile}, {finished} finished, {open_} unfinished")
    return 0


def _profile_name(framework: Any, profile_id: str | None, lang: str) -> str:
    """The role's name in `lang`; the id only for a role the framework no longer has."""
    if not profile_id:
        return "—"
    try:
        return str(framework.profile(profile_id).name.get(lang))
    except KeyError:
        return profile_id
