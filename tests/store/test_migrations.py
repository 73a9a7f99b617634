"""Schema migrations: from nothing, from every earlier revision with data, and a newer database refused."""

from __future__ import annotations

import importlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.core.names import name_key
from digigram.store import backup, migrate
from digigram.store.db import sqlite_url
from digigram.store.models import Base
from digigram.store.startup import open_store
from tests.store.conftest import insert_old_rows

EARLIER = migrate.known_revisions()[:-1]


def test_there_are_earlier_revisions_to_migrate_from() -> None:
    assert migrate.known_revisions()[0] == "0001"
    assert len(EARLIER) >= 1


def test_from_empty_reaches_head_and_matches_the_models(data_dir: Path) -> None:
    store = open_store(data_dir=data_dir)
    try:
        with store.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        store.close()


@pytest.mark.parametrize("revision", EARLIER)
def test_from_each_earlier_revision_keeps_the_data(data_dir: Path, revision: str) -> None:
    db = paths.database_path(data_dir)
    migrate.upgrade(sqlite_url(db), to=revision)
    insert_old_rows(db)
    store = open_store(data_dir=data_dir)
    try:
        with store.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
            assert conn.execute(text("SELECT name FROM person")).scalars().all() == ["Олена"]
            assert conn.execute(text("SELECT count(*) FROM answer")).scalar() == 3
            assert conn.execute(text("SELECT count(*) FROM area_result")).scalar() == 1
            assert conn.execute(text("SELECT goal FROM plan_step")).scalar() == "Вивчити"
            # Columns added later exist and are empty for old attempts.
            assert conn.execute(text("SELECT rating_before FROM attempt")).scalar() is None
            # Revision 0003: the dashboard's indexes, and no check summaries until the dashboard makes them.
            indexes = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
            assert {"ix_person_hub", "ix_person_group_tag", "ix_attempt_person_finished"} <= indexes
            assert conn.execute(text("SELECT count(*) FROM check_summary")).scalar() == 0
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
    finally:
        store.close()
    # The pre-migration state was backed up first, and that backup is still at the old revision.
    (latest,) = backup.list_backups(paths.backup_dir(data_dir))
    con = sqlite3.connect(latest.path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    assert con.execute("SELECT count(*) FROM answer").fetchone() == (3,)
    con.close()


def test_a_database_from_a_newer_version_is_refused_and_untouched(data_dir: Path) -> None:
    open_store(data_dir=data_dir).close()
    db = paths.database_path(data_dir)
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    before = db.read_bytes()
    with pytest.raises(StorageError) as info:
        open_store(data_dir=data_dir)
    assert "newer version" in info.value.message("en")
    assert "новіша версія" in info.value.message("uk")
    assert db.read_bytes() == before


def test_a_newer_database_url_is_refused_too(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    migrate.upgrade(sqlite_url(db))
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    con.close()
    with pytest.raises(StorageError, match="newer version"):
        open_store(database_url=sqlite_url(db))


def test_downgrade_scripts_run(tmp_path: Path) -> None:
    """Each revision can be undone, so a faulty release can be rolled back by hand."""
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(sqlite_url(db))
    engine_url = sqlite_url(db)
    from digigram.store.db import make_engine

    engine = make_engine(engine_url, foreign_keys=False)
    config = migrate._config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    with engine.connect() as conn:
        assert migrate.current(conn) is None
    engine.dispose()


def _old_finished_check(data_dir: Path, framework_path: Path) -> tuple[Any, Any]:
    """A database at revision 0003 holding one finished check on the framework at `framework_path`, kept
    as its snapshot only (as an older release stored it); (the framework, the check's quiz)."""
    import json as json_

    from digigram.core.engine import Quiz
    from digigram.core.loader import load_framework

    fw = load_framework(framework_path)
    quiz = Quiz(fw, profile=fw.profiles[0].id, seed=3)
    while (item := quiz.next_item()) is not None:
        quiz.answer(item.id, 0 if not item.on_scale else 2)
    db = paths.database_path(data_dir)
    migrate.upgrade(sqlite_url(db), to="0003")
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT INTO person VALUES ('p1', 'Олена', '', '', ?, NULL, '2024-01-02 10:00:00', "
                    "'2024-01-02 10:00:00')", (fw.profiles[0].id,))
        con.execute("INSERT INTO framework_snapshot VALUES (?, ?, ?, ?, ?, '2024-01-02 10:00:00')",
                    (fw.content_hash, fw.id, fw.version, framework_path.name,
                     framework_path.read_text("utf-8")))
        con.execute("INSERT INTO attempt (id, person_id, framework_id, framework_version, framework_hash, "
                    "profile_id, mode, seed, excluded, status, started_at, finished_at) VALUES ('a1', 'p1', "
                    "?, ?, ?, ?, 'full', 3, '[]', 'finished', '2024-01-02 10:00:00', '2024-01-02 10:20:00')",
                    (fw.id, fw.version, fw.content_hash, fw.profiles[0].id))
        for seq, (item_id, choice) in enumerate(quiz.answers):
            con.execute("INSERT INTO answer VALUES ('a1', ?, ?, ?, '2024-01-02 10:05:00', 4.5)",
                        (seq, item_id, json_.dumps(list(choice) if isinstance(choice, tuple) else choice)))
    con.close()
    return fw, quiz


def test_revision_0004_stores_results_of_finished_attempts(data_dir: Path) -> None:
    """Old finished attempts get their result computed once from their answers as given, and stored,
    marked with the engine that computed it: this release's, as the migration runs now."""
    import json as json_

    from digigram.core.result_record import result_from_record
    from digigram.core.scoring import ENGINE_VERSION
    from tests.store.conftest import SMALL

    fw, quiz = _old_finished_check(data_dir, SMALL)
    db = paths.database_path(data_dir)
    con = sqlite3.connect(db)
    with con:
        for pos, area in enumerate(fw.areas):  # what an older release stored: self-ratings counted
            con.execute("INSERT INTO area_result VALUES ('a1', ?, ?, 2.5, 0.3, 'C2', '[\"C2\"]', NULL, "
                        "0.0, 0, 9)", (area.id, pos))
        con.execute("INSERT INTO check_summary VALUES ('a1', ?, x'00', 'old')", (fw.content_hash,))
    con.close()
    open_store(data_dir=data_dir).close()
    con = sqlite3.connect(db)
    record, engine, source = con.execute(
        "SELECT result, engine_version, params_source FROM attempt").fetchone()
    stored = result_from_record(json_.loads(record))
    assert (engine, source) == (ENGINE_VERSION, stored.params_source) and engine == stored.engine_version
    expected = quiz.result()
    assert {a: (r.theta, r.level, r.said) for a, r in stored.areas.items()} == {
        a: (r.theta, r.level, r.said) for a, r in expected.areas.items()}
    rows = con.execute("SELECT area_id, theta, level, said_level, level_probabilities FROM area_result "
                       "ORDER BY position").fetchall()
    assert [(a, t, lv, s) for a, t, lv, s, _ in rows] == [
        (a.area_id, a.theta, a.level, None if a.said is None else a.said.level)
        for a in expected.areas.values()]
    assert json_.loads(rows[0][4]) == pytest.approx(dict(expected.areas[rows[0][0]].level_probabilities))
    assert con.execute("SELECT count(*) FROM check_summary").fetchone() == (0,)  # made again when needed
    assert con.execute("SELECT count(*) FROM answer WHERE language IS NULL").fetchone() == (
        len(quiz.answers),)
    con.close()


def test_revision_0004_stores_the_result_of_a_check_whose_framework_handouts_are_gone(data_dir: Path) -> None:
    """A framework kept as a snapshot names handout files that are not on this PC (they stayed beside the
    file it was loaded from). The data step read it as a framework about to be used, refused it for the
    missing file, and left the check without its stored result; it is read as a stored one now."""
    import json as json_

    from digigram.core.loader import load_framework
    from digigram.core.result_record import result_from_record

    mini = Path(__file__).resolve().parents[1] / "frameworks" / "minimal.yaml"
    assert any(r.file for r in load_framework(mini).resources)  # handouts/search.txt, beside it only
    _fw, quiz = _old_finished_check(data_dir, mini)
    open_store(data_dir=data_dir).close()
    con = sqlite3.connect(paths.database_path(data_dir))
    (record,) = con.execute("SELECT result FROM attempt").fetchone()
    con.close()
    assert record is not None, "the check got no stored result"
    stored = result_from_record(json_.loads(record))
    expected = quiz.result()
    assert {a: r.level for a, r in stored.areas.items()} == {a: r.level for a, r in expected.areas.items()}


def _revision_0004() -> Any:
    return importlib.import_module("digigram.store.migrations.versions.0004_stored_results")


def _old_checks(db: Path, ids: list[str]) -> dict[str, Any]:
    """A database at 0004's data step (0003 and its new columns), one finished check per id; their quizzes."""
    import json as json_

    from digigram.core.engine import Quiz
    from digigram.core.loader import load_framework
    from tests.store.conftest import SMALL

    fw = load_framework(SMALL)
    migrate.upgrade(sqlite_url(db), to="0003")
    quizzes = {}
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT INTO person VALUES ('p1', 'Олена', '', '', ?, NULL, '2024-01-02 10:00:00', "
                    "'2024-01-02 10:00:00')", (fw.profiles[0].id,))
        con.execute("INSERT INTO framework_snapshot VALUES (?, ?, ?, 'store_small.yaml', ?, "
                    "'2024-01-02 10:00:00')", (fw.content_hash, fw.id, fw.version, SMALL.read_text("utf-8")))
        for k, attempt_id in enumerate(ids):
            quiz = Quiz(fw, profile=fw.profiles[0].id, seed=k)
            while (item := quiz.next_item()) is not None:
                quiz.answer(item.id, (k + len(quiz.answers)) % 3 if item.on_scale else 0)
            quizzes[attempt_id] = quiz
            con.execute("INSERT INTO attempt (id, person_id, framework_id, framework_version, "
                        "framework_hash, profile_id, mode, seed, excluded, status, started_at, finished_at) "
                        "VALUES (?, 'p1', "
                        "?, ?, ?, ?, 'full', ?, '[]', 'finished', '2024-01-02 10:00:00', "
                        "'2024-01-02 10:20:00')", (attempt_id, fw.id, fw.version, fw.content_hash,
                                                  fw.profiles[0].id, k))
            for seq, (item_id, choice) in enumerate(quiz.answers):
                stored = json_.dumps(list(choice) if isinstance(choice, tuple) else choice)
                con.execute("INSERT INTO answer VALUES (?, ?, ?, ?, '2024-01-02 10:05:00', 4.5)",
                            (attempt_id, seq, item_id, stored))
        # a check still under way has no result to store, and is never read
        con.execute("INSERT INTO attempt (id, person_id, framework_id, framework_version, framework_hash, "
                    "profile_id, mode, seed, excluded, status, started_at) VALUES ('c-open', 'p1', ?, ?, ?, "
                    "?, 'full', 1, '[]', 'in_progress', '2024-01-02 10:00:00')",
                    (fw.id, fw.version, fw.content_hash, fw.profiles[0].id))
        # the columns revision 0004 adds before its data step, which the tests run on its own
        for table, column in (("attempt", "result TEXT"), ("attempt", "engine_version VARCHAR(20)"),
                              ("attempt", "params_source VARCHAR(100)"),
                              ("area_result", "level_probabilities TEXT"),
                              ("area_result", "said_theta FLOAT"), ("area_result", "said_sd FLOAT"),
                              ("area_result", "said_level VARCHAR(20)")):
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    con.close()
    return quizzes


def test_revision_0004_holds_one_batch_of_attempts_at_a_time(tmp_path: Path) -> None:
    """The data step reads finished checks batch by batch in id order, each with its own answers."""
    from digigram.store.db import make_engine

    ids = [f"c{k:02d}" for k in (5, 1, 7, 3, 2, 6, 4)]  # inserted out of order
    db = tmp_path / "old.sqlite3"
    quizzes = _old_checks(db, ids)
    engine = make_engine(sqlite_url(db), foreign_keys=False)
    try:
        with engine.connect() as conn:
            batches = list(_revision_0004().finished_batches(conn, batch_size=3))
    finally:
        engine.dispose()
    assert [len(batch) for batch in batches] == [3, 3, 1]
    assert [attempt.id for batch in batches for attempt in batch] == sorted(ids)
    for batch in batches:
        for attempt in batch:
            assert attempt.answers == list(quizzes[attempt.id].answers)


def test_revision_0004_in_small_batches_stores_every_result(tmp_path: Path) -> None:
    """Batches of 2 give every finished check the result its answers make; one left out stays empty."""
    from digigram.core.result_record import result_from_record
    from digigram.store.db import make_engine

    ids = [f"c{k:02d}" for k in range(7)]
    db = tmp_path / "old.sqlite3"
    quizzes = _old_checks(db, ids)
    con = sqlite3.connect(db)
    with con:  # answers that do not fit the framework: this check is skipped, not retried forever
        con.execute("UPDATE answer SET item_id = 'NO.SUCH-ITEM' WHERE attempt_id = 'c03' AND sequence = 0")
    con.close()
    engine = make_engine(sqlite_url(db), foreign_keys=False)
    try:
        with engine.begin() as conn:
            migrate_step = _revision_0004()
            assert migrate_step.store_results(conn, batch_size=2) == 6
            rows = dict(conn.execute(text("SELECT id, result FROM attempt")).all())
            areas = conn.execute(text(
                "SELECT attempt_id, count(*) FROM area_result GROUP BY attempt_id")).all()
    finally:
        engine.dispose()
    assert rows["c03"] is None and rows["c-open"] is None
    for attempt_id in set(ids) - {"c03"}:
        stored = result_from_record(json.loads(rows[attempt_id]))
        expected = quizzes[attempt_id].result()
        assert {a: (r.theta, r.level) for a, r in stored.areas.items()} == {
            a: (r.theta, r.level) for a, r in expected.areas.items()}
    assert dict(areas) == {i: len(quizzes[i].result().areas) for i in ids if i != "c03"}
