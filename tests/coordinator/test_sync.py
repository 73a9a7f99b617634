"""`digigram sync`: a coordinator PC pushes to the regional PostgreSQL; a connection killed midway changes
nothing, and running it again completes without adding anything twice."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from digigram.core.errors import DigigramError
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.conftest import PASSWORD
from tests.coordinator.test_bundle_support import SMALL, make_hub
from tests.disks import make_read_only

POSTGRESQL_ONLY = pytest.mark.parametrize("engine_name", ["postgresql"])  # the regional tier
APP = "digigram-sync-test"


def _sync(data_dir: Path, url: str, *, beside: Path | None = None) -> subprocess.Popen[str]:
    # standard input from a file: the password as if typed
    secret = (beside or data_dir.parent) / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    with secret.open("rb") as stdin:
        return subprocess.Popen(
            [sys.executable, "-m", "digigram", "sync", "--data-dir", str(data_dir), "--database", url,
             "--framework", str(SMALL), "--lang", "en"],
            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def _cut_at_first_write(region: Target, app: str, start: Callable[[], Any],
                        running: Callable[[Any], bool]) -> tuple[Any, bool]:
    """Start a writer (`start()`, whose connections are named `app`) while the person table is locked, so
    it waits at its first write; end its connection there, inside its transaction, as a dropped network
    would. Returns what start() gave and whether the connection was ended."""
    gate = region.engine()
    with gate.connect() as conn:
        conn.execute(text("LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE"))
        started = start()
        killed, deadline = False, time.monotonic() + 240
        while not killed and time.monotonic() < deadline and running(started):
            time.sleep(0.2)
            with gate.connect() as probe:
                killed = bool(probe.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = :app AND wait_event_type = 'Lock'"), {"app": app}).scalar_one())
        conn.commit()
    gate.dispose()
    return started, killed


def _counts(target: Target) -> dict[str, int]:
    engine = target.engine()
    with engine.connect() as conn:
        # Answers as Digigram reads them: a synced check's are packed into one row (revision 0013).
        found = {t: int(conn.execute(text(f"SELECT count(*) FROM {'answer_all' if t == 'answer' else t}"))
                        .scalar_one())
                 for t in ("person", "attempt", "answer", "area_result", "plan", "plan_step")}
    engine.dispose()
    return found


@POSTGRESQL_ONLY
def test_a_killed_connection_changes_nothing_and_a_rerun_completes_once(
        new_target: Callable[..., Target], tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    make_hub(hub, people=3)
    with Workspace.open(data_dir=hub, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
    region = new_target()
    url = f"{region.url}&application_name={APP}"

    proc, killed = _cut_at_first_write(region, APP, lambda: _sync(hub, url), lambda p: p.poll() is None)
    out, err = proc.communicate(timeout=120)
    assert killed, err
    assert proc.returncode == 2, out + err
    assert "rolled back" in err and "Nothing was imported" in err
    assert set(_counts(region).values()) == {0}  # the region is as it was

    again = _sync(hub, url)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "answers: " in err  # progress was shown
    first = _counts(region)
    assert first["attempt"] > 0 and first["answer"] > 0

    once_more = _sync(hub, url)
    out, err = once_more.communicate(timeout=300)
    assert once_more.returncode == 0, err
    assert "answers: 0 new" in out
    assert _counts(region) == first  # nothing twice


@POSTGRESQL_ONLY
def test_a_hub_folder_that_cannot_be_written_is_pushed_all_the_same(
        new_target: Callable[..., Target], read_only_mount: Path, tmp_path: Path) -> None:
    """A hub's folder on a write-protected stick (or a backup disk) was refused: «Digigram has to write
    answers into it». A sync only reads it."""
    hub = read_only_mount / "hub"
    checks = make_hub(hub, people=2)
    with Workspace.open(data_dir=hub, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
    make_read_only(read_only_mount, hub)
    region = new_target()
    proc = _sync(hub, region.url, beside=tmp_path)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    pushed = _counts(region)
    assert pushed["attempt"] == len(checks) and pushed["answer"] > 0, out


@pytest.mark.parametrize(("url", "fault"), [
    ("postgresql+psycopg://digigram:s3cret@db.region.ua/digigram", "password"),
    ("sqlite:///elsewhere.sqlite3", "postgresql+psycopg://"),
    ("not a url at all", "not a database address"),
])
def test_an_address_with_a_password_or_not_postgresql_is_refused_before_anything_is_sent(
        url: str, fault: str) -> None:
    from digigram.core.errors import DigigramError
    from digigram.services.sync import check_url

    with pytest.raises(DigigramError) as caught:
        check_url(url)
    assert fault in caught.value.message("en")
    assert caught.value.message("uk") != caught.value.message("en")
    good = "postgresql+psycopg://digigram@/digigram?service=rivne-import"
    assert check_url(f"  {good} ") == good


# --- A server that cannot be reached: said within seconds, before the local database is read ---------


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on: connecting is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def http_port() -> Iterator[int]:
    """A port where a web server, not PostgreSQL, answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(1024)
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    yield listener.getsockname()[1]
    stop.set()
    server.join()
    listener.close()


@pytest.fixture
def coordinator(tmp_path: Path) -> Iterator[Any]:
    hub = tmp_path / "hub"
    make_hub(hub, people=3)
    with Workspace.open(data_dir=hub, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
        yield ws.unlock_coordinator(PASSWORD)


def _sync_in_background(co: Any, url: str, **kwargs: Any) -> tuple[threading.Thread, list[Any]]:
    """co.sync_to in a thread (a daemon, so a hang fails the test instead of holding it)."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(co.sync_to(url, lang="en", **kwargs))
        except DigigramError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    return worker, outcome


def test_a_server_that_never_answers_is_given_up_on_after_the_connect_timeout(
        coordinator: Any, silent_port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # A port that accepted the connection and never answered held the sync for 127 s (the driver's own
    # default); the app's default now bounds it. 3 s here, so that the test is short.
    from digigram.store import db

    monkeypatch.setattr(db, "CONNECT_TIMEOUT", 3, raising=False)
    started = time.monotonic()
    worker, outcome = _sync_in_background(coordinator, f"postgresql+psycopg://u@127.0.0.1:{silent_port}/x")
    worker.join(timeout=20)
    took = time.monotonic() - started
    assert outcome, f"still waiting for the server after {took:.0f} s"
    (error,) = outcome
    assert isinstance(error, DigigramError)
    assert "did not answer in time" in error.message("en")
    assert "не відповів вчасно" in error.message("uk")
    assert 2.5 <= took < 10

    # An address's own connect_timeout wins over the default.
    monkeypatch.setattr(db, "CONNECT_TIMEOUT", 60, raising=False)
    started = time.monotonic()
    worker, outcome = _sync_in_background(
        coordinator, f"postgresql+psycopg://u@127.0.0.1:{silent_port}/x?connect_timeout=2")
    worker.join(timeout=20)
    assert outcome and "did not answer in time" in outcome[0].message("en")
    assert time.monotonic() - started < 10


def test_a_cancel_while_the_server_keeps_the_connection_waiting_takes_effect_at_once(
        coordinator: Any, silent_port: int) -> None:
    stages: list[str] = []
    cancel = threading.Event()
    worker, outcome = _sync_in_background(
        coordinator, f"postgresql+psycopg://u@127.0.0.1:{silent_port}/x?connect_timeout=30",
        progress=lambda kind, done, total: stages.append(kind), cancelled=cancel.is_set)
    time.sleep(1)
    assert not outcome, "the sync should still be connecting"
    cancel.set()
    started = time.monotonic()
    worker.join(timeout=10)
    assert outcome, "the cancel was not taken while connecting"
    assert time.monotonic() - started < 2
    said = outcome[0].message("en")
    assert "was cancelled" in said and "Nothing was half-written" in said
    assert stages == ["connect"]


def test_a_refused_address_is_said_before_the_local_database_is_read(
        coordinator: Any, closed_port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # On 25,391 trainees a wrong address cost 199 s of "Preparing what to send…" before the refusal.
    from digigram.services import sync

    exported: list[Path] = []
    real_export = sync.export_bundle

    def export_spy(source: Any, path: Path, **kwargs: Any) -> Any:
        exported.append(path)
        return real_export(source, path, **kwargs)

    monkeypatch.setattr(sync, "export_bundle", export_spy)
    stages: list[str] = []
    with pytest.raises(DigigramError) as caught:
        coordinator.sync_to(f"postgresql+psycopg://u@127.0.0.1:{closed_port}/x", lang="en",
                            progress=lambda kind, done, total: stages.append(kind))
    assert "refused the connection" in caught.value.message("en")
    assert exported == [] and stages == ["connect"]


def test_a_port_that_is_not_postgresql_is_said_to_be_one_and_not_a_certificate_problem(
        coordinator: Any, http_port: int) -> None:
    with pytest.raises(DigigramError) as caught:
        coordinator.sync_to(f"postgresql+psycopg://u@127.0.0.1:{http_port}/x", lang="en")
    said = caught.value.message("en")
    assert "not as a PostgreSQL server" in said and "port" in said, said
    assert "certificate" not in said
    assert "не як сервер PostgreSQL" in caught.value.message("uk")


@POSTGRESQL_ONLY
def test_a_cancel_while_the_bundle_is_made_stops_it_before_the_region_is_touched(
        coordinator: Any, target: Target) -> None:
    """Preparing (making the local bundle) takes seconds on a PC that holds many checks, and a cancel
    then waited for the whole bundle. The export now asks at each file and every 2,000 records: here the
    cancel comes at its second question, inside the export, and the region's records are never reached."""
    from digigram.services.sync import PREPARING

    stages: list[str] = []
    asked_since_preparing = [0]

    def cancelled() -> bool:
        if PREPARING not in stages:
            return False
        asked_since_preparing[0] += 1
        return asked_since_preparing[0] >= 2

    worker, outcome = _sync_in_background(
        coordinator, target.url, progress=lambda kind, done, total: stages.append(kind), cancelled=cancelled)
    worker.join(timeout=120)
    assert outcome and isinstance(outcome[0], DigigramError), outcome
    said = outcome[0].message("en")
    assert "was cancelled" in said and "Nothing was half-written" in said
    assert stages == ["connect", PREPARING], stages  # no record of the region's import was reached
    assert set(_counts(target).values()) == {0}


@POSTGRESQL_ONLY
@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_ctrl_c_or_a_closed_terminal_says_so_and_leaves_no_bundle_behind(
        new_target: Callable[..., Target], tmp_path: Path, signal_name: str) -> None:
    """Ctrl+C ended the sync with no word; a closed terminal (SIGHUP) or `kill` (SIGTERM) left the
    bundle of every trainee's results in the temporary folder. Now each says the region is unchanged
    and that running again completes it, and the temporary folder is emptied."""
    import signal

    hub = tmp_path / "hub"
    make_hub(hub, people=3)
    with Workspace.open(data_dir=hub, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
    region = new_target()
    url = f"{region.url}&application_name={APP}"
    temp = tmp_path / "temp"
    temp.mkdir()
    gate = region.engine()  # holds the sync at its first write, inside its transaction
    with gate.connect() as conn:
        conn.execute(text("LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE"))
        secret = tmp_path / "password.txt"
        secret.write_text(PASSWORD + "\n", encoding="utf-8")
        with secret.open("rb") as stdin:
            proc = subprocess.Popen(
                [sys.executable, "-m", "digigram", "sync", "--data-dir", str(hub), "--database", url,
                 "--framework", str(SMALL), "--lang", "uk"],
                stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(temp)})
        waiting, deadline = False, time.monotonic() + 240
        while not waiting and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            with gate.connect() as probe:
                waiting = bool(probe.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = :app "
                    "AND wait_event_type = 'Lock'"), {"app": APP}).scalar_one())
        assert waiting and list(temp.iterdir()), "the sync never reached its first write"
        proc.send_signal(getattr(signal, signal_name))
        time.sleep(0.5)
        conn.commit()  # the driver's wait returns, and the signal is acted on before anything commits
    gate.dispose()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, out + err
    assert "Синхронізацію скасовано. Нічого не записано наполовину" in err
    assert "Traceback" not in err
    assert list(temp.iterdir()) == []  # no bundle of names and results left on the PC
    assert set(_counts(region).values()) == {0}


@POSTGRESQL_ONLY
def test_progress_lines_say_only_what_is_known(new_target: Callable[..., Target], tmp_path: Path) -> None:
    """The first line after "Preparing what to send…" read «люди: 0 з 0» (people: 0 of 0) while nothing
    was counted yet: each progress line now counts records that are there."""
    hub = tmp_path / "hub"
    make_hub(hub, people=3)
    with Workspace.open(data_dir=hub, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
    region = new_target()
    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    for lang, preparing, checking, people in (
            ("uk", "Готуємо те, що треба надіслати…", "Перевіряємо пакет…", "  люди: 4 з 4"),
            ("en", "Preparing what to send…", "Checking the bundle…", "  people: 4 of 4")):
        with secret.open("rb") as stdin:
            done = subprocess.run(
                [sys.executable, "-m", "digigram", "sync", "--data-dir", str(hub), "--database", region.url,
                 "--framework", str(SMALL), "--lang", lang],
                stdin=stdin, capture_output=True, text=True, timeout=300,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert done.returncode == 0, done.stderr
        lines = done.stderr.splitlines()
        assert lines[lines.index(preparing) + 1:lines.index(preparing) + 3] == [checking, people], lines
        assert not [line for line in lines if line.endswith((" з 0", " of 0"))], lines


@POSTGRESQL_ONLY
def test_a_bundle_import_cut_off_by_the_server_says_the_connection_was_lost_and_a_rerun_completes(
        new_target: Callable[..., Target], tmp_path: Path) -> None:
    from digigram.services.bundles.importer import export_bundle, import_bundle
    from digigram.store.startup import open_store
    from tests.coordinator.test_bundle_support import KEY

    hub = tmp_path / "hub"
    make_hub(hub, people=3)
    bundle = tmp_path / "hub.zip"
    with Workspace.open(data_dir=hub, framework_path=SMALL) as ws:
        export_bundle(ws, bundle, key=KEY)
    region = new_target()
    app = "digigram-import-test"
    url = f"{region.url}&application_name={app}"
    failed: list[BaseException] = []

    def run() -> None:
        store = open_store(database_url=url)
        try:
            import_bundle(store, bundle, key=KEY, framework_dir=SMALL.parent)
        except BaseException as exc:  # handed to the test's thread
            failed.append(exc)
        finally:
            store.close()

    def start() -> threading.Thread:
        worker = threading.Thread(target=run)
        worker.start()
        return worker

    worker, killed = _cut_at_first_write(region, app, start, lambda w: w.is_alive())
    worker.join(timeout=120)
    assert killed and len(failed) == 1
    caught = failed[0]
    assert isinstance(caught, DigigramError)
    en, uk = caught.message("en"), caught.message("uk")
    assert "connection to the database was lost" in en and "Nothing was imported" in en
    assert "running the import again completes it" in en.lower()
    assert "зʼєднання з базою даних обірвалося" in uk and "Нічого не імпортовано" in uk
    assert "OperationalError" not in en + uk
    assert set(_counts(region).values()) == {0}  # the region is as it was

    store = open_store(database_url=url)  # running it again completes it
    try:
        assert import_bundle(store, bundle, key=KEY, framework_dir=SMALL.parent).added["attempts"] > 0
    finally:
        store.close()


def _finish_a_check(ws: Workspace, person_id: str, seed: int) -> str:
    import random

    from tests.coordinator.test_bundle_support import some_choice

    quiz = ws.start_quiz(person_id, seed=seed, rating_before=4)
    rng = random.Random(seed)
    while (item := quiz.current_item) is not None:
        quiz.answer(some_choice(ws.framework, item, rng), seconds=3.0)
    quiz.finish(rating_after=7)
    return quiz.attempt_id


@POSTGRESQL_ONLY
def test_a_second_sync_sends_only_the_checks_the_region_lacks(
        new_target: Callable[..., Target], tmp_path: Path) -> None:
    """A repeat sync made and checked a bundle of every check this PC ever finished (116 s nationally) only
    for the region to skip them all. Checks the region holds now stay home, while a plan saved since on
    one of them still reaches the region, naming that check."""
    hub = tmp_path / "hub"
    make_hub(hub, people=3)
    region = new_target()
    with Workspace.open(data_dir=hub, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
        first = ws.unlock_coordinator(PASSWORD).sync_to(region.url, lang="en")
        pushed = _counts(region)
        assert first.added["attempts"] == pushed["attempt"] > 0
        person, old_check = next((p, a.id) for p in ws.people() for a in ws.history(p.id)
                                 if a.status == "finished")
        new_check = _finish_a_check(ws, person.id, seed=77)
        plan = ws.suggest_plan(old_check, lang="en")
        saved = ws.save_plan(person.id, type(plan)(person_id=person.id, steps=plan.steps[:1],
                                                   attempt_id=old_check)).ids[0]
        sent: dict[str, int] = {}  # the most of each kind heard, checked or written

        def heard(kind: str, done: int, total: int) -> None:
            sent[kind] = max(sent.get(kind, 0), done, total)

        second = ws.unlock_coordinator(PASSWORD).sync_to(region.url, lang="en", progress=heard)
        answers_of_new = next(a.n_answers for a in ws.history(person.id) if a.id == new_check)
    assert sent.get("attempts") == 1 and sent.get("answers") == answers_of_new, sent  # the new check alone
    assert second.added["attempts"] == 1 and second.unchanged["attempts"] == pushed["attempt"]
    assert second.added["answers"] == answers_of_new and second.unchanged["answers"] == pushed["answer"]
    assert second.unchanged["frameworks"] == 1  # the one framework: carried by the new check this time
    now = _counts(region)
    assert now["attempt"] == pushed["attempt"] + 1 and now["answer"] == pushed["answer"] + answers_of_new
    engine = region.engine()
    with engine.connect() as conn:
        linked, steps = conn.execute(text(
            "SELECT p.attempt_id, count(s.id) FROM plan p JOIN plan_step s ON s.plan_id = p.id "
            "WHERE p.id = :plan GROUP BY p.attempt_id"), {"plan": saved}).one()
    engine.dispose()
    assert (linked, steps) == (old_check, 1)


@POSTGRESQL_ONLY
def test_an_account_that_may_only_read_is_refused_before_the_bundle_is_made(
        new_target: Callable[..., Target], postgresql: Any, coordinator: Any) -> None:
    """The analyst's sync was refused only at its first write, after the whole bundle had been made and
    checked (about 40 s nationally)."""
    from digigram.core.errors import StorageError
    from tests.coordinator.test_roles_postgresql import _as, _roles

    region = new_target(migrated=False)
    _owner, _importer, analyst = _roles(postgresql, region)
    stages: list[str] = []
    with pytest.raises(StorageError) as refused:
        coordinator.sync_to(_as(region.url, analyst), lang="en",
                            progress=lambda kind, done, total: stages.append(kind))
    assert "read-only role" in refused.value.message("en")
    assert "лише для читання" in refused.value.message("uk")
    assert stages == ["connect"]  # nothing was prepared
    assert set(_counts(region).values()) == {0}


@POSTGRESQL_ONLY
def test_a_connection_ended_while_the_region_is_asked_what_it_holds_says_the_sync_stopped(
        new_target: Callable[..., Target], coordinator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sync's own words («Nothing was half-written… running the sync again completes it») were said
    only for a drop during the import; one while the region was asked which checks it holds gave the
    general «connection to the database server was lost»."""
    from digigram.services.bundles import rows
    from digigram.services.sync import SyncStopped

    region = new_target()
    asked = rows.held_checks

    def ended_first(session: Any, ids: Any) -> set[str]:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        other = region.engine()
        with other.connect() as conn:  # the server ends this session's connection, as a dropped network
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        other.dispose()
        return asked(session, ids)

    monkeypatch.setattr(rows, "held_checks", ended_first)
    with pytest.raises(SyncStopped) as stopped:
        coordinator.sync_to(region.url, lang="en")
    said = stopped.value.message("en")
    assert "connection to the regional database was lost" in said and "running the sync again" in said
    assert set(_counts(region).values()) == {0}
