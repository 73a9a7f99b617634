"""A stand-in Workspace with the documented contract, for UI tests that must not depend on scoring."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from digigram.core.engine import Quiz
from digigram.core.errors import QuizError
from digigram.core.loader import load_framework
from digigram.core.records import Attempt, Change, Person, Plan, PlanStep

MINI = Path(__file__).resolve().parents[1] / "frameworks" / "minimal.yaml"


@dataclass
class FakeSession:
    ws: FakeWorkspace
    attempt_id: str
    quiz: Quiz

    @property
    def current_item(self) -> Any:
        return self.quiz.next_item()

    def answer(self, choice: Any, *, seconds: float | None = None) -> Change:
        item = self.quiz.next_item()
        if item is None:
            raise QuizError(uk="Питання скінчилися.", en="No question is waiting.")
        self.quiz.answer(item.id, choice)
        return Change("answer", (self.attempt_id,))

    def progress(self) -> Any:
        return self.quiz.progress()

    def pause(self) -> Change:
        return Change("attempt", (self.attempt_id,))

    def finish(self, *, rating_after: int | None = None) -> Change:
        a = self.ws.attempts[self.attempt_id]
        self.ws.attempts[self.attempt_id] = replace(a, status="finished", finished_at=dt.datetime.now(),
                                                    rating_after=rating_after)
        return Change("attempt", (self.attempt_id,))

    def result(self) -> Any:
        return self.quiz.result()


class FakeWorkspace:
    def __init__(self) -> None:
        self.framework = load_framework(MINI)
        self._ids = itertools.count(1)
        self.persons: dict[str, Person] = {}
        self.pins: dict[str, str] = {}
        self.attempts: dict[str, Attempt] = {}
        self.sessions: dict[str, FakeSession] = {}
        self.plans: dict[str, Plan] = {}
        self.settings: dict[str, Any] = {}

    def close(self) -> None:
        pass

    def people(self) -> list[Person]:
        return list(self.persons.values())

    def create_person(self, name: str, *, hub: str = "", profile_id: str | None = None,
                      pin: str | None = None, consent: bool = True) -> Person:
        pid = f"p{next(self._ids)}"
        now = dt.datetime.now()
        person = Person(pid, name, hub, profile_id, bool(pin), now if consent else None, now)
        self.persons[pid] = person
        if pin:
            self.pins[pid] = pin
        return person

    def check_pin(self, person_id: str, pin: str) -> bool:
        return self.pins.get(person_id) == pin

    def unfinished_attempt(self, person_id: str) -> Attempt | None:
        for a in self.attempts.values():
            if a.person_id == person_id and a.status == "in_progress":
                return a
        return None

    def start_quiz(self, person_id: str, *, mode: str = "full", rating_before: int | None = None
                   ) -> FakeSession:
        aid = f"a{next(self._ids)}"
        fw = self.framework
        self.attempts[aid] = Attempt(aid, person_id, fw.id, fw.version, "", "librarian", mode, 1,
                                     "in_progress", dt.datetime.now(), None, 0, rating_before)
        self.sessions[aid] = FakeSession(self, aid, Quiz(fw, profile="librarian", mode=mode, seed=1))
        return self.sessions[aid]

    def resume_quiz(self, attempt_id: str) -> FakeSession:
        return self.sessions[attempt_id]

    def results_for(self, attempt_id: str) -> Any:
        return self.sessions[attempt_id].result()

    def history(self, person_id: str) -> list[Attempt]:
        return [a for a in self.attempts.values() if a.person_id == person_id]

    def suggest_plan(self, attempt_id: str) -> Plan:
        a = self.attempts[attempt_id]
        return Plan(a.person_id, (PlanStep("SAF.1", "Reach C1 in Passwords", "R-2"),), attempt_id)

    def plan_for(self, person_id: str) -> Plan | None:
        return self.plans.get(person_id)

    def save_plan(self, person_id: str, plan: Plan) -> Change:
        self.plans[person_id] = plan
        return Change("plan", (), person_id)

    def setting(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> Change:
        self.settings[key] = value
        return Change("setting", (key,))
