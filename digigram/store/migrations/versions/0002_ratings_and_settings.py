"""The 1–10 self-rating before and after a check, and a table of app settings.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attempt") as batch:
        batch.add_column(sa.Column("rating_before", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("rating_after", sa.Integer(), nullable=True))
    op.create_table(
        "setting",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("setting")
    with op.batch_alter_table("attempt") as batch:
        batch.drop_column("rating_after")
        batch.drop_column("rating_before")
