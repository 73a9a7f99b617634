"""Files saved where the disk refuses them (a full or write-protected USB stick): a message each time,
in the user's language and naming the file they chose, and nothing half-written left behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui import appearance, plan_view
from digigram.ui.coordinator import files as coordinator_files
from digigram.ui.coordinator.bundles import BundleChoice, BundleDialog
from digigram.ui.coordinator.files import Ask
from digigram.ui.coordinator.login import PasswordDialog
from tests.disks import left_in
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.helpers import answer_to_the_end, create_person
from tests.ui.test_coordinator import PEOPLE, SECRET


@pytest.fixture
def coordinator(window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The coordinator's screens open on PEOPLE; «Saved» notes are kept, not shown."""
    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    monkeypatch.setattr(Ask, "done", classmethod(lambda cls, parent, *, text: None))
    window.coordinator_action.trigger()
    return window.stack.currentWidget()


def test_the_plan_saved_to_a_full_stick_is_refused_with_a_message_every_time(
        qtbot: Any, window: Any, full: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """«Export as PDF…» to a full stick said «No space left on device» in English, or, when matplotlib
    raised zlib.error as it closed the broken file, nothing at all (the crash dialog shows once a run)."""
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)  # a plan with its results: pages enough for the compressor to fail
    qtbot.mouseClick(window.view("results").plan_button, Qt.MouseButton.LeftButton)
    plan = window.view("plan")
    target = full / "план.pdf"
    monkeypatch.setattr(plan_view, "ask_pdf_path", lambda parent, suggested: str(target))
    for times in (1, 2):
        qtbot.mouseClick(plan.export, Qt.MouseButton.LeftButton)
        assert messages == [f"Could not save {target}: the drive is full. Nothing was written."] * times
    assert left_in(full) == [] and "Saved" not in plan.state.text()


def test_the_group_report_and_a_persons_data_to_a_full_stick_leave_nothing(
        coordinator: Any, window: Any, ws: Any, full: Path, messages: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Files → «Group report as PDF…» to a full stick opened the crash dialog."""
    monkeypatch.setattr(Ask, "save_path", classmethod(lambda cls, parent, **_: str(full / "група")))
    coordinator.pdf_action.trigger()
    assert messages == [f"Could not save {full / 'група.pdf'}: the drive is full. Nothing was written."]
    person = ws.people()[0]
    coordinator_files.export_person_data(window, window.coordinator, person_id=person.id, name=person.name)
    assert messages[1:] == [f"Could not save {full / 'група.json'}: the drive is full. Nothing was written."]
    assert left_in(full) == []  # the data had been written in part, a cut-off copy of someone's data


def test_a_bundle_to_a_write_protected_stick_names_the_chosen_file_in_ukrainian(
        coordinator: Any, protected: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The message named the temporary «.hub.zip.<hex>.partial» and carried «[Errno 30] Read-only file
    system»."""
    chosen = protected / "хаб"
    monkeypatch.setattr(BundleDialog, "ask", classmethod(lambda cls, parent, **_: BundleChoice(
        path=str(chosen), key=None, unsigned=True)))
    appearance.install_language("uk")
    coordinator.bundle_out.trigger()
    assert messages == [f"Не вдалося записати пакет {chosen}.zip: диск або теку захищено від запису. "
                        "Нічого не експортовано."]
