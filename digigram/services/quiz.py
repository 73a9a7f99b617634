"""A quiz in progress, bound to its stored attempt: every answer is committed before the next question."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.engine import Progress, Quiz
from digigram.core.errors import QuizError, StorageError
from digigram.core.framework import Framework, Item
from digigram.core.i18n import N_
from digigram.core.itembank import normalise_choice
from digigram.core.records import AreaOutcome, Attempt, Change, StoredAnswer
from digigram.core.result_record import result_to_record
from digigram.core.scoring import QuizResult
from digigram.services.summaries import store_derived
from digigram.store.db import transaction
from digigram.store.repo import attempts as attempt_rows


def outcomes(result: QuizResult) -> list[AreaOutcome]:
    """The per-area figures kept in the database when an attempt is finished."""
    return [
        AreaOutcome(
            area_id=a.area_id, theta=float(a.theta), sd=float(a.sd), level=a.level, band=tuple(a.band),
            target=a.target, p_below_target=None if a.p_below_target is None else float(a.p_below_target),
            gap=a.gap, n_items=int(a.items),
            level_probabilities=tuple((k, float(v)) for k, v in a.level_probabilities.items()),
            said_theta=None if a.said is None else float(a.said.theta),
            said_sd=None if a.said is None else float(a.said.sd),
            said_level=None if a.said is None else a.said.level,
        )
        for a in result.areas.values()
    ]


def _open_elsewhere() -> StorageError:
    return StorageError(
        N_("This check has meanwhile been continued in another window or terminal, so this answer was not "
           "saved. All the answers given before are safe: close one of the windows and open the check "
           "again to go on."),
    )


def rebuild(framework: Framework, attempt: Attempt, answers: Sequence[StoredAnswer]) -> Quiz:
    """The quiz state from the stored sequence of asked items: the answers as given, then the question
    that was on screen. Nothing re-runs selection over the past, so a new release cannot change it.

    Attempts begun before the question on screen was stored (revision 0004) have no `pending_item`:
    their next question is found by replaying selection where that still fits, else chosen afresh.
    """
    pairs = [(a.item_id, a.choice) for a in answers]
    if attempt.pending_item is None and attempt.status == "in_progress" and pairs:
        try:
            return Quiz.replay(framework, profile=attempt.profile_id, mode=attempt.mode, seed=attempt.seed,
                               exclude=attempt.exclude, answers=pairs)
        except QuizError:
            pass  # asked under older rules: take the answers as they are
    return Quiz.restore(
        framework, profile=attempt.profile_id, mode=attempt.mode, seed=attempt.seed,
        exclude=attempt.exclude, answers=pairs, pending=attempt.pending_item,
    )


class QuizSession:
    """What the quiz screen and the terminal quiz drive: show `current_item`, pass the answer back."""

    def __init__(self, sessions: sessionmaker[Session], attempt: Attempt, quiz: Quiz) -> None:
        self._sessions = sessions
        self._attempt = attempt
        self.attempt_id = attempt.id
        self.person_id = attempt.person_id
        self.framework = quiz.framework
        self._quiz = quiz
        self._closed = attempt.status != "in_progress"

    @property
    def current_item(self) -> Item | None:
        """The question to show now; None when the quiz has nothing more to ask."""
        return None if self._closed else self._quiz.next_item()

    @property
    def done(self) -> bool:
        """Whether the quiz has nothing more to ask (call finish() to store the result)."""
        return self._quiz.finished

    @property
    def finished(self) -> bool:
        """Whether the attempt has been finished and its result stored."""
        return self._closed

    def remember_current(self) -> None:
        """Store the question on screen (a new attempt's first one; the rest go with each answer)."""
        item = self.current_item
        with transaction(self._sessions) as session:
            attempt_rows.set_pending(session, self.attempt_id, None if item is None else item.id)

    def answer(self, choice: object, *, seconds: float | None = None, language: str | None = None) -> Change:
        """Store the answer to the current question and the next question, in one commit.

        `choice`: an option or scale-point index (0-based), a list of them for `select: many`,
        or None for "I don't know". `language`: the one the question was shown in. A choice that does
        not fit raises QuizError and stores nothing.
        """
        item = self.current_item
        if item is None:
            raise QuizError(N_("The quiz is over: it takes no more answers."))
        value = normalise_choice(self.framework, item, choice)
        before = self._quiz.answers
        sequence = len(before)
        self._quiz.answer(item.id, value)
        following = self._quiz.next_item()
        # One commit holds the answer and the question chosen after it; only then is that question
        # shown. Should the commit fail, the quiz goes back to the question it was on.
        try:
            with transaction(self._sessions) as session:
                # The write lock is held from here, so this look at what is stored cannot go stale:
                # another process answering the same attempt is caught here, not by a duplicate key.
                self._check_unchanged(session, sequence)
                attempt_rows.add_answer(session, self.attempt_id, sequence=sequence, item_id=item.id,
                                        choice=value, seconds=seconds, language=language)
                attempt_rows.set_pending(session, self.attempt_id,
                                         None if following is None else following.id)
        except BaseException:
            self._quiz = Quiz.restore(
                self.framework, profile=self._attempt.profile_id, mode=self._attempt.mode,
                seed=self._attempt.seed, exclude=self._attempt.exclude, answers=before, pending=item.id,
            )
            raise
        return Change("answer", (self.attempt_id,), person_id=self.person_id)

    def _check_unchanged(self, session: Session, answered: int) -> None:
        stored = attempt_rows.get_attempt(session, self.attempt_id, with_areas=False)
        if stored is None or stored.status != "in_progress" or stored.n_answers != answered:
            self._closed = True  # this copy of the quiz is stale: it takes nothing more
            raise _open_elsewhere()

    def progress(self) -> Progress:
        return self._quiz.progress()

    def result(self) -> QuizResult:
        """The result so far (before the end too)."""
        return self._quiz.result()

    def pause(self) -> Change:
        """Nothing to save (each answer already is); the attempt stays in progress for resume_quiz."""
        return Change("attempt", (self.attempt_id,), person_id=self.person_id)

    def finish(self, *, rating_after: int | None = None) -> Change:
        """Store the per-area results and mark the attempt finished (early finishing is allowed)."""
        if self._closed:
            raise QuizError(N_("This attempt is already finished."))
        if rating_after is not None and not 1 <= rating_after <= 10:
            raise QuizError(N_("The self-rating must be from 1 to 10."))
        result = self._quiz.result()
        with transaction(self._sessions) as session:
            self._check_unchanged(session, self._quiz.asked)
            attempt_rows.finish_attempt(session, self.attempt_id, outcomes=outcomes(result),
                                        rating_after=rating_after, record=result_to_record(result))
            # Its summary with it: the dashboard and the report only read that.
            store_derived(session, self.framework, [self.attempt_id])
        self._closed = True
        return Change("attempt", (self.attempt_id,), person_id=self.person_id)
