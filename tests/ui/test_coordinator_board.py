"""The coordinator's dashboard, Programme tab and trainee page as a coordinator meets them: the hard
questions ranked as in the Programme tab, figures that name what they are for, a bundle that says whom
it holds, the table's marks in words, a passing notice, and the trainee page's keys."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.helpers import settle, show_figures_page
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard

PEOPLE = [(f"Слухач {n}", "Хаб у Бучі", "Весна", None) for n in range(10)]


@pytest.mark.parametrize(("lang", "said"), [
    ("uk", "щонайменше 30 відповідей"), ("en", "at least 30 answers")])
def test_a_small_hub_lists_no_hard_question_below_the_programme_minimum_and_says_why(
        window: Any, ws: Any, typed: dict[str, Any], lang: str, said: str) -> None:  # noqa: F811
    """Twenty checks give no question 30 answers: questions answered 3 of 3 wrongly ranked first at
    100 %, where the Programme tab lists a question only from 30 answers. Now none is listed, and the
    page says why in words, whole on a netbook at 200 % text."""
    view = netbook_dashboard(window, ws, lang=lang, scale=200, people=PEOPLE, checks=2)
    page = view.hard
    show_figures_page(view, page)
    assert page.table.rowCount() == 0, [page.table.item(r, 2).text() for r in range(page.table.rowCount())]
    assert page.empty.isVisible() and said in page.empty.text(), page.empty.text()
    assert page.rect().contains(page.empty.geometry()), "the reason is cut by the page's edge"
    assert page.empty.height() >= page.empty.heightForWidth(page.empty.width()), "its last line is cut"


def test_the_coordinator_mode_notice_passes(qtbot: Any, window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """«Режим координатора відкрито…» stayed in the status bar as long as the mode was open, two lines
    of a netbook's screen at 200 % text; now it goes after a while (8 s; 0.3 s here), as the other
    passing notices."""
    from digigram.ui.coordinator import mode

    monkeypatch.setattr(mode, "OPEN_NOTICE_MS", 300)
    netbook_dashboard(window, ws, lang="uk", scale=200, people=PEOPLE[:1])
    bar = window.statusBar()
    assert "Режим координатора відкрито" in bar.currentMessage()
    qtbot.waitUntil(lambda: not bar.currentMessage(), timeout=3000)


@pytest.mark.parametrize(("lang", "everyone", "lviv", "pending"), [
    ("uk", "Цифри для: усі регіони, усі хаби.", "Цифри для: Львівська область (UA-46), усі хаби.",
     "ще не показано"),
    ("en", "Figures for: all regions, all hubs.", "Figures for: Lviv Oblast (UA-46), all hubs.",
     "not shown yet")])
def test_the_programme_figures_name_the_selection_they_are_for(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str, everyone: str,  # noqa: F811
        lviv: str, pending: str) -> None:
    """A region chosen without «Показати цифри» left the whole country's figures under its name, and
    nothing said whom the figures were for. A line above them names it, and says when the choice above
    is not shown yet."""
    from PySide6.QtCore import Qt

    ws.add_hub("Хаб у Бучі", region_id="UA-32")
    ws.add_hub("Хаб у Львові", region_id="UA-46")
    view = netbook_dashboard(window, ws, lang=lang, scale=100, people=[
        ("Оксана Петренко", "Хаб у Бучі", "Весна", None), ("Іван Мельник", "Хаб у Львові", "Осінь", None)],
        checks=1, size=(1366, 768))
    page = view.programme
    view.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.picture is not None, timeout=20000)
    assert page.scope.isVisible() and page.scope.text() == everyone
    page.region.setCurrentIndex(page.region.findData("UA-46"))
    assert page.scope.text().startswith(everyone) and pending in page.scope.text(), page.scope.text()
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.picture.trainees == 1, timeout=20000)
    assert page.scope.text() == lviv


@pytest.mark.parametrize(("lang", "everyone", "only"), [
    ("uk", "усіх хабів", "лише хабу «Хаб у Бучі»"), ("en", "of all hubs", "of the hub «Хаб у Бучі» only")])
def test_saving_a_bundle_says_which_hub_it_holds(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], tmp_path: Any,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, lang: str, everyone: str, only: str) -> None:
    """The bundle held only the hub chosen in the trainee table's filter, folded away on a netbook, and
    neither the form nor the confirmation said so. Both say whose results it holds."""
    from PySide6.QtCore import Qt

    from digigram.ui.coordinator.bundles import BundleChoice, BundleDialog
    from digigram.ui.coordinator.files import Ask

    people = [("Оксана Петренко", "Хаб у Бучі", "Весна", None),
              ("Іван Мельник", "Хаб у Львові", "Осінь", None)]
    view = netbook_dashboard(window, ws, lang=lang, scale=200, people=people, checks=1)
    forms: list[str] = []

    def looked_at(dialog: Any) -> int:
        dialog.show()
        settle()
        forms.append(dialog.scope.text() if dialog.scope.isVisible() else "")
        dialog.close()
        return 0  # cancelled

    monkeypatch.setattr(BundleDialog, "exec", looked_at)
    view.bundle_out.trigger()
    view.hub.setCurrentIndex(view.hub.findText("Хаб у Бучі", Qt.MatchFlag.MatchStartsWith))
    assert view.hub.currentData() is not None
    view.bundle_out.trigger()
    assert everyone in forms[0] and "Хаб у Бучі" not in forms[0], forms[0]
    assert only in forms[1], forms[1]

    done: list[str] = []
    monkeypatch.setattr(BundleDialog, "ask", classmethod(lambda cls, parent, **_: BundleChoice(
        path=str(tmp_path / "bucha"), key=None, unsigned=True)))
    monkeypatch.setattr(Ask, "done", classmethod(lambda cls, parent, *, text: done.append(text)))
    view.bundle_out.trigger()
    assert only in done[-1], done


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", ("✓ — ціль досягнуто", "▼1 A2 → B1", "⚠ потрібна допомога", "половина сфер")),
    ("en", ("✓ target reached", "▼1 A2 → B1", "⚠ needs help", "half the areas"))])
@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 200), ((1366, 768), 100)])
def test_the_trainee_table_says_what_its_marks_mean(
        window: Any, ws: Any, typed: dict[str, Any], lang: str, words: tuple[str, ...],  # noqa: F811
        size: tuple[int, int], scale: int) -> None:
    """✓, «▼1 A2 → B1» and the rule behind «⚠ потрібна допомога» were only in tooltips. A line under the
    table says them where the screen has room; on a netbook at 200 % text, where its three lines pushed
    the commands under the table out of the window, the count above the table says them as its tooltip
    (test_short_screen_dashboard keeps those commands in view)."""
    view = netbook_dashboard(window, ws, lang=lang, scale=scale, people=PEOPLE, checks=1, size=size)
    marks = view.marks
    for said in words:
        assert said in marks.text() and said in view.count.toolTip(), said
    if size == (1024, 600):
        assert not marks.isVisible(), "the key took a netbook's room from the commands"
        return
    assert marks.isVisible(), "no key to the marks"
    page = marks.parentWidget()
    assert marks.geometry().top() >= view.table.geometry().bottom(), "the key is not under the table"
    assert page.rect().contains(marks.geometry()), "the key is cut by the page's edge"
    assert marks.height() >= marks.heightForWidth(marks.width()), "the key's last line is cut"
    bottom = marks.mapTo(window.scroller.viewport(), marks.rect().bottomLeft()).y()
    assert bottom <= window.scroller.viewport().height(), "the key is below the window's view"
    top = view.table.viewport().mapTo(window.scroller.viewport(), view.table.viewport().rect().topLeft()).y()
    assert window.scroller.viewport().height() - top >= 5 * view.table.rowHeight(0), "the key took the rows"


def test_the_trainee_page_goes_back_with_esc_and_turns_its_tabs_from_anywhere(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """The trainee page opens with the focus on «Назад»: Ctrl+Tab did nothing there until the focus was
    moved into the tabs, and Esc did not go back to the dashboard."""
    from PySide6.QtCore import Qt

    from digigram.ui.coordinator.dashboard import DashboardView
    from digigram.ui.coordinator.trainee import TraineeView

    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=PEOPLE[:2], checks=1, size=(1366, 768))
    view.table.selectRow(0)
    view.open_selected()
    page = window.stack.currentWidget()
    assert isinstance(page, TraineeView)
    qtbot.waitUntil(page.back.hasFocus, timeout=2000)
    tabs = page.tabs
    assert tabs.currentIndex() == 0
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1, "Ctrl+Tab from «Назад» did not turn the page"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tabs.currentIndex() == 1, "Ctrl+Shift+Tab did not turn back"
    page.history.setFocus()  # inside the tabs: one page on, not two
    qtbot.keyClick(page.history, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
    page.back.setFocus()
    qtbot.keyClick(page.back, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), DashboardView), timeout=2000)


@pytest.mark.parametrize(("lang", "said"), [("uk", "18\u202f810 з 20\u202f040"), ("en", "18,810 of 20,040")])
def test_a_regions_counts_are_grouped_by_thousands(
        qtbot: Any, window: Any, ws: Any, lang: str, said: str) -> None:
    """On a region's database the hard questions read «18810 з 20040»; counts are grouped as the report
    and the Programme tab group them."""
    from digigram.core.coordination import ItemStat
    from digigram.ui.coordinator.pages import HardQuestionsTable
    from digigram.ui.settings_dialog import Settings

    window.apply_settings(Settings(language=lang), store=False)  # the words in that language
    page = HardQuestionsTable()
    qtbot.addWidget(page)
    item = next(i for i in ws.framework.items if i.kind == "knowledge")
    stat = ItemStat(item.id, asked=20040, wrong=18810, share_wrong=18810 / 20040)
    page.show_stats([stat], ws.framework, lang)
    assert page.table.item(0, 2).text() == said
