"""The command line's help in Ukrainian from the catalogue: every help line, and argparse's own words."""

from __future__ import annotations

import argparse

from digigram.core.i18n import N_, Message

# Every help line the command modules write, in English as they write it; Ukrainian comes from the
# catalogue. A line missing here stays English, and tests/store/test_cli_quiz.py fails, so a new option
# cannot slip through untranslated.
HELP: tuple[Message, ...] = (
    N_("Digigram: digital-competence check and development plan for librarians. With no command it "
       "opens the desktop app."),
    N_("show this help message and exit"),
    N_("language of messages (default: the system locale)"),
    N_("folder for the database and backups (default: DIGIGRAM_DATA_DIR, else the per-user data folder)"),
    N_("an SQLAlchemy database URL instead of the data folder's database"),
    N_("show program's version number and exit"),
    N_("check this copy of Digigram on a temporary database (no window) and exit 0 or 1"),
    N_("check competency framework files and report every problem with its line and column"),
    N_("take the competence check in the terminal (resumes an unfinished attempt)"),
    N_("list the people stored in the database"),
    N_("print everything stored about one person as JSON"),
    N_("list database backups, or restore one (the current file is kept aside)"),
    N_("export or import an offline result bundle (coordinator password required)"),
    N_("push what a regional database lacks (coordinator password required; --database names the region)"),
    N_("create the database's tables or bring them up to date (a regional database: as its owner role)"),
    N_("measure the adaptive quiz against a fixed 90-question form with simulated people"),
    N_("framework YAML files to check"),
    N_("whose check it is (created if new)"),
    N_("role profile (default: the framework's first)"),
    N_("framework file (default: the shipped one)"),
    N_("full, quick or an area id (default: full)"),
    N_("for a new person: their hub from this computer's list, by id or exact name"),
    N_("the person's name, or their id when people in one hub share the name"),
    N_("the backup to restore, as numbered in the list (1 = newest)"),
    N_("write finished checks and plans to a bundle file"),
    N_("add a bundle's records to this database"),
    N_("only checks finished and plans saved from DATE (YYYY-MM-DD)"),
    N_("only the people of this hub"),
    N_("with --hub: the hub's region, such as UA-46, when hubs in several regions share the name"),
    N_("the person's hub (its name or id), when people in several hubs share the name"),
    N_("the bundle file to write (.zip)"),
    N_("file holding the regional key: a passphrase or 64 hex digits (default: read it from standard input)"),
    N_("write the bundle without a signature"),
    N_("the bundle file (.zip)"),
    N_("accept a bundle without a checked signature (a warning is shown)"),
    N_("profile id for targets (default: the framework's first)"),
    N_("simulated people (default: 2000)"),
    N_("random seed (default: 1)"),
    N_("correlation between areas (default: 0.6)"),
    N_("print the report as JSON"),
    N_("check the items of framework files against item-writing rules (warnings pass, errors exit 2)"),
    N_("print everything stored about one person as JSON (their PIN or the coordinator password first)"),
    N_("erase one person with all their answers, results and plans (coordinator password required)"),
    N_("list database backups, or restore one (the coordinator password first, once one is set)"),
    N_("set the coordinator password: the first one, or a new one after the current one"),
    N_("framework YAML files to lint"),
    N_("print errors, not warnings"),
    N_("open the person with the coordinator password instead of their PIN"),
    N_("calibrate item parameters on finished checks and write a new framework version (NEW.yaml)"),
    N_("show a framework file's calibration state: calibrated items, their answers and flags"),
    N_("the framework file to calibrate"),
    N_("where to write the new version"),
    N_("items with fewer answers keep their parameters (default: 200, at least 100)"),
    N_("also write a report: REPORT.pdf or REPORT.csv"),
    N_("a framework file (a calibrated NEW.yaml or any other)"),
    N_("list every item, not only the flagged ones"),
    N_("share of people who rate themselves above their ability, 0..1 (default: 0)"),
    N_("how far above, in logits, 0..4 (default: 1.5)"),
    N_("the programme's figures (self-rating before/after, levels, gaps, hardest questions) as PDF or CSV"),
    N_("only this region: its code (UA-46) or name"),
    N_("only this hub: its id or exact name"),
    N_("only checks finished on or after this day"),
    N_("answers a question needs to be listed among the hardest (default: 30)"),
    N_("where to write: FILE.pdf or FILE.csv"),
)


class UkrainianHelpFormatter(argparse.HelpFormatter):
    """argparse's own words ("usage:") in Ukrainian."""

    def add_usage(self, usage: str | None, actions: object, groups: object,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix=N_("usage: ").render("uk"))  # type: ignore[arg-type]


def translate_parser(parser: argparse.ArgumentParser) -> list[str]:
    """Put Ukrainian help on `parser` and its sub-commands; returns the lines that had no translation."""
    missing: list[str] = []
    known = {message.msgid: message for message in HELP}
    done = {message.render("uk") for message in HELP}

    def uk(text: str | None) -> str | None:
        if not text or text == argparse.SUPPRESS or text in done:
            return text  # the common options are shared by every sub-command: translated once
        if text not in known:
            missing.append(text)
            return text
        return known[text].render("uk")

    def walk(p: argparse.ArgumentParser) -> None:
        p.description = uk(p.description)
        p.formatter_class = UkrainianHelpFormatter
        for group in p._action_groups:
            titles = {"positional arguments": N_("positional arguments"), "options": N_("options")}
            title = titles.get(group.title or "")
            group.title = title.render("uk") if title is not None else group.title
        for action in p._actions:
            action.help = uk(action.help)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    choice.help = uk(choice.help)
                for sub in action.choices.values():
                    walk(sub)

    walk(parser)
    return missing
