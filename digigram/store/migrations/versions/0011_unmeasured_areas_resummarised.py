"""Summaries of checks with an area no shown answer measured are made again, without its level and gap.

An area whose framework items are only self-ratings and attitudes (or none) has no shown answer, so its
stored level and gap are the prior's (core.records.measured). Summaries made before this revision wrote
them as found: the dashboard showed a gap there, counted it towards "needs help" and sorted by it, and the
programme report counted its competences' gaps. A summary now writes such an area without a level or gap
(services.summaries.area_text).

The stored results and area rows stay as they are; only the derived summaries of the checks concerned are
marked incomplete, as an older release's are: needs_help NULL, which makes the dashboard summarise them
again when it opens in an account that may write (a read-only one works them out for its view), and gaps
NULL, so the programme report counts those checks from their competence rows, leaving such an area's out,
until they are summarised again (revision 0010's way). A migration cannot summarise them itself: a summary
is made on the framework version, which the database does not hold in a form a migration reads.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE check_summary SET needs_help = NULL, gaps = NULL WHERE attempt_id IN "
               "(SELECT attempt_id FROM area_result WHERE n_items = 0)")


def downgrade() -> None:
    pass  # the summaries made again read as an older release's would, but for the area left without a level
