"""`digigram quiz --person NAME`: the check in a terminal, one typed line per answer, resumable."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from digigram.core import paths
from digigram.core.answer_order import display_order
from digigram.core.errors import NoSuchPerson, QuizError, StorageError
from digigram.core.framework import Framework, Item
from digigram.core.i18n import N_, NP_, Message, format_date, not_measured_why, said_close
from digigram.core.records import Person, measured
from digigram.core.when import local

if TYPE_CHECKING:
    from digigram.services.quiz import QuizSession
    from digigram.services.workspace import Workspace

HELP = "take the competence check in the terminal (resumes an unfinished attempt)"
PROMPT = "> "


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--person", required=True, metavar="NAME", help="whose check it is (created if new)")
    parser.add_argument("--profile", metavar="ID", help="role profile (default: the framework's first)")
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")
    parser.add_argument("--mode", default="full", metavar="M",
                        help="full, quick or an area id (default: full)")
    parser.add_argument("--hub", metavar="HUB",
                        help="for a new person: their hub from this computer's list, by id or exact name")
    parser.add_argument("--region", metavar="CODE",
                        help="with --hub: the hub's region, such as UA-46, when hubs in several regions "
                             "share the name")


@contextlib.contextmanager
def holding_the_data(args: argparse.Namespace, *, in_window: bool = True) -> Iterator[None]:
    """Hold the data's one claim while a command that writes runs (services.one_window): refused while a
    window or another command has the same database, and no window opens under it meanwhile.
    `in_window`: whether the window can do the same (the refusal then says so)."""
    from digigram.services import one_window

    database = one_window.database_file(data_dir=getattr(args, "data_dir", None),
                                        database_url=getattr(args, "database", None))
    command = " ".join(str(word) for word in (getattr(args, "command", None), getattr(args, "action", None))
                       if word)
    claim = one_window.claim_for_command(database, command=command, in_window=in_window)
    try:
        yield
    finally:
        claim.release()


@contextlib.contextmanager
def open_workspace(args: argparse.Namespace, *, existing: bool = False,
                   reading_only: bool = False) -> Iterator[Workspace]:
    """The Workspace for a parsed command line (data folder, database URL and framework options), closed
    at the end. `existing`: the command only reads what is stored, so a folder or database that is not
    there is refused (a mistyped --data-dir) instead of made anew; a command that writes holds the data's
    claim while it runs (holding_the_data). `reading_only` (people, export, report): the command never
    writes, so the database is only read, and a folder that cannot be written or a full disk serves too."""
    existing = existing or reading_only
    from digigram.services.workspace import Workspace  # heavy: only when a command really opens the data

    with contextlib.ExitStack() as held:
        if not existing:
            held.enter_context(holding_the_data(args))
        ws = held.enter_context(Workspace.open(
            data_dir=paths.data_dir_from_args(args),
            database_url=getattr(args, "database", None),
            framework_path=getattr(args, "framework", None),
            existing=existing,
            reading_only=reading_only,
        ))
        for notice in ws.notices:  # e.g. no room for the start-up backup: worth a word, not a stop
            print(notice.message(getattr(args, "lang", None)), file=sys.stderr)
        yield ws


@dataclass(frozen=True)
class Namesakes:
    """People of one name one per line, by what tells them apart: "id — added …, 2 checks, the first on
    …", worded when the message is shown. For a person with a PIN the list says only that a PIN guards
    them, as `digigram people` does: how many checks someone took is theirs to tell."""

    people: tuple[tuple[Person, tuple[datetime, ...]], ...]  # each with their checks' start times

    def render(self, lang: str | None = None) -> str:
        lines = []
        for person, checks in self.people:
            added = local(person.created_at)
            if person.has_pin:
                about = N_("protected by a PIN")
            elif not checks:
                about = N_("no checks yet")
            else:
                about = NP_("{count} check, the first on {first}", "{count} checks, the first on {first}",
                            len(checks), first=format_date(local(min(checks)), lang))
            lines.append(f"  {person.id} — " + N_("added {added}, {about}", about=about, added=(
                f"{format_date(added, lang)} {added:%H:%M}")).render(lang))
        return "\n".join(lines)


def person_named(ws: Workspace, name: str, hub: str | None = None, region: str | None = None) -> Person:
    """The one stored person a command names (by their id, or their name with `hub`, a hub's name or id,
    and `region`, its region, when several share the name); a plain message when nobody has that name,
    or when it is more than one person's."""
    with contextlib.suppress(NoSuchPerson):  # an id: one row read, not a region's whole list
        return ws.person(name.strip())
    person = ws.find_person(name)
    if person is None:
        raise StorageError(N_("There is nobody named {person!r} (see `digigram people`).", person=name))
    if hub is None and region is not None:
        raise StorageError(N_("--region goes with --hub: give the hub too."))
    wanted = person.name.strip().casefold()
    named = [p for p in ws.people() if p.name.strip().casefold() == wanted]
    if hub is not None:
        regions = {h.id: h.region_id for h in ws.hubs()}
        named = [p for p in named if hub.strip() in (p.hub, p.hub_id)
                 and (region is None or regions.get(p.hub_id or "") == region.strip())]
        if not named:
            raise StorageError(N_("Nobody named {person!r} is in the hub {hub!r} (see `digigram people`).",
                                  person=name, hub=hub if region is None else f"{hub} ({region})"))
        if len({p.hub_id for p in named}) > 1:
            # Hubs of one name in two regions: --hub named both, and asking for it again would not help.
            raise StorageError(N_("Several hubs are named {name!r} (regions: {regions}); add --region CODE.",
                                  name=hub, regions=", ".join(sorted(
                                      {regions.get(p.hub_id or "") or "—" for p in named}))))
    if len(named) > 1 and len({p.hub_id for p in named}) == 1:
        # Namesakes in one hub: --hub cannot tell them apart, their ids can.
        raise StorageError(N_("Several people named {person!r} are in the hub {hub!r}; give the one you mean "
                              "by their id, --person ID:\n{people}", person=name, hub=named[0].hub or "—",
                              people=Namesakes(tuple((p, tuple(a.started_at for a in ws.history(p.id)))
                                                     for p in named))))
    if len(named) > 1:
        # A coordinator's PC holds several hubs, where two people may share a name: export or delete
        # must not pick one of them silently.
        hubs = "; ".join(sorted({p.hub or "—" for p in named}))  # hub names hold commas
        raise StorageError(N_("{count} people are named {person!r} (hubs: {hubs}). Add --hub with the "
                              "hub of the one you mean.", count=len(named), person=name, hubs=hubs))
    return named[0] if named else person


class Terminal:
    """Line-by-line talk over any text streams, so pipes, scripts and screen readers all work."""

    def __init__(self, lang: str, inp: TextIO, out: TextIO) -> None:
        self.lang, self.inp, self.out = lang, inp, out

    def t(self, text: Message) -> str:
        return text.render(self.lang)

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def ask(self) -> str | None:
        """One line, stripped; None at the end of input."""
        print(PROMPT, end="", file=self.out, flush=True)
        line = self.inp.readline()
        return None if line == "" else line.strip()

    def ask_secret(self) -> str | None:
        """A PIN or password: not echoed at a terminal; read as a plain line from a pipe or script."""
        return read_secret(PROMPT, inp=self.inp, out=self.out)


def read_secret(prompt: str, *, inp: TextIO | None = None, out: TextIO | None = None) -> str | None:
    """A secret typed at the terminal with echo off, or one line from piped input; None at its end."""
    inp = inp or sys.stdin
    out = out or sys.stdout
    if inp.isatty():
        try:
            return getpass.getpass(prompt, stream=out)
        except EOFError:
            return None
    print(prompt, end="", file=out, flush=True)
    line = inp.readline()
    return None if line == "" else line.rstrip("\r\n")


def _yes(answer: str) -> bool | None:
    word = answer.lower()
    if word in ("y", "yes", "т", "так", "1"):
        return True
    if word in ("n", "no", "н", "ні", "0"):
        return False
    return None


def ask_consent(term: Terminal) -> bool | None:
    term.say(term.t(
        N_("Digigram keeps your name, answers and results on this computer. Do you agree? (yes/no)"),
    ))
    while (line := term.ask()) is not None:
        if (agreed := _yes(line)) is not None:
            return agreed
        term.say(term.t(N_("Type yes or no.")))
    return None


def ask_rating(term: Terminal, *, after: bool) -> tuple[bool, int | None]:
    """(input went on, a 1–10 self-rating or None when skipped with an empty line)."""
    term.say(term.t(
        N_("How would you now rate your digital skills from 1 to 10? (empty line to skip)") if after
        else N_("How would you rate your digital skills from 1 to 10? (empty line to skip)")))
    while (line := term.ask()) is not None:
        if line == "":
            return True, None
        if line.isdigit() and 1 <= int(line) <= 10:
            return True, int(line)
        term.say(term.t(N_("Please give a number from 1 to 10.")))
    return False, None


def option_labels(framework: Framework, item: Item, lang: str) -> list[str]:
    if item.on_scale:
        assert item.scale is not None
        return [p.label.get(lang) for p in framework.scales[item.scale].points]
    return [o.text.get(lang) for o in item.options]


def parse_choice(line: str, item: Item, n: int) -> tuple[object, str | None]:
    """(choice, None) for a valid line, else (None, which problem) as "empty"/"number"/"range"/"one"."""
    parts = [p.strip() for p in line.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    if not parts:
        return None, "empty"
    if not all(p.isdigit() for p in parts):
        return None, "number"
    numbers = [int(p) for p in parts]
    if item.offers_dont_know and numbers == [0]:
        return None, None
    if any(not 1 <= k <= n for k in numbers):
        return None, "range"
    if item.select == "many" and not item.on_scale:
        if len(set(numbers)) != len(numbers):
            return None, "twice"
        return [k - 1 for k in numbers], None
    if len(numbers) != 1:
        return None, "one"
    return numbers[0] - 1, None


def _problem(term: Terminal, kind: str, n: int, item: Item) -> str:
    low = 0 if item.offers_dont_know else 1
    messages = {
        "empty": term.t(N_("Type the number of your answer.")),
        "number": term.t(N_("Please type answer numbers as digits.")),
        "range": term.t(N_("The number must be from {low} to {n}.", low=low, n=n)),
        "one": term.t(N_("Only one answer is wanted here.")),
        "twice": term.t(N_("A number was given twice.")),
    }
    return messages[kind]


def show_item(term: Terminal, session: QuizSession, item: Item) -> list[int]:
    """Print the question; the file-order index of the option at each printed position."""
    fw, lang = session.framework, term.lang
    progress = session.progress()
    total = progress.asked + progress.remaining
    term.say()
    term.say(f"({progress.asked + 1}/≈{total}) [{item.id}] {item.stem.get(lang)}")
    labels = option_labels(fw, item, lang)
    # The same per-attempt order as the app's quiz screen; answers are stored in file order.
    order = list(range(len(labels))) if item.on_scale else display_order(session.attempt_id, item)
    for k, index in enumerate(order, start=1):
        term.say(f"  {k}. {labels[index]}")
    if item.offers_dont_know:
        dont_know = term.t(N_("I don't know"))
        term.say(f"  0. {dont_know}")
    if item.select == "many" and not item.on_scale:
        term.say(term.t(N_("(several numbers separated by commas)")))
    term.say(term.t(N_("  q — pause (answers are kept; go on later)")))
    return order


def ask_items(term: Terminal, session: QuizSession) -> bool:
    """Ask until the quiz ends (True) or the person pauses with `q` or the input ends (False)."""
    while (item := session.current_item) is not None:
        order = show_item(term, session, item)
        n = len(order)
        shown = time.monotonic()
        while True:
            line = term.ask()
            if line is None or line.lower() in ("q", "й"):
                return False
            choice, problem = parse_choice(line, item, n)
            if problem is None:
                if isinstance(choice, list):
                    choice = sorted(order[k] for k in choice)
                elif isinstance(choice, int):
                    choice = order[choice]
                session.answer(choice, seconds=round(time.monotonic() - shown, 3), language=term.lang)
                break
            term.say(_problem(term, problem, n, item))
    return True


def print_result(term: Terminal, session: QuizSession) -> None:
    fw = session.framework
    term.say()
    term.say(term.t(N_("Results by area:")))
    unmeasured = []
    for area in session.result().areas.values():
        name = fw.area(area.area_id).name.get(term.lang)
        said = "—" if area.said is None else area.said.level
        if not measured(area):  # the prior's level is no finding: no level, no gap, no "target met"
            unmeasured.append(name)
            term.say(term.t(N_("  {area_id} {name}: not measured; you said {said}",
                               area_id=area.area_id, name=name, said=said)))
            continue
        low, high = area.band
        band = low if low == high else f"{low}–{high}"
        target = area.target or "—"
        gap = "—" if area.gap is None else str(area.gap)
        term.say(term.t(
            N_("  {area_id} {name}: level {level} (band {band}), target {target}, gap {gap}; you said {said}",
               area_id=area.area_id, name=name, level=area.level, band=band, target=target, gap=gap,
               said=said),
        ))
    if unmeasured:
        term.say(term.t(not_measured_why(unmeasured, term.lang)))
    person = session.result().self_vs_shown
    if person is not None:
        # As the report says it: over all areas they fit, but the levels listed above differ here.
        differ = [fw.area(a.area_id).name.get(term.lang) for a in session.result().areas.values()
                  if a.said is not None and measured(a) and a.said.level != a.level]
        term.say(term.t(said_close(differ, term.lang) if person.direction == 0 and differ
                        else SAID_VS_SHOWN[person.direction]))


# Over all areas together, in the same kind words as the individual report.
SAID_VS_SHOWN = {
    0: N_("What you said about yourself fits what your answers showed."),
    1: N_("Overall you rated yourself higher than your answers showed. Most people do, so this is "
          "nothing to worry about: the levels above come from your answers, and the plan starts there."),
    -1: N_("Overall your answers showed more than you gave yourself credit for. You may know more "
           "than you think."),
}


def _unlocked(term: Terminal, ws: Workspace, person: Person) -> bool:
    """Whether the person's PIN (if they set one) was typed right; a wrong one is counted."""
    if not person.has_pin:
        return True
    term.say(term.t(N_("Type your PIN:")))
    pin = term.ask_secret()
    if pin is None or not ws.check_pin(person.id, pin):
        term.say(term.t(N_("The PIN does not match.")))
        return False
    return True


def _hub_id(ws: Workspace, args: argparse.Namespace) -> str | None:
    """The id of the listed hub --hub names (None without it); an unknown one is refused before anything
    is stored, with the hubs to choose from: as in the app, a hub is chosen, never made from typed text."""
    from digigram.services.hubs import choose_hub

    if args.hub is None:
        if args.region is not None:
            raise QuizError(N_("--region goes with --hub: give the hub too."))
        return None
    return choose_hub(ws.hubs(), ws.regions(), hub=args.hub, region=args.region).id


def _person(term: Terminal, ws: Workspace, args: argparse.Namespace) -> Person | None:
    person = ws.find_person(args.person)
    hub_id = _hub_id(ws, args) if person is None else None
    if person is not None and args.hub is not None:
        term.say(term.t(N_("{person} is already on this computer; --hub is used only when a person is "
                           "added, so their hub stays as it is.", person=person.name)))
    # The PIN comes first: nothing about a protected person, their consent included, changes without it.
    if person is not None and not _unlocked(term, ws, person):
        return None
    if person is not None and person.consent_at is not None:
        return person
    agreed = ask_consent(term)
    if not agreed:
        term.say(term.t(N_("The check was not started without consent.")))
        return None
    if person is None:
        return ws.create_person(args.person, profile_id=args.profile, hub_id=hub_id)
    ws.set_consent(person.id)
    return ws.person(person.id)


def run(args: argparse.Namespace, *, inp: TextIO | None = None, out: TextIO | None = None) -> int:
    term = Terminal(args.lang, inp or sys.stdin, out or sys.stdout)
    with open_workspace(args) as ws:
        person = _person(term, ws, args)
        if person is None:
            return 1
        unfinished = ws.unfinished_attempt(person.id)
        if unfinished is not None:
            session = ws.resume_quiz(unfinished.id)
            term.say(term.t(N_("Resuming the check: {n_answers} answered so far.",
                               n_answers=unfinished.n_answers)))
        else:
            going_on, rating = ask_rating(term, after=False)
            if not going_on:
                return 0
            session = ws.start_quiz(person.id, mode=args.mode, rating_before=rating,
                                    profile_id=args.profile)
        try:
            answered = ask_items(term, session)
            if answered:
                _, after = ask_rating(term, after=True)
        except KeyboardInterrupt:
            # Ctrl+C or a closed terminal at a question: every answer given is already stored, which
            # the person at the keyboard cannot know unless told.
            session.pause()
            with contextlib.suppress(OSError):  # no terminal left to say it on
                term.say()
                term.say(term.t(N_("Stopped. Every answer you gave is kept: run this command again to go "
                                   "on.")))
            return 130
        if not answered:
            session.pause()
            term.say()
            term.say(term.t(N_("The check is paused. Run this command again to go on.")))
            return 0
        session.finish(rating_after=after)
        print_result(term, session)
    return 0
