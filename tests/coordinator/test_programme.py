"""The programme's picture on a small set worked out by hand, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from digigram.core.errors import DigigramError
from digigram.core.programme import ProgrammeFilter, Share, wilson
from digigram.services.workspace import Workspace
from tests.coordinator.conftest import add_check


def _day(month: int, day: int) -> datetime:
    return datetime(2025, month, day, 12, 0, tzinfo=UTC)


@pytest.fixture
def lviv_kyiv(ws: Workspace) -> dict[str, str]:
    """Two hubs in two regions and a person with no hub.

    Olena (Lviv) 4 → 8 after 59 days; Andrii (Lviv) one check; Maria (Kyiv) 3, then 9 only 16 days on,
    then 6 after 59 days; Petro (Kyiv) no check; Ivan (no hub) 7 → 8 after 41 days.
    """
    lviv = ws.add_hub("Хаб Львів", region_id="UA-46")
    kyiv = ws.add_hub("Хаб Київ", region_id="UA-30")
    olena = ws.create_person("Олена Коваль", hub="Хаб Львів")
    andrii = ws.create_person("Андрій Мельник", hub="Хаб Львів")
    maria = ws.create_person("Марія Шевчук", hub="Хаб Київ")
    ws.create_person("Петро Бондар", hub="Хаб Київ")
    ivan = ws.create_person("Іван Дячук")
    add_check(ws, olena, when=_day(1, 10), rating=4, levels={"DOC": ("A", "B"), "NET": ("A", "C")},
              said={"DOC": "B", "NET": "A"}, answers=[("DOC.1-04", 1), ("DOC.1-07", [0, 2]), ("DOC.1-01", 3)])
    add_check(ws, olena, when=_day(3, 10), rating=8, levels={"DOC": ("B", "B"), "NET": ("B", "C")},
              said={"DOC": "C", "NET": "B"}, answers=[("DOC.1-04", 0)])
    add_check(ws, andrii, when=_day(2, 1), rating=9, levels={"DOC": ("B", "B"), "NET": ("C", "C")},
              answers=[("DOC.1-04", None), ("DOC.1-07", [0])])
    add_check(ws, maria, when=_day(1, 20), rating=3, levels={"DOC": ("A", "C"), "NET": ("B", "C")},
              answers=[("DOC.1-04", 2)])
    add_check(ws, maria, when=_day(2, 5), rating=9, levels={"DOC": ("B", "C"), "NET": ("B", "C")})
    add_check(ws, maria, when=_day(3, 20), rating=6, levels={"DOC": ("B", "C"), "NET": ("C", "C")},
              said={"DOC": "B"}, answers=[("DOC.1-07", [0, 2])])
    add_check(ws, ivan, when=_day(1, 5), rating=7, levels={"DOC": ("B", "B"), "NET": ("A", "C")})
    add_check(ws, ivan, when=_day(2, 15), rating=8, levels={"DOC": ("C", "B"), "NET": ("A", "C")},
              said={"DOC": "C", "NET": "B"})
    return {"lviv": lviv.id, "kyiv": kyiv.id}


def test_wilson_interval_matches_the_published_values() -> None:
    low, high = wilson(1, 3) or (0.0, 0.0)
    assert (round(low, 4), round(high, 4)) == (0.0615, 0.7923)
    low, high = wilson(0, 10) or (1.0, 1.0)
    assert low == 0.0 and round(high, 4) == 0.2775
    assert wilson(0, 0) is None
    assert Share(0, 0).value is None


def test_national_picture(ws: Workspace, lviv_kyiv: dict[str, str]) -> None:
    p = ws.programme(min_answers=2)
    assert [(r.region_id, r.trainees, r.hubs, r.checks) for r in p.regions] == [
        ("UA-30", 2, 1, 3), ("UA-46", 2, 1, 3), (None, 1, 0, 2)]
    assert (p.trainees, p.hubs, p.checks) == (5, 2, 8)
    # Olena 4→8, Maria 3→6 (her 9 came too soon), Ivan 7→8; Andrii has one check.
    assert (p.headline.before, p.headline.after) == (Share(1, 3), Share(2, 3))
    assert dict(p.levels) == {"DOC": (("B", 3), ("C", 1)), "NET": (("A", 1), ("B", 1), ("C", 2))}
    assert [(g.area_id, g.share) for g in p.gaps] == [("DOC", Share(1, 4)), ("NET", Share(2, 4))]
    assert [(o.area_id, o.share) for o in p.over_confident] == [("DOC", Share(1, 3)), ("NET", Share(1, 2))]
    # DOC.1-04: right once of four ("don't know" is not right); DOC.1-07: twice of three; a self-rating
    # question is never listed.
    assert [(q.item_id, q.right) for q in p.hardest] == [("DOC.1-04", Share(1, 4)), ("DOC.1-07", Share(2, 3))]
    assert [q.item_id for q in ws.programme(min_answers=4).hardest] == ["DOC.1-04"]


def test_filters_by_region_hub_and_date(ws: Workspace, lviv_kyiv: dict[str, str]) -> None:
    kyiv = ws.programme(ws.programme_filter(region="UA-30"), min_answers=1)
    assert [(r.region_id, r.trainees, r.checks) for r in kyiv.regions] == [("UA-30", 2, 3)]
    assert (kyiv.headline.before, kyiv.headline.after) == (Share(0, 1), Share(0, 1))
    assert dict(kyiv.levels) == {"DOC": (("B", 1),), "NET": (("C", 1),)}
    assert [(q.item_id, q.right) for q in kyiv.hardest] == [
        ("DOC.1-04", Share(0, 1)), ("DOC.1-07", Share(1, 1))]
    by_hub = ws.programme(ws.programme_filter(hub=lviv_kyiv["lviv"]))
    assert [(r.region_id, r.trainees, r.checks) for r in by_hub.regions] == [("UA-46", 2, 3)]
    assert by_hub.headline.after == Share(1, 1)
    # From 1 February (Kyiv): Maria's first counted check is the 9, her 6 came 43 days later.
    since = ws.programme(ProgrammeFilter(since=date(2025, 2, 1)))
    assert [(r.region_id, r.trainees, r.checks) for r in since.regions] == [
        ("UA-30", 1, 2), ("UA-46", 2, 2), (None, 1, 1)]
    assert (since.headline.before, since.headline.after) == (Share(1, 1), Share(0, 1))
    empty = ws.programme(ProgrammeFilter(since=date(2026, 1, 1)))
    assert (empty.trainees, empty.headline.before, dict(empty.levels), empty.hardest) == (
        0, Share(0, 0), {}, ())


@pytest.mark.parametrize(("region", "hub", "expected"), [
    ("UA-46", None, ("UA-46", None)), ("46", None, ("UA-46", None)),
    ("львівська область", None, ("UA-46", None)), ("Lviv Oblast", None, ("UA-46", None)),
    (None, "хаб київ", ("", "kyiv")), ("UA-30", "Хаб Київ", ("UA-30", "kyiv")),
    # As people type a region: without «область», shortened, in any case, with «м.» for Kyiv.
    ("Львівська", None, ("UA-46", None)), ("львівська обл.", None, ("UA-46", None)),
    ("Lviv", None, ("UA-46", None)), ("lviv region", None, ("UA-46", None)), ("Льв", None, ("UA-46", None)),
    ("Lvivska oblast", None, ("UA-46", None)), ("ua 46", None, ("UA-46", None)),
    ("м. Київ", None, ("UA-30", None)), ("Kyiv city", None, ("UA-30", None)),
    ("Kyiv", None, ("UA-30", None)), ("Київ", None, ("UA-30", None)),
    ("Київська", None, ("UA-32", None)), ("Kyiv Oblast", None, ("UA-32", None)),
    ("Київська обл", None, ("UA-32", None)), ("Франківська", None, ("UA-26", None)),
    ("івано франківська", None, ("UA-26", None)), ("АР Крим", None, ("UA-43", None)),
])
def test_region_and_hub_as_typed(ws: Workspace, lviv_kyiv: dict[str, str], region: str | None,
                                 hub: str | None, expected: tuple[str, str | None]) -> None:
    f = ws.programme_filter(region=region, hub=hub)
    hub_id = None if expected[1] is None else lviv_kyiv[expected[1]]
    assert (f.region_id or "", f.hub_id) == (expected[0], hub_id)


@pytest.mark.parametrize(("region", "hub", "en", "uk"), [
    ("UA-99", None, "Unknown region 'UA-99'", "Невідомий регіон «UA-99»"),
    (None, "Хаб Одеса", "Unknown hub 'Хаб Одеса'", "Невідомий хаб «Хаб Одеса»"),
    ("UA-46", "Хаб Київ", "is not in the region", "не в регіоні"),
])
def test_unknown_region_or_hub_is_named_in_both_languages(
        ws: Workspace, lviv_kyiv: dict[str, str], region: str | None, hub: str | None, en: str,
        uk: str) -> None:
    with pytest.raises(DigigramError) as caught:
        ws.programme_filter(region=region, hub=hub)
    assert en in caught.value.message("en")
    assert uk in caught.value.message("uk")


@pytest.mark.parametrize(("region", "en", "uk"), [
    # Nothing like it: every region, briefly, by the names that may be typed.
    ("Атлантида", "The regions are: Autonomous Republic of Crimea, Cherkasy,",
     "Регіони: Автономна Республіка Крим, Вінницька, Волинська,"),
    # A near miss: the closest, with its code.
    ("Одеса", "Did you mean Odesa Oblast (UA-51)?", "Можливо, ви мали на увазі: Одеська область (UA-51)?"),
    ("Львовская", "Did you mean Lviv Oblast (UA-46)?",
     "Можливо, ви мали на увазі: Львівська область (UA-46)?"),
    # The start of two names: both, with their codes.
    ("Ки", "could be several: Kyiv (UA-30), Kyiv Oblast (UA-32)",
     "підходять кілька регіонів: Київ (UA-30), Київська область (UA-32)"),
])
def test_a_region_not_found_lists_the_ones_it_may_be(
        ws: Workspace, lviv_kyiv: dict[str, str], region: str, en: str, uk: str) -> None:
    with pytest.raises(DigigramError) as caught:
        ws.programme_filter(region=region)
    assert en in caught.value.message("en")
    assert uk in caught.value.message("uk")


def test_hardest_questions_from_the_stored_check_summaries(ws: Workspace, lviv_kyiv: dict[str, str]) -> None:
    """Once the dashboard has stored every check's summary the report reads those instead of every
    answer; the hardest questions must not change, nationally or for a region."""
    from digigram.services.coordinator.dashboard import refresh_summaries

    from_answers = [ws.programme(min_answers=1).hardest,
                    ws.programme(ws.programme_filter(region="UA-30"), min_answers=1).hardest]
    assert len(refresh_summaries(ws._sessions, ws.framework)[0]) == 8
    from_marks = [ws.programme(min_answers=1).hardest,
                  ws.programme(ws.programme_filter(region="UA-30"), min_answers=1).hardest]
    assert from_marks == from_answers
    assert [(q.item_id, q.right) for q in from_marks[0]] == [("DOC.1-04", Share(1, 4)),
                                                             ("DOC.1-07", Share(2, 3))]


def test_the_figures_are_read_from_one_moment(ws: Workspace, lviv_kyiv: dict[str, str]) -> None:
    """A trainee added while the figures are read shows in none of them: on PostgreSQL the reads run at
    once on their own connections, which share one snapshot; on SQLite they share one transaction."""
    from sqlalchemy.orm import Session

    from digigram.store.repo.dashboard import _fetch
    from digigram.store.repo.programme import read_together

    def people(session: Session) -> int:
        return int(_fetch(session, "SELECT count(*) FROM person")[0][0])

    def add_then_count(session: Session) -> int:
        ws.create_person("Нова Слухачка")  # committed on its own connection before this read counts
        return people(session)

    assert read_together(ws._sessions, [people, add_then_count, people]) == [5, 5, 5]
    assert read_together(ws._sessions, [people, people]) == [6, 6]
