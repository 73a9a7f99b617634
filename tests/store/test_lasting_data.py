"""Data that must stay readable: stored frameworks on their own, and the same limits typed as imported."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from digigram.core import paths
from digigram.core.bundle import records
from digigram.core.errors import DigigramError
from digigram.core.records import Plan, PlanStep
from digigram.services.workspace import Workspace
from tests.store.conftest import SMALL

MINIMAL = Path(__file__).resolve().parents[1] / "frameworks" / "minimal.yaml"


def test_an_old_check_stays_readable_and_resumable_when_its_framework_folder_is_gone(
        tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "custom"
    shutil.copytree(MINIMAL.parent / "handouts", folder / "handouts")
    framework = folder / "minimal.yaml"
    framework.write_bytes(MINIMAL.read_bytes())
    with Workspace.open(data_dir=data_dir, framework_path=framework) as ws:
        person = ws.create_person("Олена")
        done = ws.start_quiz(person.id, mode="full")
        while (item := done.current_item) is not None:
            done.answer(0 if item.select != "many" else [0])
        done.finish()
        open_one = ws.start_quiz(person.id, mode="full")
        open_one.answer(0 if open_one.current_item.select != "many" else [0])  # type: ignore[union-attr]
        expected = ws.results_for(done.attempt_id)
    shutil.rmtree(folder)  # the custom framework and its handouts are gone; the shipped one is current
    with Workspace.open(data_dir=data_dir) as ws:
        assert ws.framework.id != "minimal" or ws.framework.source != framework
        assert ws.results_for(done.attempt_id) == expected
        resumed = ws.resume_quiz(open_one.attempt_id)
        assert resumed.progress().asked == 1
        old = ws.framework_for(ws.attempt(done.attempt_id))
        assert all(r.path is None for r in old.resources if r.file)  # known, but not at hand


def test_a_ten_thousand_character_name_is_refused_with_a_clear_message(data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        for name, hub, words in (("Я" * 10_000, "", "too long"), ("Іван\x1b[2J", "", "control character"),
                                 ("Іван", "Хаб\u202eтаємний", "control character")):
            with pytest.raises(DigigramError) as refused:
                ws.create_person(name, hub=hub)
            assert words in refused.value.message("en")
            assert refused.value.message("uk") != refused.value.message("en")
        assert ws.people() == []
        ws.create_person("Я" * 200)  # the longest a bundle carries is fine


def test_plan_notes_longer_than_a_bundle_carries_are_refused_and_nothing_is_saved(data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        person = ws.create_person("Олена")
        competence = ws.framework.areas[0].competences[0].id
        step = PlanStep(competence_id=competence, goal="Вивчити", notes="н" * 10_001)
        with pytest.raises(DigigramError) as refused:
            ws.save_plan(person.id, Plan(person_id=person.id, steps=(step,)))
        assert "too long" in refused.value.message("en")
        assert ws.plan_for(person.id) is None
        ok = PlanStep(competence_id=competence, goal="Вивчити", notes="н" * 10_000)
        ws.save_plan(person.id, Plan(person_id=person.id, steps=(ok,)))
        assert ws.plan_for(person.id) is not None


def test_a_record_dated_in_year_one_gives_a_clear_message() -> None:
    check = records.SCHEMAS["attempts"]["started_at"]
    with pytest.raises(records.Wrong) as wrong:
        check("0001-01-01T00:00:00+01:00")
    assert "1900-01-01" in wrong.value.reason.render("en") and "1900-01-01" in wrong.value.reason.render("uk")
    with pytest.raises(records.Wrong):
        records.SCHEMAS["plan_steps"]["due"]("9999-12-31")
    assert check("2025-03-01T10:00:00+02:00").hour == 8


def test_old_data_outside_the_limits_still_opens(data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL):
        pass
    con = sqlite3.connect(paths.database_path(data_dir))
    with con:  # stored before the limits existed
        con.execute("INSERT INTO person (id, name, hub, group_tag, created_at) VALUES "
                    "('x', ?, '', '', '2025-01-01 10:00:00')", ("Я" * 5000,))
    con.close()
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert len(ws.people()[0].name) == 5000
