"""Invariants of the shipped librarian framework: coverage, balance, languages and working references."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from competency_framework import shipped_framework_path
from digigram.core.framework import Framework, Text
from digigram.core.loader import load_framework

LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
BANDS = {"low": {"A1", "A2"}, "middle": {"B1", "B2"}, "high": {"C1", "C2"}}


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(shipped_framework_path())


def _texts(fw: Framework) -> Iterator[tuple[str, Text | None]]:
    yield "title", fw.title
    yield "description", fw.description
    for lv in fw.levels:
        yield f"level {lv.code}", lv.name
        yield f"level {lv.code} descriptor", lv.descriptor
    for name, scale in fw.scales.items():
        for k, point in enumerate(scale.points):
            yield f"scale {name}[{k}]", point.label
    for area in fw.areas:
        yield area.id, area.name
        yield f"{area.id} description", area.description
        for c in area.competences:
            yield c.id, c.name
            yield f"{c.id} description", c.description
            for code, text in c.descriptors.items():
                yield f"{c.id} descriptor {code}", text
    for p in fw.profiles:
        yield p.id, p.name
    for item in fw.items:
        yield item.id, item.stem
        yield f"{item.id} explanation", item.explanation
        for k, option in enumerate(item.options):
            yield f"{item.id} option {k}", option.text
    for r in fw.resources:
        yield r.id, r.title


def test_languages_and_levels(fw: Framework) -> None:
    assert fw.languages == ("uk", "en")
    assert [lv.code for lv in fw.levels] == LEVELS


def test_every_text_is_in_both_languages(fw: Framework) -> None:
    missing = [where for where, text in _texts(fw) if text is not None and set(text.values) != {"uk", "en"}]
    assert missing == []


def test_areas_and_competences(fw: Framework) -> None:
    assert 5 <= len(fw.areas) <= 6
    competences = list(fw.competences)
    # 26 original competences plus library system, digital identity, programming, environment, device
    # basics, assistive technology, creative use, wartime e-services and e-health/job search.
    assert 35 <= len(competences) <= 36
    for c in competences:
        bands = {band for band, codes in BANDS.items() if codes & set(c.descriptors)}
        assert bands == set(BANDS), f"{c.id} needs level descriptors at low, middle and high levels"


def test_profiles_coordinator_aims_at_least_as_high_as_librarian(fw: Framework) -> None:
    librarian, coordinator = fw.profile("librarian"), fw.profile("hub-coordinator")
    higher = False
    for area in fw.areas:
        for c in area.competences:
            lib = fw.level_index(librarian.target_for(c.id, area.id))
            coord = fw.level_index(coordinator.target_for(c.id, area.id))
            assert coord >= lib, c.id
            higher = higher or coord > lib
    assert higher


def test_every_competence_has_enough_varied_items(fw: Framework) -> None:
    for c in fw.competences:
        items = fw.items_for_competence(c.id)
        assert len(items) >= 8, c.id
        levels = {i.level for i in items}
        assert all(codes & levels for codes in BANDS.values()), f"{c.id} items span {sorted(levels)}"
        assert sum(i.kind == "self_rating" for i in items) >= 3, c.id
        assert sum(i.kind in ("knowledge", "scenario") for i in items) >= 3, c.id


def test_every_competence_is_measured_at_the_levels_its_profiles_target(fw: Framework) -> None:
    # Ten shown items per competence keep an area's estimate from resting on a handful of questions, and
    # two at each level a profile targets keep the below-or-at-target decision from hanging on one item.
    for area in fw.areas:
        for c in area.competences:
            shown = [i for i in fw.items_for_competence(c.id) if i.kind in ("knowledge", "scenario")]
            assert len(shown) >= 10, c.id
            for code in {p.target_for(c.id, area.id) for p in fw.profiles}:
                assert sum(i.level == code for i in shown) >= 2, (c.id, code)


def test_no_profile_targets_a_level_without_shown_items(fw: Framework) -> None:
    # C2 stays on the scale for growth plans; a target there could never be confirmed by shown items.
    shown_levels = {i.level for i in fw.items if i.kind in ("knowledge", "scenario")}
    for p in fw.profiles:
        assert {p.target, *p.targets.values()} <= shown_levels, p.id


def test_every_area_has_attitude_items(fw: Framework) -> None:
    for area in fw.areas:
        assert any(i.kind == "attitude" for i in fw.items_in_area(area.id)), area.id


def test_knowledge_items_have_one_right_answer_and_an_explanation(fw: Framework) -> None:
    for item in fw.items:
        if item.kind != "knowledge":
            continue
        assert item.explanation is not None, item.id
        if item.select == "one":
            assert sum(o.score == 1 for o in item.options) == 1, item.id


def test_resources_cover_every_competence(fw: Framework) -> None:
    assert len(fw.resources) >= 40
    covered = set()
    for r in fw.resources:
        for ref in r.competences:
            covered |= {c.id for c in fw.area(ref).competences} if ref in {a.id for a in fw.areas} else {ref}
    assert {c.id for c in fw.competences} <= covered


def test_offline_handouts_in_both_languages(fw: Framework) -> None:
    handouts = [r for r in fw.resources if r.kind == "handout" and r.path is not None]
    assert len(handouts) >= 6
    assert all(r.path is not None and r.path.is_file() and r.path.stat().st_size > 0 for r in handouts)
    assert {"uk", "en"} <= {r.language for r in handouts}


def test_every_reference_resolves(fw: Framework) -> None:
    ids = {a.id for a in fw.areas} | {c.id for c in fw.competences}
    for item in fw.items:
        fw.competence(item.competence_id)
        fw.level(item.level)
        assert item.scale is None or item.scale in fw.scales
        for ref in item.resources:
            fw.resource(ref)
    for r in fw.resources:
        assert set(r.competences) <= ids, r.id
        if r.levels:
            fw.level(r.levels[0])
            fw.level(r.levels[1])
    for p in fw.profiles:
        fw.level(p.target)
        assert set(p.targets) <= ids and all(fw.level(code) for code in p.targets.values())
