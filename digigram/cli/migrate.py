"""`digigram migrate`: create Digigram's tables in a database, or bring them up to date.

A regional PostgreSQL database is set up this way by its owner role (docs/regional.md, section 2): the
commands that only read, and the app, never create or change a server's tables themselves.
"""

from __future__ import annotations

import argparse

HELP = "create the database's tables or bring them up to date (a regional database: as its owner role)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options of its own: --data-dir or --database name the database


def run(args: argparse.Namespace) -> int:
    from digigram.cli.quiz import holding_the_data
    from digigram.core import paths
    from digigram.core.i18n import N_
    from digigram.store import migrate
    from digigram.store.startup import open_store, shown_address

    lang = args.lang
    url = getattr(args, "database", None)
    if url:
        folder, where = None, shown_address(url)
    else:
        folder = paths.data_dir_from_args(args)
        where = str(paths.database_path(folder))
    with holding_the_data(args):
        store = open_store(data_dir=folder, database_url=url)
        store.close()
    revision = migrate.head()
    if store.set_up == "created":
        said = N_("The database {where} is set up: Digigram's tables are created (schema {revision}).",
                  where=where, revision=revision)
    elif store.set_up == "upgraded":
        said = N_("The database {where} is brought up to date (schema {revision}).", where=where,
                  revision=revision)
    else:
        said = N_("The database {where} is up to date (schema {revision}); nothing was changed.", where=where,
                  revision=revision)
    print(said.render(lang))
    if url and store.set_up and not url.startswith("sqlite"):
        print(N_("Now give the importer and analyst roles their rights: the GRANTs of docs/regional.md "
                 "(section 2, “Database and roles”).").render(lang))
    return 0
