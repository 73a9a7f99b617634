"""Per-competence results as rows, a stored "needs help" mark per check summary, and a name sort key.

Revision ID: 0007
Revises: 0006

- `competence_result`: each finished check's competences with the shown level (the area's), target and
  gap, taken from the result stored since 0004; the programme report counts gaps per competence from it.
- `check_summary.needs_help`: the dashboard counts trainees needing help in SQL instead of in Python.
- `person.sort_name`: the name as Ukrainian readers order it, so the dashboard pages people in SQL.

Existing rows are filled in batches by keyset paging (id > the last one seen), as 0004 does, so memory
holds one batch whatever the number of checks.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH_SIZE = 500
# Compared by code point on PostgreSQL whatever the database's collation (see models.PersonRow).
NAME_KEY = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")


def upgrade() -> None:
    create_competence_table()
    with op.batch_alter_table("check_summary") as batch:
        batch.add_column(sa.Column("needs_help", sa.Boolean(), nullable=True))
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("sort_name", NAME_KEY, nullable=True))
        batch.create_index("ix_person_sort_name", ["sort_name"])
    conn = op.get_bind()
    fill_competences(conn)
    fill_needs_help(conn)
    fill_sort_names(conn)


def create_competence_table() -> None:
    """The table as this revision made it (0012 drops it, and makes it again when downgraded)."""
    op.create_table(
        "competence_result",
        sa.Column(
            "attempt_id", sa.String(36), sa.ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("competence_id", sa.String(100), primary_key=True),
        sa.Column("area_id", sa.String(100), nullable=False),
        sa.Column("level", sa.String(20), nullable=True),
        sa.Column("target", sa.String(20), nullable=True),
        sa.Column("gap", sa.Integer(), nullable=True),
    )


def _batches(conn: sa.Connection, sql: str, *, batch_size: int) -> Any:
    """Rows of `sql` (selecting the key first, with `:last` and `:n` marks) in key order, batch by batch."""
    last = ""
    while True:
        rows = conn.execute(sa.text(sql), {"last": last, "n": batch_size}).all()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def fill_competences(conn: sa.Connection, *, batch_size: int = BATCH_SIZE) -> int:
    """A competence row per competence of every finished check with a stored result; returns how many
    checks. A result that cannot be read is left without rows (the report then does not count it)."""
    from digigram.core.result_record import competence_rows

    done = 0
    for rows in _batches(conn, "SELECT id, result FROM attempt WHERE status = 'finished' AND result IS NOT "
                               "NULL AND id > :last ORDER BY id LIMIT :n", batch_size=batch_size):
        found: list[dict[str, Any]] = []
        for attempt_id, text in rows:
            try:
                lines = competence_rows(json.loads(text))
            except (ValueError, KeyError, TypeError):
                continue
            found.extend({"a": attempt_id, "c": c, "area": area, "l": level, "t": target, "g": gap}
                         for c, area, level, target, gap in lines)
            done += 1
        if found:
            conn.execute(sa.text("INSERT INTO competence_result (attempt_id, competence_id, area_id, level, "
                                 "target, gap) VALUES (:a, :c, :area, :l, :t, :g)"), found)
    return done


def fill_needs_help(conn: sa.Connection, *, batch_size: int = BATCH_SIZE) -> None:
    from digigram.core.coordination import needs_help_of

    for rows in _batches(conn, "SELECT attempt_id, areas FROM check_summary WHERE attempt_id > :last "
                               "ORDER BY attempt_id LIMIT :n", batch_size=batch_size):
        conn.execute(sa.text("UPDATE check_summary SET needs_help = :h WHERE attempt_id = :a"),
                     [{"a": attempt_id, "h": needs_help_of(areas)} for attempt_id, areas in rows])


def fill_sort_names(conn: sa.Connection, *, batch_size: int = BATCH_SIZE) -> None:
    from digigram.core.names import name_key

    for rows in _batches(conn, "SELECT id, name FROM person WHERE id > :last ORDER BY id LIMIT :n",
                         batch_size=batch_size):
        conn.execute(sa.text("UPDATE person SET sort_name = :k WHERE id = :p"),
                     [{"p": person_id, "k": name_key(name)} for person_id, name in rows])


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_index("ix_person_sort_name")
        batch.drop_column("sort_name")
    with op.batch_alter_table("check_summary") as batch:
        batch.drop_column("needs_help")
    op.drop_table("competence_result")
