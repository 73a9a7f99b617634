"""Schema migrations on a real PostgreSQL: from nothing, from every earlier revision with data, and back."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

from digigram.core.errors import StorageError
from digigram.core.names import name_key
from digigram.store import migrate
from digigram.store.db import make_engine
from digigram.store.models import Base
from digigram.store.startup import open_store
from tests.conftest import Target

EARLIER = migrate.known_revisions()[:-1]
POSTGRESQL_ONLY = pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite: test_migrations.py


def insert_old_rows(conn: Connection) -> None:
    """The rows of tests/store/conftest.insert_old_rows, in SQL both engines take."""
    stamp = "'2024-01-02 10:00:00'"
    conn.execute(text("INSERT INTO person (id, name, hub, group_tag, profile_id, pin_hash, consent_at, "
                      "created_at) VALUES ('p1', 'Олена', 'Хаб 1', '', 'librarian', NULL, "
                      f"{stamp}, {stamp})"))
    conn.execute(text("INSERT INTO framework_snapshot VALUES ('h1', 'store-small', '1', 'x.yaml', 'text', "
                      f"{stamp})"))
    conn.execute(text("INSERT INTO attempt (id, person_id, framework_id, framework_version, framework_hash, "
                      "profile_id, mode, seed, excluded, status, started_at, finished_at) VALUES "
                      "('a1', 'p1', 'store-small', '1', 'h1', 'librarian', 'full', 7, '[]', 'finished', "
                      f"{stamp}, '2024-01-02 10:20:00')"))
    for seq in range(3):
        conn.execute(text("INSERT INTO answer VALUES ('a1', :seq, :item, :choice, "
                          "'2024-01-02 10:05:00', 4.5)"),
                     {"seq": seq, "item": f"DOC.1-0{seq + 1}", "choice": "2" if seq < 2 else "[0, 2]"})
    conn.execute(text("INSERT INTO area_result VALUES ('a1', 'DOC', 0, 0.3, 0.4, 'B', '[\"B\", \"C\"]', 'B', "
                      "0.2, 0, 3)"))
    conn.execute(text("INSERT INTO plan VALUES ('pl1', 'p1', 'a1', '2024-01-03 09:00:00')"))
    conn.execute(text("INSERT INTO plan_step VALUES ('s1', 'pl1', 0, 'DOC.1', 'Вивчити', 'R-DOC', "
                      "'2024-02-01', 'planned', '', '')"))


@POSTGRESQL_ONLY
def test_from_empty_reaches_head_and_matches_the_models(new_target: Callable[..., Target]) -> None:
    target = new_target(migrated=False)
    store = open_store(database_url=target.url)
    try:
        with store.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        store.close()


@POSTGRESQL_ONLY
@pytest.mark.parametrize("revision", EARLIER)
def test_from_each_earlier_revision_keeps_the_data(new_target: Callable[..., Target], revision: str) -> None:
    target = new_target(migrated=False)
    migrate.upgrade(target.url, to=revision)
    engine = make_engine(target.url)
    with engine.begin() as conn:
        insert_old_rows(conn)
    engine.dispose()
    store = open_store(database_url=target.url)
    try:
        with store.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
            assert conn.execute(text("SELECT name FROM person")).scalars().all() == ["Олена"]
            assert conn.execute(text("SELECT count(*) FROM answer")).scalar() == 3
            assert conn.execute(text("SELECT goal FROM plan_step")).scalar() == "Вивчити"
            assert conn.execute(text("SELECT rating_before FROM attempt")).scalar() is None
            # Revisions 0005/0006: the free-text hub became a hub row without a region; the person points
            # at it (rows written after 0006 ran are the writer's to link).
            hubs = text("SELECT h.name, h.region_id FROM person p JOIN hub h ON h.id = p.hub_id")
            assert conn.execute(hubs).all() == ([("Хаб 1", None)] if revision < "0006" else [])
            # Revision 0008: when a hub's region was chosen is not known for hubs made before it.
            assert not conn.execute(text("SELECT count(*) FROM hub WHERE region_set_at IS NOT NULL")).scalar()
            assert conn.execute(text("SELECT count(*) FROM region")).scalar() == 27
            # Revision 0007: the name's sort key (rows written after 0007 ran are the writer's to key).
            assert conn.execute(text("SELECT sort_name FROM person")).scalar() == (
                name_key("Олена") if revision < "0007" else None)
            # Revision 0009: the hub's and group's sort keys, made for every person stored before it.
            assert tuple(conn.execute(text("SELECT sort_hub, sort_group FROM person")).one()) == (
                (name_key("Хаб 1"), "") if revision < "0009" else (None, None))
            # Revision 0012: the competence rows are gone; the stored results hold what they held.
            assert "competence_result" not in inspect(conn).get_table_names()
            indexes = {ix["name"] for table in ("person", "attempt")
                       for ix in inspect(conn).get_indexes(table)}
            assert {"ix_person_hub", "ix_person_group_tag", "ix_attempt_person_finished"} <= indexes
    finally:
        store.close()


@POSTGRESQL_ONLY
def test_a_newer_database_is_refused_and_untouched(target: Target) -> None:
    engine = make_engine(target.url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError) as info:
        open_store(database_url=target.url)
    assert "newer" in info.value.message("en") and "новіша" in info.value.message("uk")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    engine.dispose()


@POSTGRESQL_ONLY
def test_downgrade_scripts_run(target: Target) -> None:
    from alembic import command

    engine = make_engine(target.url)
    config = migrate._config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    with engine.connect() as conn:
        assert migrate.current(conn) is None
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    engine.dispose()


@POSTGRESQL_ONLY
def test_revision_0004_stores_results_batch_by_batch(new_target: Callable[..., Target]) -> None:
    """On PostgreSQL the data step computes each finished check's result in batches (of 2, over 5 checks)."""
    import importlib
    import json

    from digigram.core.engine import Quiz
    from digigram.core.loader import load_framework
    from digigram.core.result_record import result_from_record
    from tests.store.conftest import SMALL

    step = importlib.import_module("digigram.store.migrations.versions.0004_stored_results")
    fw = load_framework(SMALL)
    target = new_target(migrated=False)
    migrate.upgrade(target.url, to="0003")
    engine = make_engine(target.url)
    quizzes = {}
    with engine.begin() as conn:
        stamp = "'2024-01-02 10:00:00'"
        conn.execute(text("INSERT INTO person (id, name, hub, group_tag, profile_id, pin_hash, consent_at, "
                          f"created_at) VALUES ('p1', 'Олена', '', '', :p, NULL, {stamp}, {stamp})"),
                     {"p": fw.profiles[0].id})
        conn.execute(text("INSERT INTO framework_snapshot VALUES (:h, :i, :v, 'store_small.yaml', :t, "
                          f"{stamp})"),
                     {"h": fw.content_hash, "i": fw.id, "v": fw.version, "t": SMALL.read_text("utf-8")})
        for k in range(5):
            quiz = Quiz(fw, profile=fw.profiles[0].id, seed=k)
            while (item := quiz.next_item()) is not None:
                quiz.answer(item.id, (k + len(quiz.answers)) % 3 if item.on_scale else 0)
            quizzes[f"c{k}"] = quiz
            conn.execute(text(
                "INSERT INTO attempt (id, person_id, framework_id, framework_version, framework_hash, "
                "profile_id, mode, seed, excluded, status, started_at, finished_at) VALUES (:a, 'p1', :i, "
                f":v, :h, :p, 'full', :s, '[]', 'finished', {stamp}, {stamp})"),
                {"a": f"c{k}", "i": fw.id, "v": fw.version, "h": fw.content_hash, "p": fw.profiles[0].id,
                 "s": k})
            conn.execute(text(f"INSERT INTO answer VALUES (:a, :seq, :item, :choice, {stamp}, 4.5)"), [
                {"a": f"c{k}", "seq": seq, "item": item_id,
                 "choice": json.dumps(list(choice) if isinstance(choice, tuple) else choice)}
                for seq, (item_id, choice) in enumerate(quiz.answers)])
    engine.dispose()
    migrate.upgrade(target.url, to="0004")
    engine = make_engine(target.url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM attempt WHERE result IS NULL")).scalar() == 0
        # the data step again, on PostgreSQL's own keyset queries and batched writes, two checks at a time
        conn.execute(text("UPDATE attempt SET result = NULL"))
        conn.execute(text("DELETE FROM area_result"))
        batches = [[attempt.id for attempt in batch] for batch in step.finished_batches(conn, batch_size=2)]
        assert batches == [["c0", "c1"], ["c2", "c3"], ["c4"]]
        assert step.store_results(conn, batch_size=2) == 5
        stored = dict(conn.execute(text("SELECT id, result FROM attempt")).all())
        areas = dict(conn.execute(text(
            "SELECT attempt_id, count(*) FROM area_result GROUP BY attempt_id")).all())
    engine.dispose()
    for attempt_id, quiz in quizzes.items():
        result = result_from_record(json.loads(stored[attempt_id]))
        assert {a: (r.theta, r.level) for a, r in result.areas.items()} == {
            a: (r.theta, r.level) for a, r in quiz.result().areas.items()}
        assert areas[attempt_id] == len(quiz.result().areas)
