"""Repository functions by table family: each takes a Session, returns core records, never commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.orm import Session


def insert_if_new(session: Session, table: Table, key: Column[Any], **values: Any) -> bool:
    """INSERT … ON CONFLICT DO NOTHING on either engine; True when this statement made the row.

    Two processes adding the same row at once end with one, the later waiting for the first instead of
    failing. RETURNING, not rowcount: the key comes back only when the row was inserted here.
    """
    # Each dialect's module only when its engine is in use: the PostgreSQL one costs about 2.5 MiB.
    make: Any
    if session.connection().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        make = pg_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        make = sqlite_insert
    stmt = make(table).values(**values).on_conflict_do_nothing().returning(key)
    return session.execute(stmt).scalar_one_or_none() is not None
