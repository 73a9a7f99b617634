"""Coordinator screens: only behind the password; dashboard, filters, protected people, exports, deleting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from digigram.ui.coordinator import files as coordinator_files
from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.coordinator.files import Ask
from digigram.ui.coordinator.login import PasswordDialog
from digigram.ui.coordinator.trainee import TraineeView
from digigram.ui.person_dialog import PinDialog
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.helpers import settle, turn_to
from tests.ui.test_accessibility import unnamed_focusable

SECRET = "ключ-хабу-2024"
PEOPLE = [("Оксана Петренко", "Хаб у Бучі", "Весна", None),
          ("Марія Коваль", "Хаб у Бучі", "Весна", "4321"),
          ("Іван Мельник", "Хаб в Ірпені", "Осінь", None)]


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the password dialog would return, and which kinds of it were shown."""
    state: dict[str, Any] = {"answer": ("", SECRET), "kinds": []}

    def ask(cls: Any, parent: Any, *, kind: str, **_: Any) -> Any:
        state["kinds"].append(kind)
        return state["answer"]

    monkeypatch.setattr(PasswordDialog, "ask", classmethod(ask))
    return state


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    state: dict[str, Any] = {"save": str(tmp_path / "out" / "table"), "confirm": True, "asked": [],
                             "done": []}
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(Ask, "save_path", classmethod(lambda cls, parent, **kw: state["save"]))
    monkeypatch.setattr(Ask, "done", classmethod(lambda cls, parent, *, text: state["done"].append(text)))

    def confirm(cls: Any, parent: Any, *, title: str, text: str) -> bool:
        state["asked"].append(text)
        return bool(state["confirm"])

    monkeypatch.setattr(Ask, "confirm", classmethod(confirm))
    return state


def dashboard(win: Any) -> DashboardView:
    view = win.stack.currentWidget()
    assert isinstance(view, DashboardView)
    return view


def open_dashboard(window: Any, ws: Any) -> DashboardView:
    """PEOPLE's checks in the database, and the dashboard open on them (by the password dialog's answer)."""
    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    return dashboard(window)


def names(view: DashboardView) -> list[str]:
    return sorted(row.name for row in view.model.rows)


def test_no_coordinator_screen_without_the_password(window: Any, ws: Any, typed: dict[str, Any],
                                                    messages: list[str]) -> None:
    ws.set_coordinator_password(SECRET)
    typed["answer"] = ("", "not the password")
    window.coordinator_action.trigger()
    assert typed["kinds"] == ["enter"]
    assert window.coordinator is None
    assert window.stack.currentWidget() is window.home
    assert not any(isinstance(window.stack.widget(i), DashboardView) for i in range(window.stack.count()))
    assert messages and "Wrong coordinator password" in messages[-1]

    typed["answer"] = None  # cancelled: still nothing
    window.coordinator_action.trigger()
    assert window.coordinator is None and window.stack.currentWidget() is window.home


def test_first_use_sets_the_password_and_leaving_locks(window: Any, ws: Any, typed: dict[str, Any]) -> None:
    assert not ws.coordinator_password_set()
    window.coordinator_action.trigger()
    assert typed["kinds"] == ["first"]
    assert ws.coordinator_password_set()
    assert window.coordinator is not None
    dashboard(window)

    window.go_home()
    assert window.coordinator is None  # leaving drops the Coordinator object
    window.coordinator_action.trigger()
    assert typed["kinds"] == ["first", "enter"]  # the password is asked again, not set again
    assert window.coordinator is not None


def test_password_dialog_checks_what_was_typed(qtbot: Any) -> None:
    dialog = PasswordDialog(None, kind="first")
    qtbot.addWidget(dialog)
    dialog.new.setText("short")
    dialog.again.setText("short")
    assert "8" in dialog.check()
    dialog.new.setText("довгий-пароль")
    dialog.again.setText("довгий-пароль!")
    assert "differ" in dialog.check()
    dialog.again.setText("довгий-пароль")
    assert dialog.check() == ""


def test_dashboard_lists_trainees_and_filters_by_hub(window: Any, ws: Any, typed: dict[str, Any]) -> None:
    view = open_dashboard(window, ws)
    assert names(view) == sorted(p[0] for p in PEOPLE)
    assert "3" in view.count.text()
    # each area cell says the level against the target with a symbol, never by colour alone
    cells = [view.model.data(view.model.index(r, view.model.column_of("area:" + a))) for r in range(3)
             for a in view.model.area_ids]
    assert cells and all(c == "—" or c.startswith(("✓", "▼")) or c[:2].isalnum() for c in cells)

    (bucha,) = [h for h in ws.hubs() if h.name == "Хаб у Бучі"]
    view.hub.setCurrentIndex(view.hub.findData(bucha.id))
    assert names(view) == ["Марія Коваль", "Оксана Петренко"]
    view.hub.setCurrentIndex(0)
    assert len(view.model.rows) == 3


def test_sorting_by_last_check_and_names(qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:
    view = open_dashboard(window, ws)
    # Ukrainian alphabetical order: І comes between И and К, so before М and О
    assert [r.name for r in view.model.rows] == ["Іван Мельник", "Марія Коваль", "Оксана Петренко"]
    view.table.sortByColumn(view.model.column_of("last_check"), Qt.SortOrder.DescendingOrder)
    stamps = [r.last_check for r in view.model.rows]
    assert stamps == sorted(stamps, reverse=True)
    assert unnamed_focusable(window) == []
    for index in range(view.tabs.count()):
        turn_to(view, index)
        assert unnamed_focusable(window) == [], f"dashboard page {index}"


def test_pin_protected_person_opens_by_the_coordinator(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], dialogs: dict[str, Any], messages: list[str],
) -> None:
    protected = seed_trainees(ws, PEOPLE)[1]
    ws.set_coordinator_password(SECRET)
    window.home.refresh()
    assert window.home.choose(protected.id)
    assert window.person_id == protected.id
    dialogs["pin"] = PinDialog.BY_COORDINATOR
    typed["answer"] = ("", "wrong password")
    qtbot.mouseClick(window.home.history, Qt.MouseButton.LeftButton)
    assert typed["kinds"] == ["enter"] and messages
    assert protected.id not in window.unlocked
    assert window.stack.currentWidget() is window.home

    typed["answer"] = ("", SECRET)
    qtbot.mouseClick(window.home.history, Qt.MouseButton.LeftButton)
    assert protected.id in window.unlocked
    assert window.stack.currentWidget() is window.view("history")
    assert window.coordinator is None  # opening one person does not leave coordinator powers behind


def test_a_pin_is_not_overridden_by_a_coordinator_password_chosen_on_the_spot(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], dialogs: dict[str, Any],
        messages: list[str]) -> None:
    """With no coordinator password on the PC yet, «Coordinator opens it…» in the PIN dialog offered
    to choose one there and then, and opened the person's results to whoever did."""
    protected = seed_trainees(ws, PEOPLE)[1]
    window.home.refresh()
    assert window.home.choose(protected.id)
    dialogs["pin"] = PinDialog.BY_COORDINATOR
    typed["answer"] = ("", "any password at all")
    qtbot.mouseClick(window.home.history, Qt.MouseButton.LeftButton)
    assert typed["kinds"] == [], "a first coordinator password was offered from the PIN dialog"
    assert not ws.coordinator_password_set()
    assert protected.id not in window.unlocked and window.stack.currentWidget() is window.home
    assert len(messages) == 1 and "only the PIN" in messages[0], messages


def test_dashboard_opens_a_protected_trainee(qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:
    protected = seed_trainees(ws, PEOPLE, checks=2)[1]
    attempt = [a for a in ws.history(protected.id) if a.status == "finished"][-1]
    ws.save_plan(protected.id, ws.suggest_plan(attempt.id, lang="uk"))
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = dashboard(window)
    row = next(i for i, r in enumerate(view.model.rows) if r.person_id == protected.id)
    view.table.setCurrentIndex(view.model.index(row, 0))
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    trainee = window.stack.currentWidget()
    assert isinstance(trainee, TraineeView)
    assert trainee.heading.text() == "Марія Коваль"
    assert trainee.history.rowCount() == 2
    assert trainee.chart.figure is not None
    latest = ws.results_for(attempt.id)
    assert all(window.ws.framework.area(a).name.get(window.lang) in trainee.said.text() for a in latest.areas)
    for index in range(trainee.tabs.count()):
        trainee.tabs.setCurrentIndex(index)
        assert unnamed_focusable(window) == [], f"trainee page {index}"

    trainee.steps.setCurrentRow(0)
    trainee.comment.setPlainText("Добре! Спробуйте ще вправу 2.")
    qtbot.mouseClick(trainee.save_comment, Qt.MouseButton.LeftButton)
    plan = ws.plan_for(protected.id)
    assert plan is not None and plan.steps[0].coordinator_comment == "Добре! Спробуйте ще вправу 2."

    qtbot.mouseClick(trainee.back, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is view and window.coordinator is not None


def test_csv_export_opens_in_excel(window: Any, ws: Any, typed: dict[str, Any],
                                   files: dict[str, Any]) -> None:
    view = open_dashboard(window, ws)
    view.csv_action.trigger()
    written = Path(files["save"] + ".csv")
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Оксана Петренко" in data.decode("utf-8-sig")
    assert files["done"] and str(written) in files["done"][-1]


def test_the_csv_follows_the_order_the_table_is_sorted_in(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any]) -> None:
    """Sorted by an area (or by name, Я to А), the table was exported by name from А all the same."""
    import csv

    view = open_dashboard(window, ws)
    head = view.table.horizontalHeader()

    def sort_by(column: int, order: Qt.SortOrder) -> None:
        view.table.scrollTo(view.model.index(0, column))
        while view.model.order != (view.model.order_column(column), order == Qt.SortOrder.DescendingOrder):
            spot = QPoint(head.sectionViewportPosition(column) + head.sectionSize(column) // 2,
                          head.height() // 2)
            qtbot.mouseClick(head.viewport(), Qt.MouseButton.LeftButton, pos=spot)  # the head, clicked
            settle()

    def exported() -> list[str]:
        view.csv_action.trigger()
        text = Path(files["save"] + ".csv").read_bytes().decode("utf-8-sig")
        lines = text.splitlines()
        separator = ";" if ";" in lines[0] else ","  # as the language writes a list
        return [row[0] for row in list(csv.reader(lines, delimiter=separator))[1:]]

    sort_by(view.model.column_of("name"), Qt.SortOrder.DescendingOrder)
    shown = [row.name for row in view.model.rows]
    assert shown == sorted(shown, reverse=True) != sorted(shown)
    assert exported() == shown
    sort_by(view.model.column_of("area:" + view.model.area_ids[0]), Qt.SortOrder.DescendingOrder)
    assert exported() == [row.name for row in view.model.rows]


def test_delete_person_asks_first_and_removes_them(window: Any, ws: Any, typed: dict[str, Any],
                                                  files: dict[str, Any]) -> None:
    people = seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = dashboard(window)
    row = next(i for i, r in enumerate(view.model.rows) if r.person_id == people[2].id)
    view.table.setCurrentIndex(view.model.index(row, 0))

    files["confirm"] = False
    view.delete_button.click()
    assert "Іван Мельник" in names(view)
    assert "backups" in files["asked"][-1] and "Іван Мельник" in files["asked"][-1]

    from PySide6.QtCore import QSettings

    from digigram.ui import folders

    folders.remember(str(Path.home() / "Іван Мельник" / "план.pdf"), folders.person_owner(people[2].id))
    files["confirm"] = True
    view.table.setCurrentIndex(view.model.index(row, 0))
    view.delete_button.click()
    assert names(view) == ["Марія Коваль", "Оксана Петренко"]
    assert all(p.id != people[2].id for p in ws.people())
    # The folder he saved his plan in, which could name him, is forgotten with him.
    assert QSettings().value(f"{folders.GROUP}/{folders.person_owner(people[2].id)}") is None


def test_person_data_and_pdf_exports(window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any],
                                     tmp_path: Path) -> None:
    person = seed_trainees(ws, PEOPLE)[0]
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    co = window.coordinator
    files["save"] = str(tmp_path / "out" / "person")
    data = coordinator_files.export_person_data(window, co, person_id=person.id, name=person.name)
    assert data is not None and "Оксана Петренко" in data.read_text(encoding="utf-8")
    pdf = coordinator_files.export_person_pdf(window, co, person_id=person.id, name=person.name, lang="en")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")


def test_the_table_reads_a_page_at_a_time_and_sorts_in_the_database(
        window: Any, ws: Any, typed: dict[str, Any]) -> None:
    """More trainees than a page: the table holds one page and says how many there are; scrolling to
    the end reads the next page; a column head asks the database for everyone in that order."""
    from digigram.ui.coordinator.table import PAGE

    extra = PAGE + 30
    for n in range(extra):
        ws.create_person(f"Слухач {n:03d}", hub="Хаб у Бучі")
    seed_trainees(ws, PEOPLE)  # three with checks, sorted in among the others
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = dashboard(window)
    total = extra + len(PEOPLE)
    assert len(view.model.rows) == PAGE and view.model.total == total
    assert str(total) in view.count.text()
    view.table.scrollToBottom()
    while view.model.canFetchMore():
        view.model.fetchMore()
    assert len(view.model.rows) == total
    assert len({r.person_id for r in view.model.rows}) == total
    # By checks, most first: the three checked trainees lead although they were not on the first page.
    view.table.sortByColumn(view.model.column_of("checks"), Qt.SortOrder.DescendingOrder)
    assert len(view.model.rows) == PAGE
    assert sorted(r.name for r in view.model.rows[:3]) == sorted(p[0] for p in PEOPLE)
    assert all(r.checks == 0 for r in view.model.rows[3:])


def test_further_pages_and_other_orders_are_not_counted_again(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page of 200 rows, and each click on a column head, counted every selected trainee and check
    again, a third of a second of the window's time per page with a region's 25,391 trainees. The counts
    of a filter are read with its first page; scrolling on and sorting keep them, a new filter counts."""
    from digigram.store.repo import dashboard as dashboard_rows
    from digigram.ui.coordinator.table import PAGE

    counted: list[Any] = []
    real = dashboard_rows.counts

    def counts(*args: Any, **kwargs: Any) -> Any:
        counted.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(dashboard_rows, "counts", counts)
    for n in range(PAGE + 30):
        ws.create_person(f"Слухач {n:03d}", hub="Хаб у Бучі", group="Весна" if n % 2 else "Осінь")
    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = dashboard(window)
    total = PAGE + 30 + len(PEOPLE)
    assert len(counted) == 1 and view.model.total == total
    view.table.scrollToBottom()
    while view.model.canFetchMore():
        view.model.fetchMore()
    view.table.sortByColumn(view.model.column_of("checks"), Qt.SortOrder.DescendingOrder)
    view.table.scrollToBottom()
    while view.model.canFetchMore():
        view.model.fetchMore()
    assert len(view.model.rows) == total and view.model.total == total
    assert len(counted) == 1, f"counted {len(counted)} times for one filter"
    view.group.setCurrentIndex(view.group.findData("Весна"))
    assert len(counted) == 2 and view.model.total < total


def test_the_group_picture_counts_everyone_selected_not_the_page_read(
        window: Any, ws: Any, typed: dict[str, Any]) -> None:
    """With more trainees than a page, the picture's note names how many the filter selects, and its
    description in words counts the rows it draws, not the page read behind them."""
    from digigram.ui.coordinator.pages import HeatmapPage
    from digigram.ui.coordinator.table import PAGE

    extra = PAGE + 30
    for n in range(extra):
        ws.create_person(f"Слухач {n:03d}", hub="Хаб у Бучі")
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = dashboard(window)
    assert len(view.model.rows) == PAGE < view.model.total == extra
    view.tabs.setCurrentWidget(view.heatmap)
    shown = HeatmapPage.MAX_ROWS
    assert f"Shown: the first {shown} of {extra} trainees." in view.heatmap.note.text()
    described = view.heatmap.chart.accessibleDescription()
    assert described.count(f" of {shown} below the target") == len(view.dashboard.area_ids)


def test_slow_readings_show_the_wait_cursor_and_always_take_it_back(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard's pages can take seconds on a region's data, with the window unable to repaint:
    the wait cursor says it is working, and it is gone afterwards, also after a failure (before its
    message, which must not show a wait cursor)."""
    from PySide6.QtWidgets import QApplication

    from digigram.core.errors import StorageError
    from digigram.core.i18n import N_
    from digigram.ui import main_window

    view = open_dashboard(window, ws)
    co = window.coordinator
    cursors: list[Any] = []

    def watched(fail: bool = False) -> None:
        real = co.dashboard

        def call(*args: Any, **kwargs: Any) -> Any:
            cursor = QApplication.overrideCursor()
            cursors.append(None if cursor is None else cursor.shape())
            if fail:
                raise StorageError(N_("The database could not be read."))
            return real(*args, **kwargs)
        monkeypatch.setattr(co, "dashboard", call)

    watched()
    view.hub.setCurrentIndex(1)  # a new filter: the table's first page is read again
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None

    shown: list[Any] = []
    monkeypatch.setattr(main_window, "show_problem",
                        lambda parent, exc: shown.append(QApplication.overrideCursor()))
    watched(fail=True)
    view.hub.setCurrentIndex(0)
    assert shown == [None] and QApplication.overrideCursor() is None


def test_the_figures_are_worked_out_while_the_window_stays_usable(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The hard questions and before/after fold every selected check: 3.5 s on the national data set,
    with the window frozen under a wait cursor. They are now read off the window's thread: the page says
    it is working them out, the window keeps answering, and a failure is said without a wait cursor."""
    import threading

    from PySide6.QtWidgets import QApplication

    from digigram.ui import errors

    view = open_dashboard(window, ws)
    co = window.coordinator
    real = co.dashboard_figures
    release, entered = threading.Event(), threading.Event()

    def held(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(co, "dashboard_figures", held)
    view.tabs.setCurrentWidget(view.hard)
    assert entered.wait(10)
    assert QApplication.overrideCursor() is None  # no wait cursor: the window is free meanwhile
    assert view.hard.empty.isVisible() and view.hard.empty.text() == "Working out the figures…"
    assert not view.hard.table.isVisible()  # no table of another filter's figures under that line
    view.tabs.setCurrentWidget(view.before_after)  # the window answers: another page, the same request
    assert view.before_after.summary.text() == "Working out the figures…"
    release.set()
    qtbot.waitUntil(view.figures_ready, timeout=20000)
    assert "Working out" not in view.before_after.summary.text()
    view.tabs.setCurrentWidget(view.hard)
    assert view.hard.empty.text() != "Working out the figures…"

    said: list[Any] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, exc: said.append(
        (exc.message("en"), QApplication.overrideCursor())))

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise OSError("server closed the connection unexpectedly")

    monkeypatch.setattr(co, "dashboard_figures", failing)
    view.hub.setCurrentIndex(1)  # a new filter: its figures are read again, and the reading fails
    qtbot.waitUntil(lambda: bool(said), timeout=20000)
    ((message, cursor),) = said
    assert "could not be read from the database" in message and "check the connection" in message
    assert "server closed" not in message  # the system's own English stays out of the sentence
    assert cursor is None and not view.figures_ready()
    # No table, a line saying so, and a way to try again once the connection is back.
    assert not view.hard.table.isVisible() and view.hard.empty.text() == "The figures could not be read."
    assert view.hard.retry.isVisible()
    from digigram.ui.mnemonics import clashes
    from digigram.ui.settings_dialog import Settings

    for lang in ("en", "uk"):  # its Alt key is free on the page in either language
        window.apply_settings(Settings(language=lang), store=False)
        assert clashes(window) == {}, lang
    monkeypatch.setattr(co, "dashboard_figures", real)
    qtbot.mouseClick(view.hard.retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.figures_ready, timeout=20000)
    assert not view.hard.retry.isVisible() and len(said) == 1


def test_one_reading_of_the_figures_at_a_time_and_the_newest_filter_wins(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing a date changes the filter at each digit: readings of seconds each, side by side, would
    take the cores from the window. A newer filter waits for the running reading, whose answer is then
    dropped, and only the newest is read."""
    import threading

    view = open_dashboard(window, ws)
    co = window.coordinator
    real = co.dashboard_figures
    release, asked = threading.Event(), []

    def held(filters: Any = None) -> Any:
        asked.append(filters)
        if len(asked) == 1:
            assert release.wait(20)
        return real(filters)

    monkeypatch.setattr(co, "dashboard_figures", held)
    view.tabs.setCurrentWidget(view.hard)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10000)
    for index in (1, 2, 0, 1):  # four filters while the first reading runs
        view.hub.setCurrentIndex(index)
    settle(8)
    assert len(asked) == 1, "a second reading started beside the first"
    release.set()
    qtbot.waitUntil(view.figures_ready, timeout=20000)
    assert len(asked) == 2 and asked[1] == view.current_filter() and asked[1].hub_id is not None
    assert view.hard.table.isVisible() or view.hard.empty.isVisible()


def test_a_mistake_in_reading_the_figures_reaches_the_crash_handler_not_a_database_message(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Any error in the figures' reading was said as «could not be read from the database … check the
    connection»: a mistake in the code passed for a network fault, and no traceback was kept."""
    from digigram.ui import errors

    view = open_dashboard(window, ws)
    said: list[Any] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, exc: said.append(exc))

    def mistaken(*args: Any, **kwargs: Any) -> Any:
        raise TypeError("a mistake in the code")

    monkeypatch.setattr(window.coordinator, "dashboard_figures", mistaken)
    with qtbot.captureExceptions() as raised:
        view.tabs.setCurrentWidget(view.hard)
        qtbot.waitUntil(lambda: bool(raised), timeout=20000)
    assert [type(exc) for exc, *_ in [r[1:] for r in raised]] == [TypeError] and said == []


def test_a_table_export_runs_under_the_wait_cursor_and_says_done_without_it(
        window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    view = open_dashboard(window, ws)
    co = window.coordinator
    seen: list[Any] = []
    real = co.export_group_csv

    def export(*args: Any, **kwargs: Any) -> Any:
        cursor = QApplication.overrideCursor()
        seen.append(None if cursor is None else cursor.shape())
        return real(*args, **kwargs)

    monkeypatch.setattr(co, "export_group_csv", export)
    monkeypatch.setattr(Ask, "done", classmethod(lambda cls, parent, *, text: seen.append(
        QApplication.overrideCursor())))
    view.csv_action.trigger()
    assert seen == [Qt.CursorShape.WaitCursor, None]
    assert Path(files["save"] + ".csv").exists()


def test_coordinator_mode_left_alone_locks_itself_but_never_under_an_open_dialog(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:
    """On a shared PC the dashboard shows everyone's results: unused for a while it goes back to Home,
    locked, and says why. An open dialog (a bundle loading, a sync, a question) holds it off."""
    from PySide6.QtWidgets import QDialog

    from digigram.ui.main_window import COORDINATOR_IDLE_MS

    assert 5 * 60_000 < COORDINATOR_IDLE_MS <= 30 * 60_000  # longer than a trainee's, not for ever
    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    window.coordinator_idle.setInterval(200)  # the same timer, in test time
    window.coordinator_action.trigger()
    assert window.coordinator is not None and window.coordinator_idle.isActive()

    dialog = QDialog(window)
    dialog.setModal(True)
    dialog.show()
    qtbot.wait(600)
    assert window.coordinator is not None  # not cut off under the dialog
    assert isinstance(window.stack.currentWidget(), DashboardView)
    dialog.close()

    qtbot.waitUntil(lambda: window.coordinator is None, timeout=3000)
    assert window.stack.currentWidget() is window.home
    assert "locked after 15 minutes" in window.statusBar().currentMessage()
    window.coordinator_action.trigger()  # the password is asked again
    assert typed["kinds"][-1] == "enter" and len(typed["kinds"]) == 2


def test_coming_back_to_the_hard_questions_page_reads_its_figures(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:
    """The dashboard keeps its page when coordinator mode is left and opened again; figures are read only
    for a screen on view, so the page opened again must read them once it is shown."""
    view = open_dashboard(window, ws)
    turn_to(view, view.tabs.indexOf(view.hard))
    window.go_home()
    assert not view.figures_ready()
    window.coordinator_action.trigger()
    assert dashboard(window) is view and view.tabs.currentWidget() is view.hard
    qtbot.waitUntil(view.figures_ready, timeout=20000)
    assert view.hard.empty.text() != "Working out the figures…"


def test_a_wrong_password_keeps_the_login_open_and_the_waits_after_it(
        window: Any, ws: Any, messages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong password closed the login with a message, and the coordinator had to start again from
    the menu. It is now said in the dialog, which stays open with the password cleared and focused; the
    growing wait after wrong tries still holds there, the right password included, until it has passed."""
    from datetime import UTC, datetime, timedelta

    from PySide6.QtWidgets import QDialogButtonBox

    from digigram.services.coordinator import auth
    from tests.ui.helpers import type_text, when_dialog_opens

    now = [datetime(2026, 12, 2, 16, 0, tzinfo=UTC)]
    monkeypatch.setattr(auth, "_now", lambda: now[0])
    ws.set_coordinator_password(SECRET)
    said: list[tuple[str, str, bool]] = []

    def press_ok(dialog: Any, password: str) -> None:
        type_text(dialog.new, password)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setFocus()  # as a click or Tab leaves it
        ok.click()
        said.append((dialog.problem.text(), dialog.new.text(),
                     dialog.focusWidget() is dialog.new and dialog.isVisible()))

    def tries(dialog: Any) -> None:
        press_ok(dialog, "not the password")
        press_ok(dialog, "not it either")
        press_ok(dialog, SECRET)  # right, but within the wait after two wrong ones
        now[0] += timedelta(seconds=3)
        press_ok(dialog, SECRET)

    forms: list[Any] = []
    when_dialog_opens(PasswordDialog, tries, forms)
    window.coordinator_action.trigger()
    assert len(forms) == 1 and messages == [], "the login closed on a wrong password"
    assert said[0] == ("Wrong coordinator password.", "", True)
    assert said[1] == ("Wrong coordinator password. The next try is possible in 2 s.", "", True)
    assert said[2] == ("Too many failed tries. Try again in 2 s.", "", True)
    assert window.coordinator is not None and isinstance(window.stack.currentWidget(), DashboardView)


def test_a_filter_that_cannot_be_read_goes_back_to_the_trainees_the_table_shows(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """With the regional server gone, a hub chosen above the table stayed chosen while the table (and its
    count) still showed everyone: the figures read as that hub's."""
    from digigram.core.i18n import N_
    from digigram.store.db import ConnectionLost
    from digigram.ui import main_window

    view = open_dashboard(window, ws)
    (bucha,) = [h for h in ws.hubs() if h.name == "Хаб у Бучі"]
    shown: list[Any] = []
    monkeypatch.setattr(main_window, "show_problem", lambda parent, exc: shown.append(exc.message("en")))

    def gone(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionLost(N_("The connection to the database server was lost."))

    real = window.coordinator.dashboard
    monkeypatch.setattr(window.coordinator, "dashboard", gone)
    view.hub.setCurrentIndex(view.hub.findData(bucha.id))
    view.name.setText("Марія")
    view.use_from.setChecked(True)
    assert shown and all("was lost" in said for said in shown)
    assert view.hub.currentData() is None and view.name.text() == "" and not view.use_from.isChecked()
    assert len(view.model.rows) == 3 and view.current_filter() == view._filters

    monkeypatch.setattr(window.coordinator, "dashboard", real)  # the server is back: the same choice works
    view.hub.setCurrentIndex(view.hub.findData(bucha.id))
    assert names(view) == ["Марія Коваль", "Оксана Петренко"]


def test_no_first_password_at_the_keyboard_once_people_have_pins(window: Any, ws: Any, typed: dict[str, Any],
                                                                  messages: list[str]) -> None:
    """Anyone at a shared PC could press «Coordinator», choose the first password and read every
    PIN-protected person's results. With people's PINs on the PC, the first password comes from the
    command line (`digigram password`), set by whoever looks after the computer."""
    seed_trainees(ws, PEOPLE)  # Марія Коваль has a PIN
    window.coordinator_action.trigger()
    assert typed["kinds"] == []  # no password was offered
    assert not ws.coordinator_password_set() and window.coordinator is None
    assert window.stack.currentWidget() is window.home
    assert messages and "digigram password" in messages[-1] and "PIN" in messages[-1]
