"""Coordinator work that takes seconds on a region's database (the group report and table, deleting a
person): a dialog says what is being done and the window keeps repainting; an export says which step
and page it is at, and Cancel stops it with no file left behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton

from digigram.ui.coordinator import files as coordinator_files
from digigram.ui.widgets import WorkDialog
from tests.ui.test_coordinator import files, open_dashboard, typed  # noqa: F401


class Watched(WorkDialog):
    """The real dialog, shown at once as after a long wait; what it said, and whether it was seen."""

    SHOWN_AFTER_MS = 0
    said: ClassVar[list[tuple[str, bool, int, int]]] = []
    press_at: ClassVar[str | None] = None

    def report(self, text: str, done: int = 0, total: int = 0) -> None:
        super().report(text, done, total)
        Watched.said.append((self.labelText(), self.isVisible(), self.value(), self.maximum()))
        if Watched.press_at is not None and text.startswith(Watched.press_at):
            Watched.press_at = None
            button = self.findChild(QPushButton)
            # a real click, queued as the coordinator's would be while the pages are written
            QTimer.singleShot(0, lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton))


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> type[Watched]:
    monkeypatch.setattr(coordinator_files, "WorkDialog", Watched)
    monkeypatch.setattr(Watched, "said", [])
    monkeypatch.setattr(Watched, "press_at", None)
    return Watched


@pytest.mark.parametrize(("lang", "reading", "laying", "page"), [
    ("uk", "Читання результатів слухачів…", "Верстання звіту…", "Запис сторінки {n} з {total}…"),
    ("en", "Reading the trainees' results…", "Laying out the report…", "Writing page {n} of {total}…"),
])
def test_the_group_report_says_each_step_and_counts_its_pages(
        window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any], watched: type[Watched],  # noqa: F811
        tmp_path: Path, lang: str, reading: str, laying: str, page: str) -> None:
    from digigram.ui.settings_dialog import Settings

    window.apply_settings(Settings(language=lang), store=False)
    view = open_dashboard(window, ws)
    view.pdf_action.trigger()
    written = tmp_path / "out" / "table.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    said = [text for text, _, _, _ in watched.said]
    assert said[:2] == [reading, laying]
    pages = [(text, value, top) for text, _, value, top in watched.said if value or top]
    total = pages[-1][2]
    assert total >= 2
    # each page named before it is written, the bar full at the end
    assert [text for text, _, _ in pages[:total]] == [page.format(n=n, total=total)
                                                      for n in range(1, total + 1)]
    assert pages[-1][1:] == (total, total)
    assert all(shown for _, shown, _, _ in watched.said)  # painted from the first step on
    assert files["done"] == [("Збережено: " if lang == "uk" else "Saved: ") + str(written)]
    assert not any(isinstance(w, WorkDialog) and w.isVisible() for w in window.findChildren(WorkDialog))


def test_cancel_while_pages_are_written_leaves_no_file(
        window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any], watched: type[Watched],  # noqa: F811
        tmp_path: Path, messages: list[str]) -> None:
    view = open_dashboard(window, ws)
    watched.press_at = "Writing page 1 of"
    view.pdf_action.trigger()
    assert list((tmp_path / "out").iterdir()) == []  # neither the report nor its half-written part
    assert files["done"] == ["Saving was cancelled. No file was written."]
    assert messages == []  # said quietly, not as a problem
    # Cancel, pressed while page 1 was written, is heard before page 2 is done: nothing more is written,
    # and from then on the dialog says it is stopping, not which page comes next
    total = max(top for _, _, _, top in watched.said)
    texts = [text for text, _, _, _ in watched.said]
    assert total > 1 and texts[texts.index(f"Writing page 1 of {total}…") + 1:] == ["Stopping…"], texts


def test_the_table_says_it_reads_then_writes(
        window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any], watched: type[Watched],  # noqa: F811
        tmp_path: Path) -> None:
    view = open_dashboard(window, ws)
    view.csv_action.trigger()
    assert [text for text, _, _, _ in watched.said] == ["Reading the trainees' results…", "Writing the file…"]
    assert (tmp_path / "out" / "table.csv").exists()


def _slowed(monkeypatch: pytest.MonkeyPatch, co: Any, method: str) -> dict[str, Any]:
    """The coordinator's `method` (`co`: the coordinator or its class) made 0.8 s slower, as on a slow PC;
    when it ran, and on which thread."""
    import threading
    import time

    kind = co if isinstance(co, type) else type(co)
    real = getattr(kind, method)
    when: dict[str, Any] = {}

    def slow(self: Any, *args: Any, **kwargs: Any) -> Any:
        when["start"] = time.monotonic()
        when["on the window's thread"] = threading.current_thread() is threading.main_thread()
        time.sleep(0.8)
        outcome = real(self, *args, **kwargs)
        when["end"] = time.monotonic()
        if "then" in when:
            when["then"] = when["then"](self)
        return outcome

    monkeypatch.setattr(kind, method, slow)
    return when


def _painting_while(window: Any, action: Any, when: dict[str, Any]) -> list[list[tuple[str, bool]]]:
    """Run `action`; at each tick of a 50 ms timer in the window's thread while the slowed work ran,
    the work dialogs up: (their text, whether they have a Cancel button). No ticks at all: the window
    was frozen."""
    import time

    ticks: list[tuple[float, list[tuple[str, bool]]]] = []

    def tick() -> None:
        up = [d for d in window.findChildren(WorkDialog) if d.isVisible()]
        ticks.append((time.monotonic(), [
            (d.labelText(), any(b.isVisible() for b in d.findChildren(QPushButton))) for d in up]))

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    action()
    timer.stop()
    assert when["on the window's thread"] is False
    return [shown for at, shown in ticks if when["start"] < at < when["end"]]


def test_the_trainees_are_read_off_the_windows_thread_while_the_dialog_shows(
        window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any], watched: type[Watched],  # noqa: F811
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a region's trainees takes a second or more: the window went on repainting meanwhile (its
    timers ran) and the dialog was up, rather than a frozen window under the wait cursor."""
    view = open_dashboard(window, ws)
    when = _slowed(monkeypatch, window.coordinator, "dashboard")
    during = _painting_while(window, view.pdf_action.trigger, when)
    assert (tmp_path / "out" / "table.pdf").exists()
    assert len(during) >= 5 and any(during), (len(during), during)


def test_deleting_a_person_runs_off_the_windows_thread_under_a_dialog_that_names_them(
        window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any], watched: type[Watched],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Overwriting a deleted person's bytes can rebuild a region's whole database file (13 s for 1.2 GB
    here): the window froze under the wait cursor for all of it."""
    view = open_dashboard(window, ws)
    row = next(i for i, r in enumerate(view.model.rows) if r.name == "Іван Мельник")
    view.table.setCurrentIndex(view.model.index(row, 0))
    when = _slowed(monkeypatch, window.coordinator, "delete_person")
    during = _painting_while(window, view.delete_button.click, when)
    assert len(during) >= 5, during
    # it cannot be stopped halfway, so no Cancel is offered
    assert [("Deleting Іван Мельник and erasing their data…", False)] in during
    assert not any(d.isVisible() for d in window.findChildren(WorkDialog))
    assert "Іван Мельник" not in [r.name for r in view.model.rows]
    assert all(p.name != "Іван Мельник" for p in ws.people())


def test_checks_with_no_summary_are_summarised_off_the_windows_thread_on_entering(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """After an update that brings a new framework version, every check is summarised again on the first
    opening: 5.6 s for a region here, with the window frozen. It now runs under a dialog that says so."""
    from sqlalchemy import text

    from digigram.services.coordinator.mode import Coordinator
    from digigram.ui.coordinator.dashboard import DashboardView
    from tests.ui.coordinator_seed import seed_trainees
    from tests.ui.test_coordinator import PEOPLE, SECRET

    seed_trainees(ws, PEOPLE)
    with ws._sessions() as session, session.begin():
        session.execute(text("DELETE FROM check_summary"))
    ws.set_coordinator_password(SECRET)
    when = _slowed(monkeypatch, Coordinator, "prepare_summaries")

    def stored(_co: Any) -> int:
        with ws._sessions() as session:
            return int(session.execute(text("SELECT count(*) FROM check_summary")).scalar_one())

    when["then"] = stored  # counted as soon as it is done, before the dashboard's first page is read
    during = _painting_while(window, window.coordinator_action.trigger, when)
    assert len(during) >= 5, during
    assert [("Preparing the trainees' results for this version of the framework (only this once)…",
             False)] in during
    assert isinstance(window.stack.currentWidget(), DashboardView)
    with ws._sessions() as session:
        finished = session.execute(
            text("SELECT count(*) FROM attempt WHERE status = 'finished'")).scalar_one()
    assert finished and when["then"] == finished  # all stored before the first page, which had none left
    assert not any(d.isVisible() for d in window.findChildren(WorkDialog))


def test_a_long_name_wraps_within_the_screen(qtbot: Any) -> None:
    """«Видалення людини «…» і перезапис її даних…» with a long double-barrelled name ran the dialog past
    the screen's right edge at 200 % (its label did not wrap)."""
    from PySide6.QtGui import QGuiApplication

    name = "Олександра-Вікторія Костянтинівська-Ґудзь-Їжакевич " * 3
    dialog = WorkDialog(None, title="Видалити людину", cancel=None,
                        text=f"Видалення людини «{name}» і перезапис її даних у файлі бази даних…")
    qtbot.addWidget(dialog)
    dialog.show()
    room = QGuiApplication.primaryScreen().availableGeometry().width()
    assert dialog.width() <= room, (dialog.width(), room)
    label = dialog.findChild(QLabel)
    assert label.heightForWidth(label.width()) <= label.height() + 1  # the whole text, in several lines
    assert label.fontMetrics().horizontalAdvance(label.text()) > label.width()


def _run_with(dialog: WorkDialog, job: Any, at_400_ms: Any) -> tuple[Any, dict[str, Any]]:
    """`job` run by `dialog`, `at_400_ms(dialog)` done once it shows, and how the dialog looked 100 ms
    later: what run() gave back, and that look."""
    seen: dict[str, Any] = {}

    def look() -> None:
        button = dialog.findChild(QPushButton)
        seen.update(shown=dialog.isVisible(), text=dialog.labelText(),
                    button=None if button is None or not button.isVisible() else button.isEnabled())

    QTimer.singleShot(400, lambda: at_400_ms(dialog))
    QTimer.singleShot(500, look)
    return dialog.run(job), seen


def test_esc_or_closing_does_not_send_away_a_dialog_whose_work_cannot_stop(qtbot: Any) -> None:
    """Esc hid the dialog of a person's deletion or a bundle's loading while the work went on, and the
    window behind took clicks (a second deletion, leaving coordinator mode) meanwhile."""
    import time

    dialog = WorkDialog(None, title="Видалити людину", text="Видалення…", cancel=None)
    qtbot.addWidget(dialog)

    def away(d: WorkDialog) -> None:
        QTest.keyClick(d, Qt.Key.Key_Escape)
        d.close()

    outcome, seen = _run_with(dialog, lambda _p, _c: time.sleep(0.8) or "done", away)
    assert outcome == "done"
    assert seen == {"shown": True, "text": "Видалення…", "button": None}
    assert not dialog.isVisible()  # gone once the work is


def test_cancel_while_the_work_runs_keeps_the_dialog_up_saying_it_stops(qtbot: Any) -> None:
    """Cancel hid the dialog at once while the work ran on until its next step: the window took clicks
    meanwhile. It now stays, says it is stopping, and its button is spent."""
    import time

    def job(_progress: Any, cancelled: Any) -> str:
        for _ in range(300):
            if cancelled():
                time.sleep(0.3)  # a step that cannot be cut short
                return "stopped"
            time.sleep(0.01)
        return "not stopped"

    dialog = WorkDialog(None, title="Зберегти звіт", text="Читання…", cancel="Скасувати")
    qtbot.addWidget(dialog)
    outcome, seen = _run_with(dialog, job, lambda d: QTest.mouseClick(d.findChild(QPushButton),
                                                                     Qt.MouseButton.LeftButton))
    assert outcome == "stopped" and dialog.stopped
    assert seen == {"shown": True, "text": "Stopping…", "button": False}


def test_cancel_between_reports_on_the_windows_thread_keeps_the_dialog_up_saying_it_stops(qtbot: Any) -> None:
    """Work on the window's thread (a bundle's loading) hears Cancel at its next report: until then the
    dialog stays, says it is stopping, and the reports that still come do not say otherwise."""
    dialog = WorkDialog(None, title="Завантажити пакет", text="Завантаження…", cancel="Скасувати")
    dialog.SHOWN_AFTER_MS = 0
    qtbot.addWidget(dialog)
    dialog.report("Перевірка відповідей: 10 з 100", 10, 100)
    assert dialog.isVisible()
    QTest.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    dialog.report("Перевірка відповідей: 20 з 100", 20, 100)  # the step under way when it was pressed
    assert dialog.wasCanceled() and dialog.isVisible()
    assert dialog.labelText() == "Stopping…" and not dialog.findChild(QPushButton).isEnabled()


def test_a_database_failing_while_the_trainees_are_read_is_said_not_a_crash(
        window: Any, ws: Any, typed: dict[str, Any], files: dict[str, Any], watched: type[Watched],  # noqa: F811
        tmp_path: Path, messages: list[str]) -> None:
    """A database that fails under the read (here a table gone from the file; at a region, a server gone)
    reached the crash dialog as a mistake in Digigram. It is said in words, and no file is written."""
    import sqlite3

    view = open_dashboard(window, ws)
    con = sqlite3.connect(ws.database_path)
    made = con.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'check_summary' AND sql IS NOT NULL "
                       "ORDER BY type DESC").fetchall()  # the table, then its indexes
    con.execute("DROP TABLE check_summary")
    con.commit()
    try:
        view.csv_action.trigger()
    finally:  # put back, so that the window's closing (which reads it again) finds the file whole
        for (sql,) in made:
            con.execute(sql)
        con.commit()
        con.close()
    # Not SQLite's «no such table: check_summary» inside the sentence.
    assert messages == ["The database could not finish this. Try again; if it happens again, check the "
                        "connection to the database."], messages
    assert list((tmp_path / "out").iterdir()) == []


def _polling(seconds: float) -> Any:
    """A job that looks for Cancel every 10 ms for `seconds`: «stopped» if it saw it, else «whole»."""
    import time

    def job(_progress: Any, cancelled: Any) -> str:
        for _ in range(int(seconds * 100)):
            if cancelled():
                return "stopped"
            time.sleep(0.01)
        return "whole"

    return job


def test_work_run_under_a_dialog_already_shown_is_waited_for_whole(qtbot: Any) -> None:
    """Under a dialog already up, the timer that shows it ended the wait at once: the work was told to
    stop and its part given back as if whole."""
    dialog = WorkDialog(None, title="Зберегти звіт", text="Читання…", cancel="Скасувати")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.run(_polling(0.6)) == "whole" and not dialog.stopped


def test_work_run_under_a_cancelled_dialog_stops_at_once(qtbot: Any) -> None:
    """Cancelled before the work began, the work was never told, and ran whole with no dialog up."""
    dialog = WorkDialog(None, title="Зберегти звіт", text="Читання…", cancel="Скасувати")
    qtbot.addWidget(dialog)
    dialog.cancel()
    assert dialog.run(_polling(2.0)) == "stopped" and dialog.stopped


def test_summaries_that_fail_leave_coordinator_mode_locked(
        window: Any, ws: Any, typed: dict[str, Any], messages: list[str]) -> None:  # noqa: F811
    """The summaries failing (here a table gone from the file) were said, but the mode stayed unlocked
    with no coordinator screen shown: the next press of «Coordinator», anyone's at a shared PC, opened
    the dashboard with no password."""
    import sqlite3

    from tests.ui.coordinator_seed import seed_trainees
    from tests.ui.test_coordinator import PEOPLE, SECRET

    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    con = sqlite3.connect(ws.database_path)
    made = con.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'check_summary' AND sql IS NOT NULL "
                       "ORDER BY type DESC").fetchall()
    con.execute("DROP TABLE check_summary")
    con.commit()
    try:
        window.coordinator_action.trigger()
    finally:  # put back, so that the window's closing finds the file whole
        for (sql,) in made:
            con.execute(sql)
        con.commit()
        con.close()
    assert len(messages) == 1 and "The database could not finish this" in messages[0], messages
    assert window.coordinator is None and window.stack.currentWidget() is window.home
    window.coordinator_action.trigger()  # asked for the password again
    assert typed["kinds"] == ["enter", "enter"]
