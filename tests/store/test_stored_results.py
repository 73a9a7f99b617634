"""Stored results are facts: attempts made by this release show the same after the engine changes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from digigram.core import irt, paths, selection
from digigram.core.engine import Quiz
from digigram.core.loader import load_framework
from digigram.core.result_record import result_to_record
from digigram.services.workspace import Workspace
from digigram.store.startup import open_store
from tests.store.conftest import SMALL

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "attempts_engine2.json").read_text("utf-8"))
EXPECTED = FIXTURE["expected"]


def _load_fixture(data_dir: Path) -> None:
    open_store(data_dir=data_dir).close()
    con = sqlite3.connect(paths.database_path(data_dir))
    with con:
        for table, rows in FIXTURE["tables"].items():
            for row in rows:
                names = ", ".join(row)
                marks = ", ".join("?" * len(row))
                con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))
    con.close()


@pytest.fixture
def changed_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A later release: other default slopes, and a selection rule that picks the least useful question."""
    monkeypatch.setitem(irt.DEFAULT_SLOPES, "knowledge", 0.5)
    monkeypatch.setitem(irt.DEFAULT_SLOPES, "scenario", 2.5)
    monkeypatch.setitem(irt.DEFAULT_SLOPES, "self_rating", 1.0)

    def least_useful(self: selection.Selector, state: selection.AreaState, kind: str) -> Any:
        rows = self.candidates(state.area_id, kind)
        if rows.size == 0:
            return None
        info = self.information_at(rows, self.where(state, kind))
        return int(rows[int(np.argmin(info))]), float(info.max())

    monkeypatch.setattr(selection.Selector, "best_item", least_useful)


def test_the_change_would_alter_results_recomputed_from_answers(changed_engine: None) -> None:
    """The changed engine really differs: without stored results the same answers would read otherwise."""
    record = EXPECTED["finished"]["record"]
    fw = load_framework(SMALL)  # a fresh bank, built with the changed slopes
    answers = [(e["item"], tuple(e["choice"]) if isinstance(e["choice"], list) else e["choice"])
               for e in record["evidence"]]
    again = Quiz.restore(fw, profile=record["profile"], mode=record["mode"], seed=0, answers=answers)
    thetas = {a["area"]: a["theta"] for a in record["areas"]}
    assert any(abs(r.theta - thetas[a]) > 0.01 for a, r in again.result().areas.items())


def test_finished_attempts_show_what_was_stored(data_dir: Path, changed_engine: None) -> None:
    _load_fixture(data_dir)
    finished = EXPECTED["finished"]
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        result = ws.results_for(finished["attempt"])
        history = ws.history(ws.attempt(finished["attempt"]).person_id)
    assert json.loads(json.dumps(result_to_record(result))) == finished["record"]
    (attempt,) = history
    assert [(o.area_id, o.theta, o.level, o.said_level) for o in attempt.areas] == [
        (a["area"], a["theta"], a["level"], None if a["said"] is None else a["said"]["level"])
        for a in finished["record"]["areas"]]
    assert attempt.engine_version == "2"


def test_an_unfinished_attempt_resumes_at_the_same_question(data_dir: Path, changed_engine: None) -> None:
    _load_fixture(data_dir)
    unfinished = EXPECTED["unfinished"]
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        session = ws.resume_quiz(unfinished["attempt"])
        current = session.current_item
        assert current is not None and current.id == unfinished["pending"]
        assert session.progress().asked == unfinished["answers"]
        # It goes on under the new rules from there, and what it stores carries the language.
        session.answer(0 if current.on_scale or current.select == "one" else [0], language="en")
        assert session.progress().asked == unfinished["answers"] + 1
