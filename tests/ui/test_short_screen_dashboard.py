"""The dashboard on a 1024×600 netbook and at 200 % text: the table keeps rows to look at, the tab names
are whole, and the buttons are not cut."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import PySide6
import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.settings_dialog import Settings
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.helpers import box_in, picture_drawn, settle
from tests.ui.test_coordinator import SECRET, typed  # noqa: F401 - the password dialog's answer

PEOPLE = [(f"Слухач {n}", "Хаб у Бучі", "Весна", None) for n in range(12)]
# Hubs and groups as long as real ones: the table is wider than a netbook.
WIDE = [(name, "Центральна публічна бібліотека імені Лесі Українки", "Осінь 2024, вечірня група", None)
        for name in ("Оксана Петренко-Сидоренко", "Марія Коваль", "Іван Мельник")]



def netbook_dashboard(window: Any, ws: Any, *, lang: str, scale: int, people: list[Any] = PEOPLE,
                      checks: int = 0, size: tuple[int, int] = (1024, 600),
                      apart_days: int = 0) -> DashboardView:
    """The dashboard for `people`, opened as a coordinator would on a window of `size`."""
    seed_trainees(ws, people, checks=checks, apart_days=apart_days)
    ws.set_coordinator_password(SECRET)
    window.resize(*size)
    # The text size is chosen on Home, as a person would, before the coordinator screens are shown.
    window.apply_settings(Settings(language=lang, text_scale=scale), store=False)
    settle()
    window.coordinator_action.trigger()
    settle()
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    return view


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("scale", [100, 200])
def test_the_trainee_table_keeps_rows_in_view_on_a_netbook(
        window: Any, ws: Any, typed: dict[str, Any], lang: str, scale: int) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang=lang, scale=scale)
    table = view.table
    rows = table.viewport().height() // table.rowHeight(0)
    assert rows >= 5, f"only {rows} table rows in view at 1024×600, {scale} %"
    # ...and they are in the window's view, not below it behind the window's own scroll bar.
    top = table.viewport().mapTo(window.scroller.viewport(), table.viewport().rect().topLeft()).y()
    in_view = window.scroller.viewport().height() - top
    assert in_view >= 5 * table.rowHeight(0), f"{in_view} px of the table in the window"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_folded_filters_open_by_keyboard_and_say_they_are_on(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang=lang, scale=200)
    assert not view.filters.isVisible(), "at 200 % on a netbook the filters start folded"
    view.table.setFocus()  # Alt+J, the key of «О», with the Latin layout active, as a keyboard user would
    qtbot.keyClick(view.table, Qt.Key.Key_N if lang == "en" else Qt.Key.Key_J,
                   Qt.KeyboardModifier.AltModifier)  # Show o&nly… / П&оказати лише… (the О key is J)
    qtbot.waitUntil(view.filters.isVisible, timeout=2000)
    view.group.setCurrentIndex(1)
    qtbot.mouseClick(view.filters_toggle, Qt.MouseButton.LeftButton)  # folded again by hand
    assert not view.filters.isVisible()
    assert ("(filters are on)" if lang == "en" else "(фільтри ввімкнено)") in view.count.text()
    window.apply_settings(Settings(language=lang, text_scale=100), store=False)
    settle()
    assert not view.filters.isVisible(), "the coordinator's own choice stands when the text size changes"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_buttons_are_not_cut_after_the_text_grew_on_another_screen(
        window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang=lang, scale=100)
    window.go_home()
    window.apply_settings(Settings(language=lang, text_scale=200), store=False)  # while on Home
    settle()
    window.coordinator_action.trigger()
    settle()
    cut = [b.text() for b in view.findChildren(QPushButton) if b.isVisible()
           and (b.width() < b.sizeHint().width() or b.height() < b.sizeHint().height())]
    assert not cut, f"buttons narrower or lower than their text: {cut}"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_trainee_at_200_percent_scrolls_in_one_place(
        window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang=lang, scale=200)
    window.show_trainee(view.model.rows[0].person_id)
    settle()
    trainee = window.stack.currentWidget()
    assert trainee is window.coordinator_screens["trainee"]
    # the chart page scrolls inside its tab; the window does not scroll the screen around it as well
    assert not window.scroller.verticalScrollBar().isVisible(), "two scroll bars, one inside the other"


def _menu_opened_by(qtbot: Any, widget: Any, key: Qt.Key) -> Any:
    """The popup Alt+`key` opens (closed again at once), as a keyboard user reaches a menu."""
    from PySide6.QtCore import QTimer

    seen: list[Any] = []

    def look() -> None:
        popup = QApplication.activePopupWidget()
        if popup is None:
            QTimer.singleShot(50, look)  # a button's menu opens after its pressed look is shown
            return
        seen.append(popup)
        popup.close()
    QTimer.singleShot(50, look)
    widget.setFocus()
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    return seen[0]


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")  # menus
@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("scale", [100, 200])
def test_every_dashboard_command_is_in_view_without_scrolling_on_a_netbook(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str, scale: int) -> None:  # noqa: F811
    # At 200 % the last row of six buttons under the table was only reached by scrolling the screen.
    view = netbook_dashboard(window, ws, lang=lang, scale=scale)
    settle()
    assert not window.scroller.verticalScrollBar().isVisible(), "the dashboard scrolls on a netbook"
    port = window.scroller.viewport()
    for button in (view.open_button, view.delete_button, view.files_button):
        box = box_in(port, button)
        assert port.rect().contains(box), f"«{button.text()}» is not wholly in view: {box} in {port.rect()}"
    assert view.manage.isVisible() and view.manage.window() is window, "Manage is on the window's toolbar"
    # Both menus open from the keyboard: Alt+M / Alt+Я (the Z key) and Alt+L / Alt+Ф (the A key), with
    # the Latin layout active.
    manage = _menu_opened_by(qtbot, view.table, Qt.Key.Key_M if lang == "en" else Qt.Key.Key_Z)
    assert manage is view.manage.menu()
    assert [a.text() for a in manage.actions() if not a.isSeparator()] == [
        a.text() for a in (view.hubs_action, view.sync_action, view.password_action, view.leave_action)]
    files = _menu_opened_by(qtbot, view.table, Qt.Key.Key_L if lang == "en" else Qt.Key.Key_A)
    assert files is view.files_button.menu()
    assert [a for a in files.actions() if not a.isSeparator()] == [
        view.csv_action, view.pdf_action, view.bundle_out, view.bundle_in]
    window.go_home()
    settle()
    assert not view.manage.isVisible(), "the dashboard's menu leaves the toolbar with the dashboard"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_areas_and_needs_help_come_right_after_the_name(
        window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    """Who and how they stand together: the hub, group and role columns had pushed the areas out of view
    (at 1366×768 four of the six, on a netbook every one); now every area and the needs-help mark are in
    view unscrolled, and what places the trainee follows them."""
    view = netbook_dashboard(window, ws, lang=lang, scale=100, people=WIDE, checks=1)
    table, model = view.table, view.model
    settle()
    assert model.area_ids
    heads = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
             for c in range(model.columnCount())]
    assert heads[0] == ("Name" if lang == "en" else "Імʼя")
    assert heads[1] == ("Needs help" if lang == "en" else "Потрібна допомога")
    shown = [c for c in range(model.columnCount())
             if table.columnViewportPosition(c) + table.columnWidth(c) <= table.viewport().width()]
    wanted = [0, 1, *(model.column_of("area:" + a) for a in model.area_ids)]
    assert set(wanted) <= set(shown), f"in view unscrolled: {[heads[c] for c in shown]}"


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("scale", [100, 200])
def test_the_names_stay_in_view_when_the_table_scrolls_sideways(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str, scale: int) -> None:  # noqa: F811
    """On a netbook the table scrolled right showed "⚠ needs help" rows with no name."""
    view = netbook_dashboard(window, ws, lang=lang, scale=scale, people=WIDE, checks=1)
    table, model = view.table, view.model
    settle()
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0, "the table fits a netbook whole: nothing to scroll"
    bar.setValue(bar.maximum())
    settle()
    # Scrolled so far that the column after the name passes under the held names (the columns share
    # the width now, so the table scrolls less than a whole name column at 100 %).
    assert table.columnViewportPosition(1) < table.columnWidth(0), "the table did not scroll"
    # What is painted at the left of the first row is that row's name.
    first_row = table.visualRect(model.index(0, 1)).center().y()
    spot = table.viewport().mapTo(table, table.viewport().rect().topLeft()) + QPoint(4, first_row)
    shown = table.childAt(spot)
    assert shown is table.names.viewport(), f"{shown} at the left of the first row"
    index = table.names.indexAt(table.names.viewport().mapFrom(table, spot))
    assert index.row() == 0 and model.data(index) == model.rows[0].name

    # The keyboard stays with the table: Left back to the first area, never hidden under the names;
    # a click on a name selects that row, and Enter opens the trainee.
    table.setFocus()
    table.setCurrentIndex(model.index(0, model.columnCount() - 1))
    first_area = model.column_of("area:" + model.area_ids[0])
    for _ in range(model.columnCount() - 1 - first_area):
        qtbot.keyClick(table, Qt.Key.Key_Left)
    assert table.currentIndex().column() == first_area
    assert table.visualRect(table.currentIndex()).left() >= table.columnWidth(0) - 1
    name_cell = table.names.visualRect(model.index(2, 0)).center()
    qtbot.mouseClick(table.names.viewport(), Qt.MouseButton.LeftButton, pos=name_cell)
    assert table.hasFocus() and table.currentIndex().row() == 2
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 2
    qtbot.keyClick(table, Qt.Key.Key_Return)
    settle()
    assert window.stack.currentWidget() is window.coordinator_screens["trainee"]
    assert window.coordinator_screens["trainee"].person_id == model.rows[2].person_id


def tab_into(qtbot: Any, widget: Any) -> None:
    """Tab from the widget before `widget` in the Tab order, as a keyboard user comes to it."""
    before = widget.previousInFocusChain()
    while not (before.focusPolicy() & Qt.FocusPolicy.TabFocus and before.isVisible()):
        before = before.previousInFocusChain()
    before.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert widget.hasFocus(), f"Tab went to {QApplication.focusWidget()}"


@pytest.mark.parametrize("scale", [100, 200])
def test_the_keyboard_focus_shows_on_a_held_name(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], scale: int) -> None:  # noqa: F811
    """Tabbed into the table, the keys were on the first name, but its focus frame was drawn under the
    held names: nothing in the table said where the keyboard was. The name now shows it, scrolled or not,
    and stops showing it when the keyboard leaves the table."""
    view = netbook_dashboard(window, ws, lang="uk", scale=scale, people=WIDE, checks=1)
    table, model = view.table, view.model
    settle()

    def name_shown(row: int) -> Any:  # the name cell as it is on the screen, the held names over the table
        rect = table.names.visualRect(model.index(row, 0))
        return table.grab(rect.translated(table.names.viewport().mapTo(table, QPoint(0, 0)))).toImage()

    table.clearFocus()  # the dashboard may open with the keys in the table
    settle()
    unfocused = name_shown(0)
    tab_into(qtbot, table)
    settle()
    assert table.currentIndex() == model.index(0, 0), "Tab puts the keys on the first name"
    assert name_shown(0) != unfocused, "the first name does not show that the keyboard is on it"
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert not table.hasFocus() and name_shown(0) == unfocused

    # Scrolled sideways, Left from the first area comes to the name, held at the left, and shows there.
    table.setFocus()
    table.setCurrentIndex(model.index(1, 1))
    bar = table.horizontalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.keyClick(table, Qt.Key.Key_Left)
    settle()
    assert table.currentIndex() == model.index(1, 0) and bar.value() == bar.maximum() > 0
    focused = name_shown(1)
    table.clearFocus()
    settle()
    assert name_shown(1) != focused, "the name the keys are on looks the same as without the keyboard"


@contextmanager
def accessibility_events() -> Iterator[list[tuple[QAccessible.Event, Any]]]:
    """(event, object) for each event Qt sends to assistive technology meanwhile: what a screen reader
    is told. PySide has no QAccessible.installUpdateHandler, so it is called in Qt's library."""
    gui = next(Path(PySide6.__file__).parent.glob("Qt/lib/libQt6Gui.so*"), None)
    if gui is None:
        pytest.skip("Qt's library is not where PySide keeps it on Linux")
    install = ctypes.CDLL(str(gui))._ZN11QAccessible20installUpdateHandlerEPFvP16QAccessibleEventE
    install.argtypes = [ctypes.c_void_p]
    seen: list[tuple[QAccessible.Event, Any]] = []

    def told(event: int) -> None:
        told_event = shiboken6.wrapInstance(event, QAccessibleEvent)
        seen.append((told_event.type(), told_event.object()))

    handler = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(told)
    was_active = QAccessible.isActive()
    QAccessible.setActive(True)
    install(ctypes.cast(handler, ctypes.c_void_p))
    try:
        yield seen
    finally:
        install(None)
        QAccessible.setActive(was_active)


def test_a_screen_reader_meets_one_trainee_table(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """The held names were a second, one-column table to a screen reader, named «Імʼя» and told of each
    selection as the trainee table was. Now the trainee table is the one table of trainees, with every
    column, the name first; a pointer on a held name reads the table's name cell."""
    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=WIDE, checks=1)
    table, model = view.table, view.model
    settle()
    with accessibility_events() as told:
        heard = [QAccessible.queryAccessibleInterface(w) for w in window.findChildren(QWidget)]
        tables = [i.object() for i in heard if i is not None and i.role() == QAccessible.Role.Table
                  and not i.state().invisible and any(
                      i.child(c).text(QAccessible.Text.Name) == model.rows[0].name
                      for c in range(i.childCount()))]
        assert tables == [table], f"tables of trainees: {tables}"
        one = QAccessible.queryAccessibleInterface(table)
        heads = [one.child(c).text(QAccessible.Text.Name).replace("\n", " ") for c in range(one.childCount())
                 if one.child(c).role() == QAccessible.Role.ColumnHeader]
        assert heads == model.headers() and heads[0] == "Імʼя"

        # The keys, a click on a name and the name head: the table alone tells of them.
        told.clear()
        tab_into(qtbot, table)
        qtbot.keyClick(table, Qt.Key.Key_Down)
        qtbot.keyClick(table, Qt.Key.Key_Right)
        qtbot.keyClick(table, Qt.Key.Key_Left)
        qtbot.mouseClick(table.names.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.names.visualRect(model.index(2, 0)).center())
        head = table.names.horizontalHeader()
        qtbot.mouseClick(head.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(head.sectionSize(0) // 2, head.height() // 2))
        settle()
        names = table.names
        from_names = [(event, obj) for event, obj in told
                      if isinstance(obj, QWidget) and names.isAncestorOf(obj)]  # itself too
        # Told only that their rows changed (sorted), which their accessible side, with no rows, ignores.
        spoken = [(event, obj) for event, obj in from_names if event != QAccessible.Event.TableModelChanged]
        assert spoken == [], f"the held names spoke of themselves: {spoken}"
        by_table = {event for event, obj in told if obj is table}
        assert {QAccessible.Event.Focus, QAccessible.Event.SelectionAdd} <= by_table, by_table

        spot = table.names.viewport().mapToGlobal(table.names.visualRect(model.index(1, 0)).center())
        found = QAccessible.queryAccessibleInterface(window)
        while (deeper := found.childAt(spot.x(), spot.y())) is not None and deeper.isValid():
            found = deeper
        assert found.role() == QAccessible.Role.Cell and found.parent().object() is table
        assert found.text(QAccessible.Text.Name) == model.rows[1].name


def drag_edge(qtbot: Any, head: Any, section: int, by: int) -> None:
    """Drag the right edge of a column head `by` pixels, as with a mouse."""
    at = QPoint(head.sectionViewportPosition(section) + head.sectionSize(section) - 2, head.height() // 2)
    port = head.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=at)
    for step in range(1, 5):
        qtbot.mouseMove(port, at + QPoint(by * step // 4, 0))
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=at + QPoint(by, 0))
    settle()


@pytest.mark.parametrize("scale", [100, 200])
def test_the_held_name_column_is_resized_by_its_head(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], scale: int) -> None:  # noqa: F811
    """The edge of the name head could not be dragged: a long name stayed cut, a short one took room
    from the areas. Now the held names and the table's column widen and narrow together, the next
    column moving along, whether or not the table is scrolled sideways."""
    view = netbook_dashboard(window, ws, lang="uk", scale=scale, people=WIDE, checks=1)
    table, model = view.table, view.model
    settle()
    head = table.names.horizontalHeader()  # the one over the table's own name head

    def widths() -> tuple[int, int, int]:
        return table.columnWidth(0), table.names.width(), table.names.columnWidth(0)

    was = table.columnWidth(0)
    drag_edge(qtbot, head, 0, 60)
    assert widths() == (was + 60,) * 3
    assert table.visualRect(model.index(0, 1)).left() == was + 60, "the next column is under the names"

    bar = table.horizontalScrollBar()
    bar.setValue(bar.maximum())
    settle()
    assert bar.value() > 0
    drag_edge(qtbot, head, 0, -40)
    assert widths() == (was + 20,) * 3


def test_widths_a_person_dragged_stay_when_the_filters_change(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """Every new selection fitted the columns to their contents again: a name column or an area a
    coordinator had widened by its head went back at the next filter."""
    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=WIDE, checks=1)
    table = view.table
    settle()
    name_was, area_was = table.columnWidth(0), table.columnWidth(2)
    drag_edge(qtbot, table.names.horizontalHeader(), 0, 60)
    drag_edge(qtbot, table.horizontalHeader(), 2, 50)
    assert (table.columnWidth(0), table.columnWidth(2)) == (name_was + 60, area_was + 50)

    view.apply_filters()  # as a new hub, group or date chosen reads the table again
    settle()
    assert (table.columnWidth(0), table.columnWidth(2)) == (name_was + 60, area_was + 50)
    assert table.names.width() == name_was + 60
    # A new text size measures every column again, dragged or not: old widths would cut the text.
    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    settle()
    assert table.columnWidth(0) > table.fontMetrics().horizontalAdvance(WIDE[0][0])
    assert table.columnWidth(2) != area_was + 50


def test_the_held_name_head_sorts_the_whole_table(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang="uk", scale=100, people=PEOPLE[:3], checks=0)
    head = view.table.names.horizontalHeader()
    assert [r.name for r in view.model.rows] == ["Слухач 0", "Слухач 1", "Слухач 2"]
    spot = QPoint(head.sectionViewportPosition(0) + head.sectionSize(0) // 2, head.height() // 2)
    qtbot.mouseClick(head.viewport(), Qt.MouseButton.LeftButton, pos=spot)  # the name head over the table
    settle()
    assert [r.name for r in view.model.rows] == ["Слухач 2", "Слухач 1", "Слухач 0"]
    assert view.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_group_pictures_column_key_is_read_before_the_picture(
        window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    """The key to the codes over the columns (INF, COM…) was under a chart of up to 150 rows: the codes
    were seen long before what they stand for. Now it is in view above the chart, unscrolled."""
    view = netbook_dashboard(window, ws, lang=lang, scale=200, people=PEOPLE, checks=1, size=(1366, 768))
    view.tabs.setCurrentWidget(view.heatmap)
    page = picture_drawn(view)
    assert page.chart.figure is not None and page.key.text()
    area = view.model.area_ids[0]
    assert f"{area} — " in page.key.text()
    assert page.key.geometry().bottom() <= page.chart.geometry().top(), "the key comes after the chart"
    port = page.viewport()
    key = page.key.rect().translated(page.key.mapTo(port, QPoint(0, 0)))
    assert page.verticalScrollBar().value() == 0 and port.rect().contains(key), f"{key} not in {port.rect()}"
