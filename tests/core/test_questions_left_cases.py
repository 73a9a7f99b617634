""""Questions left" in the cases a simulation's averages hide: an area of self-ratings only, an area whose
questions ran out, a check resumed after a crash, and the count given again while nothing changed."""

from __future__ import annotations

from factory import framework, knowledge
from test_restore import _answers, _take

from digigram.core.engine import Quiz


def test_an_area_with_self_ratings_only_counts_just_those() -> None:
    """Nothing is shown in such an area: what is left is its self-ratings not yet asked, never more."""
    fw = framework(n_areas=1, n_competences=1, self_ratings=3, knowledge_items=0, attitudes=0)
    quiz = Quiz(fw, profile="librarian", mode="A0", seed=3)
    left = []
    while (item := quiz.next_item()) is not None:
        left.append(quiz.progress().remaining)
        quiz.answer(item.id, _answers(item))
    assert left == [len(left) - k for k in range(len(left))]  # each one exactly right
    assert quiz.progress().remaining == 0


def test_an_area_whose_questions_ran_out_counts_none_of_them() -> None:
    """With every shown question asked, the count cannot promise one more of them."""
    extra = tuple(knowledge(f"X{k}", "A0.1", "A0", "B1") for k in range(2))
    fw = framework(n_areas=1, n_competences=1, self_ratings=0, knowledge_items=0, attitudes=0,
                   extra_items=extra)
    quiz = Quiz(fw, profile="librarian", mode="A0", seed=1)
    seen = []
    while (item := quiz.next_item()) is not None:
        seen.append((quiz.asked, quiz.progress().remaining))
        quiz.answer(item.id, _answers(item))
    assert seen == [(0, 2), (1, 1)]


def test_a_resumed_check_shows_the_count_it_showed_before_the_crash() -> None:
    fw = framework(n_areas=3, n_competences=2, self_ratings=3, knowledge_items=4)
    quiz = Quiz(fw, profile="librarian", seed=5)
    _take(quiz, 10)
    shown = quiz.next_item()
    assert shown is not None
    before = quiz.progress()
    again = Quiz.restore(fw, profile="librarian", mode="full", seed=5, answers=quiz.answers, pending=shown.id)
    assert again.progress() == before


def test_the_count_asked_again_without_an_answer_is_the_same() -> None:
    fw = framework(n_areas=3, n_competences=2, self_ratings=3, knowledge_items=4)
    quiz = Quiz(fw, profile="librarian", seed=8)
    _take(quiz, 7)
    assert quiz.progress() == quiz.progress()
