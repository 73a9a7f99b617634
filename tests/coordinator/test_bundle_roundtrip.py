"""A bundle carries a hub's checks and plans to another data folder whole, once, and by the stated rules."""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from digigram.core.bundle.format import RECORD_FILES
from digigram.core.records import Plan
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.workspace import Workspace
from digigram.store.models import Base
from tests.conftest import Target
from tests.coordinator.test_bundle_support import (
    KEY,
    SMALL,
    backups,
    dump,
    dump_target,
    lines,
    make_hub,
    members,
)
from tests.store.helpers import some_choice, without_roles

# Columns that legitimately differ between the two sides: a PIN hash never travels, hub ids are local.
SKIP = {"person": ("pin_hash", "hub_id")}  # hub rows have each database's own ids
TABLES = ("person", "attempt", "answer", "area_result", "plan", "plan_step")


def _content(target: Target) -> dict[str, set[tuple[Any, ...]]]:
    """What must travel, as typed values (comparable between a SQLite hub and a PostgreSQL region)."""
    found = dump_target(target, skip=SKIP)
    out = {table: set(found[table]) for table in TABLES if table != "attempt"}
    engine = target.engine()
    with engine.connect() as conn:
        attempt = Base.metadata.tables["attempt"]
        out["attempt"] = set(map(tuple, conn.execute(select(attempt).where(attempt.c.status == "finished"))))
        snap = Base.metadata.tables["framework_snapshot"]
        out["framework_snapshot"] = set(map(tuple, conn.execute(
            select(snap.c.content_hash, snap.c.framework_id, snap.c.version, snap.c.text))))
    engine.dispose()
    return out


def _hub_target(folder: Path) -> Target:
    return Target("sqlite", folder, f"sqlite:///{folder / 'digigram.sqlite3'}")


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("hub") / "data"
    return folder, make_hub(folder)


def test_round_trip_from_a_hub_keeps_counts_contents_and_results(
        hub: tuple[Path, dict[str, Any]], tmp_path: Path, target: Target) -> None:
    region = target
    source, results = hub
    bundle = tmp_path / "hub.zip"
    with Workspace.open(data_dir=source, framework_path=SMALL) as ws:
        summary = export_bundle(ws, bundle, key=KEY)
    assert summary.signed and summary.attempts == len(results) == 6
    assert summary.people == 5 and summary.plans == 4  # everyone travels; an unfinished check stays home
    with Workspace.open(**region.open_kwargs()) as ws:  # the region runs the shipped framework
        report = import_bundle(ws, bundle, key=KEY)
        assert report.signed and report.warnings == ()
        assert report.added["attempts"] == 6 and report.added["answers"] == summary.answers
        for attempt_id, result in results.items():
            assert ws.results_for(attempt_id) == result  # replayed on the framework carried along
        assert all(not p.has_pin for p in ws.people())
    engine = region.engine()
    with engine.connect() as conn:  # every imported person points at the hub row of their hub's name
        linked = conn.execute(text("SELECT p.hub, h.name FROM person p LEFT JOIN hub h ON h.id = p.hub_id "
                                   "WHERE p.hub != ''")).all()
    engine.dispose()
    assert linked and all(hub == name for hub, name in linked)
    mine, theirs = _content(_hub_target(source)), _content(region)
    for table in TABLES:
        assert theirs[table] == mine[table], table
    assert mine["framework_snapshot"] <= theirs["framework_snapshot"]


def test_a_bundle_partly_stored_already_lands_the_rest_whole_in_many_small_batches(
        hub: tuple[Path, dict[str, Any]], tmp_path: Path, target: Target,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One hub's checks first, then everything with a batch every row or two: the checks already there are
    skipped with their answers and area rows, and each new check gets exactly its own."""
    source, _ = hub
    with Workspace.open(data_dir=source, framework_path=SMALL) as ws:
        (irpin_hub,) = [h for h in ws.hubs() if h.name == "Хаб Ірпінь"]
        part = export_bundle(ws, tmp_path / "irpin.zip", key=KEY, hub_id=irpin_hub.id)
        whole = export_bundle(ws, tmp_path / "all.zip", key=KEY)
    assert 0 < part.attempts < whole.attempts
    for name, value in (("BATCH", 2), ("BATCH_BYTES", 1)):
        monkeypatch.setattr(f"digigram.services.bundles.stage.{name}", value)
    monkeypatch.setattr("digigram.services.bundles.write.BATCH", 2)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        first = import_bundle(ws, tmp_path / "irpin.zip", key=KEY)
        rest = import_bundle(ws, tmp_path / "all.zip", key=KEY)
    assert first.added["attempts"] == part.attempts
    assert rest.added["attempts"] == whole.attempts - part.attempts
    assert rest.unchanged["attempts"] == part.attempts
    assert first.added["answers"] + rest.added["answers"] == whole.answers
    mine, theirs = _content(_hub_target(source)), _content(target)
    for table in TABLES:
        assert theirs[table] == mine[table], table


def test_importing_twice_changes_nothing_and_makes_no_second_backup(
        hub: tuple[Path, dict[str, Any]], tmp_path: Path, target: Target) -> None:
    source, _ = hub
    bundle = tmp_path / "hub.zip"
    with Workspace.open(data_dir=source, framework_path=SMALL) as ws:
        export_bundle(ws, bundle, key=KEY)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        first = import_bundle(ws, bundle, key=KEY)
        before, saved = dump_target(target), backups(target.data_dir)
        second = import_bundle(ws, bundle, key=KEY)
        assert dump_target(target) == before and backups(target.data_dir) == saved
    assert sum(second.added.values()) == 0
    assert second.unchanged == {k: first.added[k] + first.unchanged[k] for k in first.added}
    if target.is_sqlite:  # a server database is backed up by the server (pg_dump), not file by file
        assert any("bundle" in name for name in saved)  # the first import backed the database up first


def test_the_hub_itself_can_re_import_its_own_bundle_without_change(
        hub: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    source, _ = hub
    bundle = tmp_path / "hub.zip"
    with Workspace.open(data_dir=source, framework_path=SMALL) as ws:
        export_bundle(ws, bundle, key=KEY)
        before = dump(source)
        report = import_bundle(ws, bundle, key=KEY)
        assert sum(report.added.values()) == 0 and report.warnings == ()
    assert dump(source) == before


def test_hub_and_since_choose_what_travels(hub: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    source, _ = hub
    with Workspace.open(data_dir=source, framework_path=SMALL) as ws:
        (irpin_hub,) = [h for h in ws.hubs() if h.name == "Хаб Ірпінь"]
        irpin = export_bundle(ws, tmp_path / "irpin.zip", key=KEY, hub_id=irpin_hub.id)
        later = export_bundle(ws, tmp_path / "later.zip", key=None, since=date.today() + timedelta(days=2))
    people = lines(members(tmp_path / "irpin.zip")[RECORD_FILES["people"]])
    assert irpin.people == 2 and {p["hub"] for p in people} == {"Хаб Ірпінь"}
    assert all("pin" not in key for p in people for key in p)
    assert (later.people, later.attempts, later.plans, later.signed) == (0, 0, 0, False)


def test_a_newer_plan_replaces_an_older_one_and_never_the_other_way(
        hub: tuple[Path, dict[str, Any]], tmp_path: Path, target: Target) -> None:
    source, _ = hub
    with Workspace.open(data_dir=source, framework_path=SMALL) as ws:
        export_bundle(ws, tmp_path / "old.zip", key=KEY)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        import_bundle(ws, tmp_path / "old.zip", key=KEY)
    hub_copy = tmp_path / "hub-copy"
    shutil.copytree(source, hub_copy)
    with Workspace.open(data_dir=hub_copy, framework_path=SMALL) as ws:
        person = next(p for p in ws.people() if ws.plan_for(p.id) is not None)
        plan = ws.plan_for(person.id)
        assert plan is not None
        ws.save_plan(person.id, Plan(person_id=person.id, steps=plan.steps[:1], attempt_id=plan.attempt_id,
                                     id=plan.id))
        export_bundle(ws, tmp_path / "new.zip", key=KEY)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, tmp_path / "new.zip", key=KEY, lang="en")
        updated = ws.plan_for(person.id)
        assert updated is not None and len(updated.steps) == 1
        assert any("replaced" in w for w in report.warnings)
        kept = import_bundle(ws, tmp_path / "old.zip", key=KEY, lang="en")
        assert any("newer" in w and "kept" in w for w in kept.warnings)
        still = ws.plan_for(person.id)
        assert still is not None and len(still.steps) == 1


def test_a_person_changed_in_the_database_keeps_the_database_version_with_a_warning(
        hub: tuple[Path, dict[str, Any]], tmp_path: Path, target: Target) -> None:
    source, _ = hub
    with Workspace.open(data_dir=source, framework_path=SMALL) as ws:
        export_bundle(ws, tmp_path / "hub.zip", key=KEY)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        import_bundle(ws, tmp_path / "hub.zip", key=KEY)
    engine = target.engine()
    with engine.begin() as conn:
        conn.execute(text("UPDATE person SET group_tag = 'перейменована група' WHERE hub = 'Хаб Буча'"))
    engine.dispose()
    before = dump_target(target)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, tmp_path / "hub.zip", key=KEY, lang="uk")
    assert dump_target(target)["person"] == before["person"]
    assert report.warnings and all("залишено наявні" in w for w in report.warnings)


def _one_check_exported(source: Path, framework: Path, bundle: Path, **start: Any) -> tuple[str, Any]:
    """One person's check, answered to the end and finished in a hub's data folder `source` on
    `framework`, then the hub's signed bundle at `bundle`: (the check's id, its results as shown)."""
    with Workspace.open(data_dir=source, framework_path=framework) as ws:
        person = ws.create_person("Олена")
        session = ws.start_quiz(person.id, seed=3, **start)
        rng = random.Random(3)
        while (item := session.current_item) is not None:
            session.answer(some_choice(ws.framework, item, rng))
        session.finish(rating_after=7)
        shown = ws.results_for(session.attempt_id)
        assert export_bundle(ws, bundle, key=KEY).attempts == 1
    return session.attempt_id, shown


def test_checks_on_a_framework_without_roles_travel_and_show_again(tmp_path: Path, target: Target) -> None:
    """A framework with no profiles stores its checks with an empty role; the region must take them."""
    framework = without_roles(SMALL, tmp_path / "no-roles.yaml")
    source, bundle = tmp_path / "hub", tmp_path / "hub.zip"
    attempt_id, shown = _one_check_exported(source, framework, bundle)
    with Workspace.open(**target.open_kwargs()) as ws:
        report = import_bundle(ws, bundle, key=KEY)
        assert report.added["attempts"] == 1
        assert ws.results_for(attempt_id) == shown
        assert all(res.target is None for res in shown.areas.values())


def test_checks_on_a_framework_with_handout_files_reach_a_region_without_them(
        tmp_path: Path, target: Target) -> None:
    """A handout file belongs to the hub's framework folder and never travels in a bundle. The region
    refused every such bundle: «The file 'handouts/search.txt' does not exist next to the framework.
    Nothing was imported.» The checks come in; their plans simply cannot open that handout there."""
    frameworks = Path(__file__).resolve().parents[1] / "frameworks"
    folder = tmp_path / "methodologist"
    shutil.copytree(frameworks / "handouts", folder / "handouts")
    framework = Path(shutil.copy(frameworks / "minimal.yaml", folder / "minimal.yaml"))
    source, bundle = tmp_path / "hub", tmp_path / "hub.zip"
    assert "file: handouts/" in framework.read_text(encoding="utf-8")  # the case: a resource with a file
    attempt_id, shown = _one_check_exported(source, framework, bundle, profile_id="librarian")
    (tmp_path / "region").mkdir()
    own = shutil.copy(SMALL, tmp_path / "region" / SMALL.name)  # no handouts beside the region's framework
    with Workspace.open(**target.open_kwargs(), framework_path=own) as ws:
        report = import_bundle(ws, bundle, key=KEY)
        assert report.added["attempts"] == 1
        assert ws.results_for(attempt_id) == shown
