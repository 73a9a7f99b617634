"""Indexes for the coordinator dashboard's filters, and a derived summary of each finished check.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_person_hub", "person", ["hub"])
    op.create_index("ix_person_group_tag", "person", ["group_tag"])
    op.create_index("ix_attempt_person_finished", "attempt", ["person_id", "status", "finished_at"])
    # Derived data, rebuilt from the answers whenever missing or made on another framework version.
    op.create_table(
        "check_summary",
        sa.Column(
            "attempt_id", sa.String(36), sa.ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("framework_hash", sa.String(64), nullable=False),
        sa.Column("marks", sa.LargeBinary(), nullable=False),
        sa.Column("areas", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("check_summary")
    op.drop_index("ix_attempt_person_finished", table_name="attempt")
    op.drop_index("ix_person_group_tag", table_name="person")
    op.drop_index("ix_person_hub", table_name="person")
