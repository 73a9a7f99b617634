"""Plan suggestions: which competences get a step, and the order of their resources."""

from __future__ import annotations

from dataclasses import replace

from factory import framework, knowledge, profile, resource
from test_scoring import over_rater

from digigram.core.engine import Quiz
from digigram.core.framework import Framework
from digigram.core.plan import goal_text, suggest
from digigram.core.scoring import QuizResult, not_shown_yet


def _result(fw: Framework, choose_best: bool, prof: str = "p") -> QuizResult:
    quiz = Quiz(fw, profile=prof, seed=1)
    while (item := quiz.next_item()) is not None:
        quiz.answer(item.id, (4 if choose_best else 0) if item.on_scale else (0 if choose_best else None))
    return quiz.result()


RESOURCES = (
    resource("R-area-en", ("A0",), language="en"),
    resource("R-comp-uk", ("A0.1",), language="uk"),
    resource("R-comp-en", ("A0.1",), language="en"),
    resource("R-comp-offline", ("A0.1",), language="en", offline=True),
    resource("R-comp-advanced", ("A0.1",), levels=("C1", "C2")),
    resource("R-other", ("A1",)),
    resource("R-linked", ("A1.2",)),
)


def _fw() -> Framework:
    extra = (knowledge("A0.1-linked", "A0.1", "A0", "A1", resources=("R-other",)),)
    return framework(
        n_areas=2,
        n_competences=2,
        resources=RESOURCES,
        extra_items=extra,
        profiles=(profile("p", "B1", {"A0.2": "C1"}),),
    )


def test_steps_cover_competences_with_a_gap_largest_first() -> None:
    steps = suggest(_result(_fw(), choose_best=False), _fw())
    assert [s.competence_id for s in steps][:1] == ["A0.2"]
    assert {s.competence_id for s in steps} == {"A0.1", "A0.2", "A1.1", "A1.2"}
    assert all(s.gap > 0 for s in steps)


def test_no_steps_when_targets_are_reached_or_unknown() -> None:
    fw = _fw()
    assert suggest(_result(fw, choose_best=True), fw) == []
    no_targets = framework(n_areas=1, profiles=(), resources=RESOURCES[:1])
    quiz = Quiz(no_targets, profile=None, seed=1)
    assert suggest(quiz.result(), no_targets) == []


def test_a_competence_not_shown_yet_gets_a_step_though_its_area_reached_the_target() -> None:
    """The results call a competence «not shown yet» when its area reached the target but every answer
    to it was the lowest; the plan left it out, so the weakest competence had no step."""
    fw = _fw()
    reached = _result(fw, choose_best=True)
    assert suggest(reached, fw) == []
    comp = reached.competences["A0.1"]
    assert comp.gap == 0 and any(e.category is not None for e in comp.evidence)
    lowest = replace(comp, evidence=tuple(replace(e, score=0.0) if e.category is not None else e
                                          for e in comp.evidence))
    assert not_shown_yet(lowest) and not not_shown_yet(comp)
    result = replace(reached, competences={**reached.competences, "A0.1": lowest})
    steps = suggest(result, fw)
    assert [s.competence_id for s in steps] == ["A0.1"]
    assert steps[0].resources, "the step comes with resources for its level"


def test_resources_match_competence_first_then_language_then_level() -> None:
    fw = _fw()
    step = next(
        s for s in suggest(_result(fw, choose_best=False), fw, lang="uk") if s.competence_id == "A0.1"
    )
    ids = [r.id for r in step.resources]
    assert "R-comp-advanced" not in ids  # C1–C2 does not meet a climb from A1 to B1
    assert "R-other" not in ids or ids.index("R-other") == 0
    assert ids.index("R-comp-uk") < ids.index("R-comp-en") < ids.index("R-area-en")


def test_offline_handouts_first_when_asked() -> None:
    fw = _fw()
    step = next(
        s
        for s in suggest(_result(fw, choose_best=False), fw, lang="uk", offline_first=True)
        if s.competence_id == "A0.1"
    )
    assert step.resources[0].id == "R-comp-offline"


def test_resources_of_missed_questions_come_first_in_the_readers_language() -> None:
    fw = framework(
        n_areas=1,
        n_competences=1,
        knowledge_items=0,
        self_ratings=1,
        resources=RESOURCES,
        extra_items=(knowledge("A0.1-linked", "A0.1", "A0", "A1", resources=("R-comp-en",)),),
        profiles=(profile("p", "C1"),),
    )
    result = _result(fw, choose_best=False)
    assert suggest(result, fw, lang="en")[0].resources[0].id == "R-comp-en"
    assert suggest(result, fw)[0].resources[0].id == "R-comp-en"  # no language asked for
    # A Ukrainian reader gets the handout in Ukrainian first, then the linked one in English ahead of
    # the other English ones: a missed question's link does not outweigh the reader's language.
    ids = [r.id for r in suggest(result, fw, lang="uk")[0].resources]
    assert ids[0] == "R-comp-uk" and ids.index("R-comp-en") < ids.index("R-area-en")



def test_a_kept_suggested_goal_reads_in_each_language_and_own_words_stay_as_typed() -> None:
    fw = _fw()
    name = fw.competence("A0.2")
    uk = goal_text("", fw, competence_id="A0.2", profile_id="p", lang="uk")
    en = goal_text("", fw, competence_id="A0.2", profile_id="p", lang="en")
    assert uk == f"Досягти рівня C1: {name.name.get('uk')}"  # the profile's override for A0.2
    assert en == f"Reach level C1: {name.name.get('en')}"
    assert goal_text("", fw, competence_id="A1.1", profile_id="p", lang="en").startswith("Reach level B1:")
    assert goal_text("Пройти курс", fw, competence_id="A0.2", profile_id="p", lang="en") == "Пройти курс"


def test_an_over_raters_competence_with_only_wrong_answers_gets_its_step() -> None:
    """Rated at the top, answered wrongly or «I don't know»: the plan gave no step for it (the self-rating
    counted as shown), while the same answers without a self-rating got one."""
    fw, result = over_rater()
    steps = suggest(result, fw)
    assert [s.competence_id for s in steps] == ["A0.1"]
    assert [r.id for r in steps[0].resources] == ["R-A0.1"]
