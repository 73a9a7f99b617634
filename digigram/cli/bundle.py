"""`digigram bundle export|import`: offline result bundles, coordinator only, signed with the regional key."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from digigram.core.errors import DigigramError
from digigram.core.i18n import N_, Message, format_count
from digigram.core.regions import Hub

if TYPE_CHECKING:
    from digigram.core.coordination import ImportReport

HELP = "export or import an offline result bundle (coordinator password required)"
KEY_FILE_MAX = 4096
NAMES = {
    "people": N_("people"), "frameworks": N_("frameworks"), "attempts": N_("checks"),
    "answers": N_("answers"), "results": N_("area results"), "plans": N_("plans"),
    "plan_steps": N_("plan steps"),
}
# What an import's progress also counts: checks whose results are worked out while it waits for them,
# and (SQLite) the answers and area results checked by a second process while they are written.
COUNTED = {**NAMES, "recomputed": N_("check results"), "answers_checked": N_("answers checked"),
           "results_checked": N_("area results checked")}


# How often a kind's count is said: checks whose results are worked out take far longer each than a record.
STEPS = {"recomputed": 5_000}


def progress_lines(lang: str | None) -> Callable[[str, int, int], None]:
    """An import's progress as lines on the error stream: a heading when the bundle's checking starts and
    when its writing does, then each kind of record every 50,000 (checks' results worked out, every
    5,000) and when it is done. Without it, a
    region's bundle took a minute and more with nothing said."""
    said: dict[str, int] = {}  # the count last said of each kind, in this stage
    finished: set[str] = set()
    stage = [0]  # 0: nothing said yet, 1: checking, 2: writing
    previous = [""]  # the kind heard last: a kind is told done twice in a row when its count ends a batch

    def say(message: Message) -> None:
        print(message.render(lang), file=sys.stderr, flush=True)

    def heard(kind: str, done: int, total: int) -> None:
        if kind not in COUNTED or total == 0:
            return
        if stage[0] == 0:
            say(N_("Checking the bundle…"))
            stage[0] = 1
        elif stage[0] == 1 and kind in finished and kind != previous[0]:  # back after the others: writing
            say(N_("Writing to the database…"))
            stage[0] = 2
            said.clear()
        previous[0] = kind
        if done == total:
            finished.add(kind)
        if said.get(kind) == done or (done != total and done - said.get(kind, 0) < STEPS.get(kind, 50_000)):
            return
        said[kind] = done
        say(N_("  {name}: {done} of {total}", name=COUNTED[kind], done=format_count(done, lang),
               total=format_count(total, lang)))

    return heard


def _key_options(parser: argparse.ArgumentParser, unsigned_help: str) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--key-file", metavar="F",
                       help="file holding the regional key: a passphrase or 64 hex digits "
                       "(default: read it from standard input)")
    group.add_argument("--unsigned", action="store_true", help=unsigned_help)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from digigram.cli.main import common_options  # already loaded: the CLI is what calls this

    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    exp = sub.add_parser("export", parents=[common_options()],
                         help="write finished checks and plans to a bundle file")
    exp.add_argument("--since", metavar="DATE",
                     help="only checks finished and plans saved from DATE (YYYY-MM-DD)")
    exp.add_argument("--hub", metavar="HUB", help="only the people of this hub")
    exp.add_argument("--region", metavar="CODE",
                     help="with --hub: the hub's region, such as UA-46, when hubs in several regions share "
                          "the name")
    exp.add_argument("--out", required=True, metavar="FILE", help="the bundle file to write (.zip)")
    _key_options(exp, "write the bundle without a signature")
    imp = sub.add_parser("import", parents=[common_options()], help="add a bundle's records to this database")
    imp.add_argument("file", metavar="FILE", help="the bundle file (.zip)")
    _key_options(imp, "accept a bundle without a checked signature (a warning is shown)")



def _secret(prompt: str, lang: str, what: Message) -> str:
    """One line from standard input; typed without echo on a terminal."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise DigigramError(N_("No {what} was given.", what=what))
    return line.rstrip("\r\n")


def _key(args: argparse.Namespace) -> bytes | None:
    from digigram.core.bundle.format import regional_key
    from digigram.core.coordination import BundleError

    if args.unsigned:
        return None
    if args.key_file:
        try:
            with open(args.key_file, "rb") as handle:
                data = handle.read(KEY_FILE_MAX + 1)
            text = data.decode("utf-8")
        except FileNotFoundError:
            raise BundleError(N_("There is no key file {key_file}: check the name given with --key-file.",
                                 key_file=args.key_file)) from None
        except IsADirectoryError:
            raise BundleError(N_("{key_file} is a folder, not a key file: give the key file itself with "
                                 "--key-file.", key_file=args.key_file)) from None
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise BundleError(N_("Could not read the key file {key_file}: {exc}.",
                                 key_file=args.key_file, exc=reason)) from exc
        if len(data) > KEY_FILE_MAX:
            raise BundleError(N_("The key file {key_file} is too large: it is not a key file.",
                                 key_file=args.key_file))
        return regional_key(text)
    prompt = N_("Regional key: ").render(args.lang)
    return regional_key(_secret(prompt, args.lang, N_("regional key")))


def _since(text: str | None) -> date | None:
    from digigram.core.coordination import BundleError

    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise BundleError(N_("The date {text!r} is not in the form YYYY-MM-DD (for example 2025-03-01).",
                             text=text),
                          ) from None
    if day > date.today():  # a mistyped year: it selected nothing, and an empty file came out without a word
        raise BundleError(N_("The date {text} is in the future, so nothing was finished on or after it yet. "
                             "Nothing was written: give an earlier day.", text=text))
    return day


def _hub_id(hubs: list[Hub], name: str, region: str | None) -> str:
    """The one hub a name (and region) given on the command line means; bundles select by its id."""
    from digigram.core.coordination import BundleError

    found = [h for h in hubs if h.name == name.strip() and (region is None or h.region_id == region)]
    if not found:
        raise BundleError(N_("There is no hub {name!r} in this database.", name=name))
    if len(found) > 1:
        regions = ", ".join(h.region_id or "—" for h in found)
        raise BundleError(N_("Several hubs are named {name!r} (regions: {regions}); add --region CODE.",
                             name=name, regions=regions))
    return found[0].id


def _out_folder(out: str) -> None:
    """Refuse, before the password is asked, a bundle whose folder does not exist, or a folder as the
    bundle."""
    from digigram.core.coordination import BundleError

    target = Path(out).expanduser()
    if target.is_dir():  # found only once the whole bundle was made, and said as an English errno
        raise BundleError(N_("{path} is a folder: give the bundle a file name in it, such as {example}. "
                             "Nothing was exported.", path=out, example=target / "hub.zip"))
    folder = target.absolute().parent
    if not folder.is_dir():
        raise BundleError(N_("The folder {folder} does not exist: create it first or write the bundle "
                             "somewhere else. Nothing was exported.", folder=folder))


def say_stopped(message: Message, lang: str | None) -> None:
    """Ctrl+C (or a closed terminal): the write is one transaction or a temporary file, so say so."""
    with contextlib.suppress(OSError):  # no terminal left to say it on
        print(message.render(lang), file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from digigram.cli.quiz import open_workspace

    lang = args.lang
    since = _since(getattr(args, "since", None))
    if args.action == "export":
        _out_folder(args.out)
    # Said however early Ctrl+C (or a closed terminal) comes: at the password, while the key is made or
    # the data opened, as much as while the bundle is written. Only the write changes anything.
    stopped = (N_("Saving the bundle was cancelled; no bundle file was written.") if args.action == "export"
               else N_("The import was cancelled. Nothing was imported: run the command again to import the "
                       "bundle (nothing is added twice)."))
    report = None
    try:
        password = _secret(N_("Coordinator password: ").render(lang), lang, N_("coordinator password"))
        # Exporting only reads: a mistyped --data-dir is refused, not made into a new empty database, and a
        # write-protected copy of a hub's folder (a stick, a backup disk) is exported all the same.
        with open_workspace(args, reading_only=args.action == "export") as ws:
            co = ws.unlock_coordinator(password)  # nothing below runs without the coordinator's secret
            key = _key(args)
            if args.action == "export":
                hub_id = None if args.hub is None else _hub_id(ws.hubs(), args.hub, args.region)
                summary = co.export_bundle(Path(args.out), key=key, since=since, hub_id=hub_id)
            else:
                report = co.import_bundle(Path(args.file), key=key, allow_unsigned=args.unsigned, lang=lang,
                                          progress=progress_lines(lang))
                # Said as soon as it is committed: closing the database then waits for the import's WAL
                # to be copied into the file, seconds after a region's bundle, with nothing left to say.
                _say_imported(report, lang)
    except KeyboardInterrupt:
        if report is None:
            say_stopped(stopped, lang)
            return 130
        # The stop came once the import had committed and was said, as the database closed (it waits for
        # the copy of the import's WAL into the file, which SQLite finishes later if need be).
    if args.action == "export":
        size = summary.path.stat().st_size
        print(N_("Wrote {path} ({size} bytes): people {people}, checks {attempts}, answers {answers}, "
                 "plans {plans}.", path=summary.path, size=format_count(size, lang),
                 people=format_count(summary.people, lang), attempts=format_count(summary.attempts, lang),
                 answers=format_count(summary.answers, lang),
                 plans=format_count(summary.plans, lang)).render(lang))
        signed = (N_("The bundle is signed with the regional key.") if summary.signed
                  else N_("The bundle is NOT signed: the region will accept it only by explicit choice."))
        print(signed.render(lang))
        return 0
    return 0


def _say_imported(report: ImportReport, lang: str | None) -> None:
    print(N_("Imported:").render(lang))
    for kind, name in NAMES.items():
        added, same = report.added.get(kind, 0), report.unchanged.get(kind, 0)
        print(N_("  {name}: {added} new, {same} already there",
                            name=name, added=format_count(added, lang),
                            same=format_count(same, lang)).render(lang))
    for warning in report.warnings:
        print(N_("Warning: {warning}", warning=warning).render(lang))
    sys.stdout.flush()
