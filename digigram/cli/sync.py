"""`digigram sync --database URL`: push this PC's finished checks and plans to a regional database."""

from __future__ import annotations

import argparse
import sys

HELP = "push what a regional database lacks (coordinator password required; --database names the region)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")


def run(args: argparse.Namespace) -> int:
    from digigram.cli.bundle import NAMES, _secret, progress_lines, say_stopped
    from digigram.core import paths
    from digigram.core.errors import DigigramError
    from digigram.core.i18n import N_, format_count
    from digigram.services import sync
    from digigram.services.workspace import Workspace

    lang = args.lang
    target = getattr(args, "database", None)
    if not target:
        raise DigigramError(N_("Name the regional database: --database URL, as the region's administrator "
                               "gave it."))
    password = _secret(N_("Coordinator password: ").render(lang), lang, N_("coordinator password"))
    stages = {sync.CONNECTING: N_("Connecting to the regional database…"),
              sync.PREPARING: N_("Preparing what to send…")}
    records = progress_lines(lang)

    def progress(kind: str, done: int, total: int) -> None:
        if kind in stages:
            print(stages[kind].render(lang), file=sys.stderr, flush=True)
        else:
            records(kind, done, total)

    # This PC's data folder is the source; --database here names the region, not this PC's database. It is
    # only read, so a write-protected copy of a hub's folder is pushed all the same.
    with Workspace.open(data_dir=paths.data_dir_from_args(args),
                        framework_path=getattr(args, "framework", None), existing=True,
                        reading_only=True) as ws:
        co = ws.unlock_coordinator(password)
        try:
            report = co.sync_to(target, lang=lang, progress=progress)
        except KeyboardInterrupt:
            # Ctrl+C (or the terminal closed): the import is one transaction, so say so and how to finish.
            say_stopped(N_("The sync was cancelled. {rest}", rest=sync.NOTHING_HALF_WRITTEN), lang)
            return 130
    print(N_("Pushed to the regional database:").render(lang))
    for kind, name in NAMES.items():
        added, same = report.added[kind], report.unchanged[kind]
        print(N_("  {name}: {added} new, {same} already there",
                 name=name, added=format_count(added, lang), same=format_count(same, lang)).render(lang))
    for warning in report.warnings:
        print(N_("Warning: {warning}", warning=warning).render(lang))
    return 0
