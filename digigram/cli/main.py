"""The `digigram` command: sub-commands for terminals and scripts, or the desktop app with none."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import NoReturn

from digigram import __version__
from digigram.cli import COMMANDS
from digigram.core.errors import DigigramError
from digigram.core.i18n import normalise

# argparse's own messages, which Python ships in English only, as a Ukrainian user should read them.
_UK_ERRORS = (
    (r"the following arguments are required: (.*)", r"бракує обовʼязкових аргументів: \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
     r"аргумент \1: значення \2 не годиться (можна: \3)"),
    (r"argument (\S+): invalid int value: (.*)", r"аргумент \1: потрібне ціле число, а не \2"),
    (r"argument (\S+): invalid float value: (.*)", r"аргумент \1: потрібне число, а не \2"),
    (r"argument (\S+): expected one argument", r"аргумент \1: бракує значення"),
    (r"unrecognized arguments: (.*)", r"невідомі аргументи: \1"),
    (r"ambiguous option: (\S+) could match (.*)", r"неоднозначний параметр \1: підходять \2"),
)


def ukrainian_error(message: str) -> str:
    """An argparse error message in Ukrainian (the English kept, in brackets, when not known)."""
    for pattern, replacement in _UK_ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return f"неправильні аргументи ({message})"


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistyped command line in the user's language."""

    lang: str | None = None  # from the raw arguments, set before parsing: the namespace is not built yet

    def error(self, message: str) -> NoReturn:
        if normalise(Parser.lang) != "uk":
            super().error(message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: помилка: {ukrainian_error(message)}\n"
                     f"Довідка: {self.prog} --help\n")


def _raw_lang(argv: Sequence[str]) -> str | None:
    """The --lang value as typed, before argparse has checked anything."""
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
    return None


def common_options(*, database: bool = True) -> Parser:
    """Options every sub-command accepts, before or after its name; the data folder's only for commands
    that read the database (a command's help offers no option it would ignore)."""
    parent = Parser(add_help=False)
    parent.add_argument(
        "--lang", choices=("uk", "en"), default=argparse.SUPPRESS,
        help="language of messages (default: the system locale)",
    )
    if not database:
        return parent
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
    parser = Parser(
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
    without_database = common_options(database=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"digigram.cli.{name}")
        parent = common if getattr(module, "USES_DATABASE", True) else without_database
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP, parents=[parent])
        module.add_arguments(cmd)
        cmd.set_defaults(_module=module)
    return parser


def _print_whatever_the_code_page() -> None:
    """On Windows a console, or a file output is redirected to, takes the system's code page: cp1251 on a
    Ukrainian PC, which has no ʼ, → or narrow no-break space. A character it lacks is written as "?"
    rather than ending the command with a traceback after its work is done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="replace")


def main(
    argv: Sequence[str] | None = None, *, desktop: Callable[[argparse.Namespace], int] | None = None
) -> int:
    """Run the command line; with no sub-command, `desktop` opens the app (the entry point passes it)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _print_whatever_the_code_page()
    Parser.lang = _raw_lang(args_list)
    parser = build_parser()
    if normalise(Parser.lang) == "uk":
        from digigram.cli.help_uk import translate_parser

        translate_parser(parser)
    args = parser.parse_args(args_list)
    # The desktop app defaults to Ukrainian or the saved choice, so it needs to know whether
    # --lang was given; terminal commands fall back to the system locale.
    args.lang_explicit = hasattr(args, "lang")
    args.lang = normalise(getattr(args, "lang", None))
    try:
        code = _dispatch(args, desktop)
        _flush_out()  # a closed pipe or a full disk shows here, not after main() has returned
        return code
    except DigigramError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`digigram export … | head`): stop quietly, and keep Python from
        # failing again when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _flush_out() -> None:
    """A closed pipe or a full disk shows here, said in words (cli.output), not after main() returned."""
    from digigram.cli.output import flush_out

    flush_out()


def _dispatch(args: argparse.Namespace, desktop: Callable[[argparse.Namespace], int] | None) -> int:
    """Run the sub-command, the self-test or the desktop app the command line asks for."""
    module = getattr(args, "_module", None)
    if module is None and getattr(args, "self_test", False):
        from digigram.cli import selftest

        return selftest.run(args.lang)
    if module is None:
        if desktop is None:
            raise RuntimeError("the desktop app is opened through digigram.__main__.main")
        return int(desktop(args))
    from digigram.cli.output import refusals_in_words

    with _stopped_like_ctrl_c(), refusals_in_words():
        return int(module.run(args))


@contextlib.contextmanager
def _stopped_like_ctrl_c() -> Iterator[None]:
    """A closed terminal (SIGHUP) or `kill` (SIGTERM) stops a command the way Ctrl+C does: its temporary
    files are removed (a sync's bundle holds every trainee's results) and its transaction rolled back,
    instead of the process vanishing and leaving them behind."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    kept = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            kept[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in kept.items():
            signal.signal(number, handler)
