"""The dashboard on a small group with known results: rows, filters, needs help, hard questions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from digigram.core.coordination import AreaStatus, DashboardFilter, needs_help
from digigram.services.coordinator import dashboard
from digigram.services.coordinator.mode import Coordinator
from digigram.services.workspace import Workspace
from tests.coordinator.conftest import add_check


def _day(month: int, day: int) -> datetime:
    return datetime(2025, month, day, 12, 0, tzinfo=UTC)


@pytest.fixture
def group(ws: Workspace, co: Coordinator) -> dict[str, str]:
    """Four trainees; librarian targets DOC B and NET C, coordinator targets C and C."""
    olena = ws.create_person("Олена Коваль", hub="Хаб Ірпінь", group="Весна")
    andrii = ws.create_person("Андрій Мельник", hub="Хаб Ірпінь", group="Осінь")
    maria = ws.create_person("Марія Шевчук", hub="Хаб Львів", group="Весна", profile_id="coordinator")
    petro = ws.create_person("Петро Бондар", hub="Хаб Львів")
    add_check(ws, olena, when=_day(1, 10), rating=4, levels={"DOC": ("A", "B"), "NET": ("A", "C")},
              answers=[("DOC.1-04", 1), ("DOC.1-07", [0, 2]), ("DOC.2-05", 0), ("DOC.1-01", 3)])
    add_check(ws, olena, when=_day(3, 10), rating=8, levels={"DOC": ("B", "B"), "NET": ("B", "C")},
              answers=[("DOC.1-04", 0), ("NET.1-08", 1), ("NET.2-04", 1)])
    add_check(ws, andrii, when=_day(2, 1), rating=9, levels={"DOC": ("B", "B"), "NET": ("C", "C")},
              answers=[("DOC.1-04", None), ("DOC.1-07", [0]), ("NET.1-08", 1), ("DOC.2-05", 0)])
    add_check(ws, maria, when=_day(1, 20), rating=3, profile="coordinator",
              levels={"DOC": ("A", "C"), "NET": ("B", "C")},
              answers=[("DOC.1-04", 2), ("DOC.1-07", [0, 2]), ("DOC.2-05", 0), ("NET.2-04", 2)])
    add_check(ws, maria, when=_day(2, 20), rating=9, profile="coordinator",
              levels={"DOC": ("A", "C"), "NET": ("C", "C")},
              answers=[("DOC.1-07", [0, 2]), ("NET.1-08", 1)])
    return {"olena": olena.id, "andrii": andrii.id, "maria": maria.id, "petro": petro.id}


def _by_id(ws: Workspace, filters: DashboardFilter) -> DashboardFilter:
    """The filters above name their hub for reading; the dashboard takes the hub's id."""
    if filters.hub_id is None:
        return filters
    ids = {h.name: h.id for h in ws.hubs()}
    return replace(filters, hub_id=ids.get(filters.hub_id, "00000000-0000-0000-0000-000000000000"))


def test_the_needs_help_rule() -> None:
    assert not needs_help([])
    assert not needs_help([None, None])
    assert not needs_help([0, 0, 0, 1])  # one of four below target, by one level
    assert needs_help([0, 2, 0, 0])  # two levels below in one area
    assert needs_help([0, 1])  # half of the areas below target
    assert needs_help([1, 1, 0, None])  # areas without a target do not count
    assert not needs_help([0, 1, 0, None])


def test_rows_show_every_trainee_with_the_latest_check(co: Coordinator, group: dict[str, str]) -> None:
    board = co.dashboard(DashboardFilter())
    assert board.area_ids == ("DOC", "NET")
    names = [r.name for r in board.rows]
    assert names == ["Андрій Мельник", "Марія Шевчук", "Олена Коваль", "Петро Бондар"]
    rows = {r.person_id: r for r in board.rows}
    olena = rows[group["olena"]]
    assert (olena.hub, olena.group, olena.profile_id, olena.checks) == ("Хаб Ірпінь", "Весна", "librarian", 2)
    assert olena.last_check == _day(3, 10)
    assert dict(olena.areas) == {"DOC": AreaStatus("B", "B", 0), "NET": AreaStatus("B", "C", 1)}
    assert olena.needs_help  # one of two areas below target
    assert not rows[group["andrii"]].needs_help
    maria = rows[group["maria"]]
    assert maria.areas["DOC"] == AreaStatus("A", "C", 2) and maria.needs_help
    petro = rows[group["petro"]]
    assert (petro.checks, petro.last_check, dict(petro.areas), petro.needs_help) == (0, None, {}, False)


@pytest.mark.parametrize(("filters", "expected"), [
    (DashboardFilter(hub_id="Хаб Ірпінь"), {"Олена Коваль": 2, "Андрій Мельник": 1}),
    (DashboardFilter(group="Весна"), {"Олена Коваль": 2, "Марія Шевчук": 2}),
    (DashboardFilter(profile_id="coordinator"), {"Марія Шевчук": 2}),
    (DashboardFilter(hub_id="Хаб Львів", group="Весна"), {"Марія Шевчук": 2}),
    (DashboardFilter(date_from=date(2025, 2, 15)), {"Олена Коваль": 1, "Марія Шевчук": 1}),
    (DashboardFilter(date_to=date(2025, 1, 31)), {"Олена Коваль": 1, "Марія Шевчук": 1}),
    (DashboardFilter(date_from=date(2025, 2, 1), date_to=date(2025, 2, 1)), {"Андрій Мельник": 1}),
    (DashboardFilter(hub_id="Хаб Одеса"), {}),
])
def test_filters_pick_trainees_and_the_checks_counted(
    ws: Workspace, co: Coordinator, group: dict[str, str], filters: DashboardFilter, expected: dict[str, int]
) -> None:
    board = co.dashboard(_by_id(ws, filters))
    assert {r.name: r.checks for r in board.rows} == expected


def test_a_date_range_shows_the_latest_check_inside_it(co: Coordinator, group: dict[str, str]) -> None:
    board = co.dashboard(DashboardFilter(date_to=date(2025, 1, 31)))
    olena = next(r for r in board.rows if r.person_id == group["olena"])
    assert olena.last_check == _day(1, 10)
    assert dict(olena.areas) == {"DOC": AreaStatus("A", "B", 1), "NET": AreaStatus("A", "C", 2)}


def test_filter_options_list_what_is_stored(ws: Workspace, co: Coordinator, group: dict[str, str]) -> None:
    options = co.filter_options()
    assert [h.name for h in options.hubs] == ["Хаб Ірпінь", "Хаб Львів"]
    assert {h.id for h in options.hubs} == {h.id for h in ws.hubs()}
    assert options.groups == ("Весна", "Осінь")
    assert options.profiles == ("coordinator", "librarian")


def test_hard_questions_count_answers_not_fully_right(ws: Workspace, co: Coordinator, group: dict[str, str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # A handful of answers per question here: at the Programme tab's minimum none is listed.
    assert co.dashboard().hard_questions == ()
    monkeypatch.setattr(dashboard, "HARD_MIN_ANSWERS", 3)  # what is counted, on this small group
    hard = co.dashboard().hard_questions
    assert [(s.item_id, s.asked, s.wrong) for s in hard] == [
        ("NET.1-08", 3, 3),  # a scenario answered with a weaker option every time
        ("DOC.1-04", 4, 3),  # "don't know" counts as not right
        ("DOC.1-07", 4, 1),  # select-many: only the exact set is fully right
    ]
    assert hard[1].share_wrong == pytest.approx(0.75)
    # Self-ratings are never "wrong"; questions asked fewer times than the minimum are left out (NET.2-04).
    only_irpin = co.dashboard(_by_id(ws, DashboardFilter(hub_id="Хаб Ірпінь"))).hard_questions
    assert [(s.item_id, s.asked, s.wrong) for s in only_irpin] == [("DOC.1-04", 3, 2)]


def test_before_and_after_compare_first_and_latest_checks(co: Coordinator, group: dict[str, str]) -> None:
    ba = co.dashboard().before_after
    assert ba.people == 2  # Olena and Maria; Andrii has one check, Petro none
    assert ba.share_high_first == 0.0  # ratings 4 and 3
    assert ba.share_high_latest == 1.0  # ratings 8 and 9
    assert dict(ba.level_change) == {"DOC": pytest.approx(0.5), "NET": pytest.approx(1.0)}
    one_check_each = co.dashboard(DashboardFilter(date_from=date(2025, 2, 15))).before_after
    assert (one_check_each.people, one_check_each.share_high_first, dict(one_check_each.level_change)) == (
        0, None, {})


def test_heatmap_cells_carry_the_gap_as_text(co: Coordinator, group: dict[str, str]) -> None:
    from digigram.charts.heatmap import GAP_COLOURS, NO_VALUE, heatmap_figure

    board = co.dashboard()
    gaps = [[r.areas[a].gap if a in r.areas else None for a in board.area_ids] for r in board.rows]
    assert gaps == [[0, 0], [2, 0], [0, 1], [None, None]]
    fig = heatmap_figure([r.name for r in board.rows], list(board.area_ids), gaps, lang="uk")
    cells = {a.get_gid(): a for a in fig.artists if (a.get_gid() or "").startswith("cell:")}
    assert cells["cell:1:0"].get_facecolor() != cells["cell:0:0"].get_facecolor()
    from matplotlib.colors import to_rgba

    assert cells["cell:3:1"].get_facecolor() == to_rgba(NO_VALUE)
    assert cells["cell:1:0"].get_facecolor() == to_rgba(GAP_COLOURS[2])
    texts = [t.get_text() for t in fig.texts]
    # every cell's number is written, in row order after the row's name
    for name, row in zip([r.name for r in board.rows], gaps, strict=True):
        at = texts.index(name)
        assert texts[at + 1: at + 3] == ["—" if g is None else str(g) for g in row]


@pytest.mark.parametrize("filters", [
    DashboardFilter(),
    DashboardFilter(hub_id="Хаб Ірпінь"),
    DashboardFilter(group="Весна"),
    DashboardFilter(date_from=date(2025, 2, 15)),
    DashboardFilter(date_from=date(2025, 1, 15), date_to=date(2025, 2, 25)),
])
def test_stored_summaries_give_the_same_dashboard_as_making_them(
    ws: Workspace, co: Coordinator, group: dict[str, str], filters: DashboardFilter
) -> None:
    """The first opening summarises the checks; later ones fold the stored summaries per person in SQL.
    Both must show the same rows, hard questions and before/after."""
    from sqlalchemy import text

    with ws._sessions() as session, session.begin():
        session.execute(text("DELETE FROM check_summary"))
    making = co.dashboard(_by_id(ws, filters))
    with ws._sessions() as session:
        assert session.execute(text("SELECT count(*) FROM check_summary")).scalar_one() == 5
    stored = co.dashboard(_by_id(ws, filters))
    assert stored.rows and stored.rows == making.rows
    assert (stored.hard_questions, stored.before_after, stored.note) == (
        making.hard_questions, making.before_after, making.note)


@pytest.mark.parametrize("summarised", [True, False])
def test_a_retake_minutes_later_is_not_compared_as_before_and_after(
        ws: Workspace, co: Coordinator, summarised: bool) -> None:
    """One trainee took two checks minutes apart: the Before and after tab showed "1 trainee, 7–10: 100 %
    … 0 %, ▲ +3 levels", a retake presented as the training's effect, where the Programme tab said nobody
    had two checks at least 28 days apart. Now both count only checks that far apart."""
    from datetime import timedelta

    from sqlalchemy import text

    from digigram.core.programme import AFTER_DAYS

    olena = ws.create_person("Олена Коваль", hub="Хаб Ірпінь")
    add_check(ws, olena, when=_day(3, 1), rating=8, levels={"DOC": ("A", "B"), "NET": ("A", "C")})
    add_check(ws, olena, when=_day(3, 1) + timedelta(minutes=7), rating=3,
              levels={"DOC": ("C", "B"), "NET": ("C", "C")})
    if not summarised:  # the checks of an older release: summarised on opening, figures worked out in memory
        with ws._sessions() as session, session.begin():
            session.execute(text("DELETE FROM check_summary"))
    for ba in (co.dashboard().before_after, co.dashboard_figures()[1],
               co.dashboard(limit=10, figures=True).before_after):
        assert (ba.people, ba.share_high_first, ba.share_high_latest, dict(ba.level_change)) == (
            0, None, None, {})
    assert ws.programme().headline.before.n == 0  # the Programme tab agrees

    andrii = ws.create_person("Андрій Мельник", hub="Хаб Ірпінь")
    add_check(ws, andrii, when=_day(1, 10), rating=4, levels={"DOC": ("A", "B"), "NET": ("A", "C")})
    add_check(ws, andrii, when=_day(1, 10) + timedelta(days=AFTER_DAYS + 2), rating=9,
              levels={"DOC": ("B", "B"), "NET": ("C", "C")})
    for ba in (co.dashboard().before_after, co.dashboard_figures()[1]):
        assert (ba.people, ba.high_first, ba.rated_first, ba.high_latest, ba.rated_latest) == (1, 0, 1, 1, 1)
        assert dict(ba.level_change) == {"DOC": pytest.approx(1.0), "NET": pytest.approx(2.0)}
    assert ws.programme().headline.before.n == 1


def test_hard_questions_need_as_many_answers_as_in_the_programme_tab(ws: Workspace) -> None:
    """On the national set "11 of 11", "5 of 5", "4 of 4" and "3 of 3" (100 %) stood above "1079 of
    1143", while the Programme tab and the report list a question only from 30 answers."""
    from digigram.core.programme import HARD_MIN_ANSWERS
    from digigram.services.coordinator.dashboard import hard_from_marks

    items = len(ws.framework.items)

    def check(wrong: dict[int, bool]) -> bytes:  # one check's marks: 0 not asked, 1 right, 2 not fully right
        return bytes(2 if wrong.get(k) else 1 if k in wrong else 0 for k in range(items))

    blobs = ([check({0: True, 1: True})] * 11 + [check({2: True})] * 1079 + [check({2: False})] * 64
             + [check({3: k < 29, 4: k < 5}) for k in range(HARD_MIN_ANSWERS)])
    hard = hard_from_marks(ws.framework, blobs)
    ids = [item.id for item in ws.framework.items]
    assert [(s.item_id, s.asked, s.wrong) for s in hard] == [
        (ids[3], 30, 29), (ids[2], 1143, 1079), (ids[4], 30, 5)]


def test_prepare_summaries_stores_them_and_tells_how_far_it_is(ws: Workspace, co: Coordinator,
                                                              group: dict[str, str]) -> None:
    """Coordinator mode summarises before its first page, off the window's thread: it counts the checks
    as it goes, and the first page then has nothing left to summarise."""
    from sqlalchemy import text

    with ws._sessions() as session, session.begin():
        session.execute(text("DELETE FROM check_summary"))
    heard: list[tuple[int, int]] = []
    co.prepare_summaries(lambda done, total: heard.append((done, total)))
    assert heard and heard[-1] == (5, 5)
    with ws._sessions() as session:
        assert session.execute(text("SELECT count(*) FROM check_summary")).scalar_one() == 5
    heard.clear()
    co.prepare_summaries(lambda done, total: heard.append((done, total)))
    assert heard == []  # nothing due: nothing to tell
