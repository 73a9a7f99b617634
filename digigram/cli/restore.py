"""`digigram restore [N]`: list the database backups, or put backup N back, keeping the current file aside."""

from __future__ import annotations

import argparse

from digigram.core import paths
from digigram.core.errors import StorageError

HELP = "list database backups, or restore one (the current file is kept aside)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", nargs="?", type=int, metavar="N",
                        help="the backup to restore, as numbered in the list (1 = newest)")


def run(args: argparse.Namespace) -> int:
    from digigram.store import backup  # SQLAlchemy only when restoring

    uk = args.lang == "uk"
    if getattr(args, "database", None):
        raise StorageError(
            uk="Відновлення працює з базою в теці даних; для --database URL скористайтеся "
            "засобами цієї бази.",
            en="Restore works on the data folder's database; for --database URL use that "
            "database's own tools.",
        )
    folder = paths.data_dir_from_args(args)
    backups = backup.list_backups(paths.backup_dir(folder))
    if not backups:
        print(f"У {paths.backup_dir(folder)} немає резервних копій." if uk
              else f"There are no backups in {paths.backup_dir(folder)}.")
        return 1
    if args.number is None:
        print("Резервні копії (найновіша перша):" if uk else "Backups (newest first):")
        for n, item in enumerate(backups, start=1):
            when = item.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            print(f"  {n}. {when}  {item.reason:<8} {item.size // 1024} KB  {item.path.name}")
        print("Щоб відновити копію, виконайте `digigram restore N`." if uk
              else "To restore one, run `digigram restore N`.")
        return 0
    if not 1 <= args.number <= len(backups):
        raise StorageError(uk=f"Копії з номером {args.number} немає (є 1–{len(backups)}).",
                           en=f"There is no backup number {args.number} (there are 1–{len(backups)}).")
    chosen = backups[args.number - 1]
    db = paths.database_path(folder)
    aside = backup.restore(db, chosen.path)
    if uk:
        print(f"Відновлено {chosen.path.name} у {db}.")
        if aside is not None:
            print(f"Попередній файл збережено як {aside}.")
    else:
        print(f"Restored {chosen.path.name} to {db}.")
        if aside is not None:
            print(f"The previous file was kept as {aside}.")
    return 0
