"""When a hub's region was last chosen, so a corrected region can travel and an older one cannot undo it.

`hub.region_set_at` (naive UTC) is written when a coordinator gives a hub its region or adds a hub, and
carried in bundles with each person's hub. Rows made before this revision keep NULL: a region whose date
is unknown, which any dated choice supersedes (docs/regional.md, section 8).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hub") as batch:
        batch.add_column(sa.Column("region_set_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hub") as batch:
        batch.drop_column("region_set_at")
