"""Each check summary keeps its competences' gap states, so the programme report reads one row per check.

`check_summary.gaps` is one byte per competence of the framework version the summary was made on, in that
framework's order: 0 no target, 1 at or above the target, 2 below it. Counting gaps per competence over
everyone's latest check then reads one short value per check instead of about 35 competence rows each
(some 890,000 rows for a region of 25,391 trainees).

Existing summaries keep NULL: the order of the bytes is the framework's, which a migration does not have.
The report counts such checks from their competence rows, as before, until they are filled in from those
rows (services.summaries.fill_gaps) by the next check finished or bundle imported, or when the dashboard
summarises checks, in any account that may write.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


NO_GAPS = sa.text("gaps IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("check_summary") as batch:
        batch.add_column(sa.Column("gaps", sa.LargeBinary(), nullable=True))
    # The summaries still without gaps, looked up at every finish and import: empty once filled in.
    op.create_index("ix_check_summary_no_gaps", "check_summary", ["framework_hash"], sqlite_where=NO_GAPS,
                    postgresql_where=NO_GAPS)


def downgrade() -> None:
    op.drop_index("ix_check_summary_no_gaps", table_name="check_summary")
    with op.batch_alter_table("check_summary") as batch:
        batch.drop_column("gaps")
