"""The tables' PostgreSQL-only options hold on PostgreSQL; the SQLite app never loads that dialect."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from digigram.store.models import Base, HubRow, RegionRow
from tests.conftest import Target

ROOT = Path(__file__).resolve().parents[2]

# A usual day on a library PC, the database made on an earlier day (making it runs the migrations, which
# load every dialect Alembic knows): open the data folder, add a person at a new hub, read them back.
PREPARE = ("import sys; from digigram.services.workspace import Workspace; "
           "Workspace.open(data_dir=sys.argv[1]).close()")
DAY = """
import sys
from digigram.services.workspace import Workspace
with Workspace.open(data_dir=sys.argv[1]) as ws:
    person = ws.create_person("Оксана Петренко", hub="Хаб у бібліотеці")
    assert [p.id for p in ws.people()] == [person.id]
    print(sorted(m for m in sys.modules if m.startswith("sqlalchemy.dialects.")))
"""


def test_the_sqlite_app_never_loads_the_postgresql_dialect(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-c", PREPARE, str(tmp_path)], cwd=ROOT, check=True)
    out = subprocess.run([sys.executable, "-c", DAY, str(tmp_path)], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert "sqlalchemy.dialects.sqlite" in out
    assert "postgresql" not in out


def test_hubs_without_a_region_stay_unique_by_name_on_tables_made_from_the_models(
        new_target: Callable[..., Target]) -> None:
    # Made by create_all, not the migrations: the models alone must carry the partial index's condition.
    target = new_target(migrated=False)
    engine = target.engine()
    try:
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(insert(RegionRow.__table__), [
                {"id": "UA-46", "name_uk": "Львівська", "name_en": "Lviv"},
                {"id": "UA-26", "name_uk": "Івано-Франківська", "name_en": "Ivano-Frankivsk"},
            ])
            # The same name in two regions, and once without a region: all allowed.
            for region in ("UA-46", "UA-26", None):
                conn.execute(insert(HubRow.__table__).values(id=str(uuid.uuid4()), name="Центральна",
                                                             region_id=region))
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(insert(HubRow.__table__).values(id=str(uuid.uuid4()), name="Центральна",
                                                         region_id=None))
        with engine.connect() as conn:
            assert len(conn.execute(HubRow.__table__.select()).all()) == 3
    finally:
        engine.dispose()
