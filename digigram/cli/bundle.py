"""`digigram bundle export|import`: offline result bundles, coordinator only, signed with the regional key."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from digigram.core.errors import DigigramError

HELP = "export or import an offline result bundle (coordinator password required)"
KEY_FILE_MAX = 4096
NAMES = {
    "people": ("люди", "people"), "frameworks": ("рамки", "frameworks"), "attempts": ("перевірки", "checks"),
    "answers": ("відповіді", "answers"), "results": ("результати сфер", "area results"),
    "plans": ("плани", "plans"), "plan_steps": ("кроки планів", "plan steps"),
}


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
    exp.add_argument("--out", required=True, metavar="FILE", help="the bundle file to write (.zip)")
    _key_options(exp, "write the bundle without a signature")
    imp = sub.add_parser("import", parents=[common_options()], help="add a bundle's records to this database")
    imp.add_argument("file", metavar="FILE", help="the bundle file (.zip)")
    _key_options(imp, "accept a bundle without a checked signature (a warning is shown)")


def _say(lang: str, uk: str, en: str) -> str:
    return uk if lang == "uk" else en


def _secret(prompt: str, lang: str, what_uk: str, what_en: str) -> str:
    """One line from standard input; typed without echo on a terminal."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise DigigramError(uk=f"Не введено {what_uk}.", en=f"No {what_en} was given.")
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
        except (OSError, UnicodeDecodeError) as exc:
            raise BundleError(uk=f"Не вдалося прочитати файл ключа {args.key_file}: {exc}.",
                              en=f"Could not read the key file {args.key_file}: {exc}.") from exc
        if len(data) > KEY_FILE_MAX:
            raise BundleError(uk=f"Файл ключа {args.key_file} завеликий: це не файл ключа.",
                              en=f"The key file {args.key_file} is too large: it is not a key file.")
        return regional_key(text)
    prompt = _say(args.lang, "Регіональний ключ: ", "Regional key: ")
    return regional_key(_secret(prompt, args.lang, "регіональний ключ", "regional key"))


def _since(text: str | None) -> date | None:
    from digigram.core.coordination import BundleError

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BundleError(uk=f"Дата «{text}» не у форматі РРРР-ММ-ДД (наприклад, 2025-03-01).",
                          en=f"The date {text!r} is not in the form YYYY-MM-DD (for example 2025-03-01).",
                          ) from None


def run(args: argparse.Namespace) -> int:
    from digigram.cli.quiz import open_workspace

    lang = args.lang
    since = _since(getattr(args, "since", None))
    password = _secret(_say(lang, "Пароль координатора: ", "Coordinator password: "), lang,
                       "пароль координатора", "coordinator password")
    with open_workspace(args) as ws:
        co = ws.unlock_coordinator(password)  # nothing below runs without the coordinator's secret
        key = _key(args)
        if args.action == "export":
            summary = co.export_bundle(Path(args.out), key=key, since=since, hub=args.hub)
            size = summary.path.stat().st_size
            print(_say(lang,
                       f"Записано {summary.path} ({size} байтів): людей {summary.people}, перевірок "
                       f"{summary.attempts}, відповідей {summary.answers}, планів {summary.plans}.",
                       f"Wrote {summary.path} ({size} bytes): {summary.people} people, {summary.attempts} "
                       f"checks, {summary.answers} answers, {summary.plans} plans."))
            print(_say(lang, "Пакет підписано регіональним ключем." if summary.signed
                       else "Пакет НЕ підписано: у регіоні його приймуть лише з явним дозволом.",
                       "The bundle is signed with the regional key." if summary.signed
                       else "The bundle is NOT signed: the region will accept it only by explicit choice."))
            return 0
        report = co.import_bundle(Path(args.file), key=key, allow_unsigned=args.unsigned)
    print(_say(lang, "Імпортовано:", "Imported:"))
    for kind, (uk, en) in NAMES.items():
        added, same = report.added.get(kind, 0), report.unchanged.get(kind, 0)
        print(_say(lang, f"  {uk}: нових {added}, уже були {same}",
                   f"  {en}: {added} new, {same} already there"))
    for warning in report.warnings:
        print(_say(lang, f"Увага: {warning}", f"Warning: {warning}"))
    return 0
