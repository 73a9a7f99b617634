"""Batched inserts that skip rows already there: INSERT OR IGNORE on SQLite, COPY + ON CONFLICT on PostgreSQL.

A row whose key is already stored is left as the database has it; the caller has checked beforehand
that such a row is the same one. Two imports of the same bundle at once therefore land it exactly
once: the second waits on the first one's uncommitted keys and then skips them. Rows are written in
the key order of the bundle, so two imports take their row locks in the same order and cannot
deadlock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table
from sqlalchemy.orm import Session

BATCH = 20_000


def _sqlite_value(value: Any) -> Any:
    # The text SQLAlchemy's SQLite DateTime and Date types store, so rows read back the same either way.
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="microseconds")  # naive: "YYYY-MM-DD HH:MM:SS.ffffff"
    if isinstance(value, date):
        return value.isoformat()
    return value


class RowWriter:
    """Adds one table's rows in batches inside the session's transaction; `close()` says how many were new."""

    def __init__(self, session: Session, table: Table, columns: Sequence[str], key: Sequence[str]) -> None:
        conn = session.connection()
        self.driver: Any = conn.connection.driver_connection
        self.sqlite = conn.dialect.name == "sqlite"
        self.table, self.columns, self.key = table.name, tuple(columns), tuple(key)
        # Only date columns need converting for SQLite; knowing which saves a call per value.
        self.dated = [k for k, c in enumerate(self.columns) if isinstance(table.c[c].type, Date | DateTime)]
        self.rows: list[tuple[Any, ...]] = []
        self.added = 0
        self.stage: str | None = None

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        cols = ", ".join(self.columns)
        if self.sqlite:
            marks = ", ".join("?" * len(self.columns))
            rows = self.rows
            if self.dated:
                rows = []
                for row in self.rows:
                    values = list(row)
                    for k in self.dated:
                        values[k] = _sqlite_value(values[k])
                    rows.append(tuple(values))
            sql = f"INSERT OR IGNORE INTO {self.table} ({cols}) VALUES ({marks})"
            cursor = self.driver.executemany(sql, rows)
            self.added += max(cursor.rowcount, 0)
        else:
            self._flush_postgresql(cols)
        self.rows = []

    def _flush_postgresql(self, cols: str) -> None:
        with self.driver.cursor() as cursor:
            if self.stage is None:
                # A private staging table, gone at commit or rollback; COPY into it is many times
                # faster than row-by-row INSERTs, and one INSERT … SELECT then skips known keys.
                self.stage = f"digigram_stage_{self.table}"
                cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {self.stage} "
                               f"(LIKE {self.table} INCLUDING DEFAULTS) ON COMMIT DROP")
            with cursor.copy(f"COPY {self.stage} ({cols}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
            cursor.execute(f"INSERT INTO {self.table} ({cols}) SELECT {cols} FROM {self.stage} "
                           f"ORDER BY {', '.join(self.key)} ON CONFLICT DO NOTHING")
            self.added += max(cursor.rowcount, 0)
            cursor.execute(f"TRUNCATE {self.stage}")

    def close(self) -> int:
        self.flush()
        return self.added
