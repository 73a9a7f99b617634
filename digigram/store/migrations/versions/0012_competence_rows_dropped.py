"""The per-competence rows go: a check's gaps are read from its stored result, where they were taken from.

Revision 0007 copied each finished check's competences (level, target, gap) out of its stored result
into `competence_result`, so the programme report could count gaps per competence in SQL. Since 0010 each
check summary keeps those gaps as one byte per competence, and the report counts those. The rows stayed
only as the summaries' source, and they were the largest table after the answers: nationally 1.64 million
rows, one import's largest server cost after the answers. Summaries, and the report for a check whose
summary has no gaps yet, now take them from the stored result itself (services.summaries.competence_states),
which says the same: the rows were made from it and never changed.

Nothing is lost: downgrading makes the rows again from the stored results, as 0007 did.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import importlib

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("competence_result")


def downgrade() -> None:
    made = importlib.import_module("digigram.store.migrations.versions.0007_competence_results")
    made.create_competence_table()
    made.fill_competences(op.get_bind())
