"""The Programme tab in coordinator mode: the programme's figures for a region or everyone, read-only."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.coordinator.programme import ProgrammePage
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.helpers import chosen_in_settings, chosen_on_a_trainees_page
from tests.ui.test_accessibility import unnamed_focusable
from tests.ui.test_coordinator import SECRET, typed  # noqa: F401 - the password dialog's answer

PEOPLE = [("Оксана Петренко", "Хаб у Бучі", "Весна", None),
          ("Марія Коваль", "Хаб у Бучі", "Весна", None),
          ("Іван Мельник", "Хаб у Львові", "Осінь", None)]


def _page(qtbot: Any, window: Any) -> ProgrammePage:
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    view.tabs.setCurrentWidget(view.programme)
    page = view.programme
    qtbot.waitUntil(lambda: page.picture is not None, timeout=20000)
    return page


def _opened(qtbot: Any, window: Any, ws: Any, *regions: tuple[str, str]) -> ProgrammePage:
    """PEOPLE checked twice, their hubs in `regions` ((hub, region id) pairs), and the Programme tab shown
    in coordinator mode."""
    for hub, region in regions:
        ws.add_hub(hub, region_id=region)
    seed_trainees(ws, PEOPLE, checks=2)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    return _page(qtbot, window)


def test_the_tab_shows_the_figures_and_filters_by_region(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    page = _opened(qtbot, window, ws, ("Хаб у Бучі", "UA-32"), ("Хаб у Львові", "UA-46"))
    assert (page.picture.trainees, page.picture.checks) == (3, 6)
    assert "Trainees: 3; hubs: 2; finished checks: 6." in page.summary.text()
    assert [page.regions.item(r, 0).text() for r in range(page.regions.rowCount())] == [
        "Kyiv Oblast", "Lviv Oblast"]
    assert page.levels_chart.figure is not None  # the shown levels are drawn
    assert "Wilson" in page.definitions.text()
    assert not page.progress.isVisible()
    # Nothing on the page edits data: no editable table, only filters and the one button.
    for table in (page.regions, page.hardest):
        assert table.editTriggers() == table.EditTrigger.NoEditTriggers

    page.region.setCurrentIndex(page.region.findData("UA-46"))
    assert [page.hub.itemText(i) for i in range(page.hub.count())] == ["All hubs", "Хаб у Львові"]
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.picture.trainees == 1, timeout=20000)
    assert page.regions.rowCount() == 1 and page.regions.item(0, 0).text() == "Lviv Oblast"
    assert unnamed_focusable(page) == []

    window.go_home()  # leaving coordinator mode takes the figures away
    assert page.picture is None and page.regions.rowCount() == 0


def test_the_tab_is_reached_by_keyboard(qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    seed_trainees(ws, PEOPLE[:1])
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Progr&amme
    assert view.tabs.currentWidget() is view.programme
    qtbot.waitUntil(lambda: view.programme.picture is not None, timeout=20000)
    qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # R&egion
    assert view.programme.region.hasFocus()


def _visible_filters(view: DashboardView) -> set[Any]:
    """The filter controls a user can see on the dashboard's current tab."""
    from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit

    return {w for kind in (QComboBox, QDateEdit, QCheckBox) for w in view.findChildren(kind) if w.isVisible()}


def test_each_tab_shows_only_the_filters_that_act_on_it(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    ws.add_hub("Хаб у Бучі", region_id="UA-32")
    seed_trainees(ws, PEOPLE[:2], checks=1)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    own = {view.hub, view.group, view.profile, view.use_from, view.use_to, view.date_from, view.date_to}
    programme = view.programme
    theirs = {programme.region, programme.hub, programme.use_since, programme.since}
    view.hub.setCurrentIndex(1)  # one hub chosen: the table, picture, questions and before/after follow it
    for index in range(4):  # Trainees, Group picture, Hard questions, Before and after
        view.tabs.setCurrentIndex(index)
        shown = _visible_filters(view)
        assert own - {view.date_from, view.date_to} <= shown, view.tabs.tabText(index)
        assert not shown & theirs and view.count.isVisible()
        assert view.count.text().startswith("Trainees shown: 2")

    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Progr&amme
    assert view.tabs.currentWidget() is programme
    qtbot.waitUntil(lambda: programme.picture is not None, timeout=20000)
    # One set of filters on screen: the Programme's own. The dashboard's hub filter, which would do
    # nothing to these figures, is gone with its count, and its Alt key (H&ub) no longer reaches it.
    assert _visible_filters(view) == theirs
    assert not view.filters.isVisible() and not view.count.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert not view.hub.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # the Programme's &Hub
    assert programme.hub.hasFocus()

    view.tabs.setCurrentIndex(0)  # back: the dashboard's filters return as they were left
    assert own - {view.date_from, view.date_to} <= _visible_filters(view)
    assert view.hub.currentIndex() == 1 and view.count.text().startswith("Trainees shown: 2")


def test_a_failing_read_is_said_and_the_tab_can_be_asked_again(
        qtbot: Any, window: Any, ws: Any, data_dir: Any, messages: list[str],
        typed: dict[str, Any]) -> None:  # noqa: F811
    """A database error that is not one of Digigram's own (here a table gone from under the app, as a
    dropped connection or a failing server would raise) is told, and the button works again."""
    import sqlite3

    seed_trainees(ws, PEOPLE, checks=1)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    page = _page(qtbot, window)
    with sqlite3.connect(data_dir / "digigram.sqlite3") as other:
        other.execute("DROP TABLE area_result")
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.show_button.isEnabled(), timeout=20000)
    assert not page.progress.isVisible()
    assert any("could not be read from the database" in m and "Nothing was changed" in m for m in messages), \
        messages


def test_with_no_one_checked_twice_the_headline_says_so_in_words(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    from digigram.ui.settings_dialog import Settings

    seed_trainees(ws, PEOPLE, checks=1)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    page = _page(qtbot, window)
    said = page.summary.text()
    assert "No one in this selection has a first check and a later one at least 28 days on" in said
    assert "—" not in said, said  # no dashes standing for shares nobody has
    # Said once: no empty chart under the summary saying it again.
    from PySide6.QtWidgets import QLabel
    saying = [label.text() for label in page.findChildren(QLabel)
              if label.isVisibleTo(page) and "No one in this selection" in label.text()]
    assert saying == [said], saying
    assert page.headline_chart.isHidden()
    window.apply_settings(Settings(language="uk"), store=False)
    page.show_button.click()
    qtbot.waitUntil(lambda: "Ні в кого" in page.summary.text(), timeout=20000)
    assert "—" not in page.summary.text(), page.summary.text()


def test_people_checked_twice_without_a_self_rating_are_not_said_unchecked(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    # The self-rating may be skipped. Two people checked 40 days apart who skipped it have been checked
    # before and after training: the headline must say what is missing (a self-rating at both checks),
    # not that no one was checked twice, which a coordinator would pass on to the programme as fact.
    from datetime import UTC, datetime, timedelta

    from tests.coordinator.conftest import add_check

    first = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
    for name, hub, group, _pin in PEOPLE[:2]:
        person = ws.create_person(name, hub=hub, group=group)
        for when in (first, first + timedelta(days=40)):
            add_check(ws, person, when=when, levels={"INF": ("B", "C"), "SAF": ("A", "B")}, rating=None)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    page = _page(qtbot, window)
    assert page.picture.checks == 4 and page.picture.headline.before.n == 0
    said = page.summary.text()
    assert "No one has been checked" not in said, said
    assert "both with a self-rating" in said and "28 days" in said, said


def test_people_checked_before_and_after_get_the_headline_chart(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    from datetime import UTC, datetime, timedelta

    from tests.coordinator.conftest import add_check

    first = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
    for name, hub, group, _pin in PEOPLE[:2]:
        person = ws.create_person(name, hub=hub, group=group)
        for when, rating in ((first, 4), (first + timedelta(days=40), 8)):
            add_check(ws, person, when=when, levels={"INF": ("B", "C")}, rating=rating)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    page = _page(qtbot, window)
    assert page.picture.headline.before.n == 2
    assert "2 people with a first and a later check" in page.summary.text()
    assert not page.headline_chart.isHidden() and page.headline_chart.figure is not None


def test_the_regions_come_by_name_not_by_iso_code(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """UA-09 Luhansk came before UA-12 Dnipropetrovsk, as the codes go; the reader looks them up by name."""
    for region_id in ("UA-09", "UA-12", "UA-05"):
        ws.add_hub(f"Хаб {region_id}", region_id=region_id)
    seed_trainees(ws, [(f"Слухач {k}", f"Хаб {r}", "Весна", None)
                       for k, r in enumerate(("UA-09", "UA-12", "UA-05"))], checks=1)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    page = _page(qtbot, window)
    assert [page.regions.item(r, 0).text() for r in range(page.regions.rowCount())] == [
        "Dnipropetrovsk Oblast", "Luhansk Oblast", "Vinnytsia Oblast"]


def test_counts_stand_under_their_heads_and_the_names_take_the_room(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The region table gave its last column, «Checks», all the room the others left: the head sat in
    the middle of the page, its numbers at the far left. Names take the room now; counts are set right."""
    import functools

    ws.add_hub("Хаб у Бучі", region_id="UA-32")
    ws.add_hub("Хаб у Львові", region_id="UA-46")
    seed_trainees(ws, PEOPLE, checks=2)
    # Six checks give no question the 30 answers the hard questions need: lowered, so that table has rows.
    monkeypatch.setattr(ws, "programme", functools.partial(ws.programme, min_answers=1))
    ws.set_coordinator_password(SECRET)
    window.resize(1366, 768)
    window.coordinator_action.trigger()
    page = _page(qtbot, window)
    for table in (page.regions, page.hardest):
        assert table.rowCount(), "the case is not tested: the table is empty"
        header = table.horizontalHeader()
        last = table.columnCount() - 1
        own = max(header.sectionSizeFromContents(last).width(), table.sizeHintForColumn(last))
        assert header.sectionSize(last) <= own + 2, "the last column is stretched away from its head"
        assert header.sectionSize(0) > sum(header.sectionSize(c) for c in range(1, last + 1))
        for row in range(table.rowCount()):
            for column in range(1, last + 1):
                assert table.item(row, column).textAlignment() & Qt.AlignmentFlag.AlignRight
    assert page.regions.rowCount() == 2
    # The competences: the share is set right; the names (competence, area) and the interval are words.
    assert page.competences.rowCount()
    right = Qt.AlignmentFlag.AlignRight
    assert [bool(page.competences.item(0, c).textAlignment() & right) for c in range(4)] == [
        False, False, True, False]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_while_the_first_figures_are_worked_out_the_tab_says_so(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        lang: str) -> None:
    """The tab reads the figures as it opens; meanwhile it said «Choose…, then Show the figures» beside the
    greyed-out button, over empty table heads."""
    import threading

    from digigram.ui.settings_dialog import Settings

    seed_trainees(ws, PEOPLE, checks=1)
    ws.set_coordinator_password(SECRET)
    release = threading.Event()
    reading = ws.programme

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(20)  # a region's database: seconds
        return reading(*args, **kwargs)

    monkeypatch.setattr(ws, "programme", slow)
    window.apply_settings(Settings(language=lang), store=False)
    window.coordinator_action.trigger()
    view = window.stack.currentWidget()
    view.tabs.setCurrentWidget(view.programme)
    page = view.programme
    assert not page.show_button.isEnabled()
    said = page.summary.text()
    assert said == ("Обчислення показників…" if lang == "uk" else "Working out the figures…"), said
    assert not any(table.isVisible() for table in (page.regions, page.competences, page.hardest))
    release.set()
    qtbot.waitUntil(lambda: page.picture is not None, timeout=20000)
    assert ("Слухачів: 3" if lang == "uk" else "Trainees: 3") in page.summary.text()
    assert all(table.isVisible() for table in (page.regions, page.competences, page.hardest))


def test_a_language_switch_on_another_tab_draws_the_figures_once_when_the_tab_is_shown(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """A language switch with the Programme tab behind another drew its four charts twice (for the new
    words, then for the new setting) while no one saw them: on a region's figures the window stood still
    for half a second. They are drawn once, in the new words, when the tab is shown again; on the tab
    itself a switch draws them once."""
    from digigram.ui.settings_dialog import Settings

    page = _opened(qtbot, window, ws, ("Хаб у Бучі", "UA-32"))
    view = window.stack.currentWidget()
    drawn: list[str] = []
    real = ProgrammePage._show
    monkeypatch.setattr(ProgrammePage, "_show", lambda self, p: (drawn.append(self.win.lang), real(self, p)))
    view.tabs.setCurrentIndex(0)
    window.apply_settings(Settings(language="uk"), store=False)
    qtbot.wait(50)
    assert drawn == []
    view.tabs.setCurrentWidget(page)
    qtbot.wait(50)
    assert drawn == ["uk"]
    assert "Слухачів: 3" in page.summary.text(), page.summary.text()
    window.apply_settings(Settings(language="en"), store=False)
    qtbot.wait(50)
    assert drawn == ["uk", "en"]
    assert "Trainees: 3" in page.summary.text()


def _backgrounds(page: ProgrammePage) -> dict[str, str]:
    from matplotlib.colors import to_hex

    charts = {"headline": page.headline_chart, "levels": page.levels_chart, "gaps": page.gaps_chart,
              "over": page.over_chart}
    return {name: to_hex(chart.figure.get_facecolor()) for name, chart in charts.items()
            if chart.figure is not None}


def test_a_look_chosen_on_a_trainees_page_draws_the_figures_in_it_on_coming_back(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """High contrast chosen in Settings while a trainee's page was shown (the language unchanged) left the
    Programme tab's charts dark on white when the coordinator came back to them, beside a black window.
    A larger text chosen there is drawn too."""
    page = _opened(qtbot, window, ws, ("Хаб у Бучі", "UA-32"))
    view = window.stack.currentWidget()
    drawn = _backgrounds(page)
    assert drawn and set(drawn.values()) == {"#ffffff"}, drawn
    for chosen in ({"high_contrast": True}, {"text_scale": 150}):
        chosen_on_a_trainees_page(qtbot, monkeypatch, window, view, **chosen)
        assert window.stack.currentWidget() is view
        view.tabs.setCurrentWidget(page)
        qtbot.waitUntil(lambda: _backgrounds(page) == dict.fromkeys(drawn, "#000000")
                        and page.levels_chart.figure.dpi == window.settings.text_scale, timeout=5000)


def test_after_a_language_switch_the_filters_and_the_line_naming_the_figures_are_in_the_new_words(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """«Figures for: Kyiv Oblast (UA-32)» stayed in English after a switch to Ukrainian, as did the regions
    in the filter above it, their «All regions» and the hubs' «All hubs», while every other word changed."""
    page = _opened(qtbot, window, ws, ("Хаб у Бучі", "UA-32"), ("Хаб у Львові", "UA-46"))
    page.region.setCurrentIndex(page.region.findData("UA-32"))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.picture.filter.region_id == "UA-32", timeout=20000)
    assert page.scope.text() == "Figures for: Kyiv Oblast (UA-32), all hubs."

    chosen_in_settings(monkeypatch, window, language="uk")
    qtbot.waitUntil(lambda: "Слухачів: 2" in page.summary.text(), timeout=5000)
    # The same choice, named in Ukrainian, and not taken for a new one still to be shown.
    assert page.scope.text() == "Цифри для: Київська область (UA-32), усі хаби.", page.scope.text()
    assert page.region.currentText() == "Київська область (UA-32)"
    assert page.region.itemText(0) == "Усі регіони" and page.hub.itemText(0) == "Усі хаби"
    page.hub.setCurrentIndex(page.hub.findText("Хаб у Бучі"))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.picture.filter.hub_id is not None, timeout=20000)
    chosen_in_settings(monkeypatch, window, language="en")
    qtbot.waitUntil(lambda: "Trainees: 2" in page.summary.text(), timeout=5000)
    assert page.scope.text() == "Figures for: Kyiv Oblast (UA-32), Хаб у Бучі.", page.scope.text()
    assert (page.region.currentText(), page.hub.currentText()) == ("Kyiv Oblast (UA-32)", "Хаб у Бучі")

    chosen_in_settings(monkeypatch, window, language="uk")
    qtbot.waitUntil(lambda: "Слухачів: 2" in page.summary.text(), timeout=5000)
    page.region.setCurrentIndex(0)  # every hub, with its region's name
    assert {page.hub.itemText(i) for i in range(1, page.hub.count())} == {
        "Хаб у Бучі (Київська область)", "Хаб у Львові (Львівська область)"}, [
        page.hub.itemText(i) for i in range(page.hub.count())]
