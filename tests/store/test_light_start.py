"""The light start: the same data as the ORM gives, the start backup before any write, migrations when due."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digigram.core import paths
from digigram.core.errors import StorageError
from digigram.core.i18n import N_
from digigram.services.workspace import Workspace
from digigram.store import backup, light, migrate
from digigram.store.db import sqlite_url
from digigram.store.repo import people as people_rows
from digigram.store.repo import settings as setting_rows
from digigram.store.startup import open_store
from tests.store.conftest import insert_old_rows

ROOT = Path(__file__).resolve().parents[2]


def _names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT name FROM person ORDER BY name")]
    finally:
        con.close()


def test_the_revision_chain_read_from_the_scripts_is_alembics(monkeypatch: pytest.MonkeyPatch) -> None:
    assert list(migrate.known_revisions()) == migrate._alembic_revisions()
    assert migrate.head() == migrate._alembic_revisions()[-1]


@pytest.mark.parametrize(("source", "expected"), [
    ('"""x"""\nrevision = "0009"\ndown_revision = "0008"\nrevision_note = 1\n',
     {"revision": "0009", "down_revision": "0008"}),
    ('revision: str = "0009"\ndown_revision: str | None = None\n',
     {"revision": "0009", "down_revision": None}),
    # A merge point written over several lines: only the whole script says what it is.
    ('revision = "0010"\ndown_revision = (\n    "0008",\n    "0009",\n)\n',
     {"revision": "0010", "down_revision": ("0008", "0009")}),
])
def test_a_scripts_revision_lines_are_read_as_the_whole_script_says(source: str,
                                                                     expected: dict[str, object]) -> None:
    whole = migrate._constants(source, ("revision", "down_revision"))
    assert migrate._revision_lines(source) == expected == whole


def test_light_reads_give_what_the_orm_gives(data_dir: Path, small_framework: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=small_framework) as ws:
        ws.create_person("Олена", hub="Хаб Ірпінь", group="весна")
        ws.create_person("Андрій", pin="1234", consent=False)
        ws.create_person("Ігор", profile_id="coordinator")
        for key, value in [("ui.language", "en"), ("ui.text_scale", 125), ("ui.high_contrast", True),
                           ("other", {"a": [1, "б"]})]:
            ws.set_setting(key, value)
        db = ws.database_path
        assert db is not None
        with ws.store.sessions() as session:
            orm_people = people_rows.list_people(session)
            orm_settings = {k: setting_rows.get_setting(session, k)
                            for k in ("ui.language", "ui.text_scale", "ui.high_contrast", "other", "absent")}
    assert light.list_people(db) == orm_people
    assert len(orm_people) == 3 and all(p.created_at.tzinfo is UTC for p in orm_people)
    assert {k: light.get_setting(db, k) for k in orm_settings} == orm_settings
    assert orm_settings["absent"] == (False, None)


def test_backup_later_leaves_the_start_backup_for_just_before_the_first_write(
        data_dir: Path, small_framework: Path) -> None:
    folder = paths.backup_dir(data_dir)
    with Workspace.open(data_dir=data_dir, framework_path=small_framework) as ws:
        ws.create_person("Олена")
    before = backup.list_backups(folder)
    with Workspace.open(data_dir=data_dir, framework_path=small_framework, backup_later=True) as ws:
        assert backup.list_backups(folder) == before  # not at open
        assert [p.name for p in ws.people()] == ["Олена"]  # the light reads already work
        assert ws.setting("ui.language", "uk") == "uk"
        assert backup.list_backups(folder) == before
        ws.create_person("Андрій")
        made = backup.list_backups(folder)
        assert len(made) == len(before) + 1
        assert _names(made[0].path) == ["Олена"]  # taken before the write
        assert _names(paths.database_path(data_dir)) == ["Андрій", "Олена"]


def test_preload_makes_the_backup_in_the_background_and_hands_back(
        data_dir: Path, small_framework: Path) -> None:
    folder = paths.backup_dir(data_dir)
    with Workspace.open(data_dir=data_dir, framework_path=small_framework) as ws:
        ws.create_person("Олена")
    before = len(backup.list_backups(folder))
    done = threading.Event()
    with Workspace.open(data_dir=data_dir, framework_path=small_framework, backup_later=True) as ws:
        ws.preload(done=done.set)
        assert done.wait(60)
        assert len(backup.list_backups(folder)) == before + 1
        ws.finish_start()
        ws.finish_start()  # a second call finds nothing left to do
        assert len(backup.list_backups(folder)) == before + 1
        assert [p.name for p in ws.people()] == ["Олена"]


def test_a_preload_asked_for_after_close_does_nothing(data_dir: Path, small_framework: Path) -> None:
    # The desktop app starts the loader from a timer; one that fires after the data was closed (the
    # window closing at once) must not back up or open the database again.
    folder = paths.backup_dir(data_dir)
    with Workspace.open(data_dir=data_dir, framework_path=small_framework) as ws:
        ws.create_person("Олена")
    before = len(backup.list_backups(folder))
    done = threading.Event()
    ws = Workspace.open(data_dir=data_dir, framework_path=small_framework, backup_later=True)
    ws.close()
    ws.preload(done=done.set)
    assert not done.wait(1)
    assert not any(t.name == "digigram-preload" for t in threading.enumerate())
    assert len(backup.list_backups(folder)) == before


def test_a_failed_background_backup_is_reported_before_any_write(
        data_dir: Path, small_framework: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=small_framework) as ws:
        ws.create_person("Олена")

    def refuse(*_args: object, **_kwargs: object) -> Path:
        raise StorageError(N_("The disk is full, so the last action was not saved. Free some disk space and "
                              "try again."))

    done = threading.Event()
    with Workspace.open(data_dir=data_dir, framework_path=small_framework, backup_later=True) as ws:
        monkeypatch.setattr(backup, "make_backup", refuse)
        ws.preload(done=done.set)
        assert done.wait(60)
        with pytest.raises(StorageError, match="disk is full"):
            ws.create_person("Андрій")
    assert _names(paths.database_path(data_dir)) == ["Олена"]


@pytest.mark.parametrize("backup_later", [False, True])
def test_an_old_database_is_backed_up_then_migrated_at_open(data_dir: Path, backup_later: bool) -> None:
    db = paths.database_path(data_dir)
    migrate.upgrade(sqlite_url(db), to=migrate.known_revisions()[0])
    insert_old_rows(db)
    assert migrate.file_needs_upgrade(db)
    store = open_store(data_dir=data_dir, backup_later=backup_later)
    store.close()
    assert not migrate.file_needs_upgrade(db)
    (made,) = backup.list_backups(paths.backup_dir(data_dir))
    assert _names(made.path) == ["Олена"]
    con = sqlite3.connect(made.path)
    try:  # the backup holds the data as it was, before the migration
        first = migrate.known_revisions()[0]
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (first,)
    finally:
        con.close()


def test_a_current_database_opens_without_alembic_or_sqlalchemy(data_dir: Path) -> None:
    open_store(data_dir=data_dir).close()  # creates it at the head revision
    code = (
        "import sys; from pathlib import Path\n"
        "from digigram.store.startup import open_store\n"
        "from digigram.store import light\n"
        f"store = open_store(data_dir=Path({str(data_dir)!r}), backup_later=True)\n"
        "light.list_people(store.db_path)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'sqlalchemy', 'numpy', 'yaml'}))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]"


def test_light_dates_are_the_stored_utc_moments(data_dir: Path) -> None:
    store = open_store(data_dir=data_dir)
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO person (id, name, hub, group_tag, created_at, consent_at) "
                "VALUES ('p', 'Олена', '', '', '2025-03-04 05:06:07.000008', NULL)")
    finally:
        store.close()
    (person,) = light.list_people(paths.database_path(data_dir))
    assert person.created_at == datetime(2025, 3, 4, 5, 6, 7, 8, tzinfo=UTC)
    assert person.consent_at is None and not person.has_pin
