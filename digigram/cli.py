"""The `digigram` command: sub-commands for terminals and scripts, or the desktop app with none."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from digigram import __version__
from digigram.commands import COMMANDS
from digigram.core.errors import DigigramError
from digigram.core.i18n import normalise


def common_options() -> argparse.ArgumentParser:
    """Options every sub-command accepts, before or after its name."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--lang", choices=("uk", "en"), default=argparse.SUPPRESS,
        help="language of messages (default: the system locale)",
    )
    parent.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS,
        help="folder for the database and backups (default: DIGIGRAM_DATA_DIR, "
        "else the per-user data folder)",
    )
    parent.add_argument(
        "--database", metavar="URL", default=argparse.SUPPRESS,
        help="an SQLAlchemy database URL instead of the data folder's database",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="digigram",
        description="Digigram: digital-competence check and development plan for librarians. "
        "With no command it opens the desktop app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"digigram {__version__}")
    parser.add_argument(
        "--self-test", action="store_true",
        help="check this copy of Digigram on a temporary database (no window) and exit 0 or 1",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"digigram.commands.{name}")
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP, parents=[common])
        module.add_arguments(cmd)
        cmd.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    # The desktop app defaults to Ukrainian or the saved choice, so it needs to know whether
    # --lang was given; terminal commands fall back to the system locale.
    args.lang_explicit = hasattr(args, "lang")
    args.lang = normalise(getattr(args, "lang", None))
    module = getattr(args, "_module", None)
    try:
        if module is None and getattr(args, "self_test", False):
            from digigram import selftest

            return selftest.run(args.lang)
        if module is None:
            gui = importlib.import_module("digigram.app")
            return int(gui.main(args))
        return int(module.run(args))
    except DigigramError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
