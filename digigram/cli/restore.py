"""`digigram restore [N]`: list the database backups, or put backup N back, keeping the current file aside."""

from __future__ import annotations

import argparse
from pathlib import Path

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.core.i18n import N_, format_count

HELP = "list database backups, or restore one (the coordinator password first, once one is set)"
# Why each backup was made, as its file name records it, in the reader's words.
REASONS = {
    "start": N_("at start"), "bundle": N_("before an import"), "manual": N_("by hand"),
    "self-test": N_("self-test"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", nargs="?", type=int, metavar="N",
                        help="the backup to restore, as numbered in the list (1 = newest)")


def run(args: argparse.Namespace) -> int:
    from digigram.store.startup import refuse_a_file, refuse_a_folder

    if getattr(args, "database", None):
        raise StorageError(
            N_("Restore works on the data folder's database; for --database URL use that database's own "
               "tools."),
        )
    folder = paths.data_dir_from_args(args)
    refuse_a_file(folder)
    refuse_a_folder(paths.database_path(folder))  # never moved aside as if it were a database file
    if args.number is None:
        return _list_or_restore(args, folder)
    # Restored under an open window, the window would go on writing into the file put aside: the data's
    # claim is held from before the password is asked until the file is back.
    from digigram.cli.quiz import holding_the_data

    with holding_the_data(args, in_window=False):  # the window puts a backup back only at a start
        return _list_or_restore(args, folder)


def _list_or_restore(args: argparse.Namespace, folder: Path) -> int:
    from digigram.store import backup  # SQLAlchemy only when restoring

    lang = args.lang
    db = paths.database_path(folder)
    backups = backup.list_backups(paths.backup_dir(folder))
    asides = backup.list_asides(db)
    if args.number is None and asides:
        print(N_("Files kept aside by earlier restores:").render(lang))
        for path in asides:
            print(f"  {path}")
    if not backups:
        print(N_("There are no backups in {folder}.", folder=paths.backup_dir(folder)).render(lang))
        return 1
    if args.number is None:
        print(N_("Backups (newest first):").render(lang))
        whys = [REASONS[b.reason].render(lang) if b.reason in REASONS else b.reason for b in backups]
        width = max(len(why) for why in whys)
        for n, (item, why) in enumerate(zip(backups, whys, strict=True), start=1):
            when = item.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            size = N_("{kb} KB", kb=format_count(item.size // 1024, lang)).render(lang)
            print(f"  {n}. {when}  {why:<{width}}  {size:>11}  {item.path.name}")
        print(N_("To restore one, run `digigram restore N`.").render(lang))
        return 0
    if not 1 <= args.number <= len(backups):
        raise StorageError(N_("There is no backup number {number} (there are 1–{count}).",
                              number=args.number, count=len(backups)))
    chosen = backups[args.number - 1]
    backup.check_restorable(db, chosen.path)  # no password asked for a restore that cannot be done
    _check_password(db, lang=lang)
    aside = backup.restore(db, chosen.path)
    print(N_("Restored {backup} to {database}.", backup=chosen.path.name, database=db).render(lang))
    if aside is not None:
        print(N_("The previous file was kept as {aside} (the last {keep} are kept).",
                 aside=aside, keep=backup.KEEP_ASIDE).render(lang))
    return 0


def _check_password(db: object, *, lang: str) -> None:
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
    password = read_secret(N_("Coordinator password: ").render(lang))
    verify(vault, password or "")
