"""`digigram people`: list the people in the database; details only of those without a PIN."""

from __future__ import annotations

import argparse
from typing import Any

from digigram.cli.quiz import open_workspace
from digigram.core.i18n import N_
from digigram.core.limits import printable

HELP = "list the people stored in the database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    with open_workspace(args, reading_only=True) as ws:
        people = ws.people()
        if not people:
            print(N_("Nobody is stored yet.").render(lang))
            return 0
        for person in people:
            # Names come from typing and from imported bundles: escape codes are shown, never obeyed.
            name = printable(person.name)
            hub = f" ({printable(person.hub)})" if person.hub else ""
            if person.has_pin:
                # How many checks someone took is theirs to tell: the list shows only that a PIN guards it.
                print(N_("{name}{hub}: protected by a PIN", name=name, hub=hub).render(lang))
                continue
            history = ws.history(person.id)
            finished = sum(a.status == "finished" for a in history)
            open_ = sum(a.status == "in_progress" for a in history)
            profile = printable(_profile_name(ws.framework, person.profile_id, lang))
            print(N_("{name}{hub}: role {profile}, {finished} finished, {open} unfinished",
                     name=name, hub=hub, profile=profile, finished=finished, open=open_).render(lang))
    return 0


def _profile_name(framework: Any, profile_id: str | None, lang: str) -> str:
    """The role's name in `lang`; the id only for a role the framework no longer has."""
    if not profile_id:
        return "—"
    try:
        return str(framework.profile(profile_id).name.get(lang))
    except KeyError:
        return profile_id
