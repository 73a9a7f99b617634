"""Every control can be reached and named by assistive technology; the whole check works by keyboard alone."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from digigram.ui.person_dialog import PersonDialog
from digigram.ui.rating_dialog import RatingDialog
from digigram.ui.settings_dialog import Settings, SettingsDialog
from tests.ui.helpers import answer_to_the_end, create_person


def unnamed_focusable(root: QWidget) -> list[str]:
    """Visible widgets that take keyboard focus but have no accessible name."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:
            continue  # the proxy (e.g. a spin box for its line edit) carries the name
        iface = QAccessible.queryAccessibleInterface(widget)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            found.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return found


def test_every_focusable_widget_has_a_name(qtbot: Any, window: Any, ws: Any) -> None:
    win = window
    assert unnamed_focusable(win) == []
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    assert unnamed_focusable(win) == [], "quiz"
    answer_to_the_end(qtbot, win)
    assert unnamed_focusable(win) == [], "results"
    for index in range(win.view("results").tabs.count()):
        win.view("results").tabs.setCurrentIndex(index)
        assert unnamed_focusable(win) == [], f"results tab {index}"
    win.show_plan(win.person_id)
    win.view("plan").add_step()
    assert unnamed_focusable(win) == [], "plan"
    win.show_history(win.person_id)
    assert unnamed_focusable(win) == [], "history"
    for dialog in (PersonDialog(win, profiles=[("librarian", "Librarian")]), RatingDialog(win, after=False),
                   SettingsDialog(win, current=Settings())):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_focusable(dialog) == [], type(dialog).__name__
        dialog.close()


def focused() -> Any:
    return QApplication.focusWidget()


def test_the_whole_check_by_keyboard_alone(qtbot: Any, window: Any, ws: Any) -> None:
    win = window
    create_person(qtbot, win)
    win.activateWindow()
    win.home.people.setFocus()
    qtbot.waitUntil(lambda: focused() is win.home.people)
    # Tab from the people list reaches the start button; Space presses it.
    for _ in range(10):
        if focused() is win.home.full:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is win.home.full
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert win.stack.currentWidget() is win.quiz
    answered = 0
    while win.quiz.session is not None:
        qtbot.waitUntil(lambda: focused() in win.quiz.buttons)
        item = win.quiz.item
        if item.on_scale or item.select == "one":
            # Arrows move within the answers; the number key then picks one exactly.
            qtbot.keyClick(focused(), Qt.Key.Key_Down)
            qtbot.keyClick(focused(), Qt.Key.Key_2)
            assert win.quiz.choice() == 1
        else:
            qtbot.keyClick(focused(), Qt.Key.Key_0)
            assert win.quiz.choice() is None  # "I don't know"
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        answered += 1
        assert answered < 60
    assert win.stack.currentWidget() is win.view("results")
    attempt = ws.history(win.person_id)[0]
    assert attempt.status == "finished" and attempt.n_answers == answered


def test_levels_are_told_in_words_and_symbols_not_colour_alone(qtbot: Any, window: Any, ws: Any) -> None:
    win = window
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, win)
    table = win.view("results").table
    for row in range(table.rowCount()):
        status = table.item(row, 3).text()  # "Compared with the target"
        assert status.startswith(("✓", "▼")) or status == "no target set"
    assert "Information" in win.view("results").chart.accessibleDescription()


def test_a_screen_reader_meets_home_in_the_order_it_is_read(qtbot: Any, window: Any, ws: Any) -> None:
    # A screen reader walks a screen's parts in the order the accessibility tree gives them, not by
    # where they are drawn: "New person…" at the head of the list was met last, after the list.
    ws.create_person("Оксана Петренко")
    window.home.refresh()
    home = window.home
    tree = QAccessible.queryAccessibleInterface(home)
    said = [tree.child(i).text(QAccessible.Text.Name) for i in range(tree.childCount())]
    column = [home.people_label, home.new_person, home.search_label, home.search, home.people]
    names = [QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name) for w in column]
    assert [said.index(name) for name in names] == sorted(said.index(name) for name in names), said
    # The same order as on screen: each part below the one before, or beside it on its right.
    boxes = [w.rect().translated(w.mapTo(home, w.rect().topLeft())) for w in column]
    for before, after in pairwise(boxes):
        beside = after.top() < before.bottom() and before.top() < after.bottom()
        assert after.top() >= before.bottom() or (beside and after.left() > before.right()), (before, after)


def _tab_stops(qtbot: Any, start: QWidget, presses: int = 30) -> list[QWidget]:
    start.setFocus()
    qtbot.waitUntil(lambda: focused() is start)
    stops = []
    for _ in range(presses):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        stops.append(focused())
    return stops


def test_tab_never_stops_on_the_window_s_own_scroll_area(qtbot: Any, window: Any, ws: Any) -> None:
    """The window's scroll area took a Tab stop on every screen and showed no focus mark: one Tab press
    seemed to go nowhere. Tab goes to the screen's fields, which the window scrolls into view."""
    win = window
    create_person(qtbot, win)
    win.activateWindow()
    assert win.scroller not in _tab_stops(qtbot, win.home.people), "home"
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, win)
    win.show_results(ws.history(win.person_id)[0].id)
    results = win.view("results")
    assert win.stack.currentWidget() is results
    assert win.scroller not in _tab_stops(qtbot, results.tabs.tabBar()), "results"
    win.show_history(win.person_id)
    assert win.scroller not in _tab_stops(qtbot, win.view("history").table), "history"


def test_a_scrolled_chart_shows_when_it_has_the_keyboard(qtbot: Any, window: Any, ws: Any) -> None:
    """The results' overview takes a Tab stop (its arrow keys scroll a chart taller than a netbook's
    screen) but drew no focus mark: a ring in the highlight colour now shows while it has focus."""
    win = window
    create_person(qtbot, win)
    win.activateWindow()
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, win)
    win.show_results(ws.history(win.person_id)[0].id)
    results = win.view("results")
    assert win.stack.currentWidget() is results
    area = results.overview_scroll
    highlight = area.palette().color(area.palette().ColorRole.Highlight).rgb()

    def edge_colours() -> set[int]:
        image = area.grab().toImage()
        return {image.pixel(1, y) for y in range(10, image.height() - 10, 7)}

    results.tabs.tabBar().setFocus()
    qtbot.waitUntil(lambda: focused() is results.tabs.tabBar())
    assert highlight not in edge_colours(), "a ring without the focus"
    stops = _tab_stops(qtbot, results.tabs.tabBar(), presses=20)
    assert area in stops, f"Tab never reaches the chart: {[type(w).__name__ for w in stops]}"
    area.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focused() is area)
    qtbot.waitUntil(lambda: edge_colours() == {highlight})
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: highlight not in edge_colours())


def test_a_new_persons_pin_too_easy_to_guess_is_not_taken(qtbot: Any, window: Any) -> None:
    """A PIN of one digit (or of spaces) was taken; the dialog now says how long one must be and takes
    it only then, or none at all."""
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = PersonDialog(window, profiles=[("librarian", "Librarian")])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.name.setText("Olena")
    dialog.consent.setChecked(True)
    assert ok.isEnabled()  # no PIN at all is a choice
    for typed, takes in (("1", False), ("123", False), ("    ", False), ("1 2 3", False), ("1234", True),
                         ("", True)):
        dialog.pin.setText(typed)
        assert ok.isEnabled() is takes, typed
    assert any("at least 4 characters" in label.text() for label in dialog.findChildren(QLabel))
