"""`digigram restore [N]`: list the database backups, or put backup N back, keeping the current file aside."""

from __future__ import annotations

import argparse

from digigram.core import paths
from digigram.core.errors import StorageError

HELP = "list database backups, or restore one (the coordinator password first, once one is set)"


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
    db = paths.database_path(folder)
    backups = backup.list_backups(paths.backup_dir(folder))
    asides = backup.list_asides(db)
    if args.number is None and asides:
        print("Файли, відкладені попередніми відновленнями:" if uk
              else "Files kept aside by earlier restores:")
        for path in asides:
            print(f"  {path}")
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
    _check_password(db, uk=uk)
    chosen = backups[args.number - 1]
    aside = backup.restore(db, chosen.path)
    if uk:
        print(f"Відновлено {chosen.path.name} у {db}.")
        if aside is not None:
            print(f"Попередній файл збережено як {aside} (зберігаються {backup.KEEP_ASIDE} останні).")
    else:
        print(f"Restored {chosen.path.name} to {db}.")
        if aside is not None:
            print(f"The previous file was kept as {aside} (the last {backup.KEEP_ASIDE} are kept).")
    return 0


def _check_password(db: object, *, uk: bool) -> None:
    """Once a coordinator password is set, only the coordinator may put older data back.

    The password and the failure count are read from the vault beside the database, which the
    restore does not replace: an old backup cannot bring back a time without a password.
    """
    from pathlib import Path

    from digigram.cli.quiz import read_secret
    from digigram.services.coordinator.auth import password_is_set, verify
    from digigram.store.vault import VAULT_NAME, FileVault

    assert isinstance(db, Path)
    vault = FileVault(db.with_name(VAULT_NAME))
    if not password_is_set(vault):
        return
    password = read_secret("Пароль координатора: " if uk else "Coordinator password: ")
    verify(vault, password or "")
