"""Two hubs with one name in different regions stay two: in the filter, the CSV and PDF, and a bundle."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from digigram.core.coordination import BundleError, DashboardFilter
from digigram.core.records import Person
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.coordinator.mode import Coordinator
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.conftest import PASSWORD, SMALL, add_check

NAME = "Центральна бібліотека"
KEY = bytes(range(32))


def _two_hubs(ws: Workspace) -> tuple[Person, Person]:
    lviv = ws.add_hub(NAME, region_id="UA-46")
    kharkiv = ws.add_hub(NAME, region_id="UA-63")
    olha = ws.create_person("Ольга Левицька", hub_id=lviv.id)
    taras = ws.create_person("Тарас Харченко", hub_id=kharkiv.id)
    for person, level in ((olha, "B"), (taras, "A")):
        add_check(ws, person, when=datetime(2025, 3, 10, 12, tzinfo=UTC), levels={"DOC": (level, "B")})
    return olha, taras


def test_the_dashboard_filter_keeps_same_named_hubs_apart(ws: Workspace, co: Coordinator) -> None:
    olha, taras = _two_hubs(ws)
    options = co.filter_options()
    assert [(h.name, h.region_id) for h in options.hubs] == [(NAME, "UA-46"), (NAME, "UA-63")]
    assert [h.label("uk") for h in options.hubs] == [f"{NAME} (Львівська область)",
                                                     f"{NAME} (Харківська область)"]
    for hub, person in zip(options.hubs, (olha, taras), strict=True):
        rows = co.dashboard(DashboardFilter(hub_id=hub.id)).rows
        assert [(r.person_id, r.hub, r.region_id) for r in rows] == [(person.id, NAME, hub.region_id)]
    assert ws.person(olha.id).hub_id == options.hubs[0].id and ws.person(olha.id).hub == NAME


def test_csv_and_pdf_name_the_region_of_the_hub(ws: Workspace, co: Coordinator, tmp_path: Path) -> None:
    _two_hubs(ws)
    lviv = co.filter_options().hubs[0]
    target = co.export_group_csv(tmp_path / "lviv.csv", DashboardFilter(hub_id=lviv.id), lang="uk")
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:3] == ["Імʼя", "Хаб", "Регіон"]
    assert [r[:3] for r in rows[1:]] == [["Ольга Левицька", NAME, "Львівська область"]]
    everyone = co.export_group_csv(tmp_path / "all.csv", DashboardFilter(), lang="en")
    lines = list(csv.reader(io.StringIO(everyone.read_bytes().decode("utf-8-sig"), newline="")))
    assert sorted(r[1:3] for r in lines[1:]) == [[NAME, "Kharkiv Oblast"], [NAME, "Lviv Oblast"]]
    pdf = co.export_group_pdf(tmp_path / "lviv.pdf", DashboardFilter(hub_id=lviv.id), lang="uk")
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
    assert f"Хаб: {NAME} (Львівська область)" in text
    assert "Ольга Левицька" in text and "Тарас Харченко" not in text


def test_a_bundle_carries_each_hub_with_its_region(ws: Workspace, co: Coordinator, tmp_path: Path,
                                                   new_target: object) -> None:
    olha, taras = _two_hubs(ws)
    lviv = co.filter_options().hubs[0]
    whole = export_bundle(ws, tmp_path / "all.zip", key=KEY)
    one = co.export_bundle(tmp_path / "lviv.zip", key=KEY, hub_id=lviv.id)
    assert (whole.people, one.people) == (2, 1)
    assert callable(new_target)
    region: Target = new_target()
    with Workspace.open(**region.open_kwargs(), framework_path=SMALL) as other:
        other.add_hub(NAME, region_id="UA-63")  # the region knows the Kharkiv hub already, by another id
        import_bundle(other, tmp_path / "all.zip", key=KEY)
        import_bundle(other, tmp_path / "all.zip", key=KEY)  # again: nothing new, no hub doubled
        hubs = [(h.name, h.region_id) for h in other.hubs()]
        assert sorted(hubs) == [(NAME, "UA-46"), (NAME, "UA-63")]
        by_region = {h.region_id: h.id for h in other.hubs()}
        assert other.person(olha.id).hub_id == by_region["UA-46"]
        assert other.person(taras.id).hub_id == by_region["UA-63"]
        other.set_coordinator_password(PASSWORD)
        there = other.unlock_coordinator(PASSWORD)
        rows = there.dashboard(DashboardFilter(hub_id=by_region["UA-46"])).rows
        assert [r.person_id for r in rows] == [olha.id]


def test_the_command_line_needs_the_region_when_a_hub_name_is_shared(ws: Workspace) -> None:
    from digigram.cli.bundle import _hub_id

    _two_hubs(ws)
    with pytest.raises(BundleError) as caught:
        _hub_id(ws.hubs(), NAME, None)
    assert "--region" in caught.value.message("en") and "UA-46, UA-63" in caught.value.message("uk")
    assert _hub_id(ws.hubs(), NAME, "UA-63") == next(h.id for h in ws.hubs() if h.region_id == "UA-63")
    with pytest.raises(BundleError):
        _hub_id(ws.hubs(), "Немає такого", None)
