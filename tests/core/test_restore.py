"""Rebuilding an attempt from its stored sequence of asked items, and results stored as records."""

from __future__ import annotations

import json

import pytest
from factory import framework, knowledge, scenario

from digigram.core import selection
from digigram.core.engine import Quiz
from digigram.core.errors import DigigramError, QuizError
from digigram.core.result_record import result_from_record, result_to_record


def _answers(item: object) -> object:
    kind = getattr(item, "kind", "")
    return 3 if kind in ("self_rating", "attitude") else (0 if getattr(item, "level", "") < "B2" else None)


def _take(quiz: Quiz, limit: int) -> None:
    while (item := quiz.next_item()) is not None and quiz.asked < limit:
        quiz.answer(item.id, _answers(item))


def test_restore_goes_on_at_the_question_that_was_shown() -> None:
    fw = framework(n_areas=3, n_competences=2, self_ratings=3, knowledge_items=4)
    quiz = Quiz(fw, profile="librarian", seed=5)
    _take(quiz, 10)
    shown = quiz.next_item()
    assert shown is not None
    again = Quiz.restore(fw, profile="librarian", mode="full", seed=5, answers=quiz.answers, pending=shown.id)
    assert again.next_item() == shown and again.answers == quiz.answers
    assert again.result() == quiz.result()


def test_restore_does_not_rerun_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    fw = framework(n_areas=2, n_competences=2, self_ratings=3, knowledge_items=4)
    quiz = Quiz(fw, profile="librarian", seed=2)
    _take(quiz, 9)
    shown = quiz.next_item()
    assert shown is not None

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("selection ran")

    # A different selection rule: were the stored sequence re-derived, this would fail at once.
    quiz_advance = Quiz._advance
    monkeypatch.setattr(selection.Selector, "best_item", refuse)
    monkeypatch.setattr(Quiz, "_advance", lambda self: None)
    again = Quiz.restore(fw, profile="librarian", mode="full", seed=2, answers=quiz.answers, pending=shown.id)
    monkeypatch.setattr(Quiz, "_advance", quiz_advance)
    assert again.next_item() == shown
    assert again.result().areas == quiz.result().areas


def test_restore_without_a_pending_question_chooses_alike_each_time() -> None:
    fw = framework(n_areas=2, n_competences=2, self_ratings=3, knowledge_items=4)
    quiz = Quiz(fw, profile="librarian", seed=8)
    _take(quiz, 7)
    one = Quiz.restore(fw, profile="librarian", mode="full", seed=8, answers=quiz.answers)
    two = Quiz.restore(fw, profile="librarian", mode="full", seed=8, answers=quiz.answers)
    assert one.next_item() is not None and one.next_item() == two.next_item()


def test_restore_refuses_unknown_or_repeated_questions() -> None:
    fw = framework(n_areas=2, n_competences=1)
    item = next(i for i in fw.items if i.kind == "knowledge")
    for answers in ([("nope", 0)], [(item.id, 0), (item.id, 0)]):
        with pytest.raises(QuizError) as err:
            Quiz.restore(fw, profile="librarian", mode="full", seed=1, answers=answers)
        assert err.value.message("uk") != err.value.message("en")


def test_a_result_survives_its_record_exactly() -> None:
    extra = (knowledge("many", "A0.1", "A0", "B1", scores=(1, 0, 1, 0), select="many"),
             scenario("scen", "A0.1", "A0", "B1"))
    fw = framework(n_areas=2, n_competences=2, self_ratings=3, knowledge_items=3, extra_items=extra)
    quiz = Quiz(fw, profile="librarian", seed=3)
    while (item := quiz.next_item()) is not None:
        quiz.answer(item.id, [0, 1] if item.select == "many" and not item.on_scale else _answers(item))
    result = quiz.result()
    record = json.loads(json.dumps(result_to_record(result)))
    assert result_from_record(record) == result
    assert record["engine_version"] == "3" and record["params_source"] == "provisional"
    with pytest.raises(DigigramError):
        result_from_record({**record, "format": 99})


def _choice(item: object, seed: int, asked: int) -> int:
    """Answers that differ by seed and by place, so that areas stop for different reasons."""
    if getattr(item, "kind", "") in ("self_rating", "attitude"):
        return 3
    return 0 if (seed + asked) % 3 else 1


def _state(quiz: Quiz) -> tuple[object, ...]:
    return quiz.stops, quiz.finished, quiz.progress(), result_to_record(quiz.result())


@pytest.mark.parametrize("seed", range(4))
def test_a_check_resumed_anywhere_is_where_it_was_closed(seed: int) -> None:
    """A restore brings each area's estimates up to date (and asks whether it stops) once, after its
    last stored answer, not after each one. Resumed after any answer, at the question shown, a check
    must be where it was when it closed: why each area stopped, whether it is over, the questions and
    areas left, the result. (A bank large enough that no area runs out of informative questions: the
    quiz also notes that an area it passed over while choosing has, which a restore does not look for.)"""
    fw = framework(n_areas=3, n_competences=2, self_ratings=3, knowledge_items=12)
    quiz = Quiz(fw, profile="librarian", seed=seed)
    states = []
    while (item := quiz.next_item()) is not None:
        states.append((quiz.answers, item.id, _state(quiz)))
        quiz.answer(item.id, _choice(item, seed, quiz.asked))
    assert {s for s in quiz.stops} - {None} and quiz.finished
    for answers, shown, state in states:
        again = Quiz.restore(fw, profile="librarian", mode="full", seed=seed, answers=answers, pending=shown)
        assert _state(again) == state, len(answers)
    done = Quiz.restore(fw, profile="librarian", mode="full", seed=seed, answers=quiz.answers)
    assert _state(done) == _state(quiz)


@pytest.mark.parametrize("seed", range(4))
def test_a_check_resumed_at_an_attitude_question_counts_the_questions_left_as_before(seed: int) -> None:
    """The quiz takes an area's attitude question off its list when it chooses it; a restore at that
    question took it off only once answered, and a resumed check said one question more was left."""
    fw = framework(n_areas=3, n_competences=2, self_ratings=3, knowledge_items=5)
    quiz = Quiz(fw, profile="librarian", seed=seed)
    while (item := quiz.next_item()) is not None and item.kind != "attitude":
        quiz.answer(item.id, 3 if item.kind == "self_rating" else 0)
    assert item is not None
    again = Quiz.restore(fw, profile="librarian", mode="full", seed=seed, answers=quiz.answers,
                         pending=item.id)
    assert again.progress() == quiz.progress()
    again.answer(item.id, 3)
    quiz.answer(item.id, 3)
    assert again.progress() == quiz.progress() and again.next_item() == quiz.next_item()
