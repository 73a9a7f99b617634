"""The initial schema: people, framework snapshots, attempts, answers, area results and plans.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("hub", sa.String(200), nullable=False),
        sa.Column("group_tag", sa.String(100), nullable=False),
        sa.Column("profile_id", sa.String(100), nullable=True),
        sa.Column("pin_hash", sa.String(300), nullable=True),
        sa.Column("consent_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_person_name", "person", ["name"])
    op.create_table(
        "framework_snapshot",
        sa.Column("content_hash", sa.String(64), primary_key=True),
        sa.Column("framework_id", sa.String(100), nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("file_name", sa.String(300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "attempt",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "person_id", sa.String(36), sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("framework_id", sa.String(100), nullable=False),
        sa.Column("framework_version", sa.String(100), nullable=False),
        sa.Column(
            "framework_hash",
            sa.String(64),
            sa.ForeignKey("framework_snapshot.content_hash"),
            nullable=False,
        ),
        sa.Column("profile_id", sa.String(100), nullable=False),
        sa.Column("mode", sa.String(50), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("excluded", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_attempt_person_id", "attempt", ["person_id"])
    op.create_index("ix_attempt_status", "attempt", ["status"])
    op.create_table(
        "answer",
        sa.Column(
            "attempt_id", sa.String(36), sa.ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("sequence", sa.Integer(), primary_key=True),
        sa.Column("item_id", sa.String(100), nullable=False),
        sa.Column("choice", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=True),
    )
    op.create_table(
        "area_result",
        sa.Column(
            "attempt_id", sa.String(36), sa.ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("area_id", sa.String(100), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("theta", sa.Float(), nullable=False),
        sa.Column("sd", sa.Float(), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("band", sa.Text(), nullable=False),
        sa.Column("target", sa.String(20), nullable=True),
        sa.Column("p_below_target", sa.Float(), nullable=True),
        sa.Column("gap", sa.Integer(), nullable=True),
        sa.Column("n_items", sa.Integer(), nullable=False),
    )
    op.create_table(
        "plan",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "person_id", sa.String(36), sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "attempt_id", sa.String(36), sa.ForeignKey("attempt.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_plan_person_id", "plan", ["person_id"])
    op.create_table(
        "plan_step",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("plan_id", sa.String(36), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.String(100), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("resource_id", sa.String(100), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("coordinator_comment", sa.Text(), nullable=False),
    )
    op.create_index("ix_plan_step_plan_id", "plan_step", ["plan_id"])


def downgrade() -> None:
    for table in ("plan_step", "plan", "area_result", "answer", "attempt", "framework_snapshot", "person"):
        op.drop_table(table)
