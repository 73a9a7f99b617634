"""A PIN-protected person's data only with their PIN or the coordinator password; secrets out of reach."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from digigram.cli.main import main
from digigram.core import paths
from digigram.core.errors import DigigramError
from digigram.services.workspace import Workspace
from tests.store.conftest import SMALL

PIN = "4817"
PASSWORD = "Бібліотека-2025"
VAULT = "digigram-secrets.sqlite3"


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path,
         *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main([*args, "--data-dir", str(data_dir), "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def _protected(data_dir: Path, *, password: bool = False) -> str:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        person = ws.create_person("Олена", hub="Хаб 1", pin=PIN)
        session = ws.start_quiz(person.id, mode="quick")
        session.answer(0)
        if password:
            ws.set_coordinator_password(PASSWORD)
        return person.id


def test_export_of_a_protected_person_needs_their_pin_or_the_coordinator(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    _protected(data_dir, password=True)
    export = ("export", "--person", "Олена", "--framework", str(SMALL))
    for typed in ("", "0000\n"):
        code, out, err = _cli(monkeypatch, capsys, data_dir, *export, stdin=typed)
        assert code != 0 and out == "", "nothing of the record may be printed"
        assert "PIN does not match" in err
    code, out, _ = _cli(monkeypatch, capsys, data_dir, *export, stdin=PIN + "\n")
    assert code == 0 and json.loads(out)["person"]["name"] == "Олена"
    code, out, err = _cli(monkeypatch, capsys, data_dir, *export, "--coordinator", stdin="wrong-password\n")
    assert code != 0 and out == "" and "Wrong coordinator password" in err
    code, out, _ = _cli(monkeypatch, capsys, data_dir, *export, "--coordinator", stdin=PASSWORD + "\n")
    assert code == 0 and len(json.loads(out)["attempts"]) == 1


def test_wrong_pins_bring_a_growing_wait_that_a_restart_keeps(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    _protected(data_dir)
    quiz = ("quiz", "--person", "Олена", "--framework", str(SMALL))
    code, out, _ = _cli(monkeypatch, capsys, data_dir, *quiz, stdin="1111\n")  # one slip costs nothing
    assert code == 1 and "PIN does not match" in out
    code, out, err = _cli(monkeypatch, capsys, data_dir, *quiz, stdin="2222\n")
    assert code != 0 and "next try is possible in 2 s" in out + err
    # Each run is a fresh process state reading the count from disk: the right PIN must wait too.
    code, out, err = _cli(monkeypatch, capsys, data_dir, *quiz, stdin=PIN + "\n")
    assert code != 0 and "Try again in" in err and "[" not in out  # no question was shown
    time.sleep(2.2)
    code, out, _ = _cli(monkeypatch, capsys, data_dir, *quiz, stdin=PIN + "\nq\n")
    assert code == 0 and "Resuming the check" in out


def test_a_pin_typed_at_a_terminal_is_not_echoed(data_dir: Path) -> None:
    _protected(data_dir)
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "digigram", "quiz", "--person", "Олена", "--framework", str(SMALL),
         "--data-dir", str(data_dir), "--lang", "en"],
        stdin=child_fd, stdout=child_fd, stderr=child_fd, close_fds=True,
    )
    os.close(child_fd)
    seen = b""

    def read_until(marker: bytes, timeout: float = 60) -> None:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while marker not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(main_fd, 4096)
                except OSError:
                    return

    try:
        read_until(b"PIN")
        time.sleep(0.5)  # the prompt is on screen; the terminal now has echo off, or not
        os.write(main_fd, (PIN + "\n").encode())
        read_until(b"Resuming")
        os.write(main_fd, b"q\n")
        read_until(b"paused")
    finally:
        proc.wait(timeout=60)
        os.close(main_fd)
    assert b"Resuming the check" in seen
    assert PIN.encode() not in seen


def test_restore_needs_the_password_and_cannot_take_it_or_the_wait_away(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.create_person("Олена")
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:  # a backup from before the password
        ws.set_coordinator_password(PASSWORD)
        ws.create_person("Тарас")
    db = paths.database_path(data_dir)
    before = db.read_bytes()
    for typed in ("", "not-the-password\n"):
        code, out, err = _cli(monkeypatch, capsys, data_dir, "restore", "1", stdin=typed)
        assert code != 0 and "Restored" not in out
        assert db.read_bytes() == before
    code, out, err = _cli(monkeypatch, capsys, data_dir, "restore", "1", stdin=PASSWORD + "\n")
    assert code != 0 and "Try again in" in err, "two wrong tries are followed by a wait, even for restore"
    time.sleep(2.2)
    code, out, _ = _cli(monkeypatch, capsys, data_dir, "restore", "1", stdin=PASSWORD + "\n")
    assert code == 0 and "Restored" in out
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert [p.name for p in ws.people()] == ["Олена"]  # the data went back in time …
        assert ws.coordinator_password_set()  # … the password did not
        with pytest.raises(DigigramError):
            ws.set_coordinator_password("a-trainee-s-own")
        ws.unlock_coordinator(PASSWORD)


def test_the_password_of_an_older_version_moves_out_of_the_database(data_dir: Path) -> None:
    from digigram.services.secrets import hash_secret

    with Workspace.open(data_dir=data_dir, framework_path=SMALL):
        pass
    db = paths.database_path(data_dir)
    con = sqlite3.connect(db)
    with con:  # as an older Digigram kept them: in the settings table
        con.execute("INSERT INTO setting VALUES ('coordinator.password', ?)",
                    (json.dumps(hash_secret(PASSWORD)),))
        con.execute("INSERT INTO setting VALUES ('coordinator.failures', ?)",
                    (json.dumps({"count": 1, "last": "2025-01-01T00:00:00+00:00"}),))
    con.close()
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert ws.coordinator_password_set()
        ws.unlock_coordinator(PASSWORD)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM setting WHERE key LIKE 'coordinator.%'").fetchone() == (0,)
    con.close()


def test_wrong_passwords_typed_at_the_same_moment_are_all_counted(data_dir: Path) -> None:
    n = 8
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
    script = textwrap.dedent("""
        import sys
        from digigram.core.errors import DigigramError
        from digigram.services.workspace import Workspace
        with Workspace.open(data_dir=sys.argv[1], framework_path=sys.argv[2]) as ws:
            print("ready", flush=True)
            sys.stdin.readline()
            try:
                ws.unlock_coordinator("a-wrong-guess")
            except DigigramError as exc:
                print(exc.message("en"), flush=True)
    """)
    command = [sys.executable, "-c", script, str(data_dir), str(SMALL)]
    procs = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(n)]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    judged = sum("Wrong coordinator password" in out for out in outputs)
    assert judged >= 2 and all(("Wrong" in out) or ("Try again" in out) for out in outputs)
    con = sqlite3.connect(data_dir / VAULT)
    (stored,) = con.execute("SELECT value FROM secret WHERE key = 'coordinator.failures'").fetchone()
    con.close()
    # Every guess that was looked at is on record; the others were refused unseen, during the wait.
    assert json.loads(stored)["count"] == judged


def test_a_failed_write_leaves_no_name_hub_or_pin_hash_in_the_crash_log(data_dir: Path) -> None:
    script = textwrap.dedent("""
        import sqlite3, sys
        from pathlib import Path
        from digigram.services.workspace import Workspace
        from digigram.ui.errors import CrashHandler
        folder = Path(sys.argv[1])
        with Workspace.open(data_dir=folder, framework_path=sys.argv[2]) as ws:
            con = sqlite3.connect(ws.database_path)
            con.execute("CREATE TRIGGER refuse BEFORE INSERT ON person BEGIN SELECT RAISE(ABORT, 'no'); END")
            con.commit()
            con.close()
            try:
                ws.create_person("Ярина Приватна", hub="Хаб Таємний", pin="9137")
            except Exception:
                CrashHandler(folder)(*sys.exc_info())
    """)
    done = subprocess.run([sys.executable, "-c", script, str(data_dir), str(SMALL)], capture_output=True,
                          text=True, timeout=120, check=False)
    log = data_dir / "digigram-errors.log"
    text = log.read_text(encoding="utf-8")
    assert "INSERT INTO person" in text, done.stderr  # the failure itself is logged …
    for secret in ("Ярина", "Таємний", "scrypt$"):
        assert secret not in text and secret not in done.stderr  # … without what was being written
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_every_file_written_holds_owner_only_permissions(tmp_path: Path, data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        person = ws.create_person("Олена", pin=PIN)
        ws.set_coordinator_password(PASSWORD)
        ws.start_quiz(person.id, mode="quick").answer(0)
        ws.backup_now("manual")
        bundle = tmp_path / "hub.zip"
        ws.unlock_coordinator(PASSWORD).export_bundle(bundle, key=None)
        files = [p for p in data_dir.rglob("*") if p.is_file()] + [bundle]
        modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files}  # -wal/-shm while open
    names = set(modes)
    assert {"digigram.sqlite3", VAULT, "hub.zip"} <= names
    assert any(n.endswith("-manual.sqlite3") for n in names)
    assert set(modes.values()) == {"0o600"}, modes


def test_people_hides_protected_details_and_never_prints_terminal_codes(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    _protected(data_dir)
    con = sqlite3.connect(paths.database_path(data_dir))
    with con:  # as an older version or a bundle might have stored it
        con.execute("INSERT INTO person (id, name, hub, group_tag, created_at) VALUES "
                    "('x', 'Іван\x1b[2J\x1b]0;owned\x07', '\x1b[31mХаб', '', '2025-01-01 10:00:00')")
    con.close()
    code, out, _ = _cli(monkeypatch, capsys, data_dir, "people", "--framework", str(SMALL))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "Іван\\u001b[2J" in out
    (olena,) = [line for line in out.splitlines() if line.startswith("Олена")]
    assert "protected by a PIN" in olena and "unfinished" not in olena


@pytest.mark.parametrize("pin", ["1", "12", "123", " ", "    ", "1  2", "1 2 3"])
def test_a_pin_guessed_in_a_few_tries_is_refused(data_dir: Path, pin: str) -> None:
    """A PIN of one digit, or of spaces, was taken: on a shared PC it falls in a few tries."""
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        with pytest.raises(DigigramError) as info:
            ws.create_person("Олена", pin=pin)
        assert "at least 4" in info.value.message("en") and "щонайменше 4" in info.value.message("uk")
        assert ws.people() == []
        assert ws.create_person("Олена", pin="2718").has_pin


def test_the_first_password_over_pins_comes_from_the_command_line_which_also_changes_it(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """The window no longer offers a first coordinator password once people have PINs; `digigram password`
    sets it (saying that it opens their results too) and changes it after the current one."""
    person_id = _protected(data_dir)
    password = ["password"]
    code, out, err = _cli(monkeypatch, capsys, data_dir, *password, stdin=f"{PASSWORD}\nsomething else\n")
    assert code == 2 and "differ" in err and "Traceback" not in err
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert ws.first_password_guarded() and not ws.coordinator_password_set()

    code, out, err = _cli(monkeypatch, capsys, data_dir, *password, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 0, err
    assert "protect their results with a PIN" in err and "password is set" in out
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert not ws.first_password_guarded()
        ws.unlock_coordinator(PASSWORD).open_person(person_id)

    code, out, err = _cli(monkeypatch, capsys, data_dir, *password,
                          stdin=f"{PASSWORD}\nновий-пароль-2026\nновий-пароль-2026\n")
    assert code == 0 and "changed" in out, err
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.unlock_coordinator("новий-пароль-2026")
