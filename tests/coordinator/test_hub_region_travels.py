"""A hub's region given or corrected after its people reached the region travels with the next bundle or
sync; a bundle made before the correction cannot undo it; the previous bundle format still imports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from digigram.core.bundle.format import MANIFEST, RECORD_FILES
from digigram.core.coordination import DashboardFilter, ImportReport
from digigram.core.records import Person
from digigram.services.bundles.importer import export_bundle, import_bundle, takes_region
from digigram.services.coordinator.mode import Coordinator
from digigram.services.workspace import Workspace
from tests.coordinator.conftest import PASSWORD, SMALL, add_check
from tests.coordinator.test_bundle_support import KEY, as_jsonl, lines, members, reseal, write_zip

NAME = "Хаб у Бучі"
PEOPLE = RECORD_FILES["people"]


@pytest.fixture
def hub_pc(tmp_path: Path) -> Iterator[tuple[Workspace, Coordinator]]:
    """The hub's own computer (SQLite), its coordinator unlocked."""
    with Workspace.open(data_dir=tmp_path / "hub-pc", framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
        yield ws, ws.unlock_coordinator(PASSWORD)


def _person(ws: Workspace, name: str, hub_id: str) -> Person:
    person = ws.create_person(name, hub_id=hub_id)
    add_check(ws, person, when=datetime(2025, 3, 10, 12, tzinfo=UTC), levels={"DOC": ("B", "B")})
    return person


def _send(ws: Workspace, region: Workspace, path: Path) -> ImportReport:
    export_bundle(ws, path, key=KEY)
    return import_bundle(region, path, key=KEY, lang="en")


def _region_of(region: Workspace, person: Person) -> tuple[str, str | None]:
    """(hub name, hub region) of the person in the regional database."""
    hub_id = region.person(person.id).hub_id
    hub = next(h for h in region.hubs() if h.id == hub_id)
    return hub.name, hub.region_id


def test_a_region_given_after_the_people_were_sent_reaches_the_region(
        hub_pc: tuple[Workspace, Coordinator], ws: Workspace, tmp_path: Path) -> None:
    pc, pc_co = hub_pc
    hub = pc.add_hub(NAME, region_id=None)  # a hub from an earlier version's free text: no region yet
    olha, taras = _person(pc, "Ольга Левицька", hub.id), _person(pc, "Тарас Коваль", hub.id)
    first = _send(pc, ws, tmp_path / "before.zip")
    assert first.added["people"] == 2
    assert {_region_of(ws, p) for p in (olha, taras)} == {(NAME, None)}

    pc_co.set_hub_region(hub.id, "UA-32")
    second = _send(pc, ws, tmp_path / "after.zip")
    assert second.added["people"] == 0 and second.added["attempts"] == 0  # nothing doubled
    assert {_region_of(ws, p) for p in (olha, taras)} == {(NAME, "UA-32")}
    assert any(f"'{NAME}' is now in Kyiv Oblast for 2 people" in w for w in second.warnings)
    assert not any("details of" in w for w in second.warnings)  # not reported as the people's details
    # The regional dashboard and report find them under their region's hub.
    ws.set_coordinator_password(PASSWORD)
    co = ws.unlock_coordinator(PASSWORD)
    kyiv = next(h for h in co.filter_options().hubs if h.region_id == "UA-32")
    assert {r.person_id for r in co.dashboard(DashboardFilter(hub_id=kyiv.id)).rows} == {olha.id, taras.id}

    # The first bundle again (say, from a stick found later): no region never takes one away.
    again = import_bundle(ws, tmp_path / "before.zip", key=KEY, lang="en")
    assert {_region_of(ws, p) for p in (olha, taras)} == {(NAME, "UA-32")}
    assert sum(again.added.values()) == 0 and not any("now in" in w for w in again.warnings)


def test_a_corrected_region_travels_and_an_older_bundle_cannot_undo_it(
        hub_pc: tuple[Workspace, Coordinator], ws: Workspace, tmp_path: Path) -> None:
    pc, pc_co = hub_pc
    hub = pc.add_hub(NAME, region_id="UA-46")  # chosen wrongly: Bucha is in Kyiv Oblast
    olha = _person(pc, "Ольга Левицька", hub.id)
    _send(pc, ws, tmp_path / "wrong.zip")
    assert _region_of(ws, olha) == (NAME, "UA-46")
    # Another computer's person in a same-named hub of Lviv Oblast: not this hub's to move.
    other = ws.create_person("Ірина Гнатюк", hub_id=next(h.id for h in ws.hubs() if h.region_id == "UA-46"))

    pc_co.set_hub_region(hub.id, "UA-32")
    taras = _person(pc, "Тарас Коваль", hub.id)  # added after the correction
    report = _send(pc, ws, tmp_path / "corrected.zip")
    assert report.added["people"] == 1
    assert _region_of(ws, olha) == _region_of(ws, taras) == (NAME, "UA-32")
    assert ws.person(olha.id).hub_id == ws.person(taras.id).hub_id  # one hub, not two of one name
    assert _region_of(ws, ws.person(other.id)) == (NAME, "UA-46")  # only the bundle's people move

    # The bundle made before the correction, imported after it: the correction stands.
    late = import_bundle(ws, tmp_path / "wrong.zip", key=KEY, lang="en")
    assert _region_of(ws, olha) == (NAME, "UA-32")
    assert any(f"puts the hub '{NAME}' in Lviv Oblast, but the database's Kyiv Oblast was chosen later" in w
               for w in late.warnings)
    # The same, synced again: nothing to do, nothing said.
    quiet = import_bundle(ws, tmp_path / "corrected.zip", key=KEY, lang="en")
    assert sum(quiet.added.values()) == 0 and not any("hub" in w for w in quiet.warnings)


def test_a_future_date_or_a_bundle_without_dates_does_not_move_a_region(
        hub_pc: tuple[Workspace, Coordinator], ws: Workspace, tmp_path: Path) -> None:
    pc, pc_co = hub_pc
    hub = pc.add_hub(NAME, region_id="UA-32")
    olha = _person(pc, "Ольга Левицька", hub.id)
    _send(pc, ws, tmp_path / "right.zip")
    pc_co.set_hub_region(hub.id, "UA-46")  # a later, wrong choice, in a bundle to be altered below
    export_bundle(pc, tmp_path / "wrong.zip", key=KEY)
    files = members(tmp_path / "wrong.zip")
    records = lines(files[PEOPLE])
    assert [r["hub_region"] for r in records] == ["UA-46"] and records[0]["hub_region_at"]

    # The previous format (1: no hub_region_at, a release before this one) imports, and cannot move it.
    old = [{k: v for k, v in r.items() if k != "hub_region_at"} for r in records]
    manifest = {**json.loads(files[MANIFEST]), "format": "digigram-bundle/1"}
    sealed = reseal({**files, PEOPLE: as_jsonl(old)}, manifest=manifest)
    report = import_bundle(ws, write_zip(tmp_path / "old-format.zip", sealed.items()), key=KEY, lang="en")
    assert report.unchanged["people"] == 1 and _region_of(ws, olha) == (NAME, "UA-32")
    assert any("the database keeps its own" in w for w in report.warnings)

    # A date far in the future (a wrong clock, or a bundle made to win every later correction): refused.
    ahead = (datetime.now(UTC) + timedelta(days=30)).replace(tzinfo=None).isoformat()
    future = [{**r, "hub_region_at": ahead} for r in records]
    import_bundle(ws, write_zip(tmp_path / "future.zip",
                                reseal({**files, PEOPLE: as_jsonl(future)}).items()), key=KEY, lang="en")
    assert _region_of(ws, olha) == (NAME, "UA-32")

    # The genuine later choice does travel (it is what the coordinator last saved).
    import_bundle(ws, tmp_path / "wrong.zip", key=KEY, lang="en")
    assert _region_of(ws, olha) == (NAME, "UA-46")
    assert json.loads(files[MANIFEST])["counts"]["people"] == 1

    # And the future date was not kept on that hub, where it would outrank every correction after it.
    pc_co.set_hub_region(hub.id, "UA-32")
    _send(pc, ws, tmp_path / "corrected.zip")
    assert _region_of(ws, olha) == (NAME, "UA-32")


def test_the_rule_for_a_bundle_region() -> None:
    now = datetime(2026, 1, 10, 12)
    latest, earlier, later = now + timedelta(days=1), now - timedelta(days=2), now - timedelta(days=1)

    def rule(stored: str | None, stored_at: datetime | None, region: str | None, at: datetime | None) -> bool:
        return takes_region(stored=stored, stored_at=stored_at, region=region, at=at, latest=latest)

    assert rule(None, None, "UA-32", None)  # a hub without a region takes one, dated or not
    assert not rule("UA-32", None, None, later)  # a bundle never takes a region away
    assert not rule("UA-32", earlier, "UA-32", later)  # the same region: nothing to do
    assert rule("UA-46", earlier, "UA-32", later)  # chosen later: taken
    assert not rule("UA-46", later, "UA-32", earlier)  # chosen earlier: an old bundle, refused
    assert not rule("UA-46", later, "UA-32", later)  # as late, not later: the database keeps its own
    assert rule("UA-46", None, "UA-32", later)  # the database's date unknown (before 0008): dated wins
    assert not rule("UA-46", None, "UA-32", None)  # neither dated: the database keeps its own
    assert not rule("UA-46", earlier, "UA-32", now + timedelta(days=2))  # dated in the future: refused
