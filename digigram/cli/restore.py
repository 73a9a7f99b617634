"""`digigram restore [N]`: list the database backups, or put backup N back, keeping the current file aside."""

from __future__ import annotations

import argparse

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.core.i18n import N_

HELP = "list database backups, or restore one (the current file is kept aside)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", nargs="?", type=int, metavar="N",
                        help="the backup to restore, as numbered in the list (1 = newest)")


def run(args: argparse.Namespace) -> int:
    from digigram.store import backup  # SQLAlchemy only when restoring

    lang = args.lang
    if getattr(args, "database", None):
        raise StorageError(
            N_("Restore works on the data folder's database; for --database URL use that database's own "
               "tools."),
        )
    folder = paths.data_dir_from_args(args)
    backups = backup.list_backups(paths.backup_dir(folder))
    if not backups:
        print(N_("There are no backups in {folder}.", folder=paths.backup_dir(folder)).render(lang))
        return 1
    if args.number is None:
        print(N_("Backups (newest first):").render(lang))
        for n, item in enumerate(backups, start=1):
            when = item.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            print(f"  {n}. {when}  {item.reason:<8} {item.size // 1024} KB  {item.path.name}")
        print(N_("To restore one, run `digigram restore N`.").render(lang))
        return 0
    if not 1 <= args.number <= len(backups):
        raise StorageError(N_("There is no backup number {number} (there are 1–{count}).",
                              number=args.number, count=len(backups)))
    chosen = backups[args.number - 1]
    db = paths.database_path(folder)
    aside = backup.restore(db, chosen.path)
    print(N_("Restored {backup} to {database}.", backup=chosen.path.name, database=db).render(lang))
    if aside is not None:
        print(N_("The previous file was kept as {aside}.", aside=aside).render(lang))
    return 0
