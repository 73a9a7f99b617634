"""Reference and framework checks over a result bundle, against the bundle itself and the database."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from digigram.core.bundle.format import RECORD_FILES, fail
from digigram.core.coordination import BundleError
from digigram.core.errors import FrameworkError, QuizError
from digigram.core.framework import Framework, Item
from digigram.core.i18n import N_
from digigram.services.bundles.rows import Record, rows_where

_REFERS_TO = {"person": N_("the person"), "framework": N_("the framework"), "attempt": N_("the check"),
              "plan": N_("the plan")}


def dangling(kind: str, ref: str, value: Any) -> BundleError:
    return fail(N_("A record in {file} refers to {what} {value}, which is neither in the bundle nor in "
                   "the database. The bundle is incomplete; ask the hub to export it again.",
                   file=RECORD_FILES[kind], what=_REFERS_TO[ref], value=value))


class Checker:
    """Reference and framework checks over one bundle, against the bundle itself and the database."""

    def __init__(self, session: Session, records: dict[str, list[Record]], framework_dir: Path) -> None:
        self.session, self.records, self.framework_dir = session, records, framework_dir
        self.frameworks: dict[str, Framework] = {}
        self.item_maps: dict[str, dict[str, Item]] = {}

    def existing(self, kind: str, column: str, values: Iterable[Any]) -> dict[Any, Record]:
        return {r[column]: r for r in rows_where(self.session, kind, column, values)}

    def framework(self, content_hash: str, texts: dict[str, Record]) -> Framework:
        if content_hash not in self.frameworks:
            from digigram.core.loader import load_framework_text

            found = texts[content_hash]
            try:
                self.frameworks[content_hash] = load_framework_text(
                    found["text"], name=found["file_name"] or "<bundle>", base_dir=self.framework_dir)
            except FrameworkError as exc:
                raise fail(N_("The framework {id} {version} in the bundle could not be read: {problem}",
                              id=found["framework_id"], version=found["version"], problem=exc.text)) from None
        return self.frameworks[content_hash]

    def check_attempts(self) -> None:
        recs = self.records
        people = {r["id"] for r in recs["people"]}
        missing = {r["person_id"] for r in recs["attempts"]} - people
        found = set(self.existing("people", "id", missing))
        texts = {r["content_hash"]: r for r in recs["frameworks"]}
        wanted = {r["framework_hash"] for r in recs["attempts"]} - set(texts)
        texts.update(self.existing("frameworks", "content_hash", wanted))
        by_id: dict[str, Record] = {}
        for attempt in recs["attempts"]:
            if attempt["person_id"] not in people | found:
                raise dangling("attempts", "person", attempt["person_id"])
            snap = texts.get(attempt["framework_hash"])
            if snap is None:
                raise dangling("attempts", "framework", attempt["framework_hash"])
            if (snap["framework_id"], snap["version"]) != (attempt["framework_id"],
                                                           attempt["framework_version"]):
                raise fail(N_("The attempt {value} does not match its framework.", value=attempt['id']))
            by_id[attempt["id"]] = attempt
        for answer in recs["answers"]:
            owner = by_id.get(answer["attempt_id"])
            if owner is None:
                raise dangling("answers", "attempt", answer["attempt_id"])
            self._check_answer(self.framework(owner["framework_hash"], texts), answer)
        for result in recs["results"]:
            owner = by_id.get(result["attempt_id"])
            if owner is None:
                raise dangling("results", "attempt", result["attempt_id"])
            fw = self.framework(owner["framework_hash"], texts)
            codes = {level.code for level in fw.levels}
            used = [result["level"], *result["band"], *([result["target"]] if result["target"] else [])]
            if result["area_id"] not in {a.id for a in fw.areas} or not set(used) <= codes:
                raise fail(N_("A result of the attempt {value} names an area or level the framework lacks.",
                              value=owner['id']))

    def items(self, fw: Framework) -> dict[str, Item]:
        if fw.content_hash not in self.item_maps:
            self.item_maps[fw.content_hash] = {i.id: i for i in fw.items}
        return self.item_maps[fw.content_hash]

    def _check_answer(self, fw: Framework, answer: Record) -> None:
        from digigram.core.itembank import normalise_choice

        item = self.items(fw).get(answer["item_id"])
        choice = answer["choice"]
        try:
            ok = item is not None and normalise_choice(fw, item, choice) == (
                tuple(choice) if isinstance(choice, list) else choice)
        except QuizError:
            ok = False
        if not ok:
            raise fail(N_("Answer {value} of the attempt {value2} does not fit the framework's question "
                          "{value3!r} (no such question or option).",
                          value=answer['sequence'], value2=answer['attempt_id'], value3=answer['item_id']))

    def check_plans(self) -> None:
        recs = self.records
        people = {r["id"] for r in recs["people"]}
        attempts = {r["id"] for r in recs["attempts"]}
        found_people = set(self.existing("people", "id", {r["person_id"] for r in recs["plans"]} - people))
        linked = {r["attempt_id"] for r in recs["plans"] if r["attempt_id"]} - attempts
        found_attempts = set(self.existing("attempts", "id", linked))
        for plan in recs["plans"]:
            if plan["person_id"] not in people | found_people:
                raise dangling("plans", "person", plan["person_id"])
            if plan["attempt_id"] and plan["attempt_id"] not in attempts | found_attempts:
                raise dangling("plans", "attempt", plan["attempt_id"])
        plans = {r["id"] for r in recs["plans"]}
        for step in recs["plan_steps"]:
            if step["plan_id"] not in plans:
                raise dangling("plan_steps", "plan", step["plan_id"])


