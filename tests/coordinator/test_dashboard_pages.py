"""The dashboard a page at a time from SQL, and the check summaries written with each check (both engines)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from digigram.core.coordination import ORDER_COLUMNS, DashboardFilter, TraineeOrder
from digigram.core.names import sort_key
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.coordinator.mode import Coordinator
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.conftest import PASSWORD, add_check, gaps_said_by
from tests.coordinator.test_bundle_support import KEY, SMALL, make_hub

NAMES = ["Ярина Бондар", "Ігор Коваль", "Євген Лис", "Ґанна Мороз", "Андрій Іваненко", "Ірина Гнатюк",
         "Олег Дуб", "Anna Smith", "Єва Кравець", "Богдан Шевчук", "Юлія Ткач"]
LEVELS = ("A", "B", "C")


def _day(month: int, day: int) -> datetime:
    return datetime(2025, month, day, 12, 0, tzinfo=UTC)


@pytest.fixture
def many(ws: Workspace, co: Coordinator) -> None:
    """Eleven trainees in three hubs: none, one or two checks each, at varied levels and dates."""
    for k, name in enumerate(NAMES):
        person = ws.create_person(name, hub=f"Хаб {k % 3}", group=f"Група {k % 2}",
                                  profile_id="coordinator" if k % 4 == 0 else None)
        for round_ in range(k % 3):
            doc, net = LEVELS[(k + round_) % 3], LEVELS[(2 * k + round_) % 3]
            add_check(ws, person, when=_day(1 + round_ + k % 4, 1 + k), rating=1 + k % 10,
                      levels={"DOC": (doc, "B" if k % 2 else "C"), "NET": (net, "C")},
                      answers=[("DOC.1-04", k % 3), ("NET.1-08", 1)])


ORDERS = [TraineeOrder(c, d) for c in (*ORDER_COLUMNS, "area:DOC", "area:NET") for d in (False, True)]


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: f"{o.column}{'-desc' if o.descending else ''}")
@pytest.mark.parametrize("filters", [DashboardFilter(), DashboardFilter(group="Група 1"),
                                     DashboardFilter(date_from=date(2025, 2, 1)),
                                     DashboardFilter(date_to=date(2025, 3, 5))],
                         ids=["all", "group", "dated", "until"])
def test_pages_from_sql_follow_the_whole_list(co: Coordinator, many: None, order: TraineeOrder,
                                             filters: DashboardFilter) -> None:
    """Pages of four, read in SQL, put together are the whole list in the same order, and every page
    counts the whole selection (the table says how many there are while showing a page)."""
    whole = co.dashboard(filters, order=order)
    assert whole.total == len(whole.rows) > 4
    pages, offset = [], 0
    while True:
        page = co.dashboard(filters, order=order, offset=offset, limit=4, figures=False)
        assert (page.total, page.needing_help, page.offset) == (
            whole.total, whole.needing_help, offset)
        if not page.rows:
            break
        pages.extend(page.rows)
        offset += 4
    assert [r.person_id for r in pages] == [r.person_id for r in whole.rows]
    assert pages == list(whole.rows)
    assert whole.needing_help == sum(r.needs_help for r in whole.rows) > 0


def test_the_name_order_is_the_ukrainian_alphabet(co: Coordinator, many: None) -> None:
    first = co.dashboard(limit=6, figures=False)
    assert [r.name for r in first.rows] == ["Anna Smith", "Андрій Іваненко", "Богдан Шевчук", "Ґанна Мороз",
                                            "Єва Кравець", "Євген Лис"]
    assert first.total == len(NAMES)
    # Without figures the first screen reads no hard questions or before/after; they come on their own.
    assert first.hard_questions == () and first.before_after.people == 0
    hard, before_after = co.dashboard_figures()
    whole = co.dashboard()
    assert (hard, before_after) == (whole.hard_questions, whole.before_after)
    assert before_after.people > 0


def test_a_finished_check_comes_with_its_summary(ws: Workspace, co: Coordinator) -> None:
    person = ws.create_person("Олена Коваль", hub="Хаб Ірпінь")
    quiz = ws.start_quiz(person.id, seed=3)
    while (item := quiz.current_item) is not None:
        quiz.answer(0 if item.options else 1)
    with ws._sessions() as session:
        assert session.execute(text("SELECT count(*) FROM check_summary")).scalar_one() == 0
    quiz.finish(rating_after=7)
    with ws._sessions() as session:
        summary = session.execute(text("SELECT framework_hash, needs_help, gaps FROM check_summary "
                                       "WHERE attempt_id = :a"), {"a": quiz.attempt_id}).one()
        record = json.loads(session.execute(text("SELECT result FROM attempt WHERE id = :a"),
                                            {"a": quiz.attempt_id}).scalar_one())
    assert summary[0] == ws.framework.content_hash and summary[1] is not None
    competence_ids = [c.id for c in ws.framework.competences]
    assert bytes(summary[2]) == gaps_said_by(competence_ids, record) and set(summary[2]) & {1, 2}
    # The paged dashboard reads it without summarising anything.
    page = co.dashboard(limit=10, figures=False)
    assert [r.checks for r in page.rows] == [1] and page.total == 1


def test_an_imported_bundle_comes_with_summaries(target: Target, tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    make_hub(hub, people=5)
    with Workspace.open(data_dir=hub, framework_path=SMALL) as source:
        export_bundle(source, tmp_path / "hub.zip", key=KEY)
    with Workspace.open(framework_path=SMALL, **target.open_kwargs()) as ws:
        report = import_bundle(ws, tmp_path / "hub.zip", key=KEY)
        with ws._sessions() as session:
            missing = session.execute(text(
                "SELECT count(*) FROM attempt a LEFT JOIN check_summary s ON s.attempt_id = a.id "
                "AND s.framework_hash = :h AND s.needs_help IS NOT NULL WHERE a.status = 'finished' "
                "AND s.attempt_id IS NULL"), {"h": ws.framework.content_hash}).scalar_one()
            with_gaps = session.execute(text(
                "SELECT count(*) FROM check_summary WHERE gaps IS NOT NULL")).scalar_one()
    assert report.added["attempts"] > 0
    assert missing == 0
    assert with_gaps == report.added["attempts"]


def test_imported_summaries_count_the_gaps_each_stored_result_says(target: Target, tmp_path: Path) -> None:
    """Each imported check's summary has, per competence, the gap its stored result says (below, at or
    above its target, or none), whichever way the import made it; a re-import adds nothing."""
    hub = tmp_path / "hub"
    make_hub(hub, people=6)
    with Workspace.open(data_dir=hub, framework_path=SMALL) as source:
        export_bundle(source, tmp_path / "hub.zip", key=KEY)
    with Workspace.open(framework_path=SMALL, **target.open_kwargs()) as ws:
        import_bundle(ws, tmp_path / "hub.zip", key=KEY)
        again = import_bundle(ws, tmp_path / "hub.zip", key=KEY)
        with ws._sessions() as session:
            stored = {r[0]: bytes(r[1]) for r in session.execute(text(
                "SELECT attempt_id, gaps FROM check_summary WHERE framework_hash = :h"),
                {"h": ws.framework.content_hash})}
            results = session.execute(text(
                "SELECT id, result FROM attempt WHERE status = 'finished' AND result IS NOT NULL")).all()
        competence_ids = [c.id for c in ws.framework.competences]
    expected = {aid: gaps_said_by(competence_ids, json.loads(text_)) for aid, text_ in results}
    assert len(results) > 1 and stored == expected
    assert any(2 in gaps for gaps in expected.values()) and any(1 in gaps for gaps in expected.values())
    assert sum(again.added.values()) == 0


HUBS = ["м. Київ, хаб 01", "Івано-Франківська обл., хаб 02", "Вінницька обл., хаб 03",
        "Закарпатська обл., хаб 04", "Київська обл., хаб 05", "Житомирська обл., хаб 06",
        "Чернігівська обл., хаб 07", "Lviv hub"]


@pytest.mark.parametrize("column", ["hub", "group"])
def test_hubs_and_groups_sort_in_the_ukrainian_alphabet(ws: Workspace, co: Coordinator, column: str) -> None:
    """By hub (or group) the rows had come in the letters' codes: "Івано-Франківська…" first, "м. Київ…"
    last. Now as a reader expects, in SQL, a page at a time, on either engine."""
    for k, place in enumerate(HUBS):
        ws.create_person(f"Слухач {k}", hub=place if column == "hub" else "Хаб",
                         group=place.replace("хаб", "група") if column == "group" else "")
    expected = [place.split(",")[0] for place in sorted(HUBS, key=sort_key)]
    assert expected[:3] == ["Lviv hub", "Вінницька обл.", "Житомирська обл."]
    assert expected.index("Івано-Франківська обл.") == expected.index("Закарпатська обл.") + 1
    assert expected[-2:] == ["м. Київ", "Чернігівська обл."]
    for descending in (False, True):
        order = TraineeOrder(column, descending)
        pages = [co.dashboard(order=order, offset=offset, limit=3, figures=False).rows
                 for offset in (0, 3, 6)]
        shown = [getattr(r, column).split(",")[0] for page in pages for r in page]
        assert shown == (expected[::-1] if descending else expected)
        whole = co.dashboard(order=order, figures=False)
        assert [getattr(r, column).split(",")[0] for r in whole.rows] == shown


def test_roles_sort_by_the_names_the_reader_sees(ws: Workspace, co: Coordinator) -> None:
    """By role the rows came in the roles' ids' order (coordinator before librarian), whatever their
    names read; given the names' order, pages and the whole list follow it on either engine."""
    for k, role in enumerate(("librarian", "coordinator", "coordinator", "librarian", "coordinator")):
        ws.create_person(f"Слухач {k}", hub="Хаб", profile_id=role)
    # Ukrainian: Бібліотекар, Координатор
    order = TraineeOrder("role", roles=("librarian", "coordinator"))
    for descending in (False, True):
        asked = TraineeOrder("role", descending, order.roles)
        pages = [r.profile_id for offset in (0, 2, 4)
                 for r in co.dashboard(order=asked, offset=offset, limit=2, figures=False).rows]
        expected = ["librarian", "librarian", "coordinator", "coordinator", "coordinator"]
        assert pages == (expected[::-1] if descending else expected)
        assert [r.profile_id for r in co.dashboard(order=asked, figures=False).rows] == pages


# Letters of neither the Ukrainian nor the Latin alphabet. PostgreSQL's translate() folded only those two
# alphabets' capitals, so on a server "École" came before "éclair", "Ørsted" before both, "Ёлка" before "ёж"
# and "Straße" after "Strasz", unlike on a PC's SQLite (and in Python).
OTHER_LETTERS = ["ёж", "Ёлка", "Zebra", "éclair", "École", "Strasz", "Straße", "Ørsted", "ørken", "Ґанок"]


def _by(co: Coordinator, column: str, descending: bool, total: int) -> list[str]:
    """The column's values down the table ordered by it, read a page of four at a time."""
    order = TraineeOrder(column, descending)
    return [getattr(r, column) for offset in range(0, total, 4)
            for r in co.dashboard(order=order, offset=offset, limit=4, figures=False).rows]


@pytest.mark.parametrize("column", ["hub", "group"])
def test_letters_of_other_alphabets_sort_alike_on_both_engines(ws: Workspace, co: Coordinator,
                                                               column: str) -> None:
    for k, place in enumerate(OTHER_LETTERS):
        ws.create_person(f"Слухач {k}", hub=place if column == "hub" else "Хаб",
                         group=place if column == "group" else "")
    expected = sorted(OTHER_LETTERS, key=sort_key)
    assert expected == ["Straße", "Strasz", "Zebra", "éclair", "École", "ørken", "Ørsted", "ёж", "Ёлка",
                        "Ґанок"]
    for descending in (False, True):
        assert _by(co, column, descending, len(OTHER_LETTERS)) == (
            expected[::-1] if descending else expected)


def test_imported_people_take_their_place_by_hub_and_group(target: Target, tmp_path: Path) -> None:
    """People a bundle brings come in their places by hub and by group among those already there, in
    either import (SQLite's row by row, PostgreSQL's staged one): their keys are written with them."""
    hub = tmp_path / "hub"
    with Workspace.open(data_dir=hub, framework_path=SMALL) as source:
        for k, place in enumerate(OTHER_LETTERS[:-1]):
            source.create_person(f"Слухач {k}", hub=place, group=OTHER_LETTERS[-2 - k])
        export_bundle(source, tmp_path / "hub.zip", key=KEY)
    with Workspace.open(framework_path=SMALL, **target.open_kwargs()) as ws:
        ws.create_person("Вже тут", hub=OTHER_LETTERS[-1], group=OTHER_LETTERS[-1])
        report = import_bundle(ws, tmp_path / "hub.zip", key=KEY)
        assert report.added["people"] == len(OTHER_LETTERS) - 1
        ws.set_coordinator_password(PASSWORD)
        co = ws.unlock_coordinator(PASSWORD)
        expected = sorted(OTHER_LETTERS, key=sort_key)
        for column in ("hub", "group"):
            assert _by(co, column, False, len(OTHER_LETTERS)) == expected
            assert _by(co, column, True, len(OTHER_LETTERS)) == expected[::-1]


@pytest.mark.parametrize("column", ["name", "hub", "group", "role"])
def test_a_page_by_a_persons_own_column_is_chosen_without_their_checks(
        co: Coordinator, many: None, monkeypatch: pytest.MonkeyPatch, column: str) -> None:
    """By hub, group or role, as by name, no check decides a person's place: the page is chosen from the
    people alone. (It had waited for every selected check to be folded first, a third of a second on
    PostgreSQL at 25,391 trainees.)"""
    chosen = _page_sql(co, monkeypatch, TraineeOrder(column, True, ("librarian", "coordinator")))
    assert "attempt" not in chosen and "check_summary" not in chosen


def _page_sql(co: Coordinator, monkeypatch: pytest.MonkeyPatch, order: TraineeOrder) -> str:
    """The one statement that chose a page of four in `order` (the statements are heard as they go)."""
    from digigram.store.repo import dashboard as dashboard_rows

    asked: list[str] = []
    fetch = dashboard_rows._fetch

    def heard(session: Any, sql: str, params: Any = ()) -> list[Any]:
        asked.append(sql)
        return fetch(session, sql, params)

    monkeypatch.setattr(dashboard_rows, "_fetch", heard)
    page = co.dashboard(order=order, limit=4, figures=False)
    assert len(page.rows) == 4
    (chosen,) = [sql for sql in asked if "LIMIT" in sql]
    return chosen


def test_part_of_a_name_selects_on_both_engines(co: Coordinator, many: None) -> None:
    """The name typed above the trainee table, in any letter case, read in SQL on SQLite and PostgreSQL;
    the whole selection follows it (pages, counts, figures), and % or _ typed are letters, not patterns."""
    for typed, found in (("КОВ", ["Ігор Коваль"]), ("ів", ["Андрій Іваненко"]), ("smith", ["Anna Smith"]),
                         ("  ярина ", ["Ярина Бондар"]), ("ґанна", ["Ґанна Мороз"]), ("%", []), ("_", [])):
        board = co.dashboard(DashboardFilter(name=typed))
        assert sorted(r.name for r in board.rows) == found, typed
        assert board.total == len(found)
        page = co.dashboard(DashboardFilter(name=typed), limit=4, figures=False)
        assert page.total == len(found)
    assert co.dashboard(DashboardFilter(name="")).total == len(NAMES)


def test_a_region_selects_on_both_engines(ws: Workspace, co: Coordinator) -> None:
    """The region chosen above the trainee table, read in SQL: its hubs' people, pages and counts alike."""
    ws.add_hub("Хаб у Бучі", region_id="UA-32")
    ws.add_hub("Хаб у Львові", region_id="UA-46")
    for name, hub in (("Олена Коваль", "Хаб у Бучі"), ("Петро Бондар", "Хаб у Львові"),
                      ("Ірина Гнатюк", "Хаб у Львові"), ("Богдан Шевчук", "Хаб без регіону")):
        ws.create_person(name, hub=hub)
    for region, found in (("UA-32", ["Олена Коваль"]), ("UA-46", ["Ірина Гнатюк", "Петро Бондар"]),
                          ("UA-05", [])):
        board = co.dashboard(DashboardFilter(region_id=region))
        assert sorted(r.name for r in board.rows) == found, region
        assert board.total == len(found) == co.dashboard(DashboardFilter(region_id=region), limit=1,
                                                         figures=False).total
    assert co.dashboard(DashboardFilter(region_id="UA-46", name="гнат")).total == 1


def test_a_name_is_found_whichever_apostrophe_on_both_engines(ws: Workspace, co: Coordinator) -> None:
    """«Марʼяна» typed "мар'яна", with the keyboard's apostrophe, found nobody on either engine."""
    for name in ("Марʼяна Ткач", "Ярослав Дем'янчук", "Вʼячеслав Лис"):
        ws.create_person(name, hub="Хаб Ірпінь")
    for typed, found in (("мар'яна", ["Марʼяна Ткач"]), ("ДЕМʼЯН", ["Ярослав Дем'янчук"]),
                         ("в’ячеслав", ["Вʼячеслав Лис"]), ("демян", ["Ярослав Дем'янчук"])):
        board = co.dashboard(DashboardFilter(name=typed))
        assert sorted(r.name for r in board.rows) == found, typed
        assert board.total == len(found) == co.dashboard(DashboardFilter(name=typed), limit=1,
                                                         figures=False).total


@pytest.mark.parametrize("column", ["checks", "last_check", "needs_help", "area:DOC"])
def test_a_page_by_the_checks_numbers_no_check(co: Coordinator, many: None, monkeypatch: pytest.MonkeyPatch,
                                              column: str, engine_name: str) -> None:
    """By checks, last check, needs help or an area, each person's checks are counted and their latest
    time taken from the index; only the latest check itself is looked up, and only for the orders that
    need it. (Every selected check had been numbered with a window first: at 25,391 trainees each such
    sort stood the window still for 0.4–0.65 s.) The pages still follow the whole list (above).
    PostgreSQL finds every latest check at once instead: looked up person by person, twice each, it made
    those two orders slower than the window had been (0.16 -> 0.22 s at 25,391 trainees)."""
    chosen = _page_sql(co, monkeypatch, TraineeOrder(column, True))
    assert " OVER " not in chosen
    if column in ("checks", "last_check"):
        assert "check_summary" not in chosen and "area_result" not in chosen
    elif engine_name == "postgresql":
        assert "max(b.id)" not in chosen


def test_checks_finished_at_one_instant_are_told_apart_alike_on_the_first_reading_and_later(
        ws: Workspace, co: Coordinator) -> None:
    """Two checks of one person finished at the same instant, one needing help and one not: the latest
    is the one with the higher id, in SQL and in the first reading that summarises the checks (which
    kept whichever it read last, so a trainee needed help in one list and not in the other)."""
    same = datetime(2025, 5, 5, 9, 30, 0, 123456, tzinfo=UTC)
    for k in range(6):
        person = ws.create_person(f"Тарас Рівний {k}", hub="Хаб 1", group="Група 1")
        add_check(ws, person, when=same, levels={"DOC": ("A", "C"), "NET": ("A", "C")})
        add_check(ws, person, when=same, levels={"DOC": ("C", "C"), "NET": ("C", "C")})
    everyone = DashboardFilter(name="рівний")
    first = co.dashboard(everyone)  # the checks are summarised now, and folded in Python
    later = co.dashboard(everyone)  # the summaries are stored: folded in SQL
    assert {r.person_id: r.needs_help for r in first.rows} == {r.person_id: r.needs_help for r in later.rows}
    page = co.dashboard(everyone, order=TraineeOrder("needs_help", True), limit=6, figures=False)
    assert {r.person_id: r.needs_help for r in page.rows} == {r.person_id: r.needs_help for r in first.rows}


def test_checks_finished_at_one_instant_sort_by_the_one_with_the_higher_id(
        ws: Workspace, co: Coordinator, monkeypatch: pytest.MonkeyPatch) -> None:
    """By needs help or an area, a trainee whose latest two checks finished at the same instant takes
    the place of the one with the higher id (the check the row shows), page by page, on both engines,
    whichever of the two was stored first."""
    from digigram.store.repo import attempts as attempt_rows

    ids = iter(f"00000000-0000-4000-8000-00000000000{k}" for k in (1, 2, 4, 3))
    monkeypatch.setattr(attempt_rows, "new_id", lambda: next(ids))
    same = datetime(2025, 5, 5, 9, 30, 0, 123456, tzinfo=UTC)
    lagging, level = {"DOC": ("A", "C"), "NET": ("A", "C")}, {"DOC": ("C", "C"), "NET": ("C", "C")}
    # Олена's higher id is her check at the level, stored second; Петро's is the lagging one, stored first.
    olena, petro = ws.create_person("Олена Рівна", hub="Хаб 1"), ws.create_person("Петро Рівний", hub="Хаб 1")
    for person, checks in ((olena, (lagging, level)), (petro, (lagging, level))):
        for levels in checks:
            add_check(ws, person, when=same, levels=levels)
    for column in ("needs_help", "area:DOC"):
        order = TraineeOrder(column, True)
        pages = [r for offset in (0, 1) for r in co.dashboard(order=order, offset=offset, limit=1,
                                                              figures=False).rows]
        assert [(r.name, r.needs_help) for r in pages] == [("Петро Рівний", True), ("Олена Рівна", False)]
        assert pages == list(co.dashboard(order=order).rows)


def test_an_area_column_reads_in_order_of_its_gap_then_its_level(ws: Workspace, co: Coordinator) -> None:
    """Sorted by an area, people with the same gap came by name, so the column read B, C, B, C among
    those at their target and looked unsorted. Now the same gap goes by the level shown there, in the
    asked direction, then by name; pages from SQL and the whole list alike, on either engine."""
    people = {name: ws.create_person(name, hub="Хаб") for name in (
        "Анна Сидоренко", "Богдан Мельник", "Віра Гнатюк", "Галина Лис", "Дмитро Коваль", "Євген Бондар")}
    for name, level in (("Анна Сидоренко", "C"), ("Богдан Мельник", "B"), ("Віра Гнатюк", "C"),
                        ("Галина Лис", "B"), ("Дмитро Коваль", "A")):
        add_check(ws, people[name], when=_day(2, 1), levels={"DOC": (level, "B"), "NET": ("B", "B")})
    # Євген Бондар has no check; Дмитро Коваль is one level below the target B; the others reached it.
    rising = ["Євген Бондар", "Богдан Мельник", "Галина Лис", "Анна Сидоренко", "Віра Гнатюк",
              "Дмитро Коваль"]
    falling = ["Дмитро Коваль", "Анна Сидоренко", "Віра Гнатюк", "Богдан Мельник", "Галина Лис",
               "Євген Бондар"]
    for descending, expected in ((False, rising), (True, falling)):
        order = TraineeOrder("area:DOC", descending)
        pages = [r.name for offset in (0, 2, 4)
                 for r in co.dashboard(order=order, offset=offset, limit=2, figures=False).rows]
        assert pages == expected
        assert [r.name for r in co.dashboard(order=order).rows] == expected
