"""Batched inserts that skip rows already there: INSERT OR IGNORE on SQLite, COPY + ON CONFLICT on PostgreSQL.

A row whose key is already stored is left as the database has it; the caller has checked beforehand
that such a row is the same one. Two imports of the same bundle at once therefore land it exactly
once: the second waits on the first one's uncommitted keys and then skips them. Rows are written in
the key order of the bundle, so two imports take their row locks in the same order and cannot
deadlock.

Each batch goes to the database from a helper thread while the next batch is read from the bundle:
the database works (PostgreSQL in its own process, SQLite with the interpreter lock released) while
Python parses. Only one batch is ever in flight, so memory stays at two batches and the statements
reach the connection in order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, date, datetime
from json.scanner import make_scanner
from types import TracebackType
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from digigram.core.bundle.format import fast_json, strict_json
from digigram.core.bundle.records import ADDED_LATER, DAYS, MOMENTS, NUMBERS

# A batch is sent at whichever comes first: 20,000 rows, or 4 MB of bundle text. A check's line carries
# its stored result (~11 KB): 20,000 of them, one batch gathered and one in flight, held 450 MB.
BATCH = 20_000
BATCH_BYTES = 4 << 20
Row = tuple[Any, ...]
_SCAN: Callable[[str, int], tuple[Any, int]] = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
_fromiso = datetime.fromisoformat


def read_line(line: bytes, what: str) -> Any:
    """A record line the verifying pass accepted, parsed: directly as a rule, and as that pass reads it
    when the line is unusual (spaces around the record, a byte-order mark), which the format allows."""
    if fast_json is not None:
        try:
            return fast_json(line)
        except ValueError:  # what the faster parser leaves to the standard one (see format.fast_json)
            pass
    try:
        text = line.decode("utf-8")
        value, end = _SCAN(text, 0)
        if end == len(text):
            return value
    except (ValueError, RecursionError, StopIteration):
        pass
    return strict_json(line, what)


def _moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = _fromiso(value)
    return parsed if parsed.tzinfo is None else parsed.astimezone(UTC).replace(tzinfo=None)


# How every export writes a moment: naive UTC, seconds, microseconds when there are any.
_PLAIN_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?")


def _moment_text(value: str | None) -> str | None:
    """The text SQLAlchemy's SQLite DateTime type stores ("YYYY-MM-DD HH:MM:SS.ffffff", naive UTC), so
    rows read back the same either way. An export's own form is rewritten without parsing it."""
    if value is None:
        return None
    if _plain_moment(value):  # a date and time the first pass accepted, with no offset to apply
        return f"{value[:10]} {value[11:]}" if len(value) == 26 else f"{value[:10]} {value[11:]}.000000"
    moment = _moment(value)
    return None if moment is None else moment.isoformat(sep=" ", timespec="microseconds")


def _moment_for_copy(value: str | None) -> datetime | str | None:
    """A moment for PostgreSQL's COPY: an export's own naive form goes as the text it is (the server
    reads it exactly so); anything else is parsed and moved to naive UTC here."""
    if value is None or _plain_moment(value):
        return value
    return _moment(value)


_plain_moment = _PLAIN_MOMENT.fullmatch


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _day_text(value: str | None) -> str | None:
    return None if value is None else date.fromisoformat(value).isoformat()


def _number(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def _json_text(value: Any) -> str:
    """`json.dumps(value)`, written directly for the usual values. Most answers are one option number:
    its JSON is its digits (1.8 M rows nationally); "I don't know" is null. A list of option numbers (a
    multiple choice) and a band's level codes (every area result) are lists of numbers and of plain
    codes, which `json.dumps` took 4 µs each to write through its encoder."""
    kind = type(value)
    if kind is int:
        return str(value)
    if value is None:
        return "null"
    if kind is list and value:
        if all(type(v) is int for v in value):
            return f"[{', '.join(map(str, value))}]"
        if all(type(v) is str and v.isascii() and v.isalnum() for v in value):
            return '["' + '", "'.join(value) + '"]'
    return json.dumps(value)


def _sorted_json_text(value: list[str]) -> str:
    return json.dumps(sorted(value))


def row_maker(kind: str, columns: Sequence[str], json_columns: Sequence[str], *,
              sqlite: bool) -> Callable[[bytes], Row]:
    """For lines the verifying pass has accepted: the row to insert, straight from the line's bytes.

    Dates become naive UTC (as text on SQLite, as SQLAlchemy stores them there), numbers floats and JSON
    columns text as the repository writes them. One generated expression per kind, so a row costs one
    parse and one tuple; fields an older bundle lacks are empty.
    """
    later = ADDED_LATER.get(kind, frozenset())
    space: dict[str, Any] = {"_read": read_line, "_moment": _moment_text if sqlite else _moment_for_copy,
                             "_day": _day_text if sqlite else _day, "_number": _number,
                             "_json": _json_text, "_sorted_json": _sorted_json_text}
    parts = []
    for name in columns:
        value = f"r.get({name!r})" if name in later else f"r[{name!r}]"
        if name in MOMENTS.get(kind, ()):
            value = f"_moment({value})"
        elif name in DAYS.get(kind, ()):
            value = f"_day({value})"
        elif name in NUMBERS.get(kind, ()):
            value = f"_number({value})"
        elif name in json_columns:
            value = f"{'_sorted_json' if name == 'excluded' else '_json'}({value})"
        parts.append(value)
    source = (f"def row_{kind}(line):\n    r = _read(line, {kind!r})\n"
              f"    return ({', '.join(parts)},)")
    # The source is made here from the column names; no text from a bundle reaches it.
    exec(compile(source, f"<bundle rows: {kind}>", "exec"), space)
    made: Callable[[bytes], Row] = space[f"row_{kind}"]
    return made


class RowWriter:
    """Adds one table's rows in batches inside the session's transaction; `close()` says how many were new.

    Rows come ready for the driver (see row_maker, and pack.py for a check's answers). Use it as a
    context manager: on the way out it waits for the batch in flight, so nothing else touches the
    connection while a batch is sent.
    """

    def __init__(self, session: Session, table: Table, columns: Sequence[str], key: Sequence[str],
                 sender: ThreadPoolExecutor, *, packed: bool = False) -> None:
        conn = session.connection()
        self.driver: Any = conn.connection.driver_connection
        self.sqlite = conn.dialect.name == "sqlite"
        self.table, self.columns, self.key = table.name, tuple(columns), tuple(key)
        self.sender = sender
        # Rows of check_answers, on PostgreSQL (pack.py): `added` then counts the answers in the rows
        # that went in.
        self.packed = packed
        self.rows: list[Row] = []
        self.size = 0  # bundle text behind the gathered rows
        self.added = 0
        self.stage: str | None = None
        self.sending: Future[None] | None = None

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.wait()
        elif self.sending is not None:
            # Already failing: let the batch in flight end before the transaction is rolled back; its
            # own error, if any, is a consequence and not the one to report.
            self.sending.exception()
            self.sending = None

    def add(self, row: Row, size: int) -> None:
        """One row, `size` the length of its line in the bundle (of its lines, for a packed check)."""
        self.rows.append(row)
        self.size += size
        if len(self.rows) >= BATCH or self.size >= BATCH_BYTES:
            self.flush()

    def wait(self) -> None:
        """Until the batch in flight is stored (its error, if any, raised here)."""
        if self.sending is not None:
            sending, self.sending = self.sending, None
            sending.result()

    def flush(self) -> None:
        if not self.rows:
            return
        rows, self.rows, self.size = self.rows, [], 0
        self.wait()
        self.sending = self.sender.submit(self._send, rows)

    def _send(self, rows: list[Row]) -> None:
        cols = ", ".join(self.columns)
        if self.sqlite:
            marks = ", ".join("?" * len(self.columns))
            cursor = self.driver.executemany(f"INSERT OR IGNORE INTO {self.table} ({cols}) VALUES ({marks})",
                                             rows)
            self.added += max(cursor.rowcount, 0)
        else:
            self._send_postgresql(cols, rows)

    def _send_postgresql(self, cols: str, rows: list[Row]) -> None:
        with self.driver.cursor() as cursor:
            if self.stage is None:
                # A private staging table, gone at commit or rollback; COPY into it is many times
                # faster than row-by-row INSERTs, and one INSERT … SELECT then skips known keys. A role
                # may lack the right to make one (the one-pass import then came here too): asked first,
                # as a refused statement would end the transaction.
                cursor.execute("SELECT has_database_privilege(current_database(), 'TEMPORARY')")
                self.stage = f"digigram_stage_{self.table}" if cursor.fetchone()[0] else ""
                if self.stage:
                    cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {self.stage} "
                                   f"(LIKE {self.table} INCLUDING DEFAULTS) ON COMMIT DROP")
                # Room to sort a batch by key in memory rather than in temporary files (this
                # transaction only).
                cursor.execute("SET LOCAL work_mem = '64MB'")
            if not self.stage:
                self._insert_each(cursor, cols, rows)
                return
            with cursor.copy(f"COPY {self.stage} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            insert = (f"INSERT INTO {self.table} ({cols}) SELECT {cols} FROM {self.stage} "
                      f"ORDER BY {', '.join(self.key)} ON CONFLICT DO NOTHING")
            if self.packed:
                cursor.execute(f"WITH added AS ({insert} RETURNING cardinality(sequences) AS n) "
                               "SELECT coalesce(sum(n), 0) FROM added")
                self.added += int(cursor.fetchone()[0])
            else:
                cursor.execute(insert)
                self.added += max(cursor.rowcount, 0)
            cursor.execute(f"TRUNCATE {self.stage}")

    def _insert_each(self, cursor: Any, cols: str, rows: list[Row]) -> None:
        """The batch without a staging table: an INSERT per row, skipping known keys, sent in one pipeline
        (the rows come in key order, as the bundle has them)."""
        sql = (f"INSERT INTO {self.table} ({cols}) VALUES ({', '.join(['%s'] * len(self.columns))}) "
               "ON CONFLICT DO NOTHING")
        if not self.packed:
            cursor.executemany(sql, rows)
            self.added += max(cursor.rowcount, 0)
            return
        cursor.executemany(f"{sql} RETURNING cardinality(sequences)", rows, returning=True)
        while True:
            self.added += sum(n for (n,) in cursor.fetchall())
            if not cursor.nextset():
                break

    def close(self) -> int:
        self.flush()
        self.wait()
        return self.added
