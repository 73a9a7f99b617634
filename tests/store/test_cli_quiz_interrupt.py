"""Ctrl+C or a closed terminal in the middle of `digigram quiz`, with a real process: the person is told
their answers are kept, and the next run goes on from them."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.store.conftest import SMALL

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 60
QUESTION = re.compile(r"\[([A-Z0-9.\-]+)\]")


class Quiz:
    """`digigram quiz` in Ukrainian over pipes, and everything it has printed so far."""

    def __init__(self, data_dir: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "digigram", "quiz", "--person", "Олена", "--framework", str(SMALL),
             "--data-dir", str(data_dir), "--lang", "uk"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONPATH=str(ROOT), TZ="Europe/Kyiv"), cwd=ROOT)
        self.out = b""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := os.read(self.proc.stdout.fileno(), 4096):
            self.out += chunk

    def text(self) -> str:
        return self.out.decode("utf-8", "replace")

    def wait_for(self, pattern: str, count: int = 1) -> None:
        """Until the pattern has been printed `count` times and the quiz waits at its prompt."""
        deadline = time.monotonic() + WAIT_S
        while not (len(re.findall(pattern, self.text())) >= count and self.text().endswith("> ")):
            assert self.proc.poll() is None, f"the quiz ended early:\n{self.text()}"
            assert time.monotonic() < deadline, f"never printed {pattern!r}:\n{self.text()}"
            time.sleep(0.02)

    def type(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def __enter__(self) -> Quiz:
        return self

    def __exit__(self, *_: object) -> None:
        if self.proc.poll() is None:  # a failed step: nothing left running
            self.proc.kill()
            self.proc.wait()

    def end(self) -> tuple[int, str, str]:
        code = self.proc.wait(WAIT_S)
        self._reader.join(WAIT_S)
        assert self.proc.stderr is not None
        return code, self.text(), self.proc.stderr.read().decode()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "closed-or-killed"])
def test_stopped_at_a_question_the_quiz_says_the_answers_are_kept_and_the_next_run_goes_on(
        tmp_path: Path, stop: signal.Signals) -> None:
    """Ctrl+C at the second question ended the quiz with «> ^C» alone and status 130: a person could not
    know that their first answer was stored."""
    with Quiz(tmp_path) as quiz:
        quiz.wait_for("Ви згодні")
        quiz.type("так")
        quiz.wait_for("від 1 до 10")
        quiz.type("6")
        quiz.wait_for(QUESTION.pattern)
        quiz.type("1")
        quiz.wait_for(QUESTION.pattern, count=2)  # the first answer is stored: the second question is up
        quiz.proc.send_signal(stop)
        code, out, err = quiz.end()
    assert code == 130
    assert "Зупинено. Усі ваші відповіді збережено: щоб продовжити, запустіть цю команду ще раз." in out
    assert "Traceback" not in err
    with Quiz(tmp_path) as again:
        again.wait_for(QUESTION.pattern)
        again.type("q")
        code, out, _ = again.end()
    assert code == 0
    assert "Продовжуємо перевірку: відповідей уже 1." in out
