"""Alembic migrations for the Digigram database, run from code (no alembic.ini needed)."""
