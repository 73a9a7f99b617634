"""A coordinator gives a hub without a region its region, or corrects it; a same-named pair is refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from digigram.core.coordination import CoordinatorError, DashboardFilter
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.coordinator.mode import Coordinator
from digigram.services.workspace import Workspace
from digigram.store.db import transaction
from digigram.store.models import HubRow, PersonRow
from digigram.store.repo import hubs as hub_rows
from tests.conftest import Target
from tests.coordinator.conftest import SMALL, add_check

NAME = "Центральна бібліотека"
KEY = bytes(range(32))


def _stored(ws: Workspace) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every hub row and every person's hub link, as stored."""
    with ws._sessions() as session:
        hubs = [tuple(r) for r in session.execute(select(HubRow.id, HubRow.name, HubRow.region_id)
                                                  .order_by(HubRow.id))]
        people = [tuple(r) for r in session.execute(select(PersonRow.id, PersonRow.hub, PersonRow.hub_id)
                                                    .order_by(PersonRow.id))]
    return hubs, people


def test_a_hub_without_a_region_gets_one_and_its_people_filters_and_bundles_follow(
        ws: Workspace, co: Coordinator, tmp_path: Path, new_target: Any) -> None:
    olha = ws.create_person("Ольга Левицька", hub="Хаб в Ірпені")  # typed by an earlier version
    add_check(ws, olha, when=datetime(2025, 3, 10, 12, tzinfo=UTC), levels={"DOC": ("B", "B")})
    (old,) = ws.hubs()
    assert old.region_id is None and old.label("uk") == "Хаб в Ірпені"

    given = co.set_hub_region(old.id, "UA-32")
    assert (given.id, given.name, given.region_id) == (old.id, "Хаб в Ірпені", "UA-32")
    assert [(h.id, h.region_id) for h in ws.hubs()] == [(old.id, "UA-32")]
    assert ws.person(olha.id).hub_id == old.id  # the person stays with the hub: it is the same row
    (option,) = co.filter_options().hubs
    assert option.label("en") == "Хаб в Ірпені (Kyiv Oblast)"
    assert [r.person_id for r in co.dashboard(DashboardFilter(hub_id=old.id)).rows] == [olha.id]
    assert co.dashboard(DashboardFilter(hub_id=old.id)).rows[0].region_id == "UA-32"

    corrected = co.set_hub_region(old.id, "UA-46")  # a wrong region is corrected the same way
    assert corrected.region_id == "UA-46" and co.hub(old.id) == corrected

    # A bundle now carries the hub with its region: the region's database files it under Lviv Oblast.
    export_bundle(ws, tmp_path / "all.zip", key=KEY)
    region: Target = new_target()
    with Workspace.open(**region.open_kwargs(), framework_path=SMALL) as other:
        import_bundle(other, tmp_path / "all.zip", key=KEY)
        assert [(h.name, h.region_id) for h in other.hubs()] == [("Хаб в Ірпені", "UA-46")]
        assert other.person(olha.id).hub_id == other.hubs()[0].id


def test_two_hubs_of_one_name_in_one_region_are_refused_and_nothing_changes(ws: Workspace,
                                                                             co: Coordinator) -> None:
    lviv = ws.add_hub(NAME, region_id="UA-46")
    ws.create_person("Тарас", hub=NAME)  # links to the Lviv hub: a named hub in a region comes first
    ws.add_hub(NAME, region_id=None)
    loose = next(h for h in ws.hubs() if h.region_id is None)
    ws.create_person("Ірина", hub_id=loose.id)
    kharkiv = ws.add_hub(NAME, region_id="UA-63")
    before = _stored(ws)

    with pytest.raises(CoordinatorError) as caught:
        co.set_hub_region(loose.id, "UA-46")
    assert caught.value.message("uk") == (
        f"У регіоні «Львівська область» уже є хаб «{NAME}»; два хаби з однією назвою не можуть бути в "
        "одному регіоні. Нічого не змінено.")
    assert caught.value.message("en").startswith(f"Lviv Oblast already has a hub named '{NAME}'")
    with pytest.raises(CoordinatorError) as moved:
        co.set_hub_region(kharkiv.id, "UA-46")  # correcting a region into a pair is refused too
    assert "Nothing was changed" in moved.value.message("en")
    assert _stored(ws) == before

    assert co.set_hub_region(lviv.id, "UA-46") == lviv  # its own region again: nothing to do
    assert co.set_hub_region(loose.id, "UA-32").region_id == "UA-32"  # a free region is taken
    assert sorted(h.region_id or "" for h in ws.hubs()) == ["UA-32", "UA-46", "UA-63"]


def test_an_unknown_region_or_hub_is_refused_in_both_languages(ws: Workspace, co: Coordinator) -> None:
    hub = ws.add_hub("Хаб Рівне", region_id="UA-56")
    before = _stored(ws)
    with pytest.raises(CoordinatorError) as region:
        co.set_hub_region(hub.id, "UA-99")
    assert "UA-99" in region.value.message("en") and "UA-99" in region.value.message("uk")
    with pytest.raises(CoordinatorError) as gone:
        co.set_hub_region("no-such-hub", "UA-46")
    assert "not in this computer's list" in gone.value.message("en")
    assert gone.value.message("uk").startswith("Цього хабу вже немає в списку")
    assert _stored(ws) == before


def test_the_constraint_refuses_a_pair_made_past_the_look_and_the_transaction_goes_on(ws: Workspace) -> None:
    """Two coordinators at once: the look before the update saw no pair, the unique constraint does.
    set_region itself is given the pair; it answers False and the caller's other writes still commit."""
    ws.add_hub(NAME, region_id="UA-46")
    ws.add_hub(NAME, region_id=None)
    loose = next(h for h in ws.hubs() if h.region_id is None)
    with transaction(ws._sessions) as session:
        assert hub_rows.set_region(session, loose.id, "UA-46") is False
        assert hub_rows.add_hub(session, name="Хаб Рівне", region_id="UA-56") is not None
    assert sorted((h.name, h.region_id or "") for h in ws.hubs()) == [
        ("Хаб Рівне", "UA-56"), (NAME, ""), (NAME, "UA-46")]
