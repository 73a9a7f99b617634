"""Power cuts mid-quiz: a terminal quiz killed with SIGKILL at random points loses no shown-on answer."""

from __future__ import annotations

import json
import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from digigram.core import paths
from digigram.core.engine import Quiz
from digigram.core.loader import load_framework
from tests.store.conftest import SMALL

FW = load_framework(SMALL)
ITEM = re.compile(r"\[([A-Z0-9.\-]+)\]")
KILLS = 22

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


class Run:
    """One quiz process, read until each prompt."""

    def __init__(self, data_dir: Path) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "digigram", "quiz", "--person", "Olena", "--framework", str(SMALL),
             "--data-dir", str(data_dir), "--lang", "en"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0, env=env,
        )
        self.buffer = b""

    def until_prompt(self, timeout: float = 20.0) -> str | None:
        """The output up to the next prompt, or None when the process ended first."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while not self.buffer.endswith(b"> "):
            ready, _, _ = select.select([self.proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"no prompt within {timeout} s: {self.buffer!r}")
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buffer += chunk
        text, self.buffer = self.buffer.decode("utf-8"), b""
        return text

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode("utf-8") + b"\n")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def _line_for(item_id: str, rng: random.Random) -> str:
    item = FW.item(item_id)
    if item.on_scale:
        assert item.scale is not None
        return str(rng.randint(1, len(FW.scales[item.scale].points)))
    if item.select == "many":
        return ",".join(str(k) for k in sorted(rng.sample(range(1, len(item.options) + 1), 2)))
    return str(rng.randint(0, len(item.options)))


def _stored(db: Path) -> tuple[dict[str, Any] | None, list[tuple[str, object]]]:
    """The unfinished attempt (seed, mode, profile, exclude) and its answers, read straight from the file."""
    con = sqlite3.connect(db)
    try:
        row = con.execute(
            "SELECT id, seed, mode, profile_id, excluded FROM attempt WHERE status = 'in_progress'"
        ).fetchone()
        if row is None:
            return None, []
        answers = [
            (item_id, json.loads(choice))
            for item_id, choice in con.execute(
                "SELECT item_id, choice FROM answer WHERE attempt_id = ? ORDER BY sequence", (row[0],)
            )
        ]
        attempt = {"id": row[0], "seed": row[1], "mode": row[2], "profile": row[3],
                   "exclude": frozenset(json.loads(row[4]))}
        return attempt, answers
    finally:
        con.close()


def _choice_of(item_id: str, line: str) -> object:
    numbers = [int(p) for p in line.split(",")]
    item = FW.item(item_id)
    if item.offers_dont_know and numbers == [0]:
        return None
    if item.select == "many" and not item.on_scale:
        return [k - 1 for k in numbers]
    return numbers[0] - 1


@pytest.mark.slow
def test_sigkill_at_random_points_loses_no_answer_and_resumes_at_the_same_question(tmp_path: Path) -> None:
    rng = random.Random(20240601)
    data_dir = tmp_path / "data"
    db = paths.database_path(data_dir)
    kills = 0
    checked_resumes = 0
    expect: str | None = None  # what the next run must show first: an item id or "rating"
    while kills < KILLS:
        run = Run(data_dir)
        answered_then_shown: list[tuple[str, object]] = []  # answers followed by a new question
        last_shown: str | None = None
        sent: tuple[str, str] | None = None
        budget = rng.randint(0, 4)  # prompts to answer before the power cut
        first = True
        while True:
            text = run.until_prompt()
            if text is None:
                break
            found = ITEM.findall(text)
            if first and expect is not None:
                # Resumed exactly where the stored answers lead, and nothing was asked twice.
                assert "Resuming the check" in text
                assert (found or ["rating"]) == [expect]
                if expect != "rating":
                    assert "now rate" not in text
                checked_resumes += 1
            first = False
            if sent is not None and (found or "now rate" in text):
                answered_then_shown.append((sent[0], _choice_of(*sent)))
            sent = None
            if found:
                last_shown = found[-1]
            if budget == 0:
                break
            budget -= 1
            if "Do you agree" in text:
                run.send("yes")
            elif "rate your" in text or "now rate" in text:
                run.send(str(rng.randint(1, 10)))
            else:
                assert last_shown is not None
                line = _line_for(last_shown, rng)
                sent = (last_shown, line)
                run.send(line)
        time.sleep(rng.random() * 0.05)  # land the cut anywhere: before, during or after the commit
        run.kill()
        kills += 1
        expect = None
        attempt, stored = _stored(db) if db.exists() else (None, [])
        if attempt is None:
            continue
        # Every answer after which a new question appeared is on disk, in order, as given.
        for pair in answered_then_shown:
            assert pair in stored, f"lost answer {pair}; stored {stored}"
        replayed = Quiz.replay(
            FW, profile=str(attempt["profile"]), mode=str(attempt["mode"]), seed=attempt["seed"],
            exclude=attempt["exclude"],
            answers=[(i, tuple(c) if isinstance(c, list) else c) for i, c in stored],
        )
        nxt = replayed.next_item()
        expect = "rating" if nxt is None else nxt.id
        if last_shown is not None and last_shown not in {i for i, _ in stored}:
            # The last question shown was not answered on disk: it is the one asked again.
            assert expect == last_shown
    assert checked_resumes >= KILLS // 3
