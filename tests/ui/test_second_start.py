"""Starting Digigram again on the same data brings the open window forward instead of opening another.

Every test runs real app processes on the platform the suite runs on (offscreen, or Xvfb's X server):
the first is the app itself with a few lines that report what its window does; the second is the plain
`python -m digigram`, as a double-click on the icon starts it.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from digigram.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 90  # a guard against a hang on a slow machine, not a measure of speed

# The app as `digigram` starts it, and lines on standard output saying what its window does.
REPORTING_APP = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    import digigram.app as app

    opened = app.open_window

    def open_window(args):
        win = opened(args)

        class Watch(QObject):
            def eventFilter(self, obj, event):
                if obj is win and event.type() == QEvent.Type.WindowStateChange:
                    print("minimised" if win.isMinimized() else "restored", flush=True)
                return False

        win._watch = Watch(win)
        win.installEventFilter(win._watch)

        def ready():
            print("ready", flush=True)
            if "--minimise" in sys.argv:
                win.showMinimized()

        win.ready.connect(lambda: QTimer.singleShot(0, ready))
        return win

    app.open_window = open_window
    from digigram.__main__ import main
    sys.exit(main([a for a in sys.argv[1:] if a != "--minimise"]))
""")


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), TZ="Europe/Kyiv")


class Running:
    """An app process and the lines it has printed, read as they come."""

    def __init__(self, data_dir: Path, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", REPORTING_APP, "--data-dir", str(data_dir), "--lang", "en", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put("(ended)")

    def next_line(self) -> str:
        try:
            return self.lines.get(timeout=WAIT_S)
        except queue.Empty:
            return "(nothing)"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(WAIT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def started() -> Iterator[list[Running]]:
    running: list[Running] = []
    yield running
    for app in running:
        app.stop()


def _start(started: list[Running], data_dir: Path, *extra: str) -> Running:
    app = Running(data_dir, *extra)
    started.append(app)
    return app


def _start_plain(data_dir: Path, *, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """`python -m digigram` as the icon starts it; a window that opened would never end it: a failure."""
    return subprocess.run([sys.executable, "-m", "digigram", "--data-dir", str(data_dir), "--lang", lang],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=WAIT_S)


def test_a_second_start_brings_the_minimised_window_back_and_ends(data_dir: Path,
                                                                   started: list[Running]) -> None:
    first = _start(started, data_dir, "--minimise")
    assert first.next_line() == "ready"
    assert first.next_line() == "minimised"

    second = _start_plain(data_dir)

    assert second.returncode == 0
    assert "already open" in second.stderr and "brought to the front" in second.stderr
    assert first.next_line() == "restored"  # the first window, back on screen
    assert first.proc.poll() is None  # and still open

    again = _start_plain(data_dir, lang="uk")  # each further start does the same, said in Ukrainian
    assert again.returncode == 0
    assert "вже відкрито" in again.stderr or "уже відкрито" in again.stderr


def test_a_window_killed_outright_does_not_keep_the_next_start_out(data_dir: Path,
                                                                   started: list[Running]) -> None:
    first = _start(started, data_dir)
    assert first.next_line() == "ready"
    first.proc.send_signal(signal.SIGKILL)  # a crash or a PC turned off: nothing is cleaned up
    first.proc.wait()

    after = _start(started, data_dir)
    assert after.next_line() == "ready"  # a new window opened on the same data


def test_two_data_folders_each_get_their_own_window(tmp_path: Path, started: list[Running]) -> None:
    one = _start(started, tmp_path / "one")
    assert one.next_line() == "ready"
    other = _start(started, tmp_path / "other")
    assert other.next_line() == "ready"
    assert one.proc.poll() is None and other.proc.poll() is None


def _cli(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digigram", *args, "--data-dir", str(data_dir)],
                          input=stdin, capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=WAIT_S)


def test_commands_that_write_wait_for_the_window_to_close_and_those_that_read_do_not(
        data_dir: Path, started: list[Running]) -> None:
    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Петро")
        ws.set_coordinator_password("coordinator-2024")
    window = _start(started, data_dir)
    assert window.next_line() == "ready"

    deleting = _cli(data_dir, "delete", "--person", "Петро", "--lang", "uk", stdin="coordinator-2024\n")
    assert deleting.returncode == 2
    assert "відкрито у вікні" in deleting.stderr and "digigram delete" in deleting.stderr
    restoring = _cli(data_dir, "restore", "1", "--lang", "en", stdin="coordinator-2024\n")
    assert restoring.returncode == 2 and "open in a window" in restoring.stderr
    listing = _cli(data_dir, "people", "--lang", "en")
    assert listing.returncode == 0 and "Петро" in listing.stdout  # still there, and listed

    window.stop()
    deleting = _cli(data_dir, "delete", "--person", "Петро", "--lang", "en", stdin="coordinator-2024\n")
    assert deleting.returncode == 0, deleting.stderr
    assert "Петро" not in _cli(data_dir, "people", "--lang", "en").stdout


def test_looking_for_a_window_leaves_nothing_in_a_mistyped_folder(tmp_path: Path) -> None:
    mistyped = tmp_path / "no-such-folder"
    restoring = _cli(mistyped, "restore", "1", "--lang", "en", stdin="coordinator-2024\n")
    assert restoring.returncode == 1 and "no backups" in restoring.stdout
    assert not mistyped.exists()


# `python -m digigram` as the icon starts it, with a message box answered by printing what it says.
ANSWERING_START = textwrap.dedent("""
    import sys
    import digigram.ui.errors as errors

    def answered(box):
        print("box: " + box.text(), flush=True)
        return 0

    errors.ask_box = answered
    from digigram.__main__ import main
    sys.exit(main(sys.argv[1:]))
""")


def _start_answering(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", ANSWERING_START, *args], capture_output=True, text=True,
                          env=_env(), cwd=ROOT, timeout=WAIT_S)


def test_no_window_opens_while_a_command_changes_the_data_and_it_is_said_why(data_dir: Path) -> None:
    """A command that writes looked for a window once and went on: a window opened while `digigram quiz`
    waited for an answer, and the same check then took answers in both."""
    with Workspace.open(data_dir=data_dir) as ws:
        ws.create_person("Петро")
    quiz = subprocess.Popen([sys.executable, "-m", "digigram", "quiz", "--person", "Петро", "--data-dir",
                             str(data_dir), "--lang", "uk"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    try:
        assert quiz.stdout is not None
        quiz.stdout.readline()  # the quiz has begun: the claim is its own until it ends
        window = _start_answering("--data-dir", str(data_dir), "--lang", "uk")
        assert window.returncode == 1
        assert "змінює команда Digigram" in window.stdout  # said in a box: a double-click has no terminal
    finally:
        quiz.kill()
        quiz.wait()
    after = subprocess.Popen([sys.executable, "-c", REPORTING_APP, "--data-dir", str(data_dir)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    try:
        assert after.stdout is not None and after.stdout.readline().strip() == "ready"  # now it opens
    finally:
        after.kill()
        after.wait()


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="stopping a process needs POSIX signals")
def test_a_window_that_does_not_answer_is_said_so_not_said_to_have_come(data_dir: Path,
                                                                        started: list[Running]) -> None:
    first = _start(started, data_dir)
    assert first.next_line() == "ready"
    first.proc.send_signal(signal.SIGSTOP)  # a window frozen by something: it cannot come forward
    try:
        second = _start_answering("--data-dir", str(data_dir), "--lang", "en")
    finally:
        first.proc.send_signal(signal.SIGCONT)
    assert second.returncode == 1
    assert "does not answer" in second.stdout and "brought to the front" not in second.stderr


def test_the_window_still_comes_forward_after_its_request_file_was_deleted(data_dir: Path,
                                                                           started: list[Running]) -> None:
    first = _start(started, data_dir, "--minimise")
    assert first.next_line() == "ready"
    assert first.next_line() == "minimised"
    (data_dir / "digigram.sqlite3.window-request").unlink()  # a cleaning tool, a person tidying up

    second = _start_plain(data_dir)
    assert second.returncode == 0, second.stderr
    assert first.next_line() == "restored"


def test_a_link_to_the_same_database_is_the_same_window(tmp_path: Path, data_dir: Path,
                                                        started: list[Running]) -> None:
    first = _start(started, data_dir)
    assert first.next_line() == "ready"
    link = tmp_path / "з пробілом" / "db.sqlite3"
    link.parent.mkdir()
    link.symlink_to(data_dir / "digigram.sqlite3")
    second = subprocess.run([sys.executable, "-m", "digigram", "--database", f"sqlite:///{link}", "--lang",
                             "en"], capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=WAIT_S)
    assert second.returncode == 0 and "brought to the front" in second.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_forked_child_does_not_keep_the_claim_of_a_window_that_ended(tmp_path: Path) -> None:
    """The bundle import's second process is forked from the window: holding its copy of the lock, it
    kept every next start out, told that a window had come forward, until it ended."""
    from digigram.services import one_window

    database = tmp_path / "digigram.sqlite3"
    claim = one_window.claim_window(database)
    assert claim is not None
    started_r, started_w = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child says it runs, sleeps and leaves
        import time

        os.write(started_w, b"!")
        time.sleep(5)
        os._exit(0)
    try:
        assert os.read(started_r, 1) == b"!"
        claim.release()  # the window ends while its child still runs
        again = one_window.claim_window(database, settle_s=0.0)
        assert again is not None, "the child kept the claim"
        again.release()
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        os.close(started_r)
        os.close(started_w)
