"""Role separation: coordinator powers only through the password, a growing wait, PINs and their override."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from digigram.core.coordination import CoordinatorError, CoordinatorLocked, lockout_seconds
from digigram.core.errors import DigigramError
from digigram.services.coordinator.mode import Coordinator
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.conftest import PASSWORD, SMALL, Clock


def test_no_coordinator_without_a_password(ws: Workspace) -> None:
    assert not ws.coordinator_password_set()
    with pytest.raises(CoordinatorError) as info:
        ws.unlock_coordinator("anything at all")
    assert "ще не встановлено" in info.value.message("uk")
    with pytest.raises(CoordinatorError):
        Coordinator(ws, ws._store)  # the constructor is not a way round the password


def test_the_first_password_is_set_once_and_must_be_long_enough(ws: Workspace) -> None:
    with pytest.raises(CoordinatorError) as info:
        ws.set_coordinator_password("short")
    assert "8" in info.value.message("en")
    assert not ws.coordinator_password_set()
    ws.set_coordinator_password(PASSWORD)
    assert ws.coordinator_password_set()
    with pytest.raises(CoordinatorError):
        ws.set_coordinator_password("another-password")  # no silent takeover by "first use" again
    assert isinstance(ws.unlock_coordinator(PASSWORD), Coordinator)


def test_the_password_is_stored_as_a_salted_scrypt_hash(ws: Workspace, target: Target) -> None:
    ws.set_coordinator_password(PASSWORD)
    if target.is_sqlite:
        db = ws.database_path
        assert db is not None
        # Kept in the vault beside the database, where a restore cannot reach it; never in the database.
        con = sqlite3.connect(db)
        assert con.execute("SELECT count(*) FROM setting WHERE key LIKE 'coordinator.%'").fetchone() == (0,)
        con.close()
        con = sqlite3.connect(db.with_name("digigram-secrets.sqlite3"))
        (stored,) = con.execute("SELECT value FROM secret WHERE key = 'coordinator.password'").fetchone()
        con.close()
    else:
        # A database named by URL has no folder and no restore command: the hash stays in its settings.
        engine = target.engine()
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT value FROM setting WHERE key = :k"),
                                  {"k": "coordinator.password"}).scalar_one()
        engine.dispose()
    assert PASSWORD not in stored and PASSWORD.encode().hex() not in stored
    kind, n, r, p, salt, digest = stored.strip('"').split("$")
    assert (kind, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 1)
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 64


def test_other_installs_get_other_salts(tmp_path: Path) -> None:
    hashes = []
    for k in range(2):
        with Workspace.open(data_dir=tmp_path / f"d{k}", framework_path=SMALL) as ws:
            ws.set_coordinator_password(PASSWORD)
            hashes.append(ws.vault.get("coordinator.password"))
    assert hashes[0].split("$")[4] != hashes[1].split("$")[4]


def test_settings_cannot_overwrite_the_password(ws: Workspace) -> None:
    ws.set_coordinator_password(PASSWORD)
    with pytest.raises(DigigramError):
        ws.set_setting("coordinator.password", "scrypt$1$1$1$00$00")
    with pytest.raises(DigigramError):
        ws.set_setting("coordinator.failures", {"count": 0})


def test_a_wrong_password_is_refused_with_a_growing_wait(ws: Workspace, clock: Clock) -> None:
    ws.set_coordinator_password(PASSWORD)
    with pytest.raises(CoordinatorLocked) as first:
        ws.unlock_coordinator("wrong password 1")
    assert first.value.wait_seconds == 0  # one slip costs nothing
    waits = []
    for k in range(2, 6):
        with pytest.raises(CoordinatorLocked) as info:
            ws.unlock_coordinator(f"wrong password {k}")
        waits.append(info.value.wait_seconds)
        clock.advance(info.value.wait_seconds)
    assert waits == [lockout_seconds(k) for k in range(2, 6)] == [2, 4, 8, 16]
    # Within the wait even the right password is refused, and the message says how long to wait.
    with pytest.raises(CoordinatorLocked):
        ws.unlock_coordinator("wrong password 6")
    clock.advance(10)
    with pytest.raises(CoordinatorLocked) as info:
        ws.unlock_coordinator(PASSWORD)
    assert info.value.wait_seconds == 22
    assert "22 с" in info.value.message("uk") and "22 s" in info.value.message("en")
    clock.advance(22)
    assert isinstance(ws.unlock_coordinator(PASSWORD), Coordinator)
    # Success resets the count: the next slip is free again.
    with pytest.raises(CoordinatorLocked) as after:
        ws.unlock_coordinator("wrong again")
    assert after.value.wait_seconds == 0


def test_the_wait_survives_a_restart(target: Target, clock: Clock) -> None:
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
        for k in range(4):
            with pytest.raises(CoordinatorLocked) as info:
                ws.unlock_coordinator(f"guess {k}")
            clock.advance(info.value.wait_seconds)
    clock.advance(-lockout_seconds(4) + 3)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        with pytest.raises(CoordinatorLocked) as info:
            ws.unlock_coordinator(PASSWORD)
        assert info.value.wait_seconds == lockout_seconds(4) - 3
        clock.advance(info.value.wait_seconds)
        assert isinstance(ws.unlock_coordinator(PASSWORD), Coordinator)


def test_a_clock_set_back_does_not_shorten_the_wait(ws: Workspace, clock: Clock) -> None:
    ws.set_coordinator_password(PASSWORD)
    for k in range(3):
        with pytest.raises(CoordinatorLocked) as info:
            ws.unlock_coordinator(f"guess {k}")
        if k < 2:
            clock.advance(info.value.wait_seconds)
    clock.advance(-3600)
    with pytest.raises(CoordinatorLocked) as info:
        ws.unlock_coordinator(PASSWORD)
    assert info.value.wait_seconds == lockout_seconds(3)


def test_changing_the_password_keeps_the_data(ws: Workspace, co: Coordinator, target: Target) -> None:
    person = ws.create_person("Олена", hub="Хаб 1", pin="4321")
    with pytest.raises(CoordinatorLocked):
        co.change_password("not the password", "new-password-2025")
    co.change_password(PASSWORD, "new-password-2025")
    with pytest.raises(CoordinatorLocked):
        ws.unlock_coordinator(PASSWORD)
    again = ws.unlock_coordinator("new-password-2025")
    assert [p.name for p in ws.people()] == ["Олена"]
    assert ws.check_pin(person.id, "4321")
    assert [r.name for r in again.dashboard().rows] == ["Олена"]
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as reopened:
        assert isinstance(reopened.unlock_coordinator("new-password-2025"), Coordinator)


def test_a_pin_protected_person_opens_with_the_pin_or_by_the_coordinator(
    ws: Workspace, co: Coordinator
) -> None:
    person = ws.create_person("Андрій", pin="2468")
    assert not ws.check_pin(person.id, "0000")
    assert ws.check_pin(person.id, "2468")
    assert co.open_person(person.id) == person
