"""Chart inputs: conversion from a quiz result (a stand-in and the real engine) and the result table."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from digigram.charts.model import AreaBar, bars_from_result, level_codes, rows_from_bars
from digigram.core.framework import Area, Framework, Level, Text


def _framework() -> Framework:
    codes = ["A", "B", "C", "D"]
    levels = tuple(Level(code, Text({"uk": code, "en": code}), i) for i, code in enumerate(codes))
    areas = tuple(
        Area(area_id, Text({"uk": uk, "en": en}), ())
        for area_id, uk, en in [("INF", "Інформація", "Information"), ("SAF", "Безпека", "Safety"),
                                ("COM", "Комунікація", "Communication")]
    )
    return Framework("t", "1", Text({"uk": "Т", "en": "T"}), ("uk", "en"), levels, areas, ())


def _area(level, band, target=None):
    return SimpleNamespace(level=level, band=band, target=target, theta=0.3, sd=0.4, gap=None, items=7)


def test_converter_follows_framework_order_and_maps_codes_to_indices():
    result = SimpleNamespace(areas={
        "SAF": _area("B", ("A", "C"), target="D"),
        "INF": _area("C", SimpleNamespace(lo="C", hi="C")),  # a band as an object also works
    })
    bars = bars_from_result(result, _framework(), lang="en")
    assert bars == [
        AreaBar("INF", "Information", 2, 2, 2, None, 0.3, 0.4),
        AreaBar("SAF", "Safety", 1, 0, 2, 3, 0.3, 0.4),
    ]  # COM was not in the result, so it has no row


def test_converter_speaks_the_language_and_honours_a_chosen_subset():
    result = SimpleNamespace(areas={"SAF": _area("B", ("A", "C")), "INF": _area("A", ("A", "B"))})
    bars = bars_from_result(result, _framework(), lang="uk", area_ids=["SAF"])
    assert [b.label for b in bars] == ["Безпека"]


def test_gap_counts_levels_still_to_climb():
    assert AreaBar("a", "a", 1, 0, 2, target_index=3).gap == 2
    assert AreaBar("a", "a", 3, 2, 3, target_index=2).gap == 0
    assert AreaBar("a", "a", 3, 2, 3).gap is None


def test_a_band_that_runs_backwards_is_refused():
    with pytest.raises(ValueError):
        AreaBar("a", "a", 1, 2, 1)


def test_result_rows_read_plainly():
    levels = ["A1", "A2", "B1", "B2"]
    rows = rows_from_bars([AreaBar("x", "X", 1, 1, 2, 3), AreaBar("y", "Y", 2, 2, 2, 2),
                           AreaBar("z", "Z", 0, 0, 1)], levels, lang="uk")
    assert [(r.level, r.band, r.target, r.gap) for r in rows] == [
        ("A2", "A2–B1", "B2", "2"), ("B1", "B1", "B1", "досягнуто"), ("A1", "A1–A2", "—", "—"),
    ]


def test_a_real_quiz_result_becomes_a_chart():
    from digigram.charts.gap import gap_figure
    from digigram.core.engine import Quiz
    from tests.core.factory import framework as small_framework
    from tests.core.factory import profile

    # targets differ by area, so the chart shows reached and missed targets
    framework = small_framework(profiles=[profile("librarian", "B1", {"A0": "C1", "A2": "A1"})])
    quiz = Quiz(framework, profile="librarian", mode="full", seed=3)
    rng = random.Random(3)
    while (item := quiz.next_item()) is not None:
        if item.on_scale:
            choice: object = rng.randrange(len(framework.scales[item.scale].points))
        else:
            choice = rng.randrange(len(item.options))
        quiz.answer(item.id, choice)
    result = quiz.result()
    bars = bars_from_result(result, framework, lang="uk")
    assert [b.area_id for b in bars] == [a.id for a in framework.areas if a.id in result.areas]
    for bar in bars:
        res = result.areas[bar.area_id]
        assert framework.levels[bar.level_index].code == res.level
        assert bar.band_lo_index <= bar.band_hi_index
        assert bar.gap == res.gap
    fig = gap_figure(bars, levels=level_codes(framework), lang="uk")
    assert sum(1 for a in fig.findobj() if (a.get_gid() or "").startswith("level:")) == len(bars)


def test_the_said_level_travels_to_the_report_rows() -> None:
    rows = rows_from_bars([AreaBar("x", "X", 1, 1, 2, 3, said_index=4), AreaBar("y", "Y", 2, 2, 2, 2)],
                          ["A1", "A2", "B1", "B2", "C1", "C2"], lang="en")
    assert [r.said for r in rows] == ["C1", "—"]


@pytest.mark.parametrize(("lang", "likely", "chance"), [("uk", "50\xa0%", "нижче — з імовірністю 20\xa0%"),
                                                        ("en", "50%", "20% chance below")])
def test_result_rows_say_how_likely_the_level_is_and_the_chance_below_the_target(lang, likely, chance):
    # The report's table said C1 and "reached" after a quick check where C1 held half the likelihood and
    # one in five was below the target.
    result = SimpleNamespace(areas={
        "INF": SimpleNamespace(**vars(_area("C", ("B", "D"), target="B")), level_probability=0.5,
                               p_below_target=0.2),
        "SAF": SimpleNamespace(**vars(_area("C", ("C", "C"), target="B")), level_probability=0.97,
                               p_below_target=0.01),  # near sure: nothing to add
    })
    reached, sure = rows_from_bars(bars_from_result(result, _framework(), lang=lang), ["A", "B", "C", "D"],
                                   lang=lang)
    assert (reached.level, reached.level_chance, reached.below_chance) == ("C", likely, chance)
    assert sure.below_chance == ""
