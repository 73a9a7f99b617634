"""Revision 0007: per-competence rows, the "needs help" mark and the name key, from old rows; revision
0012: the per-competence rows dropped, and made again when it is rolled back."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable

from sqlalchemy import Connection, inspect, text

from digigram.core.coordination import needs_help_of
from digigram.core.engine import Quiz
from digigram.core.loader import load_framework
from digigram.core.names import name_key
from digigram.core.result_record import result_to_record
from digigram.store import migrate
from digigram.store.db import make_engine
from tests.conftest import Target
from tests.store.conftest import SMALL
from tests.store.helpers import downgrade

STEP = importlib.import_module("digigram.store.migrations.versions.0007_competence_results")
STAMP = "'2024-01-02 10:00:00'"
NAMES = ["Євген", "Ігор", "Олена", "Ґанна", "Anna"]


def _old_checks(conn: Connection) -> dict[str, dict[str, object]]:
    """Five people each with a finished check as revision 0006 stores it (result JSON, area rows) and an
    older release's check summary (no "needs help" mark); returns each check's result record."""
    fw = load_framework(SMALL)
    profile = fw.profiles[0].id
    conn.execute(text("INSERT INTO framework_snapshot VALUES (:h, :i, :v, 'store_small.yaml', :t, "
                      f"{STAMP})"),
                 {"h": fw.content_hash, "i": fw.id, "v": fw.version, "t": SMALL.read_text("utf-8")})
    records = {}
    for k, name in enumerate(NAMES):
        quiz = Quiz(fw, profile=profile, seed=k)
        while (item := quiz.next_item()) is not None:
            quiz.answer(item.id, (k + len(quiz.answers)) % 3 if item.on_scale else 0)
        result = quiz.result()
        record = result_to_record(result)
        records[f"c{k}"] = record
        conn.execute(text("INSERT INTO person (id, name, hub, group_tag, profile_id, pin_hash, consent_at, "
                          f"created_at) VALUES (:p, :n, '', '', :r, NULL, {STAMP}, {STAMP})"),
                     {"p": f"p{k}", "n": name, "r": profile})
        conn.execute(text(
            "INSERT INTO attempt (id, person_id, framework_id, framework_version, framework_hash, "
            "profile_id, mode, seed, excluded, status, started_at, finished_at, result) VALUES (:a, :p, :i, "
            f":v, :h, :r, 'full', :s, '[]', 'finished', {STAMP}, {STAMP}, :res)"),
            {"a": f"c{k}", "p": f"p{k}", "i": fw.id, "v": fw.version, "h": fw.content_hash, "r": profile,
             "s": k, "res": json.dumps(record)})
        areas = ";".join(f"{a.level}|{a.target or ''}|{'' if a.gap is None else a.gap}"
                         for a in result.areas.values())
        conn.execute(text("INSERT INTO check_summary (attempt_id, framework_hash, marks, areas) "
                          "VALUES (:a, :h, :m, :t)"),
                     {"a": f"c{k}", "h": fw.content_hash, "m": b"\0" * len(fw.items), "t": areas})
    # An unfinished check and one whose stored result cannot be read get no rows.
    conn.execute(text(
        "INSERT INTO attempt (id, person_id, framework_id, framework_version, framework_hash, profile_id, "
        "mode, seed, excluded, status, started_at, result) VALUES ('u1', 'p0', :i, :v, :h, :r, 'full', 1, "
        f"'[]', 'in_progress', {STAMP}, NULL)"),
        {"i": fw.id, "v": fw.version, "h": fw.content_hash, "r": profile})
    conn.execute(text(
        "INSERT INTO attempt (id, person_id, framework_id, framework_version, framework_hash, profile_id, "
        f"mode, seed, excluded, status, started_at, finished_at, result) VALUES ('x1', 'p1', :i, :v, :h, :r, "
        f"'full', 1, '[]', 'finished', {STAMP}, {STAMP}, '{{\"format\": 1}}')"),
        {"i": fw.id, "v": fw.version, "h": fw.content_hash, "r": profile})
    return records


def _expected(records: dict[str, dict[str, object]]) -> set[tuple[object, ...]]:
    found = set()
    for attempt_id, record in records.items():
        level = {a["area"]: a["level"] for a in record["areas"]}  # type: ignore[attr-defined]
        for c in record["competences"]:  # type: ignore[attr-defined]
            found.add((attempt_id, c["competence"], c["area"], level[c["area"]], c["target"], c["gap"]))
    return found


def _stored(conn: Connection) -> set[tuple[object, ...]]:
    return {tuple(r) for r in conn.execute(text(
        "SELECT attempt_id, competence_id, area_id, level, target, gap FROM competence_result")).all()}


def _old_checks_migrated(target: Target) -> dict[str, dict[str, object]]:
    """The checks `_old_checks` writes at revision 0006, then the database upgraded to 0007."""
    migrate.upgrade(target.url, to="0006")
    engine = make_engine(target.url)
    with engine.begin() as conn:
        records = _old_checks(conn)
    engine.dispose()
    migrate.upgrade(target.url, to="0007")
    return records


def test_upgrade_to_0007_fills_the_new_rows_from_stored_results(new_target: Callable[..., Target]) -> None:
    target = new_target(migrated=False)
    records = _old_checks_migrated(target)
    engine = make_engine(target.url)
    try:
        with engine.begin() as conn:
            stored = _stored(conn)
            assert stored == _expected(records)
            assert {r[0] for r in stored} == set(records)  # not the unfinished or the unreadable one
            # Some competences are below their target in these checks, so the gap column says something.
            assert any(r[5] for r in stored) and any(r[5] == 0 for r in stored)
            helps = dict(conn.execute(text("SELECT areas, needs_help FROM check_summary")).all())
            assert {areas: bool(flag) for areas, flag in helps.items()} == {
                areas: needs_help_of(areas) for areas in helps}
            keys = dict(conn.execute(text("SELECT name, sort_name FROM person")).all())
            assert keys == {name: name_key(name) for name in NAMES}
            # The name key orders as a Ukrainian reader does (Ґ after Г, Є after Е, І after И), Latin first.
            ordered = conn.execute(text("SELECT name FROM person ORDER BY sort_name")).scalars().all()
            assert ordered == ["Anna", "Ґанна", "Євген", "Ігор", "Олена"]
    finally:
        engine.dispose()


def test_the_competence_step_streams_in_batches(new_target: Callable[..., Target]) -> None:
    """Batches of two over five readable checks: every check's rows, each once, whatever the batch size."""
    target = new_target(migrated=False)
    records = _old_checks_migrated(target)
    engine = make_engine(target.url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM competence_result"))
            seen = [[r[0] for r in rows] for rows in STEP._batches(
                conn, "SELECT id FROM attempt WHERE status = 'finished' AND id > :last ORDER BY id LIMIT :n",
                batch_size=2)]
            assert seen == [["c0", "c1"], ["c2", "c3"], ["c4", "x1"]]
            assert STEP.fill_competences(conn, batch_size=2) == 5
            assert _stored(conn) == _expected(records)
    finally:
        engine.dispose()


def test_revision_0012_drops_the_rows_and_a_downgrade_makes_them_again(
        new_target: Callable[..., Target]) -> None:
    """The rows go (the stored results hold what they held); rolled back by hand, 0012 makes every
    readable finished check's rows again from its stored result, on SQLite and PostgreSQL."""
    target = new_target(migrated=False)
    records = _old_checks_migrated(target)
    migrate.upgrade(target.url, to="0012")
    engine = make_engine(target.url, foreign_keys=False)
    try:
        with engine.connect() as conn:
            assert "competence_result" not in inspect(conn).get_table_names()
            kept = conn.execute(text("SELECT count(*) FROM attempt WHERE result IS NOT NULL")).scalar_one()
            assert kept == 6
        downgrade(engine, "0011")
        with engine.connect() as conn:
            assert migrate.current(conn) == "0011"
            assert _stored(conn) == _expected(records)
    finally:
        engine.dispose()
