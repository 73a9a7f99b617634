"""Answers to scores and categories, results against brute force, and the say-versus-show flag."""

from __future__ import annotations

import pytest
from factory import framework, knowledge, profile, resource, scenario, self_rating
from test_irt import ref_eap

from digigram.core.engine import Quiz
from digigram.core.framework import Framework, IrtParams
from digigram.core.irt import ItemParams
from digigram.core.itembank import bank_for, score_answer
from digigram.core.scoring import (
    QuizResult,
    SelfVsShown,
    disagrees,
    not_shown_yet,
    pooled_self_vs_shown,
    shown_at_target,
)


@pytest.fixture(scope="module")
def kinds():  # type: ignore[no-untyped-def]
    extra = (
        knowledge("many", "A0.1", "A0", "B1", scores=(1, 0, 1, 0), select="many"),
        knowledge("partial", "A0.1", "A0", "B2", scores=(0.5, 1, 0, 0.5)),
        knowledge("right", "A0.1", "A0", "A2"),
        scenario("scen", "A0.1", "A0", "B1", scores=(0.5, 1, 0)),
        self_rating("rate", "A0.1", "A0", "C1"),
    )
    return framework(
        n_areas=1, n_competences=1, self_ratings=0, knowledge_items=0, attitudes=1, extra_items=extra
    )


@pytest.mark.parametrize(
    ("item_id", "choice", "category", "score"),
    [
        ("rate", 0, 0, 0.0),
        ("rate", 3, 3, 0.75),
        ("right", 0, 1, 1.0),
        ("right", 2, 0, 0.0),
        ("right", None, 0, 0.0),
        ("partial", 1, 2, 1.0),
        ("partial", 3, 1, 0.5),
        ("partial", None, 0, 0.0),
        ("scen", 2, 0, 0.0),
        ("scen", 0, 1, 0.5),
        ("many", (0, 2), 4, 1.0),
        ("many", (), 0, 0.0),  # nothing chosen is "I don't know", not half right
        ("many", (1, 3), 0, 0.0),
        ("many", (0,), 3, 0.75),
        ("many", None, 0, 0.0),
    ],
)
def test_answers_map_to_categories_and_scores(kinds, item_id, choice, category, score) -> None:  # type: ignore[no-untyped-def]
    scored = score_answer(kinds, kinds.item(item_id), choice)
    assert scored.category == category and scored.score == pytest.approx(score)


def test_attitudes_have_no_category(kinds) -> None:  # type: ignore[no-untyped-def]
    assert score_answer(kinds, kinds.item("A0-T0"), 2).category is None


def test_correct_options_are_reported(kinds) -> None:  # type: ignore[no-untyped-def]
    assert score_answer(kinds, kinds.item("many"), ()).correct == (0, 2)
    assert score_answer(kinds, kinds.item("partial"), 0).correct == (1,)


def test_provisional_models_follow_kind_and_level(kinds) -> None:  # type: ignore[no-untyped-def]
    bank = bank_for(kinds)
    right = bank.params[bank.row["right"]]
    assert right is not None and right.dichotomous and right.c == pytest.approx(1 / 5)
    assert right.b == pytest.approx(-1.5)  # A2's centre with six levels over [-2.5, 2.5]
    rate = bank.params[bank.row["rate"]]
    assert (
        rate is not None and rate.n_categories == 5 and sum(rate.thresholds or ()) / 4 == pytest.approx(1.5)
    )
    many = bank.params[bank.row["many"]]
    assert many is not None and many.n_categories == 5
    assert bank.params[bank.row["partial"]].n_categories == 3  # type: ignore[union-attr]


def test_calibrated_parameters_win() -> None:
    item = knowledge("cal", "A0.1", "A0", "B1", irt=IrtParams(a=0.7, b=1.9, c=0.1))
    fw = framework(n_areas=1, n_competences=1, extra_items=(item,))
    p = bank_for(fw).params[bank_for(fw).row["cal"]]
    assert p == ItemParams(a=0.7, b=1.9, c=0.1)


def test_quiz_result_matches_brute_force_for_every_model(kinds) -> None:  # type: ignore[no-untyped-def]
    quiz = Quiz(kinds, profile="librarian", mode="A0", seed=3)
    answers = {"many": (0,), "partial": 3, "right": 0, "scen": 1, "rate": 2, "A0-T0": 1}
    pattern = []
    bank = bank_for(kinds)
    while (item := quiz.next_item()) is not None:
        quiz.answer(item.id, answers[item.id])
        cat = score_answer(kinds, item, answers[item.id]).category
        params = bank.params[bank.row[item.id]]
        if params is not None and cat is not None:
            pattern.append((params, cat))
    assert len(pattern) == 5
    area = quiz.result().areas["A0"]
    shown = [p for p in pattern if p[0] is not bank.params[bank.row["rate"]]]
    said = [p for p in pattern if p[0] is bank.params[bank.row["rate"]]]
    mean, sd = ref_eap(shown)
    assert area.theta == pytest.approx(mean, abs=2e-3) and area.sd == pytest.approx(sd, abs=2e-3)
    mean, sd = ref_eap(said)
    assert area.said is not None
    assert area.said.theta == pytest.approx(mean, abs=2e-3) and area.said.sd == pytest.approx(sd, abs=2e-3)


def test_overrating_is_flagged() -> None:
    fw = framework(n_areas=1, n_competences=2, self_ratings=5, knowledge_items=8)
    quiz = Quiz(fw, profile="librarian", mode="A0", seed=1)
    while (item := quiz.next_item()) is not None:
        quiz.answer(item.id, 4 if item.on_scale else None)
    check = quiz.result().areas["A0"].self_vs_shown
    assert check is not None and check.flag and check.difference > 0


def test_consistent_answers_are_not_flagged() -> None:
    fw = framework(n_areas=1, n_competences=2, self_ratings=5, knowledge_items=8)
    quiz = Quiz(fw, profile="librarian", mode="A0", seed=1)
    while (item := quiz.next_item()) is not None:
        quiz.answer(item.id, 2 if item.on_scale else (0 if item.level in ("A1", "A2", "B1") else None))
    check = quiz.result().areas["A0"].self_vs_shown
    assert check is not None and not check.flag


def test_evidence_lists_every_answer_per_competence() -> None:
    fw = framework(n_areas=2, n_competences=2)
    quiz = Quiz(fw, profile="librarian", seed=2)
    while (item := quiz.next_item()) is not None:
        quiz.answer(item.id, 1)
    res = quiz.result()
    evidence = [e for c in res.competences.values() for e in c.evidence]
    assert sorted(e.item_id for e in evidence) == sorted(i for i, _ in quiz.answers)
    for e in evidence:
        assert res.competences[e.competence_id].area_id == e.area_id
        if e.kind == "knowledge":
            assert e.correct == (0,)
    assert res.asked == quiz.asked


def test_result_works_mid_quiz() -> None:
    fw = framework(n_areas=2)
    quiz = Quiz(fw, profile="librarian", seed=1)
    assert quiz.result().areas["A0"].items == 0 and not quiz.result().finished
    item = quiz.next_item()
    assert item is not None
    quiz.answer(item.id, 4)
    assert quiz.result().areas[item.area_id].theta > 0


def test_pooling_over_areas_finds_what_no_single_area_can() -> None:
    areas = [SelfVsShown(0.8, 0.3, 0.0, 0.4, False) for _ in range(4)]
    # 0.8 against an SE of 0.5 in each area alone is within chance.
    assert all(not disagrees(a.difference, a.sd) for a in areas)
    person = pooled_self_vs_shown(areas)
    assert person is not None and person.areas == 4
    assert person.difference == pytest.approx(0.8) and person.sd == pytest.approx(0.25)
    assert person.flag and person.direction == 1
    assert pooled_self_vs_shown([]) is None


def test_small_differences_are_never_flagged_however_precise() -> None:
    person = pooled_self_vs_shown([SelfVsShown(0.3, 0.05, 0.0, 0.05, False)] * 6)
    assert person is not None and not person.flag and person.direction == 0


def test_person_level_comparison_in_the_quiz_result() -> None:
    fw = framework(n_areas=3, n_competences=2, self_ratings=3, knowledge_items=6)
    said_high = Quiz(fw, profile="librarian", seed=4)
    while (item := said_high.next_item()) is not None:
        said_high.answer(item.id, 4 if item.on_scale else None)
    person = said_high.result().self_vs_shown
    assert person is not None and person.flag and person.difference > 1 and person.areas == 3
    modest = Quiz(fw, profile="librarian", seed=4)
    while (item := modest.next_item()) is not None:
        modest.answer(item.id, 0)  # the lowest self-rating, and option 0 is every knowledge key
    person = modest.result().self_vs_shown
    assert person is not None and person.flag and person.direction == -1


def over_rater() -> tuple[Framework, QuizResult]:
    """One area at its lowest target (reached whatever the answers): in A0.1 the top self-rating and
    every question wrong or «I don't know»; in A0.2 every question right and the lowest self-rating."""
    fw = framework(n_areas=1, n_competences=2, self_ratings=1, knowledge_items=2, attitudes=0,
                   profiles=(profile("p", "A1"),), resources=(resource("R-A0.1", ("A0.1",)),))
    quiz = Quiz(fw, profile="p", seed=1)
    while (item := quiz.next_item()) is not None:
        if item.competence_id == "A0.1":
            quiz.answer(item.id, 4 if item.on_scale else (None if item.id.endswith("K0") else 1))
        else:
            quiz.answer(item.id, 0)  # the lowest self-rating; option 0 is every knowledge key
    return fw, quiz.result()


def test_a_top_self_rating_does_not_show_what_wrong_answers_did_not() -> None:
    """An over-rater's competence read «✓ target reached» beside a wrong answer and «I don't know»: the
    top self-rating counted as an answer above the lowest. Only shown answers decide, either way."""
    _, result = over_rater()
    said, right = result.competences["A0.1"], result.competences["A0.2"]
    assert said.gap == 0 and right.gap == 0
    assert {e.kind for e in said.evidence} == {"self_rating", "knowledge"}
    assert max(e.score for e in said.evidence if e.kind == "self_rating") == 1.0
    assert not_shown_yet(said) and not shown_at_target(said)
    # The lowest self-rating beside right answers takes nothing away from them.
    assert not not_shown_yet(right) and shown_at_target(right)
