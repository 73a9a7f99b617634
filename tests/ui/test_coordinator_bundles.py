"""Result bundles through the coordinator dialogs: saved in one data folder, loaded into another."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from digigram.core.bundle.format import regional_key
from digigram.ui.coordinator.bundles import BundleChoice, BundleDialog
from digigram.ui.coordinator.files import Ask
from digigram.ui.coordinator.login import PasswordDialog
from tests.ui.conftest import MINI
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.helpers import type_text, when_dialog_opens
from tests.ui.test_coordinator import PEOPLE, SECRET

KEY = "регіональний ключ 2024"


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    state: dict[str, Any] = {"bundle": None, "done": []}
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    state["refused"] = []  # (file, why) each time the form was asked again for the key

    def ask(cls: Any, parent: Any, *, saving: bool, refused: Any = None, **_: Any) -> Any:
        if refused is not None:
            state["refused"].append(refused)
            return None  # the form opened again for the key: Cancel
        return state["bundle"]

    monkeypatch.setattr(BundleDialog, "ask", classmethod(ask))
    monkeypatch.setattr(Ask, "done", classmethod(lambda cls, parent, *, text: state["done"].append(text)))
    return state


@pytest.fixture
def second(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """A window over a second, empty data folder: the regional office's computer."""
    from digigram.app import build_window
    from digigram.services.workspace import Workspace

    ws2 = Workspace.open(data_dir=tmp_path / "region", framework_path=MINI)
    ws2.set_coordinator_password(SECRET)
    win = build_window(ws2, language="en")
    qtbot.addWidget(win)
    win.show()
    yield win
    ws2.close()


def snapshot(ws: Any) -> list[tuple[Any, ...]]:
    return sorted(
        (p.id, p.name, p.hub, p.group, tuple((a.id, a.status, a.n_answers, tuple(o.level for o in a.areas))
                                             for a in ws.history(p.id)))
        for p in ws.people())


def test_bundle_round_trip_between_two_data_folders(
        window: Any, ws: Any, second: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path,
) -> None:
    seed_trainees(ws, PEOPLE, checks=2)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    bundle = tmp_path / "usb" / "buchа"
    bundle.parent.mkdir()
    answers["bundle"] = BundleChoice(path=str(bundle), key=KEY.encode(), unsigned=False)
    window.stack.currentWidget().bundle_out.trigger()
    assert messages == []
    written = Path(str(bundle) + ".zip")
    assert written.exists() and "3" in answers["done"][-1]
    lines = answers["done"][-1].splitlines()
    assert all(line[0].isupper() or not line[0].isalpha() for line in lines), lines  # each a sentence

    second.coordinator_action.trigger()
    region = second.stack.currentWidget()
    assert region.model.rows == []
    answers["bundle"] = BundleChoice(path=str(written), key=b"a wrong key", unsigned=False)
    region.bundle_in.trigger()
    assert [path for path, _why in answers["refused"]] == [str(written)], "the key was not asked again"
    assert "does not match" in answers["refused"][0][1]
    assert second.ws.people() == []

    answers["bundle"] = BundleChoice(path=str(written), key=KEY.encode(), unsigned=False)
    region.bundle_in.trigger()
    assert snapshot(second.ws) == snapshot(ws)
    assert sorted(r.name for r in region.model.rows) == sorted(p[0] for p in PEOPLE)
    assert "Bundle loaded" in answers["done"][-1]

    region.bundle_in.trigger()  # the same bundle again changes nothing
    assert snapshot(second.ws) == snapshot(ws)


def test_unsigned_bundle_only_with_the_explicit_choice(window: Any, ws: Any, second: Any,
                                                       answers: dict[str, Any], messages: list[str],
                                                       tmp_path: Path) -> None:
    seed_trainees(ws, PEOPLE[:1])
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    path = tmp_path / "plain.zip"
    answers["bundle"] = BundleChoice(path=str(path), key=None, unsigned=True)
    window.stack.currentWidget().bundle_out.trigger()
    assert "not signed" in answers["done"][-1]

    second.coordinator_action.trigger()
    region = second.stack.currentWidget()
    answers["bundle"] = BundleChoice(path=str(path), key=KEY.encode(), unsigned=False)
    region.bundle_in.trigger()
    assert messages and second.ws.people() == []
    answers["bundle"] = BundleChoice(path=str(path), key=None, unsigned=True)
    region.bundle_in.trigger()
    assert [p.name for p in second.ws.people()] == [PEOPLE[0][0]]
    assert "not signed" in answers["done"][-1]


def test_bundle_dialog_needs_a_file_and_a_key_or_the_unsigned_choice(qtbot: Any) -> None:
    dialog = BundleDialog(None, saving=True)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.choice(), str)
    dialog.path.setText("/tmp/x.zip")
    assert isinstance(dialog.choice(), str)  # no key typed yet
    assert dialog.key.echoMode() == dialog.key.EchoMode.Password
    dialog.unsigned.setChecked(True)
    assert not dialog.warning.isHidden()
    choice = dialog.choice()
    assert isinstance(choice, BundleChoice) and choice.key is None and choice.unsigned


def test_a_ukrainian_coordinator_reads_a_bundle_import_in_ukrainian_only(
        window: Any, ws: Any, second: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path,
) -> None:
    from digigram.ui.settings_dialog import Settings

    seed_trainees(ws, PEOPLE[:1])
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    good = tmp_path / "plain.zip"
    answers["bundle"] = BundleChoice(path=str(good), key=None, unsigned=True)
    window.stack.currentWidget().bundle_out.trigger()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])  # a copy that did not finish

    second.apply_settings(Settings(language="uk"), store=False)
    second.coordinator_action.trigger()
    region = second.stack.currentWidget()
    for path in (cut, tmp_path / "never-copied.zip"):
        answers["bundle"] = BundleChoice(path=str(path), key=None, unsigned=True)
        region.bundle_in.trigger()
        shown = messages.pop()
        assert "Нічого не імпортовано" in shown
        # neither zipfile's nor the system's English reason is left in the Ukrainian sentence
        assert not any(word in shown for word in ("zip file", "Errno", "No such file")), shown
    assert second.ws.people() == []

    answers["bundle"] = BundleChoice(path=str(good), key=None, unsigned=True)
    region.bundle_in.trigger()
    summary = answers["done"][-1]
    assert [p.name for p in second.ws.people()] == [PEOPLE[0][0]]
    assert not any(word in summary for word in ("frameworks", "results", "plan_steps", "not signed")), summary
    assert "кроків плану: 0" in summary and "версій рамки: 1" in summary
    # the missing signature is said once, in Ukrainian
    assert [line for line in summary.splitlines() if line.startswith("⚠")] == [
        "⚠ Пакет не підписано: його цілісність не перевірено."]


def test_loading_a_bundle_shows_its_progress_in_the_readers_language(
        window: Any, ws: Any, second: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
) -> None:
    from digigram.ui.coordinator import bundles
    from digigram.ui.settings_dialog import Settings
    from digigram.ui.widgets import WorkDialog

    seen: list[tuple[str, int, int, bool]] = []
    made: list[WorkDialog] = []

    class Watched(WorkDialog):  # the real dialog; what it was told is kept for the test
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

        def setValue(self, value: int) -> None:
            super().setValue(value)
            seen.append((self.labelText(), value, self.maximum(), self.isModal() or self.windowModality()
                         != self.windowModality().NonModal))

    monkeypatch.setattr(bundles, "WorkDialog", Watched)
    seed_trainees(ws, PEOPLE, checks=2)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    path = tmp_path / "hub.zip"
    answers["bundle"] = BundleChoice(path=str(path), key=KEY.encode(), unsigned=False)
    window.stack.currentWidget().bundle_out.trigger()

    second.apply_settings(Settings(language="uk"), store=False)
    second.coordinator_action.trigger()
    second.stack.currentWidget().bundle_in.trigger()
    assert messages == [] and len(second.ws.people()) == len(PEOPLE)
    assert seen, "the import told its progress"
    assert any(text.startswith("Перевірка й завантаження перевірок:") and value == top
               for text, value, top, _modal in seen)  # every check counted to the end
    from digigram.services.bundles import side

    if side.forks():  # the answers, checked by a second process as they are loaded, said checked apart
        assert any(text.startswith("Перевірка відповідей:") and value == top
                   for text, value, top, _modal in seen), seen
    assert all(modal for *_rest, modal in seen)  # the window waits while the data changes
    # and it is gone once the summary shows: hidden, or deleted already by a later event loop (the first
    # dialog made is the save's, the last the load's)
    from shiboken6 import isValid

    assert len(made) == 2 and all(not isValid(d) or not d.isVisible() for d in made)


def _watched_progress(monkeypatch: pytest.MonkeyPatch, *,
                      cancel_at: str | None = None) -> list[tuple[str, int, int]]:
    """The real progress dialog, keeping what it was told; `cancel_at`: press Cancel once a label
    starting so is shown, as a coordinator would."""
    from digigram.ui.coordinator import bundles
    from digigram.ui.widgets import WorkDialog

    seen: list[tuple[str, int, int]] = []

    class Watched(WorkDialog):
        def setValue(self, value: int) -> None:
            super().setValue(value)
            seen.append((self.labelText(), value, self.maximum()))
            if cancel_at is not None and self.labelText().startswith(cancel_at):
                self.cancel()

    monkeypatch.setattr(bundles, "WorkDialog", Watched)
    return seen


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_saving_a_bundle_shows_its_progress(
        window: Any, ws: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    from digigram.ui.settings_dialog import Settings

    seen = _watched_progress(monkeypatch)
    seed_trainees(ws, PEOPLE, checks=2)
    ws.set_coordinator_password(SECRET)
    window.apply_settings(Settings(language=lang), store=False)
    window.coordinator_action.trigger()
    answers["bundle"] = BundleChoice(path=str(tmp_path / "hub.zip"), key=KEY.encode(), unsigned=False)
    window.stack.currentWidget().bundle_out.trigger()
    assert messages == [] and (tmp_path / "hub.zip").exists()
    checks = "Writing checks: 6 of 6" if lang == "en" else "Запис перевірок: 6 з 6"
    people = "Writing people: 3 of 3" if lang == "en" else "Запис людей: 3 з 3"
    assert (checks, 6, 6) in seen and (people, 3, 3) in seen, seen
    # answers are counted as they are written: no total is known ahead, the bar is a busy one
    assert any(text.startswith("Writing answers: " if lang == "en" else "Запис відповідей: ") and top == 0
               for text, _value, top in seen), seen


def test_cancelling_a_bundle_save_leaves_no_file(
        window: Any, ws: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _watched_progress(monkeypatch, cancel_at="Writing checks")
    seed_trainees(ws, PEOPLE, checks=2)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    answers["bundle"] = BundleChoice(path=str(tmp_path / "hub.zip"), key=KEY.encode(), unsigned=False)
    window.stack.currentWidget().bundle_out.trigger()
    assert any(text.startswith("Writing checks") for text, *_ in seen)
    assert list(tmp_path.iterdir()) == [p for p in tmp_path.iterdir() if p.name != "hub.zip"]
    assert not (tmp_path / "hub.zip").exists() and not list(tmp_path.glob(".hub.zip*")), "a half bundle"
    assert messages == [], "a cancel asked for is not a problem"
    assert answers["done"] == ["Saving was cancelled. No bundle file was written."]


def _pressed_load(monkeypatch: pytest.MonkeyPatch, pressed_at: str) -> list[str]:
    """The real load dialog, shown at once; Cancel clicked, as the coordinator would, once a label starting
    with `pressed_at` is shown. Returns every label it showed."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from digigram.ui.coordinator import bundles
    from digigram.ui.widgets import WorkDialog

    said: list[str] = []

    class Pressed(WorkDialog):
        SHOWN_AFTER_MS = 0
        pressed = False

        def report(self, text: str, done: int = 0, total: int = 0) -> None:
            super().report(text, done, total)
            said.append(self.labelText())
            if text.startswith(pressed_at) and not self.pressed:
                self.pressed = True
                button = self.findChild(QPushButton)
                QTimer.singleShot(0, lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton))

    monkeypatch.setattr(bundles, "WorkDialog", Pressed)
    return said


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_cancelling_a_bundle_load_imports_nothing(
        window: Any, ws: Any, second: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """A region's bundle takes a minute or more to load on an old PC: Cancel stops it at the next step,
    the dialog saying so until it has, and the database is as it was."""
    from digigram.ui.settings_dialog import Settings

    seed_trainees(ws, PEOPLE, checks=2)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    answers["bundle"] = BundleChoice(path=str(tmp_path / "hub.zip"), key=KEY.encode(), unsigned=False)
    window.stack.currentWidget().bundle_out.trigger()
    pressed_at = "Перевірка й завантаження відповідей" if lang == "uk" else "Checking and loading answers"
    said = _pressed_load(monkeypatch, pressed_at)
    second.apply_settings(Settings(language=lang), store=False)
    second.coordinator_action.trigger()
    second.stack.currentWidget().bundle_in.trigger()
    assert messages == [], "a cancel asked for is not a problem"
    assert answers["done"][-1] == ("Завантаження скасовано. Нічого не імпортовано." if lang == "uk"
                                   else "Loading was cancelled. Nothing was imported.")
    assert second.ws.people() == []
    pressed = next(k for k, text in enumerate(said) if text.startswith(pressed_at))
    assert set(said[pressed + 1:]) == {"Зупиняємо…" if lang == "uk" else "Stopping…"}, said


def test_cancel_pressed_while_the_import_commits_says_the_bundle_was_loaded_all_the_same(
        window: Any, answers: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Pressed once the import has no step left to stop at, Cancel is too late: the person reads so,
    beside what was added, rather than only that the bundle was loaded."""
    from digigram.core.coordination import ImportReport
    from digigram.ui.coordinator import bundles

    _pressed_load(monkeypatch, "Checking and loading plans")

    class Committing:  # the import's last step is said, then it commits while the click waits its turn
        def import_bundle(self, path: str, **kwargs: Any) -> ImportReport:
            kwargs["progress"]("plans", 2, 2)
            return ImportReport(added={"people": 1, "attempts": 2}, unchanged={}, signed=True)

    report = bundles._load(window, Committing(), BundleChoice(path="hub.zip", key=None, unsigned=False),
                           lang="en")
    assert report is not None and report.added["people"] == 1
    assert answers["done"][-1].splitlines()[:2] == [
        "Cancel came too late: the bundle had already been loaded.", "Added: people: 1, checks: 2"], answers



def test_cancel_pressed_while_answers_are_written_stops_before_the_next_kind(
        window: Any, ws: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Answers have no total known ahead, so their bar is a busy one whose value never changes; a
    # QProgressDialog handles its events only when its value changes, so a Cancel pressed while answers
    # were written (the longest part of a region's bundle) was heard only after every answer, area result
    # and plan had been written.
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from digigram.ui.coordinator import bundles
    from digigram.ui.widgets import WorkDialog

    seen: list[str] = []

    class Pressed(WorkDialog):
        pressed = False
        SHOWN_AFTER_MS = 0  # shown at once, as after a long wait

        def setValue(self, value: int) -> None:
            super().setValue(value)
            seen.append(self.labelText())
            if self.labelText().startswith("Writing answers") and not self.pressed:
                self.pressed = True
                button = self.findChild(QPushButton)
                # a real click, queued as the coordinator's would be while the writing goes on
                QTimer.singleShot(0, lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton))

    monkeypatch.setattr(bundles, "WorkDialog", Pressed)
    seed_trainees(ws, PEOPLE, checks=2)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    answers["bundle"] = BundleChoice(path=str(tmp_path / "hub.zip"), key=KEY.encode(), unsigned=False)
    window.stack.currentWidget().bundle_out.trigger()
    assert not (tmp_path / "hub.zip").exists() and not list(tmp_path.glob(".hub.zip*")), "a bundle written"
    assert answers["done"] == ["Saving was cancelled. No bundle file was written."]
    after = seen[next(i for i, text in enumerate(seen) if text.startswith("Writing answers")):]
    assert all(text.startswith("Writing answers") for text in after), after  # nothing written after it
    assert messages == []


@pytest.mark.parametrize("saving", [True, False])
def test_the_chosen_bundle_file_name_is_read_whole_at_200_percent(
        qtbot: Any, window: Any, saving: bool) -> None:
    # At 1024×600 and 200 % text the file field was left about a dozen letters wide.
    from PySide6.QtWidgets import QApplication

    from digigram.ui.settings_dialog import Settings

    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    dialog = BundleDialog(window, saving=saving)
    qtbot.addWidget(dialog)
    name = "E:\\buchanska-2026-11-30.zip"
    dialog.path.setText(name)
    dialog.show()
    qtbot.waitExposed(dialog)
    for _ in range(8):
        QApplication.processEvents()
    field = dialog.path
    room = field.width() - 2 * field.style().pixelMetric(field.style().PixelMetric.PM_DefaultFrameWidth) - 8
    assert field.fontMetrics().horizontalAdvance(name) <= room, f"{room} px for «{name}»"
    browse = dialog.browse.geometry()
    assert field.geometry().right() < browse.left() and browse.right() < dialog.width(), "Browse is cut"
    assert dialog.frameGeometry().width() <= 1024, "the dialog still fits a netbook's width"


def test_a_bundle_saved_with_the_key_typed_in_the_app_loads_with_the_command_line(
        window: Any, ws: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path, qtbot: Any,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """A hub saves in the app, the region loads with `digigram bundle import --key-file` holding the same
    phrase: the region was told the signature did not match, the app having signed with other bytes."""
    import io

    from digigram.cli.main import main
    from digigram.services.workspace import Workspace

    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    dialog = BundleDialog(None, saving=True)  # the form as the coordinator fills it in
    qtbot.addWidget(dialog)
    written = tmp_path / "hub.zip"
    dialog.path.setText(str(written))
    dialog.key.setText(KEY)
    answers["bundle"] = dialog.choice()
    window.stack.currentWidget().bundle_out.trigger()
    assert messages == [] and written.exists()

    region = tmp_path / "region"
    with Workspace.open(data_dir=region) as office:
        office.set_coordinator_password(SECRET)
    key_file = tmp_path / "region.key"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SECRET}\n"))
    status = main(["bundle", "import", str(written), "--key-file", str(key_file), "--data-dir", str(region),
                   "--lang", "en"])
    printed = capsys.readouterr()
    assert status == 0, printed.err
    assert "people: 3 new" in printed.out


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_regional_key_too_short_is_said_in_the_bundle_form(qtbot: Any, lang: str) -> None:
    from digigram.ui import appearance

    appearance.install_language(lang)
    try:
        dialog = BundleDialog(None, saving=False)
        qtbot.addWidget(dialog)
        dialog.path.setText("/tmp/hub.zip")
        dialog.key.setText("коротко")
        said = dialog.choice()
        assert isinstance(said, str)
        assert ("щонайменше 12 символів" if lang == "uk" else "at least 12 characters") in said
    finally:
        appearance.install_language("en")


def _form_choice(qtbot: Any, *, saving: bool, part: str) -> str:
    """A choice's words as the bundle form shows them, without its shortcut mark and colon."""
    dialog = BundleDialog(None, saving=saving)
    qtbot.addWidget(dialog)
    return str(getattr(dialog, part).text()).replace("&", "").rstrip(":")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_an_unsigned_bundle_loaded_with_the_key_names_the_forms_choice_not_a_command_line_option(
        window: Any, ws: Any, second: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path,
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str,
) -> None:
    """An unsigned bundle loaded with the regional key was refused «by allowing unsigned bundles explicitly
    (--unsigned)», an option of the command line the coordinator mode has no place for. The app names
    its form's choice; the terminal keeps --unsigned."""
    import io

    from digigram.cli.main import main
    from digigram.ui.settings_dialog import Settings

    seed_trainees(ws, PEOPLE[:1])
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    path = tmp_path / "plain.zip"
    answers["bundle"] = BundleChoice(path=str(path), key=None, unsigned=True)
    window.stack.currentWidget().bundle_out.trigger()

    second.apply_settings(Settings(language=lang), store=False)
    second.coordinator_action.trigger()
    answers["bundle"] = BundleChoice(path=str(path), key=KEY.encode(), unsigned=False)
    second.stack.currentWidget().bundle_in.trigger()
    (shown,) = messages
    choice = _form_choice(qtbot, saving=False, part="unsigned")
    assert choice in ("Accept a bundle without a signature", "Прийняти пакет без підпису")
    assert f"«{choice}»" in shown and "--unsigned" not in shown, shown
    assert second.ws.people() == []

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SECRET}\n{KEY}\n"))
    assert main(["bundle", "import", str(path), "--data-dir", str(tmp_path / "region"), "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert "(--unsigned)" in err and f"«{choice}»" not in err, err


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_bundle_too_large_to_load_names_the_save_forms_choices_not_command_line_options(
        window: Any, ws: Any, second: Any, answers: dict[str, Any], messages: list[str], tmp_path: Path,
        qtbot: Any, lang: str,
) -> None:
    """A bundle over the import's limits told the coordinator to «split the export (--since, --hub)»:
    options of the command line, where the app saves bundles with a form. It names the form's choice."""
    from digigram.core.bundle.format import RECORD_FILES
    from digigram.ui.settings_dialog import Settings
    from tests.coordinator.test_bundle_support import members, reseal, write_zip

    seed_trainees(ws, PEOPLE[:1])
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    plain = tmp_path / "plain.zip"
    answers["bundle"] = BundleChoice(path=str(plain), key=None, unsigned=True)
    window.stack.currentWidget().bundle_out.trigger()
    # Twenty megabytes of empty lines: a file that unpacks to far more than its zip holds.
    swollen = reseal({**members(plain), RECORD_FILES["answers"]: b"\n" * (20 << 20)}, key=None)
    bundle = write_zip(tmp_path / "swollen.zip", swollen.items())

    second.apply_settings(Settings(language=lang), store=False)
    second.coordinator_action.trigger()
    answers["bundle"] = BundleChoice(path=str(bundle), key=None, unsigned=True)
    second.stack.currentWidget().bundle_in.trigger()
    (shown,) = messages
    since = _form_choice(qtbot, saving=True, part="use_since")
    assert since in ("Only checks since", "Лише перевірки від")
    assert f"«{since}»" in shown and "--since" not in shown and "--hub" not in shown, shown
    assert second.ws.people() == []


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_wrong_regional_key_asks_again_for_the_key_only(
        qtbot: Any, window: Any, ws: Any, second: Any, messages: list[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path, lang: str) -> None:
    """A wrong key closed the form with «Check the key», and the form opened again empty: the file had to
    be found again and the key retyped. The form now stays with the file chosen, the key cleared and
    focused, and why it was refused said in it; the right key then loads the bundle."""
    from digigram.ui import appearance

    done: list[str] = []
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    monkeypatch.setattr(Ask, "done", classmethod(lambda cls, parent, *, text: done.append(text)))
    seed_trainees(ws, PEOPLE[:2])
    ws.set_coordinator_password(SECRET)
    written = tmp_path / "bundle.zip"
    ws.unlock_coordinator(SECRET).export_bundle(str(written), key=regional_key(KEY))
    appearance.install_language(lang)
    second.coordinator_action.trigger()
    region = second.stack.currentWidget()
    forms: list[Any] = []
    seen_again: dict[str, Any] = {}

    def right_key(dialog: Any) -> None:
        seen_again.update(path=dialog.path.text(), key=dialog.key.text(), problem=dialog.problem.text(),
                          focus=dialog.focusWidget() is dialog.key)
        type_text(dialog.key, KEY)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        if dialog.isVisible():  # refused again: the test fails below rather than wait here
            dialog.reject()

    def wrong_key(dialog: Any) -> None:
        dialog.path.setText(str(written))
        type_text(dialog.key, "зовсім не той регіональний ключ")
        when_dialog_opens(BundleDialog, right_key, forms)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(BundleDialog, wrong_key, forms)
    region.bundle_in.trigger()
    assert len(forms) == 2, "the form was not shown again after the wrong key"
    assert messages == [], "the refusal came as a separate message box"
    refusal = {"en": "does not match", "uk": "не збігається"}[lang]
    assert seen_again["path"] == str(written) and seen_again["key"] == ""
    assert refusal in seen_again["problem"] and seen_again["focus"]
    assert sorted(p.name for p in second.ws.people()) == sorted(p[0] for p in PEOPLE[:2])
    assert done and ("Bundle loaded" in done[-1] or "завантажено" in done[-1].lower())
