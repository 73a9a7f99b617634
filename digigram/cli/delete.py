"""`digigram delete --person NAME`: erase one person with all their data (coordinator password first)."""

from __future__ import annotations

import argparse

from digigram.cli.quiz import open_workspace, read_secret
from digigram.core.errors import StorageError

HELP = "erase one person with all their answers, results and plans (coordinator password required)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--person", required=True, metavar="NAME", help="the person's name")


def run(args: argparse.Namespace) -> int:
    from digigram.services.coordinator.mode import BACKUPS_NOTE

    uk = args.lang == "uk"
    with open_workspace(args) as ws:
        person = ws.find_person(args.person)
        if person is None:
            raise StorageError(uk=f"Людини з ім'ям «{args.person}» у базі немає (див. `digigram people`).",
                               en=f"There is nobody named {args.person!r} (see `digigram people`).")
        password = read_secret("Пароль координатора: " if uk else "Coordinator password: ")
        coordinator = ws.unlock_coordinator(password or "")
        coordinator.delete_person(person.id)
    print("Видалено всі дані цієї людини." if uk else "All of this person's data was erased.")
    print(BACKUPS_NOTE["uk" if uk else "en"])
    return 0
