"""The adaptive quiz as a plain state machine: ask the next question, take the answer, report at any time."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from digigram.core.errors import QuizError
from digigram.core.framework import Framework, Item, Profile
from digigram.core.i18n import N_
from digigram.core.itembank import Choice, Scored, bank_for, normalise_choice, score_answer
from digigram.core.scoring import ENGINE_VERSION, Evidence, QuizResult, build_result
from digigram.core.selection import (
    FULL,
    ONE_AREA,
    OUTLOOK_QUANTILES,
    QUICK,
    AreaState,
    Selector,
    attitude_areas,
)


@dataclass(frozen=True)
class Progress:
    """How far the quiz has come: questions asked and an honest estimate of those still to come."""

    asked: int
    remaining: int
    areas_done: int
    areas_total: int


class Quiz:
    """One attempt at the check; the same inputs and answers always give the same questions."""

    def __init__(
        self,
        framework: Framework,
        *,
        profile: str | None = None,
        mode: str = "full",
        seed: int = 0,
        exclude: Iterable[str] = frozenset(),
        engine_version: str = ENGINE_VERSION,
    ) -> None:
        self.framework = framework
        # Another engine version's rules only to recompute a result it stored (bank_for).
        self.bank = bank_for(framework, engine_version)
        self.profile: Profile | None = _profile(framework, profile)
        self.mode = mode
        self.seed = seed
        self.exclude = frozenset(exclude)
        area_ids = [a.id for a in framework.areas]
        if mode == "full":
            self.rules = FULL
        elif mode == "quick":
            self.rules = QUICK
        elif mode in area_ids:
            self.rules, area_ids = ONE_AREA, [mode]
        else:
            raise QuizError(
                N_("Unknown quiz mode {mode!r}: use full, quick or an area id ({join}).",
                   mode=mode, join=', '.join(a.id for a in framework.areas)),
            )
        self.area_ids: tuple[str, ...] = tuple(area_ids)
        # A string seed is hashed the same way on every platform and Python version.
        self._rng = random.Random(f"digigram-quiz/{seed}")
        self._selector = Selector(self.bank, self.rules, rng=self._rng, exclude=self.exclude)
        self._areas = {a: AreaState(a) for a in self.area_ids}
        for state in self._areas.values():
            if self.bank.area_rows[state.area_id].size == 0:
                state.stopped = "no_items"
            if self.profile is not None:
                target = framework.level_index(self.profile.area_target(state.area_id))
                if target > 0:
                    state.below = self.bank.scale.below_fraction(self.bank.scale.cuts[target - 1])
                state.refresh()
        due = attitude_areas(self.bank, list(self.area_ids), self.rules.attitudes, self._rng)
        self._attitude_due = set(due)
        self._answers: list[tuple[str, Choice]] = []
        self._evidence: list[Evidence] = []
        self._turn = 0
        self._pending: int | None = None
        self._finished = False
        self._advance()

    @classmethod
    def replay(
        cls,
        framework: Framework,
        *,
        profile: str | None,
        mode: str,
        seed: int,
        exclude: Iterable[str] = frozenset(),
        answers: Iterable[tuple[str, Choice]],
    ) -> Quiz:
        """The quiz rebuilt from its stored answers, ready to go on where it stopped."""
        quiz = cls(framework, profile=profile, mode=mode, seed=seed, exclude=exclude)
        for item_id, choice in answers:
            quiz.answer(item_id, choice)
        return quiz

    @classmethod
    def restore(
        cls,
        framework: Framework,
        *,
        profile: str | None,
        mode: str,
        seed: int,
        exclude: Iterable[str] = frozenset(),
        answers: Iterable[tuple[str, Choice]],
        pending: str | None = None,
        engine_version: str = ENGINE_VERSION,
    ) -> Quiz:
        """The quiz rebuilt from its stored sequence of asked items, without re-running selection.

        Each stored answer is taken as given, so a later change of the selection rule or of a default
        parameter cannot change what was asked. `pending`, the question shown but not yet answered,
        is shown again; without it the next question is chosen now. Questions chosen after a restore
        come from a random stream seeded by the attempt's seed and the number of answers, so two
        restores of one attempt go on alike.
        """
        quiz = cls(framework, profile=profile, mode=mode, seed=seed, exclude=exclude,
                   engine_version=engine_version)
        quiz._pending = None
        moved: set[str] = set()  # areas whose estimates the answers moved: brought up to date once, below
        for item_id, choice in answers:
            row = quiz.bank.row.get(item_id)
            if row is None or not quiz._selector.available[row] or (
                quiz.bank.items[row].area_id not in quiz._areas
            ):
                raise QuizError(N_("The stored question {item} is not part of this check or comes twice.",
                                   item=item_id))
            item = quiz.bank.items[row]
            value = normalise_choice(framework, item, choice)
            if quiz._record(row, item, value, score_answer(framework, item, value), settle=False):
                moved.add(item.area_id)
            if item.kind == "attitude":
                quiz._attitude_due.discard(item.area_id)
        for area_id in moved:
            quiz._settle(quiz._areas[area_id])
        quiz._rng.seed(f"digigram-quiz/{seed}/{quiz.asked}")
        quiz._turn = quiz.asked % len(quiz.area_ids)
        row = None if pending is None else quiz.bank.row.get(pending)
        if row is not None and quiz._selector.available[row] and quiz.bank.items[row].area_id in quiz._areas:
            quiz._pending, quiz._finished = row, False
            if quiz.bank.items[row].kind == "attitude":  # as the quiz did when it chose the question
                quiz._attitude_due.discard(quiz.bank.items[row].area_id)
        else:
            quiz._advance()
        return quiz

    # --- state ----------------------------------------------------------------------------------

    @property
    def answers(self) -> list[tuple[str, Choice]]:
        return list(self._answers)

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def stops(self) -> list[str | None]:
        """Why each area stopped asking (None while it goes on), in the order of the result's areas."""
        return [self._areas[a].stopped for a in self.area_ids]

    @property
    def asked(self) -> int:
        return len(self._answers)

    def next_item(self) -> Item | None:
        """The question to show now (the same one until it is answered), or None when the quiz is over."""
        return None if self._pending is None else self.bank.items[self._pending]

    def answer(self, item_id: str, choice: object) -> None:
        """Take the answer to the current question (an option or scale index, a list, or None)."""
        if self._pending is None:
            raise QuizError(N_("The quiz is over: it takes no more answers."))
        current = self.bank.items[self._pending]
        if item_id != current.id:
            raise QuizError(
                N_("Question {item_id} was not asked now (the current question is {id}).",
                   item_id=item_id, id=current.id),
            )
        value = normalise_choice(self.framework, current, choice)
        scored = score_answer(self.framework, current, value)
        self._record(self._pending, current, value, scored)
        self._pending = None
        self._advance()

    def result(self) -> QuizResult:
        """The results so far (mid-quiz too): per area and per competence."""
        return build_result(
            self.bank,
            profile=self.profile,
            mode=self.mode,
            areas=[self._areas[a] for a in self.area_ids],
            evidence=self._evidence,
            finished=self._finished,
        )

    def progress(self) -> Progress:
        done = sum(s.stopped is not None for s in self._areas.values())
        if self._finished:
            return Progress(self.asked, 0, len(self._areas), len(self._areas))
        # Per place of the person on each area's estimate, the questions still to come, the whole
        # check's cap applied; the mean over those places is shown.
        outlook = np.zeros(len(OUTLOOK_QUANTILES))
        for state in self._areas.values():
            outlook += self._selector.remaining_outlook(state)
        outlook += sum(self._areas[a].attitudes == 0 for a in self._attitude_due)
        outlook = np.minimum(outlook, self.rules.global_cap - self.asked)
        remaining = max(1, round(float(outlook.mean())))
        return Progress(self.asked, remaining, done, len(self._areas))

    # --- internals -------------------------------------------------------------------------------

    def _record(self, row: int, item: Item, choice: Choice, scored: Scored, *, settle: bool = True) -> bool:
        """The answer added; whether it moved its area's estimates. Those are brought up to date (and
        whether the area stops asked) here, or, without `settle`, by the caller with `_settle` once
        the last of many stored answers is in: a restore then does it once per area, not per answer,
        and ends in the same state, as both depend only on the answers in."""
        self._answers.append((item.id, choice))
        self._evidence.append(
            Evidence(item.id, item.competence_id, item.area_id, item.kind, choice,
                     scored.score, scored.category, scored.correct)
        )
        self._selector.mark_asked(row)
        state = self._areas[item.area_id]
        if scored.category is None:
            state.attitudes += 1
            return False
        log_table = self.bank.loglik[row]
        assert log_table is not None
        if item.kind == "self_rating":
            # What people say about themselves has its own estimate; it never moves the level.
            state.said.add(log_table[scored.category])
            state.self_ratings += 1
        else:
            state.posterior.add(log_table[scored.category])
            state.shown += 1
        if settle:  # only the estimate this answer moved
            said = item.kind == "self_rating"
            self._settle(state, said=said, shown=not said)
        return True

    def _settle(self, state: AreaState, *, said: bool = True, shown: bool = True) -> None:
        """The area's said and shown estimates (those it has answers for) brought up to date, and
        whether it stops asking."""
        if said and state.self_ratings:
            state.refresh_said()
        if shown and state.shown:
            state.refresh()
        state.stopped = self._selector.should_stop(state)

    def _advance(self) -> None:
        row = self._choose() if self.asked < self.rules.global_cap else None
        self._pending = row
        self._finished = row is None

    def _choose(self) -> int | None:
        order = self.area_ids
        # First every area gets its minimum (its fixed self-ratings, then its first shown questions),
        # one question per area in turn.
        for offset in range(len(order)):
            state = self._areas[order[(self._turn + offset) % len(order)]]
            if state.stopped is not None:
                continue
            need = self._selector.minimum_need(state)
            if need is None:
                if state.area_id in self._attitude_due and state.attitudes == 0:
                    row = self._attitude(state.area_id)
                    if row is not None:
                        self._turn = (self._turn + offset + 1) % len(order)
                        return row
                continue
            pick = self._selector.best_item(state, need)
            if pick is not None:
                self._turn = (self._turn + offset + 1) % len(order)
                return pick[0]
        # Then the unfinished area whose decision is least settled (borderline people get more).
        while True:
            open_areas = [s for s in self._areas.values() if s.stopped is None]
            if not open_areas:
                return None
            state = max(open_areas, key=lambda s: s.uncertainty())
            pick = self._selector.best_item(state, "shown")
            if pick is None:
                state.stopped = "bank_exhausted"
            elif pick[1] < self.rules.min_information:
                state.stopped = "no_information"
            else:
                return pick[0]

    def _attitude(self, area_id: str) -> int | None:
        self._attitude_due.discard(area_id)
        rows = [r for r in self.bank.attitude_rows[area_id] if self._selector.available[r]]
        fresh = [r for r in rows if self._selector.fresh[r]]
        pool = fresh or rows
        return self._rng.choice(pool) if pool else None


def _profile(framework: Framework, profile: str | None) -> Profile | None:
    # No role: a framework without profiles stores its checks with an empty one. On a framework with
    # roles an empty one is refused below, as any role the framework lacks.
    if profile is None or (profile == "" and not framework.profiles):
        return None
    if not any(p.id == profile for p in framework.profiles):
        known = ", ".join(p.id for p in framework.profiles) or "—"
        raise QuizError(N_("The framework has no profile {profile!r} (known: {known}).",
                           profile=profile, known=known))
    return framework.profile(profile)
