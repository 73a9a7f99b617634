"""Alembic environment: always given a live connection by digigram.store.migrate."""

from __future__ import annotations

from alembic import context

from digigram.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Digigram runs its migrations from code: use digigram.store.migrate.upgrade()")

# Batch mode, because SQLite supports few ALTER TABLE forms and Alembic recreates tables instead.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
