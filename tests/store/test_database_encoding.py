"""A regional database must keep text as UTF8, any other is refused in words before anything is written;
and no refusal shows the password written in its address."""

from __future__ import annotations

from typing import Any

import pytest

from digigram.core.errors import DigigramError
from digigram.services.workspace import Workspace
from digigram.store.startup import open_store


def _tables(cluster: Any, name: str) -> list[str]:
    with cluster.admin(name) as conn:
        return [row[0] for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").fetchall()]


@pytest.mark.parametrize("encoding", ["SQL_ASCII", "LATIN1", "WIN1251"])
def test_a_database_not_in_utf8_is_refused_and_left_as_it_was(postgresql: Any, encoding: str) -> None:
    # SQL_ASCII gave text back as bytes (a TypeError inside the driver's first connection); LATIN1 could
    # not hold a Cyrillic letter and WIN1251 not the apostrophe ʼ (UnicodeEncodeError midway).
    cluster = postgresql.cluster
    name = f"enc_{encoding.lower()}"
    with cluster.admin() as conn:
        conn.execute(f"CREATE DATABASE {name} ENCODING '{encoding}' LC_COLLATE 'C' LC_CTYPE 'C' "
                     "TEMPLATE template0")
    try:
        for opening in (lambda: open_store(database_url=cluster.url(name)),
                        lambda: Workspace.open(database_url=cluster.url(name))):
            with pytest.raises(DigigramError) as caught:
                opening()
            uk, en = caught.value.message("uk"), caught.value.message("en")
            assert f"зберігає текст у кодуванні {encoding}" in uk and "ENCODING 'UTF8'" in uk
            assert "У неї нічого не записано" in uk
            assert f"stores text as {encoding}" in en and "docs/regional.md" in en
        assert _tables(cluster, name) == []  # not migrated: nothing was created in it
    finally:
        cluster.drop_database(name)


def test_text_travels_as_utf8_whatever_the_client_encoding_says(postgresql: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # A coordinator's PC set up for another program may have PGCLIENTENCODING in its environment; the
    # driver then sent Cyrillic as LATIN1 and failed (UnicodeEncodeError) on a UTF8 database.
    monkeypatch.setenv("PGCLIENTENCODING", "LATIN1")
    name, url = postgresql.database()
    try:
        ws = Workspace.open(database_url=url)
        try:
            ws.create_person("Ганна Мʼякота")
            assert [p.name for p in ws.people()] == ["Ганна Мʼякота"]
        finally:
            ws.close()
    finally:
        postgresql.drop(name)


def test_a_database_from_a_newer_digigram_is_named_without_the_password_in_its_address(
        postgresql: Any) -> None:
    """The refusal of a database a newer Digigram wrote named it by the address as typed: a password
    written in it was shown on the screen and in the sync dialog."""
    name, _url = postgresql.database()
    try:
        with postgresql.cluster.admin(name) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'f00d1e5500ff'")
        url = postgresql.cluster.url(name, password="s3cret-Пароль")
        with pytest.raises(DigigramError) as caught:
            open_store(database_url=url)
        for said in (caught.value.message("uk"), caught.value.message("en"), caught.value.said_in_app("en")):
            assert "f00d1e5500ff" in said and "s3cret" not in said and ":***@" in said, said
    finally:
        postgresql.drop(name)
