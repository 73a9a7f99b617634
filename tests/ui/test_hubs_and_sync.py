"""Hubs are chosen from the list (and added by the coordinator); "Sync with the region" on a real server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import text

from digigram.ui.coordinator.login import PasswordDialog
from digigram.ui.coordinator.sync import URL_SETTING, SyncDialog
from digigram.ui.person_dialog import NewPerson, PersonDialog
from tests.conftest import Target
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.helpers import type_text

SECRET = "ключ-хабу-2024"
NAME = "Центральна бібліотека"
APP = "digigram-ui-sync-test"


def _hubs(ws: Any) -> dict[str, Any]:
    return {"lviv": ws.add_hub(NAME, region_id="UA-46"), "kharkiv": ws.add_hub(NAME, region_id="UA-63"),
            "irpin": ws.add_hub("Хаб в Ірпені", region_id="UA-32")}


def test_typing_filters_the_hubs_arrows_move_and_enter_takes_one(qtbot: Any, window: Any, ws: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    made = _hubs(ws)
    seen: list[PersonDialog] = []

    def drive(cls: Any, parent: Any, *, profiles: Any, hubs: Any, lang: str, **_: Any) -> NewPerson:
        dialog = cls(parent, profiles=profiles, hubs=hubs, lang=lang)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seen.append(dialog)
        picker = dialog.hub
        shown = [picker.list.item(r).text() for r in range(picker.list.count())]
        # Same-named hubs read apart by their region; the list is in Ukrainian order.
        assert shown == ["Хаб в Ірпені — Kyiv Oblast", f"{NAME} — Kharkiv Oblast", f"{NAME} — Lviv Oblast"]
        dialog.name.setFocus()
        type_text(dialog.name, "Ольга Левицька")
        picker.search.setFocus()
        type_text(picker.search, "бібл")
        visible = [picker.list.item(r).text() for r in range(picker.list.count())
                   if not picker.list.item(r).isHidden()]
        assert len(visible) == 2 and all(v.startswith(NAME) for v in visible)
        while picker.list.currentItem().text() != f"{NAME} — Lviv Oblast":
            qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # the arrows work from the search line
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        assert dialog.isVisible(), "Enter takes the hub; it does not close the form"
        assert picker.chosen() == made["lviv"].id
        assert QApplication.focusWidget() is not picker.search  # on to the next field
        dialog.consent.setChecked(True)
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        return dialog.value()

    monkeypatch.setattr(PersonDialog, "ask", classmethod(drive))
    window.home.create_person()
    assert seen
    (person,) = [p for p in ws.people() if p.name == "Ольга Левицька"]
    assert (person.hub, ws.person(person.id).hub_id) == (NAME, made["lviv"].id)


def test_a_region_narrows_the_list_and_a_search_with_no_match_chooses_nothing(qtbot: Any, ws: Any) -> None:
    hubs = _hubs(ws)
    dialog = PersonDialog(None, profiles=[("librarian", "Бібліотекар")], hubs=ws.hubs(), lang="uk")
    qtbot.addWidget(dialog)
    picker = dialog.hub
    picker.region.setCurrentIndex(picker.region.findData("UA-63"))
    visible = [picker.list.item(r) for r in range(picker.list.count()) if not picker.list.item(r).isHidden()]
    assert [i.text() for i in visible] == [f"{NAME} — Харківська область"]
    assert picker.chosen() == hubs["kharkiv"].id
    picker.region.setCurrentIndex(0)
    type_text(picker.search, "Хаб, якого немає")
    assert picker.chosen() is None  # a typed name is a search, never a new hub
    assert dialog.value().hub_id is None


def test_a_computer_without_hubs_says_so_and_still_adds_the_person(qtbot: Any, window: Any, ws: Any,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def drive(cls: Any, parent: Any, *, profiles: Any, hubs: Any, lang: str, **_: Any) -> NewPerson:
        dialog = cls(parent, profiles=profiles, hubs=hubs, lang=lang)
        qtbot.addWidget(dialog)
        # the hint sits in the dialog's own column, not in the hidden picker
        assert "no hubs on this computer" in dialog.hub.hint.text()
        assert dialog.isAncestorOf(dialog.hub.hint) and not dialog.hub.isAncestorOf(dialog.hub.hint)
        assert not dialog.hub.search.isEnabled() and dialog.hub.list.isHidden()
        dialog.name.setText("Тарас")
        dialog.consent.setChecked(True)
        return dialog.value()

    monkeypatch.setattr(PersonDialog, "ask", classmethod(drive))
    window.home.create_person()
    (person,) = [p for p in ws.people() if p.name == "Тарас"]
    assert person.hub == "" and ws.hubs() == []


# Adding a hub in coordinator mode: tests/ui/test_hub_regions_ui.py (through the Hubs… dialog).


# --- Sync with the region, against the test cluster --------------------------------------------------


def _counts(region: Target) -> dict[str, int]:
    engine = region.engine()
    with engine.connect() as conn:
        # Answers as Digigram reads them: a synced check's are packed into one row (revision 0013).
        found = {t: int(conn.execute(text(f"SELECT count(*) FROM {'answer_all' if t == 'answer' else t}"))
                        .scalar_one()) for t in ("person", "attempt", "answer")}
    engine.dispose()
    return found


def _open_sync(qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> list[SyncDialog]:
    seed_trainees(ws, [("Оксана Петренко", "Хаб у Бучі", "Весна", None),
                       ("Іван Мельник", "Хаб в Ірпені", "Осінь", None)])
    ws.set_coordinator_password(SECRET)
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    window.coordinator_action.trigger()
    opened: list[SyncDialog] = []

    def open_for(cls: Any, parent: Any, *, ws: Any, co: Any, lang: str) -> None:
        dialog = cls(parent, ws=ws, co=co, lang=lang)
        qtbot.addWidget(dialog)
        dialog.show()
        opened.append(dialog)

    monkeypatch.setattr(SyncDialog, "open_for", classmethod(open_for))
    window.stack.currentWidget().sync_action.trigger()
    return opened


def _finished(qtbot: Any, dialog: SyncDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.running, timeout=180_000)


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_sync_sends_what_the_region_lacks_with_progress_and_keeps_the_address(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch,
        new_target: Callable[..., Target]) -> None:
    region = new_target()
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    with_password = region.url.replace("digigram_test@", "digigram_test:secret@")
    dialog.url.setText(with_password)
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    _finished(qtbot, dialog)
    assert "password" in dialog.status.text() and "PGPASSFILE" in dialog.status.text()
    assert ws.setting(URL_SETTING) is None  # an address with a password is never stored
    steps: list[tuple[str, int, int]] = []
    dialog.url.setText(region.url)
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.worker is not None
    dialog.worker.progressed.connect(lambda *a: steps.append(a))
    assert not dialog.start.isEnabled()
    _finished(qtbot, dialog)
    sent = _counts(region)
    assert sent["person"] == 2 and sent["attempt"] == 2 and sent["answer"] > 0
    assert f"answers: {sent['answer']} new, 0 already there" in dialog.status.text()
    assert steps and dialog.bar.value() == dialog.bar.maximum()
    assert ws.setting(URL_SETTING) == region.url
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)  # again: nothing twice
    _finished(qtbot, dialog)
    assert f"answers: 0 new, {sent['answer']} already there" in dialog.status.text()
    assert _counts(region) == sent


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_a_regional_database_from_a_newer_digigram_is_said_without_a_command_line_option(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch,
        new_target: Callable[..., Target]) -> None:
    """The sync said of a regional database a newer Digigram wrote «choose another data folder
    (--data-dir)»: an option nobody types in the app, about a folder that has nothing to do with it."""
    region = new_target()
    engine = region.engine()
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00d1e5500ff'"))
    engine.dispose()
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    dialog.url.setText(region.url)
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    _finished(qtbot, dialog)
    said = dialog.status.text()
    assert "was written by a newer version of Digigram (schema f00d1e5500ff)" in said, said
    assert "ask the person who set up this computer to install that version" in said, said
    assert "--data-dir" not in said and "data folder" not in said, said
    assert _counts(region)["person"] == 0


def _gate_and(region: Target, action: Callable[[Any], None], qtbot: Any, dialog: SyncDialog) -> None:
    """Hold the sync at its first write into `person` (a lock that lets reads pass), then `action`."""
    gate = region.engine()
    with gate.connect() as conn:
        conn.execute(text("LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE"))
        qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
        waiting, deadline = 0, time.monotonic() + 120
        while not waiting and time.monotonic() < deadline:
            qtbot.wait(100)
            with gate.connect() as probe:
                waiting = int(probe.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = :app "
                    "AND wait_event_type = 'Lock'"), {"app": APP}).scalar_one())
        assert waiting, "the sync never reached its first write"
        action(gate)
        conn.commit()
    gate.dispose()


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_a_dropped_connection_is_said_plainly_and_a_rerun_completes(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch,
        new_target: Callable[..., Target]) -> None:
    region = new_target()
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    dialog.url.setText(f"{region.url}&application_name={APP}")

    def kill(gate: Any) -> None:
        with gate.connect() as probe:
            probe.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE application_name = :app"), {"app": APP})

    _gate_and(region, kill, qtbot, dialog)
    _finished(qtbot, dialog)
    said = dialog.status.text()
    assert "connection to the regional database was lost" in said and "Nothing was half-written" in said
    assert set(_counts(region).values()) == {0}
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)  # "Sync again"
    _finished(qtbot, dialog)
    first = _counts(region)
    assert first["person"] == 2 and first["answer"] > 0
    assert "new" in dialog.status.text()


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_cancel_rolls_the_sync_back_and_ukrainian_says_so(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch,
        new_target: Callable[..., Target]) -> None:
    region = new_target()
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    dialog.lang = "uk"
    dialog.url.setText(f"{region.url}&application_name={APP}")
    _gate_and(region, lambda gate: qtbot.mouseClick(dialog.cancel, Qt.MouseButton.LeftButton), qtbot, dialog)
    _finished(qtbot, dialog)
    assert "скасовано" in dialog.status.text() and "Нічого не записано наполовину" in dialog.status.text()
    assert set(_counts(region).values()) == {0}
    assert dialog.isVisible()  # Cancel stopped the sync; the next press closes
    qtbot.mouseClick(dialog.cancel, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_service_address_is_read_whole_in_the_sync_dialog_at_200_percent(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    # At 1024×600 and 200 % text the address field showed about a dozen letters.
    from digigram.ui.coordinator.sync import SERVICE_EXAMPLE
    from digigram.ui.settings_dialog import Settings

    window.apply_settings(Settings(language=lang, text_scale=200), store=False)
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    qtbot.waitExposed(dialog)
    for _ in range(8):
        QApplication.processEvents()
    field = dialog.url
    assert field.fontMetrics().horizontalAdvance(SERVICE_EXAMPLE) <= field.width() - 8
    assert dialog.frameGeometry().width() <= 1024, "the dialog still fits a netbook's width"


def test_a_stored_address_longer_than_its_field_shows_its_beginning_at_200_percent(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The start says which server and how (driver, host); a field scrolled to the address's end showed
    only its last options."""
    from digigram.ui.settings_dialog import Settings

    address = ("postgresql+psycopg://digigram@region-db.oblast.example.ua:5432/digigram?sslmode=verify-full"
               "&sslrootcert=/etc/digigram/region-root.crt&connect_timeout=10")
    ws.set_setting(URL_SETTING, address)
    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    qtbot.waitExposed(dialog)
    field = dialog.url
    assert field.text() == address
    assert field.fontMetrics().horizontalAdvance(address) > field.width(), "longer than the field"
    assert field.cursorPosition() == 0
    assert field.cursorRect().left() < field.fontMetrics().horizontalAdvance("post")


@pytest.mark.parametrize(("lang", "shown"), [("uk", "0\u00a0%"), ("en", "0%")])
def test_the_sync_progress_writes_its_percentage_as_the_language_does(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, lang: str, shown: str) -> None:
    # Qt's own "%p%" wrote «0%» on a Ukrainian screen, where every other percentage reads «0 %».
    from digigram.ui.settings_dialog import Settings

    window.apply_settings(Settings(language=lang), store=False)
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    assert dialog.bar.text() == shown


def test_a_shorter_message_after_a_longer_one_leaves_no_gap_in_the_sync_dialog(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 200 % text a long failure grew the dialog; after a shorter one, the room it left opened a
    blank band between the address and the progress bar. What is left over now goes above the buttons."""
    from PySide6.QtCore import QPoint

    from digigram.core.errors import StorageError
    from digigram.core.i18n import N_
    from digigram.ui.settings_dialog import Settings

    window.apply_settings(Settings(language="uk", text_scale=200), store=False)
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    qtbot.waitExposed(dialog)
    dialog._failed(StorageError(N_("The database server could not be reached. " * 6)))
    dialog._failed(StorageError(N_("No.")))
    for _ in range(8):
        QApplication.processEvents()
    below_field = dialog.url.mapTo(dialog, QPoint(0, dialog.url.height())).y()
    bar_top = dialog.bar.mapTo(dialog, QPoint(0, 0)).y()
    spacing = dialog.layout().spacing()
    assert bar_top - below_field <= 2 * max(spacing, 6), f"{bar_top - below_field} px between field and bar"
    status_bottom = dialog.status.mapTo(dialog, QPoint(0, dialog.status.height())).y()
    assert dialog.buttons.mapTo(dialog, QPoint(0, 0)).y() >= status_bottom


# --- A server that keeps the connection waiting never holds the window ------------------------------


@pytest.mark.parametrize(("lang", "silent"), [("en", "did not answer in time"), ("uk", "не відповів вчасно")])
def test_a_server_that_never_answers_is_said_so_after_the_connect_timeout(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, silent_port: int,
        lang: str, silent: str) -> None:
    # The dialog showed "people: 0 of 0" for 127 s, the driver's own limit; the app's own default now
    # applies to an address that sets none (3 s here, to keep the test short).
    from digigram.store import db

    monkeypatch.setattr(db, "CONNECT_TIMEOUT", 3, raising=False)
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    dialog.lang = lang
    dialog.url.setText(f"postgresql+psycopg://u@127.0.0.1:{silent_port}/x")
    started = time.monotonic()
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    connecting = ("Connecting to the regional database…", "Зʼєднуємося з регіональною базою…")
    assert dialog.status.text() in connecting
    qtbot.waitUntil(lambda: not dialog.running, timeout=15_000)
    assert time.monotonic() - started < 10
    assert silent in dialog.status.text() and "127.0.0.1" in dialog.status.text()


def test_cancel_and_close_while_a_server_keeps_the_connection_waiting_return_at_once(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, silent_port: int) -> None:
    # Cancel said "Cancelling…" for 127 s, and closing the dialog held the whole window as long.
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    dialog.url.setText(f"postgresql+psycopg://u@127.0.0.1:{silent_port}/x?connect_timeout=30")
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    qtbot.wait(500)
    assert dialog.running
    started = time.monotonic()
    qtbot.mouseClick(dialog.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=5_000)
    assert time.monotonic() - started < 2
    assert "cancelled" in dialog.status.text() and "Nothing was half-written" in dialog.status.text()

    assert dialog.cancel.text() == "&Close"
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)  # "Sync again", then close the window
    qtbot.wait(500)
    assert dialog.running and dialog.cancel.text() == "&Cancel"  # it cancels, and says so
    started = time.monotonic()
    dialog.close()
    assert time.monotonic() - started < 2
    assert not dialog.isVisible()


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_closing_the_dialog_while_the_server_holds_the_sync_returns_and_still_rolls_back(
        qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch,
        new_target: Callable[..., Target]) -> None:
    from digigram.ui.coordinator import sync as sync_ui

    region = new_target()
    (dialog,) = _open_sync(qtbot, window, ws, monkeypatch)
    dialog.url.setText(f"{region.url}&application_name={APP}")
    kept: list[Any] = []

    def close(gate: Any) -> None:
        def unblock() -> None:  # only if the close waited for the sync
            with gate.connect() as probe:
                probe.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   "WHERE application_name = :app"), {"app": APP})
        rescue = threading.Timer(5, unblock)
        rescue.start()
        started = time.monotonic()
        dialog.close()
        took = time.monotonic() - started
        rescue.cancel()
        assert took < 2, f"closing held the window for {took:.1f} s"
        kept.extend(sync_ui.background().workers)

    _gate_and(region, close, qtbot, dialog)
    assert not dialog.isVisible()
    assert len(kept) == 1 and not dialog.running  # the sync finishes in the background
    qtbot.waitUntil(lambda: not sync_ui.background().workers, timeout=60_000)
    assert set(_counts(region).values()) == {0}  # the close rolled the sync back
