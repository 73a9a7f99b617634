"""Regions and hubs as data: Ukraine's regions, a hub table, and each person's hub by id.

Existing free-text hub names become hub rows (one per distinct name, no region yet) and people point
at them; the text column stays for what still reads it.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# A copy of digigram.core.regions.REGIONS as it was when this revision was written: a migration must
# keep doing the same thing whatever later code says.
REGIONS = (
    ("UA-05", "Вінницька область", "Vinnytsia Oblast"),
    ("UA-07", "Волинська область", "Volyn Oblast"),
    ("UA-09", "Луганська область", "Luhansk Oblast"),
    ("UA-12", "Дніпропетровська область", "Dnipropetrovsk Oblast"),
    ("UA-14", "Донецька область", "Donetsk Oblast"),
    ("UA-18", "Житомирська область", "Zhytomyr Oblast"),
    ("UA-21", "Закарпатська область", "Zakarpattia Oblast"),
    ("UA-23", "Запорізька область", "Zaporizhzhia Oblast"),
    ("UA-26", "Івано-Франківська область", "Ivano-Frankivsk Oblast"),
    ("UA-30", "Київ", "Kyiv"),
    ("UA-32", "Київська область", "Kyiv Oblast"),
    ("UA-35", "Кіровоградська область", "Kirovohrad Oblast"),
    ("UA-40", "Севастополь", "Sevastopol"),
    ("UA-43", "Автономна Республіка Крим", "Autonomous Republic of Crimea"),
    ("UA-46", "Львівська область", "Lviv Oblast"),
    ("UA-48", "Миколаївська область", "Mykolaiv Oblast"),
    ("UA-51", "Одеська область", "Odesa Oblast"),
    ("UA-53", "Полтавська область", "Poltava Oblast"),
    ("UA-56", "Рівненська область", "Rivne Oblast"),
    ("UA-59", "Сумська область", "Sumy Oblast"),
    ("UA-61", "Тернопільська область", "Ternopil Oblast"),
    ("UA-63", "Харківська область", "Kharkiv Oblast"),
    ("UA-65", "Херсонська область", "Kherson Oblast"),
    ("UA-68", "Хмельницька область", "Khmelnytskyi Oblast"),
    ("UA-71", "Черкаська область", "Cherkasy Oblast"),
    ("UA-74", "Чернігівська область", "Chernihiv Oblast"),
    ("UA-77", "Чернівецька область", "Chernivtsi Oblast"),
)


def upgrade() -> None:
    region = op.create_table(
        "region",
        sa.Column("id", sa.String(8), primary_key=True),
        sa.Column("name_uk", sa.String(100), nullable=False),
        sa.Column("name_en", sa.String(100), nullable=False),
    )
    op.bulk_insert(region, [{"id": c, "name_uk": uk, "name_en": en} for c, uk, en in REGIONS])
    hub = op.create_table(
        "hub",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region_id", sa.String(8), sa.ForeignKey("region.id"), nullable=True),
        sa.UniqueConstraint("region_id", "name", name="uq_hub_region_name"),
    )
    op.create_index("ix_hub_region_id", "hub", ["region_id"])
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("hub_id", sa.String(36), nullable=True))
        batch.create_foreign_key("fk_person_hub_id", "hub", ["hub_id"], ["id"])
        batch.create_index("ix_person_hub_id", ["hub_id"])
    conn = op.get_bind()
    names = conn.execute(sa.text("SELECT DISTINCT hub FROM person WHERE hub IS NOT NULL AND hub != ''"))
    rows = [{"id": str(uuid.uuid4()), "name": name, "region_id": None} for (name,) in names]
    if rows:
        op.bulk_insert(hub, rows)
        conn.execute(sa.text("UPDATE person SET hub_id = (SELECT hub.id FROM hub WHERE hub.name = "
                             "person.hub) WHERE hub IS NOT NULL AND hub != ''"))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_index("ix_person_hub_id")
        batch.drop_constraint("fk_person_hub_id", type_="foreignkey")
        batch.drop_column("hub_id")
    op.drop_index("ix_hub_region_id", table_name="hub")
    op.drop_table("hub")
    op.drop_table("region")
