"""`digigram password`: set the first coordinator password, or change it after the current one.

The first password is set here, not in the window, on a computer where people protect their results
with a PIN: in the window, whoever sat at the keyboard could make themselves the coordinator and open
those results (Workspace.first_password_guarded).
"""

from __future__ import annotations

import argparse
import sys

from digigram.cli.quiz import open_workspace, read_secret
from digigram.core.errors import DigigramError
from digigram.core.i18n import N_

HELP = "set the coordinator password: the first one, or a new one after the current one"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options of its own: --data-dir or --database name whose password it is


def _new_password(lang: str | None) -> str:
    first = read_secret(N_("New coordinator password: ").render(lang))
    again = read_secret(N_("The same password again: ").render(lang))
    if not first or first != again:
        raise DigigramError(N_("The two passwords differ (or none was typed); nothing was changed."))
    return first


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    with open_workspace(args) as ws:
        if ws.coordinator_password_set():
            current = read_secret(N_("Current coordinator password: ").render(lang))
            coordinator = ws.unlock_coordinator(current or "")
            coordinator.change_password(current or "", _new_password(lang))
            print(N_("The coordinator password is changed.").render(lang))
            return 0
        if ws.first_password_guarded():
            print(N_("Some people on this computer protect their results with a PIN. The coordinator "
                     "password set now opens their results too: tell them who holds it.").render(lang),
                  file=sys.stderr)
        ws.set_coordinator_password(_new_password(lang))
    print(N_("The coordinator password is set. Coordinator mode opens with it in the Digigram window "
             "(«Coordinator»).").render(lang))
    return 0
