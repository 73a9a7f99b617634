"""The whole journey through the window: a person, a full check, results, the plan and its PDF; resuming."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui import plan_view
from digigram.ui.person_dialog import PinDialog
from tests.ui.helpers import answer_current, answer_to_the_end, create_person, type_text, when_dialog_opens

REAL_PIN_ASK = PinDialog.__dict__["ask"]  # kept before the `dialogs` fixture answers it by code


def test_full_check_results_plan_and_pdf(qtbot: Any, window: Any, ws: Any, tmp_path: Path,
                                         monkeypatch: Any) -> None:
    win = window
    person = create_person(qtbot, win)
    assert person.name == "Оксана Петренко"
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.quiz
    first = win.quiz.item
    assert first is not None and win.quiz.stem.text() == first.stem.get("en")
    asked = answer_to_the_end(qtbot, win)
    assert asked >= 3

    results = win.stack.currentWidget()
    assert results is win.view("results")
    history = ws.history(person.id)
    assert [a.status for a in history] == ["finished"]
    assert history[0].rating_before == 6 and history[0].rating_after == 6
    assert results.table.rowCount() == len(ws.framework.areas)
    assert results.table.item(0, 0).text() == "Information"
    assert results.chart.figure is not None  # the chart is drawn in the window
    # What the person said sits beside what they showed, and the comparison is put in words.
    assert results.table.horizontalHeaderItem(4).text() == "What you said about yourself"
    stored = ws.results_for(history[0].id)
    said = stored.areas[ws.framework.areas[0].id].said
    assert said is not None and results.table.item(0, 4).text().startswith(said.level)
    assert stored.self_vs_shown is not None
    # Over all areas they may fit while a level said differs from the one shown: those areas are named.
    differ = [ws.framework.area(a).name.get("en") for a, r in stored.areas.items()
              if r.said is not None and r.said.level != r.level]
    assert results.notes.text().splitlines()[0] in {
        "What you said about yourself fits what your answers showed." if not differ else
        "Over all areas together, what you said about yourself is close to what your answers showed. "
        "The two levels differ in: " + ", ".join(f"“{name}”" for name in differ) + ".",
        "Overall you rated yourself higher than your answers showed. Most people do, so this is nothing to "
        "worry about; your levels come from your answers, and the plan starts there.",
        "Overall your answers showed more than you gave yourself credit for. You may know more than you "
        "think."}

    qtbot.mouseClick(results.plan_button, Qt.MouseButton.LeftButton)
    plan = win.view("plan")
    assert win.stack.currentWidget() is plan
    qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
    plan.goal.clear()
    type_text(plan.goal, "Пройти курс про паролі")
    plan.resource.setCurrentIndex(plan.resource.findData("R-1"))
    plan.has_due.setChecked(True)
    plan.status.setCurrentIndex(plan.status.findData("in_progress"))
    type_text(plan.notes, "разом з колегою")
    assert plan.state.text() == "Not saved yet"
    qtbot.mouseClick(plan.save, Qt.MouseButton.LeftButton)
    stored = ws.plan_for(person.id)
    step = stored.steps[-1]
    assert step.goal == "Пройти курс про паролі" and step.resource_id == "R-1"
    assert step.status == "in_progress" and step.notes == "разом з колегою"
    assert step.due is not None and step.due > dt.date.today()

    opened: list[Path] = []
    monkeypatch.setattr(plan_view, "open_file", lambda path: opened.append(path) or True)
    qtbot.mouseClick(plan.open_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].exists()  # the handout ships with the framework: no network

    target = tmp_path / "plan.pdf"
    monkeypatch.setattr(plan_view, "ask_pdf_path", lambda parent, suggested: str(target))
    qtbot.mouseClick(plan.export, Qt.MouseButton.LeftButton)
    from pypdf import PdfReader

    # Qt's PDF writer places words separately; pypdf reads the gaps back as tabs.
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert "Оксана Петренко" in text
    assert "Пройти курс про паролі" in text


def test_closing_mid_check_then_resuming(qtbot: Any, window: Any, ws: Any, dialogs: Any) -> None:
    from digigram.app import build_window

    win = window
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    answer_current(qtbot, win)
    second = win.quiz.item
    win.close()  # the answer given is already in the database
    attempt = ws.unfinished_attempt(person.id)
    assert attempt is not None and attempt.n_answers == 1

    again = build_window(ws, language="en")
    qtbot.addWidget(again)
    again.show()
    assert again.home.choose(person.id)
    assert again.home.resume.isVisible()
    qtbot.mouseClick(again.home.resume, Qt.MouseButton.LeftButton)
    assert again.stack.currentWidget() is again.quiz
    assert again.quiz.item.id == second.id  # exactly where it stopped
    answer_to_the_end(qtbot, again)
    assert ws.unfinished_attempt(person.id) is None


def test_pause_keeps_answers_and_offers_to_continue(qtbot: Any, window: Any, ws: Any) -> None:
    win = window
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.quick, Qt.MouseButton.LeftButton)
    answer_current(qtbot, win)
    qtbot.keyClick(win.quiz.buttons[0], Qt.Key.Key_Escape)
    assert win.stack.currentWidget() is win.home
    assert win.home.resume.isVisible()
    assert ws.unfinished_attempt(person.id).n_answers == 1


def test_enter_on_pause_pauses_and_on_save_and_next_goes_on(qtbot: Any, window: Any, ws: Any) -> None:
    """Enter anywhere else on the question saves the answer and goes on; on a button Tab reached it does
    what that button says. Enter on "Pause and leave" saved the answer chosen and showed the next one."""
    win = window
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.quick, Qt.MouseButton.LeftButton)
    answer_current(qtbot, win)  # Enter on the answer: saved, the next question
    qtbot.keyClick(win.quiz.buttons[0], Qt.Key.Key_2)
    win.quiz.next_button.setFocus()
    qtbot.keyClick(win.quiz.next_button, Qt.Key.Key_Return)
    assert ws.unfinished_attempt(person.id).n_answers == 2
    shown = win.quiz.item
    qtbot.keyClick(win.quiz.buttons[0], Qt.Key.Key_1)
    win.quiz.pause_button.setFocus()
    qtbot.keyClick(win.quiz.pause_button, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.home, "Enter on Pause did not pause"
    assert ws.unfinished_attempt(person.id).n_answers == 2, "the answer chosen was saved by Enter on Pause"
    qtbot.mouseClick(win.home.resume, Qt.MouseButton.LeftButton)
    assert win.quiz.item.id == shown.id


def test_pin_protects_a_person(qtbot: Any, window: Any, ws: Any, dialogs: Any, messages: list[str]) -> None:
    win = window
    person = ws.create_person("Ірина", pin="4321")
    win.home.refresh()
    assert win.home.choose(person.id)
    dialogs["pin"] = "0000"
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.home
    assert messages == ["That PIN is not right. Please try again."]
    dialogs["pin"] = "4321"
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.quiz


def test_a_wrong_pin_keeps_the_pin_dialog_open_and_the_waits_after_it(
        qtbot: Any, window: Any, ws: Any, messages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """After a wrong PIN a message said «Please try again», and after its OK the PIN dialog was gone: the
    person had to press the check again. The dialog now says it and stays open with the PIN cleared and
    focused; the growing wait after wrong PINs still holds there, the right PIN included."""
    from datetime import UTC, datetime, timedelta

    from PySide6.QtWidgets import QDialogButtonBox

    from digigram.services.coordinator import auth

    now = [datetime(2026, 12, 2, 16, 0, tzinfo=UTC)]
    monkeypatch.setattr(auth, "_now", lambda: now[0])
    monkeypatch.setattr(PinDialog, "ask", REAL_PIN_ASK)
    person = ws.create_person("Ірина", pin="4321")
    window.home.refresh()
    assert window.home.choose(person.id)
    said: list[tuple[str, str, bool]] = []

    def press_ok(dialog: Any, pin: str) -> None:
        type_text(dialog.pin, pin)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setFocus()  # as a click or Tab leaves it
        ok.click()
        said.append((dialog.problem.text() if dialog.problem.isVisibleTo(dialog) else "", dialog.pin.text(),
                     dialog.focusWidget() is dialog.pin and dialog.isVisible()))

    def tries(dialog: Any) -> None:
        try:
            press_ok(dialog, "0000")
            press_ok(dialog, "1111")
            press_ok(dialog, "4321")  # right, but within the wait after two wrong ones
            now[0] += timedelta(seconds=3)
            press_ok(dialog, "4321")
        finally:
            if dialog.isVisible():  # still open: the test fails below rather than wait here
                dialog.reject()

    forms: list[Any] = []
    when_dialog_opens(PinDialog, tries, forms)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    assert len(forms) == 1 and messages == [], "the PIN dialog closed on a wrong PIN"
    assert said[0] == ("That PIN is not right. Please try again.", "", True)
    assert said[1] == ("The PIN does not match. The next try is possible in 2 s.", "", True)
    assert said[2] == ("Too many wrong PINs. Try again in 2 s.", "", True)
    assert window.stack.currentWidget() is window.quiz


def test_the_plan_prints_and_saves_as_the_coordinators_report_does(qtbot: Any, window: Any, ws: Any,
                                                                     tmp_path: Path) -> None:
    """One renderer for the personal plan: the trainee's PDF, the printout and the coordinator's PDF."""
    from pypdf import PdfReader
    from PySide6.QtGui import QPdfWriter

    from digigram.ui import plan_output

    win = window
    person = create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, win)
    win.show_plan(person.id)
    plan = win.view("plan")
    qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
    type_text(plan.goal, "Пройти курс про паролі")
    qtbot.mouseClick(plan.save, Qt.MouseButton.LeftButton)
    assert plan.steps and ws.plan_for(person.id) is not None

    mine = plan_output.write_pdf(plan, tmp_path / "mine.pdf")
    ws.set_coordinator_password("правильний-пароль")
    theirs = ws.unlock_coordinator("правильний-пароль").export_person_pdf(tmp_path / "theirs.pdf", person.id,
                                                                      lang="en")
    mine_reader, theirs_reader = PdfReader(mine), PdfReader(theirs)
    assert mine_reader.metadata.creator == theirs_reader.metadata.creator == "Digigram"
    assert len(mine_reader.pages) == len(theirs_reader.pages)  # the saved plan is the stored one here
    first = " ".join(mine_reader.pages[0].extract_text().split())
    assert "Digital competence report" in first and person.name in first

    printed = tmp_path / "printed.pdf"  # a PDF writer stands in for the printer: same paint calls
    device = QPdfWriter(str(printed))
    plan_output.paint_pages(device, plan_output.build_pages(plan))
    assert len(PdfReader(printed).pages) == len(mine_reader.pages)


def test_results_say_which_check_they_show(qtbot: Any, window: Any, ws: Any) -> None:
    """Results opened from the history said only «Results of …»: an older check looked like the latest."""
    from tests.ui.coordinator_seed import finish_check

    person = create_person(qtbot, window)
    first = finish_check(ws, person.id, seed=1, mode="quick")
    latest = finish_check(ws, person.id, seed=2, mode="full")
    moment = ws.attempt(first).finished_at
    window.show_results(first)
    heading = window.view("results").heading.text()
    assert heading.startswith(f"Results of {person.name}: Quick scan, ") and moment is not None
    assert heading.endswith(f"{moment.astimezone():%H:%M}")
    window.show_results(latest)
    assert window.view("results").heading.text().startswith(f"Results of {person.name}: Full check, ")



@pytest.mark.parametrize(("difference", "sentence"), [
    (2.0, "you rated yourself higher than your answers to the questions showed. That is very common; the "
          "plan can help close the difference."),
    (-2.0, "your answers showed more than you gave yourself credit for. You may know more than you think."),
])
def test_an_area_note_is_said_once_naming_its_areas(qtbot: Any, window: Any, ws: Any, monkeypatch: Any,
                                                     difference: float, sentence: str) -> None:
    """Rating oneself above the answers in every area wrote the same sentence once per area, six lines
    alike under the overall one; now the sentence comes once, naming the areas it is about."""
    from dataclasses import replace

    from digigram.core.scoring import SelfVsShown

    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)
    results = window.view("results")
    attempt_id = results.attempt_id
    real = ws.results_for(attempt_id)
    assert len(real.areas) >= 2, "the case is not tested: one area only"
    flag = SelfVsShown(difference, 0.3, 0.0, 0.3, True)
    flagged = replace(real, areas={a: replace(r, self_vs_shown=flag) for a, r in real.areas.items()})
    monkeypatch.setattr(ws, "results_for", lambda attempt: flagged)
    results.show_attempt(attempt_id)
    names = ", ".join(f"“{ws.framework.area(a).name.get('en')}”" for a in real.areas)
    lines = results.notes.text().splitlines()
    assert [line for line in lines if sentence in line] == [f"{names}: {sentence}"]


@pytest.mark.parametrize(("difference", "overall"), [
    (2.0, "Overall you rated yourself higher than your answers showed."),
    (-2.0, "Overall your answers showed more than you gave yourself credit for."),
])
def test_a_check_of_one_area_says_said_versus_shown_once(qtbot: Any, window: Any, ws: Any, monkeypatch: Any,
                                                         difference: float, overall: str) -> None:
    """After "Check this area only" the overall sentence was said a second time for the area, word for
    word: «Overall your answers showed more…» and «“Safety”: your answers showed more…»."""
    from dataclasses import replace

    from digigram.core.scoring import SelfVsShown

    create_person(qtbot, window)
    qtbot.mouseClick(window.home.one_area, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)
    results = window.view("results")
    attempt_id = results.attempt_id
    real = ws.results_for(attempt_id)
    assert len(real.areas) == 1
    flag = SelfVsShown(difference, 0.3, 0.0, 0.3, True)
    flagged = replace(real, self_vs_shown=flag,
                      areas={a: replace(r, self_vs_shown=flag) for a, r in real.areas.items()})
    monkeypatch.setattr(ws, "results_for", lambda attempt: flagged)
    results.show_attempt(attempt_id)
    lines = results.notes.text().splitlines()
    assert len(lines) == 1 and lines[0].startswith(overall), lines
