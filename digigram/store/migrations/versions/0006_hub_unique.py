"""One hub without a region per name: a partial unique index, after merging any doubles already made.

The unique (region_id, name) constraint of 0005 lets rows with a NULL region differ, so two processes
that met a new free-text hub name at once could each add a row for it. Doubles are merged into the
oldest-by-id row (people repointed), then an index unique on name where region_id IS NULL keeps it so;
SQLite and PostgreSQL both have partial indexes. People with a hub name and no hub row are linked too.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NO_REGION = sa.text("region_id IS NULL")


def upgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text(
        "UPDATE person SET hub_id = (SELECT min(keep.id) FROM hub own JOIN hub keep ON keep.name = own.name "
        "AND keep.region_id IS NULL WHERE own.id = person.hub_id) "
        "WHERE hub_id IN (SELECT id FROM hub WHERE region_id IS NULL)"))
    conn.execute(sa.text(
        "DELETE FROM hub WHERE region_id IS NULL "
        "AND id NOT IN (SELECT min(id) FROM hub WHERE region_id IS NULL GROUP BY name)"))
    op.create_index("uq_hub_name_no_region", "hub", ["name"], unique=True, sqlite_where=NO_REGION,
                    postgresql_where=NO_REGION)
    # A person with a hub name but no hub row (written by hand or by a tool that knew only the text
    # column) joins the hub of that name without a region, as 0005 did for everyone.
    unlinked = conn.execute(sa.text(
        "SELECT DISTINCT hub FROM person WHERE hub_id IS NULL AND hub IS NOT NULL AND hub != '' "
        "AND hub NOT IN (SELECT name FROM hub WHERE region_id IS NULL)")).scalars().all()
    for name in unlinked:
        conn.execute(sa.text("INSERT INTO hub (id, name, region_id) VALUES (:id, :name, NULL)"),
                     {"id": str(uuid.uuid4()), "name": name})
    conn.execute(sa.text(
        "UPDATE person SET hub_id = (SELECT hub.id FROM hub WHERE hub.name = person.hub AND hub.region_id IS "
        "NULL) WHERE hub_id IS NULL AND hub IS NOT NULL AND hub != ''"))


def downgrade() -> None:
    op.drop_index("uq_hub_name_no_region", table_name="hub")
