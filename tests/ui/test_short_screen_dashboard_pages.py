"""The dashboard's hard-questions and before/after pages on a 1024×600 netbook at 200 % text: long
questions and area names wrap inside the page, every column and its head stays in view, nothing is cut
short with "…"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from digigram.core.names import sort_key
from tests.ui.helpers import cut_cells, settle, show_figures_page
from tests.ui.test_coordinator import SECRET, typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard

LONG = Path(__file__).resolve().parents[1] / "frameworks" / "long-texts.yaml"
SHIPPED = Path(__file__).resolve().parents[2] / "competency_framework" / "librarians.yaml"
PEOPLE = [(f"Слухач {n}", "Хаб у Бучі", "Весна", None) for n in range(10)]


@pytest.fixture(params=[LONG, SHIPPED], ids=["long-texts", "shipped"])
def ws(data_dir: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """Long names and questions; and the shipped framework's own, with words such as
    «застосунком-автентифікатором» that are wider than a column unless broken at the hyphen."""
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=request.param)
    yield workspace
    workspace.close()


@pytest.fixture(autouse=True)
def few_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten trainees give each question far fewer answers than the hard questions' minimum: lowered here,
    so that their table has rows whose layout can be looked at."""
    from digigram.services.coordinator import dashboard

    monkeypatch.setattr(dashboard, "HARD_MIN_ANSWERS", 3)


def dashboard_pages(window: Any, ws: Any, *, people: list[Any], size: tuple[int, int], lang: str,
                    scale: int) -> Iterator[Any]:
    """The hard-questions and before/after pages in turn, each shown, for people checked twice, the
    second time long enough after the first to be compared."""
    from digigram.core.programme import AFTER_DAYS

    view = netbook_dashboard(window, ws, lang=lang, scale=scale, people=people, checks=2, size=size,
                             apart_days=AFTER_DAYS + 2)
    for page in (view.hard, view.before_after):
        show_figures_page(view, page)
        assert page.table.rowCount() > 0, "the case is not tested: the page is empty"
        yield page


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_hard_questions_and_before_after_are_read_whole_on_a_netbook(
        window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    for page in dashboard_pages(window, ws, people=PEOPLE, size=(1024, 600), lang=lang, scale=200):
        cut = cut_cells(page.table)
        assert not cut, f"{type(page).__name__}: {cut[:4]}"


def test_a_short_table_keeps_its_place_under_its_title(
        window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """A table shorter than the page stays under its title; the room left is below it, not between."""
    for page in dashboard_pages(window, ws, people=PEOPLE[:3], size=(1366, 768), lang="uk", scale=100):
        # The title, and on the hard questions' page the line under it saying what counts as wrong.
        above = [w for w in (page.label, getattr(page, "counted", None)) if w is not None and w.isVisible()]
        gap = page.table.geometry().top() - max(w.geometry().bottom() for w in above)
        name = type(page).__name__
        assert gap <= 2 * page.layout().spacing() + 2, f"{name}: {gap} px between title and table"
        assert page.label.height() <= page.label.sizeHint().height() + 4, f"{name}: the title floats"
        assert page.height() - page.table.geometry().bottom() > 50, "the table fills the page: nothing tested"


@pytest.mark.parametrize("scale", [100, 200])
def test_the_figures_pages_scroll_their_tables_not_the_screen(
        window: Any, ws: Any, typed: dict[str, Any], scale: int) -> None:  # noqa: F811
    """With ten long hard questions (a region's selection) the screen grew as tall as all their rows
    and the window scrolled it, filters and tabs and all, with blank space under the table: 153 px at
    1366×768, 942 px at 200 % text. The before/after page, not even shown, added its own: its summary
    wrapped to a stale, narrow width. Now the pages' tables scroll in the room the window gives, and the
    screen scrolls no further on these pages than on the trainee table's."""
    from digigram.core.programme import AFTER_DAYS

    view = netbook_dashboard(window, ws, lang="uk", scale=scale, people=PEOPLE, checks=2, size=(1366, 768),
                             apart_days=AFTER_DAYS + 2)
    if not view.filters_toggle.isChecked():
        view.filters_toggle.click()
    settle(16)
    bar = window.scroller.verticalScrollBar()
    on_the_table = bar.maximum()
    for page in (view.hard, view.before_after, view.hard):
        show_figures_page(view, page)
        assert page.table.rowCount() > 0, "the case is not tested: the page is empty"
        assert bar.maximum() <= on_the_table, f"{type(page).__name__}: the screen scrolls {bar.maximum()} px"
    if scale == 100:
        assert bar.maximum() == 0, f"the screen scrolls {bar.maximum()} px at 1366×768"
    rows = view.hard.table
    assert rows.verticalScrollBar().maximum() > 0 or scale == 100, "the table's rows all fit: nothing tested"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_programme_tables_are_read_whole_on_a_netbook(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    # The competences below target at 200 % text: in English the names stood a word a line and cut
    # ("Sear… and filter… infor…"); in Ukrainian the names took the width and pushed the shares off.
    view = netbook_dashboard(window, ws, lang=lang, scale=200, people=PEOPLE, checks=2, size=(1024, 600))
    page = view.programme
    view.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.picture is not None, timeout=20000)
    settle(16)
    tables = (page.regions, page.competences, page.hardest)
    assert page.competences.rowCount() > 0, "the case is not tested: no competence below target"
    for table in tables:
        cut = cut_cells(table)
        assert not cut, f"{table.accessibleName()}: {cut[:4]}"


@pytest.mark.parametrize(("lang", "decimal"), [("uk", ","), ("en", ".")])
def test_the_change_in_levels_is_written_as_the_language_writes_numbers(
        qtbot: Any, ws: Any, lang: str, decimal: str) -> None:
    """The Ukrainian Before/after tab showed "▲ +0.5" where the rest of the app writes "40,6"."""
    from digigram.core.coordination import BeforeAfter
    from digigram.ui.coordinator.pages import BeforeAfterPanel

    panel = BeforeAfterPanel()
    qtbot.addWidget(panel)
    area_ids = [a.id for a in ws.framework.areas][:2]
    panel.show(BeforeAfter(people=3, share_high_first=0.2, share_high_latest=0.6,
                           level_change=dict(zip(area_ids, (0.5, -0.75), strict=True))), ws.framework, lang)
    assert [panel.table.item(r, 1).text() for r in range(2)] == [f"▲ +0{decimal}5", f"▼ -0{decimal}8"]


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", ("«Не знаю»", "частково правильні", "від 30 відповідей")),
    ("en", ("“I don't know”", "partly right", "from 30 answers")),
])
def test_the_hard_questions_say_what_counts_as_wrong(
        window: Any, ws: Any, typed: dict[str, Any], lang: str, words: tuple[str, ...]) -> None:  # noqa: F811
    """"3 of 3, 100 %" read as three plainly wrong answers: partly right ones and "I don't know" count
    too, and a question is listed from 30 answers, as in the Programme tab. The page says so in a line
    above its table."""
    page = next(dashboard_pages(window, ws, people=PEOPLE[:3], size=(1024, 600), lang=lang, scale=200))
    assert page.counted.isVisible() and page.counted.geometry().bottom() <= page.table.geometry().top()
    for said in words:
        assert said in page.counted.text(), said


@pytest.mark.parametrize(("lang", "first"), [("uk", "librarian"), ("en", "hub-coordinator")])
def test_the_role_column_sorts_by_the_names_it_shows(
        window: Any, ws: Any, typed: dict[str, Any], lang: str, first: str) -> None:  # noqa: F811
    """By role the table went by the roles' ids: "Координатор хабу…" before "Бібліотекар" in Ukrainian."""
    roles = {p.id for p in ws.framework.profiles}
    if roles != {"librarian", "hub-coordinator"}:
        pytest.skip("one role only in this framework")
    for k, role in enumerate(("hub-coordinator", "librarian", "hub-coordinator", "librarian")):
        ws.create_person(f"Слухач {k}", hub="Хаб у Бучі", profile_id=role)
    view = netbook_dashboard(window, ws, lang=lang, scale=100, people=[], size=(1366, 768))
    column = view.model.column_of("role")
    view.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    shown = [view.model.data(view.model.index(r, column)) for r in range(view.model.rowCount())]
    assert shown == sorted(shown, key=sort_key), shown
    assert view.model.rows[0].profile_id == first


@pytest.mark.parametrize(("lang", "nothing", "of"), [
    ("uk", "щонайменше через 28 днів після першої, тож порівнювати поки нічого", "із"),
    ("en", "at least 28 days after their first yet, so there is nothing to compare", "of")])
@pytest.mark.parametrize("apart", [0, 30])
def test_before_and_after_compares_only_checks_weeks_apart(
        window: Any, ws: Any, typed: dict[str, Any], lang: str, nothing: str, of: str,  # noqa: F811
        apart: int) -> None:
    """Two checks minutes apart showed "1 trainee, 7–10: 100 % … 0 %, ▲ +3" as the training's effect
    while the Programme tab said nobody could be compared yet. Now the tab says so; with checks 30 days
    apart it counts them, each share with its count beside it."""
    import re

    view = netbook_dashboard(window, ws, lang=lang, scale=100, people=PEOPLE[:2], checks=2,
                             size=(1366, 768), apart_days=apart)
    page = view.before_after
    show_figures_page(view, page)
    said = page.summary.text()
    if not apart:
        assert nothing in said and page.table.rowCount() == 0, said
        assert "%" not in said
    else:
        assert nothing not in said and page.table.rowCount() > 0, said
        assert ": 2." in said, said
        # "7–10: 1 of 2 (50 %) at the first check, 2 of 2 (100 %) at the latest": no share without its count
        shares = re.findall(r"(\d+) " + of + r" (\d+) \(([\d.,]+)\s?%\)", said)
        assert len(shares) == 2 and said.count("%") == 2, said


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", ("▲ — рівень зріс", "▼ — знизився", "від першої перевірки до останньої")),
    ("en", ("▲ the level rose", "▼ fell", "from the first check to the latest"))])
@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 200), ((1366, 768), 100)])
def test_before_and_after_says_what_its_marks_mean(
        window: Any, ws: Any, typed: dict[str, Any], lang: str, words: tuple[str, ...],  # noqa: F811
        size: tuple[int, int], scale: int) -> None:
    """▲ and ▼ stood beside the change with nothing saying what they meant, while the trainee's results
    use ▼ for "below the target". A line under the table says it, whole on a netbook at 200 % text."""
    page = list(dashboard_pages(window, ws, people=PEOPLE[:3], size=size, lang=lang, scale=scale))[1]
    marks = page.marks
    assert marks.isVisible(), "no key to the marks"
    for said in words:
        assert said in marks.text(), said
    assert marks.geometry().top() >= page.table.geometry().bottom(), "the key is not under the table"
    assert page.rect().contains(marks.geometry()), "the key is cut by the page's edge"
    assert marks.height() >= marks.heightForWidth(marks.width()), "the key's last line is cut"


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)], ids=["1024x600", "1366x768"])
def test_the_programme_tab_scrolls_its_figures_alone_not_the_screen_too(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], size: tuple[int, int]) -> None:  # noqa: F811
    """At 1024×600 the Programme tab showed two scroll bars side by side: its figures' own and the
    window's, which moved the whole screen by a pixel. The figures' pane asked for its preferred height,
    more than the tab had room for. Now it takes the room there is, and only it scrolls."""
    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=PEOPLE, checks=2, size=size)
    page = view.programme
    view.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.picture is not None, timeout=20000)
    settle(16)
    assert page.pane.verticalScrollBar().maximum() > 0, "the figures fit: nothing tested"
    assert window.scroller.verticalScrollBar().maximum() == 0, "the window scrolls too"


@pytest.mark.parametrize("size", [(980, 700), (1366, 768)], ids=["980x700", "1366x768"])
def test_before_and_after_has_no_screen_scroll_bar_after_the_programme_was_seen(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], size: tuple[int, int]) -> None:  # noqa: F811
    """On a region's data the Before/after tab, seen after the Programme tab, showed the window's own
    scroll bar and its bottom border was cut off, with the page's few rows far from the edge. The tabs are
    as tall as the tallest page asks at their width, and the Programme page, not shown, still asked for
    its figures' whole height (see the test above). Now no page the tab turns to moves the screen."""
    from digigram.core.programme import AFTER_DAYS

    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=PEOPLE, checks=2, size=size,
                             apart_days=AFTER_DAYS + 2)
    if not view.filters_toggle.isChecked():
        view.filters_toggle.click()  # open, as on a wide enough window they start
    settle(16)
    page = view.programme
    view.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.picture is not None, timeout=20000)
    settle(16)
    assert page.pane.verticalScrollBar().maximum() > 0, "the figures fit: nothing tested"
    bar = window.scroller.verticalScrollBar()
    for shown in (view.before_after, view.hard, view.before_after):
        show_figures_page(view, shown)
        assert shown.table.rowCount() > 0, "the case is not tested: the page is empty"
        assert bar.maximum() == 0, f"{type(shown).__name__}: the screen scrolls {bar.maximum()} px"
        # the tab's frame is whole in the window: its bottom edge is not cut
        frame = view.tabs.rect().translated(view.tabs.mapTo(window.scroller.viewport(), QPoint(0, 0)))
        assert window.scroller.viewport().rect().contains(frame), f"the tab's frame {frame} is cut"
