"""Stored sort keys for each person's hub and group, so the dashboard orders by them through an index.

Revision ID: 0009
Revises: 0008

`person.sort_hub` and `person.sort_group` hold core.names.name_key of `person.hub` and `person.group_tag`,
as `person.sort_name` (0007) holds the name's. Before, every page ordered by hub or group worked a key out
per row in the query: on SQLite a Python function called for each person, on PostgreSQL translate(),
which folds only Latin and Ukrainian capitals, so a name with Ё or É could sort otherwise on the server
than on a PC. A key made once in Python when the row is written orders the same on both engines.

The hub key sits on the person row, beside the hub text it is the key of, not on the hub table. The hub
text every person row carries is its hub row's name (people are linked by that name, and a move to the
same-named hub of another region keeps it), and hubs are never renamed; but a person without a hub has
no hub row and still takes a place in the order, and a key on the person row lets one index on person
serve the page, with no join, as sort_name does. A group has no row of its own, so its key is the
person's in any case.

Existing rows are filled in batches by keyset paging (id > the last one seen), as 0007 does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH_SIZE = 500
# Compared by code point on PostgreSQL whatever the database's collation (see models.PersonRow).
NAME_KEY = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("sort_hub", NAME_KEY, nullable=True))
        batch.add_column(sa.Column("sort_group", NAME_KEY, nullable=True))
        batch.create_index("ix_person_sort_hub", ["sort_hub"])
        batch.create_index("ix_person_sort_group", ["sort_group"])
    fill_sort_keys(op.get_bind())


def fill_sort_keys(conn: sa.Connection, *, batch_size: int = BATCH_SIZE) -> None:
    """Every person's hub and group keys, a batch of people at a time."""
    from digigram.core.names import name_key

    last = ""
    while True:
        rows = conn.execute(sa.text("SELECT id, hub, group_tag FROM person WHERE id > :last ORDER BY id "
                                    "LIMIT :n"), {"last": last, "n": batch_size}).all()
        if not rows:
            return
        conn.execute(sa.text("UPDATE person SET sort_hub = :h, sort_group = :g WHERE id = :p"),
                     [{"p": pid, "h": name_key(hub or ""), "g": name_key(group or "")}
                      for pid, hub, group in rows])
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_index("ix_person_sort_group")
        batch.drop_index("ix_person_sort_hub")
        batch.drop_column("sort_group")
        batch.drop_column("sort_hub")
