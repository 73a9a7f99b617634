"""Deleting a person: every record gone, and the name no longer anywhere in the database file's bytes."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from digigram.core.errors import NoSuchPerson, StorageError
from digigram.core.records import Plan, PlanStep
from digigram.services.coordinator.mode import BACKUPS_NOTE, Coordinator
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.conftest import SQLITE_ONLY
from tests.store.helpers import some_choice

SECRET = "Секретна Людмила Зоряна-Хвилевич"


def _files(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())


def _quiz(ws: Workspace, person_id: str, seed: int) -> str:
    session = ws.start_quiz(person_id, seed=seed, rating_before=5)
    rng = random.Random(seed)
    while (item := session.current_item) is not None:
        session.answer(some_choice(ws.framework, item, rng))
    session.finish(rating_after=6)
    return session.attempt_id


@SQLITE_ONLY  # about the bytes of SQLite's file and its log; records alone: checked on both engines below
def test_delete_removes_every_record_and_the_bytes(ws: Workspace, co: Coordinator) -> None:
    db = ws.database_path
    assert db is not None
    keep = ws.create_person("Олена Коваль", hub="Хаб 1")
    gone = ws.create_person(SECRET, hub="Хаб 1", pin="1357")
    ws.set_consent(gone.id)  # an update: the row is rewritten, leaving an older copy behind
    _quiz(ws, keep.id, 1)
    attempts = [_quiz(ws, gone.id, seed) for seed in (2, 3)]
    step = PlanStep(competence_id="DOC.1", goal="Мета", notes=f"{SECRET}: нотатка")
    ws.save_plan(gone.id, Plan(person_id=gone.id, attempt_id=attempts[-1], steps=(step,)))
    assert SECRET.encode() in _files(db)

    co.delete_person(gone.id)

    assert SECRET.encode() not in _files(db)
    assert not db.with_name(db.name + "-wal").exists() or db.with_name(db.name + "-wal").stat().st_size == 0
    con = sqlite3.connect(db)
    try:
        for table, column in (("person", "id"), ("attempt", "person_id"), ("plan", "person_id")):
            found = con.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (gone.id,))
            assert found.fetchone() == (0,)
        marks = ",".join("?" * len(attempts))
        for table in ("answer", "area_result"):
            found = con.execute(f"SELECT count(*) FROM {table} WHERE attempt_id IN ({marks})", attempts)
            assert found.fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM plan_step").fetchone() == (0,)
    finally:
        con.close()
    # Everyone else is untouched, and the workspace goes on working.
    assert [p.name for p in ws.people()] == ["Олена Коваль"]
    assert len([a for a in ws.history(keep.id) if a.status == "finished"]) == 1
    assert [r.name for r in co.dashboard().rows] == ["Олена Коваль"]
    _quiz(ws, keep.id, 4)


def test_delete_removes_every_record_of_the_person_only(
        ws: Workspace, co: Coordinator, target: Target) -> None:
    keep = ws.create_person("Олена Коваль", hub="Хаб 1")
    gone = ws.create_person(SECRET, hub="Хаб 1")
    kept_check = _quiz(ws, keep.id, 1)
    attempts = [_quiz(ws, gone.id, seed) for seed in (2, 3)]
    ws.save_plan(gone.id, Plan(person_id=gone.id, attempt_id=attempts[-1],
                               steps=(PlanStep(competence_id="DOC.1", goal="Мета"),)))
    co.delete_person(gone.id)
    engine = target.engine()
    with engine.connect() as conn:
        def count(sql: str, **params: object) -> int:
            return int(conn.execute(text(sql), params).scalar_one())
        assert count("SELECT count(*) FROM person WHERE name = :n", n=SECRET) == 0
        assert count("SELECT count(*) FROM attempt WHERE person_id = :p", p=gone.id) == 0
        assert count("SELECT count(*) FROM answer_all WHERE attempt_id IN (:a, :b)",
                     a=attempts[0], b=attempts[1]) == 0
        assert count("SELECT count(*) FROM plan_step") == 0
        assert count("SELECT count(*) FROM answer_all WHERE attempt_id = :a", a=kept_check) > 0
    engine.dispose()
    assert [p.name for p in ws.people()] == ["Олена Коваль"]


def test_deleting_an_unknown_person_says_so(co: Coordinator) -> None:
    with pytest.raises(StorageError):
        co.delete_person("no-such-id")


def test_a_deleted_person_is_told_apart_from_a_database_problem(ws: Workspace, co: Coordinator) -> None:
    # The window shows no one for a person erased meanwhile, and must show every other storage problem:
    # it tells them apart by this type.
    gone = ws.create_person("Петро Гнатюк")
    co.delete_person(gone.id)
    for lookup in (lambda: ws.person(gone.id), lambda: co.delete_person(gone.id)):
        with pytest.raises(NoSuchPerson):
            lookup()


def test_the_backups_note_exists_in_both_languages() -> None:
    assert "резервні копії" in BACKUPS_NOTE.render("uk") and "backups" in BACKUPS_NOTE.render("en")


def test_export_person_data_is_the_workspace_export(ws: Workspace, co: Coordinator) -> None:
    person = ws.create_person("Олена Коваль", pin="1111")
    _quiz(ws, person.id, 7)
    data = co.export_person_data(person.id)
    assert data == ws.export_person(person.id)
    assert data["person"]["name"] == "Олена Коваль" and len(data["attempts"]) == 1
    assert "pin_hash" not in str(data)
