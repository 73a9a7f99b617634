"""Revision 0009: each person's hub and group keyed as core.names orders them, from rows of 0008."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, text

from digigram.core.names import name_key, sort_key
from digigram.store import migrate
from digigram.store.db import make_engine
from tests.conftest import Target

STEP = importlib.import_module("digigram.store.migrations.versions.0009_hub_group_sort_keys")
STAMP = "'2024-01-02 10:00:00'"
# (id, hub, group): Ukrainian letters outside the basic Cyrillic block, capitals, a person without a hub or
# group, and letters of neither alphabet, which PostgreSQL's translate() had left uppercase.
PEOPLE = [("p1", "Івано-Франківська обл., хаб 02", "Група Ё"), ("p2", "Lviv hub", "École"),
          ("p3", "м. Київ, хаб 01", ""), ("p4", "", "éclair"), ("p5", "Закарпатська обл., хаб 04", "Strasz"),
          ("p6", "Straße", "група є")]


def _people_at_0008(target: Target) -> None:
    migrate.upgrade(target.url, to="0008")
    engine = make_engine(target.url)
    with engine.begin() as conn:
        for pid, hub, group in PEOPLE:
            conn.execute(text("INSERT INTO person (id, name, hub, group_tag, created_at) "
                              f"VALUES (:p, :p, :h, :g, {STAMP})"), {"p": pid, "h": hub, "g": group})
            # A row that refers to the person: a rebuilt person table must not take it away.
            conn.execute(text(f"INSERT INTO plan (id, person_id, updated_at) VALUES (:p, :p, {STAMP})"),
                         {"p": pid})
    engine.dispose()


def _upgraded_from_0008(new_target: Callable[..., Target]) -> tuple[Target, Engine]:
    """A database with PEOPLE stored at 0008, upgraded to 0009, and an engine on it."""
    target = new_target(migrated=False)
    _people_at_0008(target)
    migrate.upgrade(target.url, to="0009")
    return target, make_engine(target.url)


def _keys(conn: Connection) -> dict[str, tuple[str, str]]:
    return {pid: (h, g) for pid, h, g in conn.execute(text("SELECT id, sort_hub, sort_group FROM person"))}


def test_upgrade_to_0009_keys_every_persons_hub_and_group(new_target: Callable[..., Target]) -> None:
    """The hub and group of people stored before 0009 order as a reader expects, through their indexes;
    the downgrade takes the keys away again."""
    target, engine = _upgraded_from_0008(new_target)
    try:
        with engine.begin() as conn:
            assert _keys(conn) == {pid: (name_key(hub), name_key(group)) for pid, hub, group in PEOPLE}
            by_hub = conn.execute(text("SELECT hub FROM person ORDER BY sort_hub")).scalars().all()
            assert by_hub == sorted((hub for _, hub, _ in PEOPLE), key=sort_key)
            assert by_hub[:3] == ["", "Lviv hub", "Straße"]
            assert by_hub[3:5] == ["Закарпатська обл., хаб 04", "Івано-Франківська обл., хаб 02"]
            by_group = conn.execute(text("SELECT group_tag FROM person ORDER BY sort_group")).scalars().all()
            assert by_group == sorted((group for _, _, group in PEOPLE), key=sort_key)
            assert by_group == ["", "Strasz", "éclair", "École", "Група Ё", "група є"]
            indexes = {ix["name"] for ix in inspect(conn).get_indexes("person")}
            assert {"ix_person_sort_hub", "ix_person_sort_group"} <= indexes
    finally:
        engine.dispose()
    _downgrade(target, "0008")
    engine = make_engine(target.url)
    try:
        with engine.connect() as conn:
            assert migrate.current(conn) == "0008"
            columns = {c["name"] for c in inspect(conn).get_columns("person")}
            assert not {"sort_hub", "sort_group"} & columns and "sort_name" in columns
            assert conn.execute(text("SELECT count(*) FROM person")).scalar() == len(PEOPLE)
            assert conn.execute(text("SELECT count(*) FROM plan")).scalar() == len(PEOPLE)
    finally:
        engine.dispose()


def test_the_key_step_goes_batch_by_batch(new_target: Callable[..., Target]) -> None:
    """Batches of two over six people: every person keyed, whatever the batch size."""
    _target, engine = _upgraded_from_0008(new_target)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE person SET sort_hub = NULL, sort_group = NULL"))
            STEP.fill_sort_keys(conn, batch_size=2)
            assert _keys(conn) == {pid: (name_key(hub), name_key(group)) for pid, hub, group in PEOPLE}
    finally:
        engine.dispose()


def _downgrade(target: Target, revision: str) -> None:
    from alembic import command

    # As migrate.upgrade does: with foreign keys on, SQLite's rebuilt table would cascade-delete the rows
    # that refer to it.
    engine = make_engine(target.url, foreign_keys=False)
    config = migrate._config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()
