"""An imported check keeps its answers in one row (revision 0013), and everything reads them as before."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from digigram.core.bundle.format import RECORD_FILES
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.bundles.rows import json_text
from digigram.services.bundles.stage import copy_line
from digigram.services.workspace import Workspace
from digigram.store import migrate
from digigram.store.db import make_engine
from digigram.store.repo import attempts as attempt_rows
from digigram.store.repo import people as people_rows
from tests.conftest import Target
from tests.coordinator.test_bundle_support import KEY, SMALL, dump_target, lines, make_hub, members
from tests.store.helpers import downgrade


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """A hub's bundle and the answer records it carries."""
    folder = tmp_path_factory.mktemp("hub") / "data"
    make_hub(folder)
    path = folder.parent / "hub.zip"
    with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
        export_bundle(ws, path, key=KEY)
    return path, lines(members(path)[RECORD_FILES["answers"]])


def _choice(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# SQLite's imports keep answers one row each (pack.py says why), but its schema and view take packed rows
# as PostgreSQL's do: packed here by hand, in answer order, the way the view reads them back.
_PACK_ON_SQLITE = (
    "INSERT INTO check_answers SELECT attempt_id, json_group_array(sequence), json_group_array(item_id), "
    "json_group_array(choice), json_group_array(answered_at), json_group_array(seconds), "
    "json_group_array(language) FROM (SELECT * FROM answer ORDER BY attempt_id, sequence) "
    "GROUP BY attempt_id")


def _pack_on_sqlite(target: Target) -> int:
    engine = target.engine()
    try:
        with engine.begin() as conn:
            packed = conn.execute(text(_PACK_ON_SQLITE)).rowcount
            conn.execute(text("DELETE FROM answer"))
    finally:
        engine.dispose()
    return int(packed)


def _import_packed(path: Path, target: Target) -> None:
    """The bundle imported, its answers packed as PostgreSQL's import packs them (by hand on SQLite)."""
    with Workspace.open(**target.open_kwargs()) as ws:
        import_bundle(ws, path, key=KEY)
    if target.is_sqlite:
        _pack_on_sqlite(target)
    assert _stored_counts(target)[0] == 0


def _stored_counts(target: Target) -> tuple[int, int]:
    """(rows of answer, rows of check_answers)"""
    engine = target.engine()
    try:
        with engine.connect() as conn:
            return (conn.execute(text("SELECT count(*) FROM answer")).scalar_one(),
                    conn.execute(text("SELECT count(*) FROM check_answers")).scalar_one())
    finally:
        engine.dispose()


def test_an_imported_check_reads_back_answer_by_answer_and_is_one_row_on_postgresql(
        bundle: tuple[Path, list[dict[str, Any]]], target: Target) -> None:
    path, records = bundle
    checks = Counter(r["attempt_id"] for r in records)
    kinds = {type(_choice(r["choice"])) for r in records}
    assert {int, tuple, type(None)} <= kinds  # one option, several, and "I don't know" all travel
    with Workspace.open(**target.open_kwargs()) as ws:
        report = import_bundle(ws, path, key=KEY)
        assert report.added["answers"] == len(records)
        with ws.store.sessions() as session:
            for attempt_id in checks:
                stored = attempt_rows.answers(session, attempt_id)
                sent = [r for r in records if r["attempt_id"] == attempt_id]
                assert [(a.sequence, a.item_id, a.choice, a.seconds, a.language) for a in stored] == [
                    (r["sequence"], r["item_id"], _choice(r["choice"]), r["seconds"], r["language"])
                    for r in sent]
                assert [a.answered_at.replace(tzinfo=None).isoformat() for a in stored] == \
                    [r["answered_at"] for r in sent]
    assert _stored_counts(target) == ((len(records), 0) if target.is_sqlite else (0, len(checks)))


def test_packed_answers_read_back_as_the_rows_they_were_on_sqlite_too(
        bundle: tuple[Path, list[dict[str, Any]]], target: Target) -> None:
    if not target.is_sqlite:
        pytest.skip("the import packs them itself on PostgreSQL (the test above)")
    path, records = bundle
    with Workspace.open(**target.open_kwargs()) as ws:
        import_bundle(ws, path, key=KEY)
    as_rows = dump_target(target)["answer"]
    assert len(as_rows) == len(records)
    assert _pack_on_sqlite(target) == len({r["attempt_id"] for r in records})
    assert _stored_counts(target)[0] == 0
    assert dump_target(target)["answer"] == as_rows


def test_a_second_import_adds_no_answers_and_counts_them_as_there(
        bundle: tuple[Path, list[dict[str, Any]]], target: Target) -> None:
    path, records = bundle
    with Workspace.open(**target.open_kwargs()) as ws:
        import_bundle(ws, path, key=KEY)
        again = import_bundle(ws, path, key=KEY)
    assert again.added["answers"] == 0 and again.unchanged["answers"] == len(records)


def test_deleting_a_person_takes_their_packed_answers_with_them(
        bundle: tuple[Path, list[dict[str, Any]]], target: Target) -> None:
    _import_packed(bundle[0], target)
    with Workspace.open(**target.open_kwargs()) as ws:
        engine = target.engine()
        try:
            with engine.connect() as conn:
                person, check = conn.execute(text(
                    "SELECT a.person_id, a.id FROM attempt a JOIN check_answers c ON c.attempt_id = a.id "
                    "ORDER BY a.id LIMIT 1")).one()
            with ws.store.sessions() as session:
                assert attempt_rows.answers(session, check)
            assert people_rows.delete_person(ws.store.engine, ws.store.sessions, person,
                                             db_path=ws.store.db_path)
            with engine.connect() as conn:
                left = conn.execute(text(
                    "SELECT count(*) FROM check_answers c JOIN attempt a ON a.id = c.attempt_id "
                    "WHERE a.person_id = :p"), {"p": person}).scalar_one()
                orphans = conn.execute(text("SELECT count(*) FROM answer_all WHERE attempt_id = :c"),
                                       {"c": check}).scalar_one()
        finally:
            engine.dispose()
    assert left == 0 and orphans == 0


def test_revision_0013_downgraded_unpacks_every_answer_into_its_own_row(
        bundle: tuple[Path, list[dict[str, Any]]], target: Target) -> None:
    path, records = bundle
    _import_packed(path, target)
    before = dump_target(target)["answer"]
    assert len(before) == len(records)
    engine = make_engine(target.url, foreign_keys=False)
    try:
        downgrade(engine, "0012")
        with engine.connect() as conn:
            assert migrate.current(conn) == "0012"
            rows = conn.execute(text("SELECT count(*) FROM answer")).scalar_one()
            tables = set(conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')" if target.is_sqlite else
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).scalars())
    finally:
        engine.dispose()
    assert rows == len(records) and not {"check_answers", "answer_all"} & tables
    migrate.upgrade(target.url)
    assert dump_target(target)["answer"] == before  # and up again: the same answers, now one row each


def test_a_packed_line_of_copy_text_reads_back_whatever_its_text_holds(target: Target) -> None:
    """The array literals survive text that means something to COPY or to an array: quotes, backslashes,
    commas, braces, tabs, newlines, the word NULL, and a missing value."""
    if target.is_sqlite:
        pytest.skip("COPY text is PostgreSQL's")
    import psycopg

    odd = ['a"b', "c\\d", "e,f", "{g}", "h\ti", "j\nk", "NULL", " l ", "м'н"]
    records = [{"attempt_id": "00000000-0000-4000-8000-000000000001", "sequence": n, "item_id": item,
                "choice": [n, 0] if n % 3 == 1 else None if n % 3 == 2 else n,
                "answered_at": datetime(2026, 3, 1 + n, 10, 0, n, 5 * n),
                "seconds": None if n == 3 else n / 2, "language": None if n == 4 else item}
               for n, item in enumerate(odd)]
    with psycopg.connect(target.url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        conn.execute("CREATE TEMP TABLE packed (LIKE check_answers)")
        with conn.cursor() as cursor, cursor.copy("COPY packed FROM STDIN") as copy:
            copy.write(copy_line(records))
        row = conn.execute("SELECT sequences, item_ids, choices, answered_at, seconds, languages "
                           "FROM packed").fetchone()
    assert row is not None
    assert row[0] == list(range(len(odd))) and row[1] == odd
    assert row[2] == [json_text("choice", r["choice"]) for r in records]  # as answer.choice holds them
    assert row[3] == [r["answered_at"] for r in records]
    assert row[4] == [r["seconds"] for r in records] and row[5] == [r["language"] for r in records]
