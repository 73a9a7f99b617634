"""A finished check imported into PostgreSQL stores its answers in one row (`check_answers`).

A programme year is 1.8 million answers of 47,000 checks. One row per answer made the regional server
insert a row, an index entry and a foreign-key check for each, the largest part of a national import's
server time. Checks never change once finished and are read whole, so a check that arrives by bundle or
sync now keeps its answers in one row of arrays, in answer order. Answers a person gives on this PC still
go one row each into `answer`, each committed before the next question. The table is the same on SQLite
(JSON arrays), whose imports keep writing rows (services/bundles/pack.py says why).

Readers see both through the view `answer_all` (models.ANSWERS): the same columns as `answer`, a row per
answer. Rows already stored stay where they are. Downgrading unpacks every packed check into `answer`.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_COLUMNS = "attempt_id, sequence, item_id, choice, answered_at, seconds, language"
# The packed checks unpacked, one row per answer, on each engine. On SQLite element i of each JSON array
# is found by its index (json_each numbers the elements from 0).
_UNPACKED = {
    "postgresql": (
        "SELECT c.attempt_id, u.sequence, u.item_id, u.choice, u.answered_at, u.seconds, u.language "
        "FROM check_answers c CROSS JOIN LATERAL unnest(c.sequences, c.item_ids, c.choices, c.answered_at, "
        "c.seconds, c.languages) AS u(sequence, item_id, choice, answered_at, seconds, language)"
    ),
    "sqlite": (
        "SELECT c.attempt_id, s.value, json_extract(c.item_ids, '$[' || s.key || ']'), "
        "json_extract(c.choices, '$[' || s.key || ']'), json_extract(c.answered_at, '$[' || s.key || ']'), "
        "json_extract(c.seconds, '$[' || s.key || ']'), json_extract(c.languages, '$[' || s.key || ']') "
        "FROM check_answers c, json_each(c.sequences) s"
    ),
}


def _packed(element: sa.types.TypeEngine[Any]) -> sa.types.TypeEngine[Any]:
    return sa.Text().with_variant(sa.ARRAY(element), "postgresql")


def upgrade() -> None:
    op.create_table(
        "check_answers",
        sa.Column("attempt_id", sa.String(36), sa.ForeignKey("attempt.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("sequences", _packed(sa.Integer()), nullable=False),
        sa.Column("item_ids", _packed(sa.String(100)), nullable=False),
        sa.Column("choices", _packed(sa.Text()), nullable=False),
        sa.Column("answered_at", _packed(sa.DateTime()), nullable=False),
        sa.Column("seconds", _packed(sa.Float()), nullable=False),
        sa.Column("languages", _packed(sa.String(10)), nullable=False),
    )
    unpacked = _UNPACKED[op.get_bind().dialect.name]
    op.execute(f"CREATE VIEW answer_all ({_COLUMNS}) AS SELECT {_COLUMNS} FROM answer UNION ALL {unpacked}")


def downgrade() -> None:
    unpacked = _UNPACKED[op.get_bind().dialect.name]
    op.execute("DROP VIEW answer_all")
    op.execute(f"INSERT INTO answer ({_COLUMNS}) {unpacked}")
    op.drop_table("check_answers")
