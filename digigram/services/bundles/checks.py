"""Reference and framework checks over a result bundle's records, one at a time, against the database."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from digigram.core.bundle.format import RECORD_FILES, fail
from digigram.core.coordination import BundleError
from digigram.core.errors import FrameworkError, QuizError
from digigram.core.framework import Framework, Item
from digigram.core.i18n import N_
from digigram.services.bundles.rows import TABLES, Record, rows_where

# The seeds Digigram makes (random, below 2**31) and every engine's INTEGER column can hold.
SEED_RANGE = range(-(2**31), 2**31)
_REFERS_TO = {"person": N_("the person"), "framework": N_("the framework"), "attempt": N_("the check"),
              "plan": N_("the plan")}


def dangling(kind: str, ref: str, value: Any) -> BundleError:
    return fail(N_("A record in {file} refers to {what} {value}, which is neither in the bundle nor in "
                   "the database. The bundle is incomplete; ask the hub to export it again.",
                   file=RECORD_FILES[kind], what=_REFERS_TO[ref], value=value))


class Checker:
    """Checks of records against the frameworks they were taken on (from the bundle or the database)."""

    def __init__(self, session: Session, framework_dir: Path) -> None:
        self.session, self.framework_dir = session, framework_dir
        self.texts: dict[str, Record] = {}  # content hash -> framework record, the bundle's first
        self.frameworks: dict[str, Framework] = {}
        self.item_maps: dict[str, dict[str, Item]] = {}
        self.in_database: set[str] = set()
        self.judges: dict[str, Callable[[Record], None]] = {}  # per framework hash
        self.stored: dict[str, Record] | None = None  # every framework the database holds, once read ahead
        self.offline = False  # in a forked process that must not open the database (SQLite)

    def existing(self, kind: str, column: str, values: Iterable[Any]) -> dict[Any, Record]:
        if self.offline:
            return {}  # only a refusal's name lookup asks then: the person's id is said instead
        return {r[column]: r for r in rows_where(self.session, kind, column, values)}

    def read_ahead(self) -> None:
        """Every framework the database holds, read now, before a fork: the forked recompute then needs
        no connection of its own. (One opened to SQLite after a fork, while another thread of the app was
        inside SQLite, could wait for ever on a lock the fork copied locked.)"""
        hashes = [row[0] for row in self.session.execute(select(TABLES["frameworks"].c.content_hash))]
        self.stored = self.existing("frameworks", "content_hash", hashes)

    def snapshot(self, content_hash: str) -> Record | None:
        """The framework record of a hash, from the bundle or else the database (looked up once)."""
        if content_hash not in self.texts and content_hash not in self.in_database:
            self.in_database.add(content_hash)
            if self.stored is not None:
                if content_hash in self.stored:
                    self.texts[content_hash] = self.stored[content_hash]
            else:
                self.texts.update(self.existing("frameworks", "content_hash", [content_hash]))
        return self.texts.get(content_hash)

    def framework(self, content_hash: str) -> Framework:
        if content_hash not in self.frameworks:
            from digigram.core.loader import load_framework_text

            # Normally read already (a check's framework is found while its file is checked); a recompute
            # forked before that looks a framework the bundle does not carry up in the database itself.
            found = self.snapshot(content_hash)
            if found is None:
                raise dangling("attempts", "framework", content_hash)
            try:
                # Handout files stay in the hub's framework folder; one missing here leaves its resource
                # without a file, as a stored framework's does, instead of refusing the whole bundle.
                self.frameworks[content_hash] = load_framework_text(
                    found["text"], name=found["file_name"] or "<bundle>", base_dir=self.framework_dir,
                    files_required=False)
            except FrameworkError as exc:
                raise fail(N_("The framework {id} {version} in the bundle could not be read: {problem}",
                              id=found["framework_id"], version=found["version"], problem=exc.text)) from None
        return self.frameworks[content_hash]

    def items(self, fw: Framework) -> dict[str, Item]:
        if fw.content_hash not in self.item_maps:
            self.item_maps[fw.content_hash] = {i.id: i for i in fw.items}
        return self.item_maps[fw.content_hash]

    def check_attempt(self, attempt: Record) -> None:
        """The check's framework is known and matches, and the check can be shown again from its record."""
        snap = self.snapshot(attempt["framework_hash"])
        if snap is None:
            raise dangling("attempts", "framework", attempt["framework_hash"])
        if (snap["framework_id"], snap["version"]) != (attempt["framework_id"], attempt["framework_version"]):
            raise fail(N_("The attempt {value} does not match its framework.", value=attempt["id"]))
        fw = self.framework(attempt["framework_hash"])
        aid = attempt["id"]
        # A framework without roles stores its checks with an empty one (results without targets).
        roles = {p.id for p in fw.profiles} if fw.profiles else {""}
        if attempt["profile_id"] not in roles:
            raise fail(N_("The attempt {attempt} names the profile {profile!r}, which its framework lacks: "
                          "it could not be shown.", attempt=aid, profile=attempt["profile_id"]))
        if attempt["mode"] not in {"full", "quick", *(a.id for a in fw.areas)}:
            raise fail(N_("The attempt {attempt} has an unknown mode {mode!r}: it could not be shown.",
                          attempt=aid, mode=attempt["mode"]))
        if attempt["seed"] not in SEED_RANGE:
            raise fail(N_("The attempt {attempt} has an impossible seed {seed} (Digigram makes them from 0 "
                          "to {highest}): it could not be replayed.",
                          attempt=aid, seed=attempt["seed"], highest=2**31 - 1))
        if not set(attempt["excluded"]) <= self.items(fw).keys():
            raise fail(N_("The attempt {attempt} excludes questions its framework lacks.", attempt=aid))

    def answer_judge(self, fw: Framework) -> Callable[[Record], None]:
        """A check of answers taken on `fw`: each (question, choice) pair is judged once and remembered."""
        judge = self.judges.get(fw.content_hash)
        if judge is None:
            judge = self.judges[fw.content_hash] = self._answer_judge(fw)
        return judge

    def _answer_judge(self, fw: Framework) -> Callable[[Record], None]:
        from digigram.core.itembank import normalise_choice

        items = self.items(fw)
        # (item, choice) already judged: a national bundle repeats a few thousand of them across
        # 1.8 million answers. A list choice is remembered as a tuple, so it can be a key.
        judged: dict[tuple[str, Any], bool] = {}

        def judge(answer: Record) -> None:
            choice = answer["choice"]
            seen = (answer["item_id"], tuple(choice) if type(choice) is list else choice)
            ok = judged.get(seen)
            if ok is None:
                item = items.get(answer["item_id"])
                try:
                    ok = item is not None and normalise_choice(fw, item, choice) == seen[1]
                except QuizError:
                    ok = False
                judged[seen] = ok
            if not ok:
                raise fail(N_("Answer {value} of the attempt {value2} does not fit the framework's question "
                              "{value3!r} (no such question or option).",
                              value=answer['sequence'], value2=answer['attempt_id'],
                              value3=answer['item_id']))
        return judge

    def result_judge(self, fw: Framework) -> Callable[[Record], None]:
        """A check of area results taken on `fw`: the area and every level it names are the framework's."""
        codes = frozenset(level.code for level in fw.levels)
        areas = frozenset(a.id for a in fw.areas)

        def judge(result: Record) -> None:
            if result["area_id"] not in areas or result["level"] not in codes or not codes.issuperset(
                    result["band"]) or (result["target"] and result["target"] not in codes):
                raise fail(N_("A result of the attempt {value} names an area or level the framework lacks.",
                              value=result["attempt_id"]))
        return judge
