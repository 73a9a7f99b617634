"""A check with an area no answer measured travels in a bundle as it was stored: the region's recompute
finds the same results (the area's stored level is the engine's, whatever the screens make of it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from digigram.core.records import measured
from digigram.services.bundles.importer import import_bundle
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.test_bundle_roundtrip import _one_check_exported
from tests.coordinator.test_bundle_summaries import _from_rows, _stored
from tests.coordinator.test_bundle_support import KEY

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"


def test_a_check_with_an_area_not_measured_imports_unchanged(tmp_path: Path, target: Target) -> None:
    folder = tmp_path / "methodologist"
    shutil.copytree(FRAMEWORKS / "handouts", folder / "handouts")
    framework = Path(shutil.copy(FRAMEWORKS / "self-rated-area.yaml", folder / "self-rated-area.yaml"))
    source, bundle = tmp_path / "hub", tmp_path / "hub.zip"
    attempt_id, shown = _one_check_exported(source, framework, bundle, profile_id="librarian")
    assert not measured(shown.areas["INF"]) and measured(shown.areas["SAF"])
    with Workspace.open(data_dir=source) as hub:
        stored = hub.attempt(attempt_id).areas
    with Workspace.open(**target.open_kwargs(), framework_path=framework) as ws:
        report = import_bundle(ws, bundle, key=KEY)
        assert report.added["attempts"] == 1 and not report.warnings
        assert ws.results_for(attempt_id) == shown
        # the stored area rows, the prior's level of the unmeasured area included, are the hub's own
        assert ws.attempt(attempt_id).areas == stored


def test_its_summary_and_figures_leave_the_area_out_on_the_hub_and_after_import(
        tmp_path: Path, target: Target) -> None:
    """A real check on a framework whose INF items are only self-ratings: the stored INF level is the
    prior's B1, at the librarian's target. Its summary gives INF no level and no gap, and its competence
    no gap state, both where it was finished and where its bundle was imported (made there beside the
    recompute, as the database's own rows give it); the programme counts neither."""
    folder = tmp_path / "methodologist"
    shutil.copytree(FRAMEWORKS / "handouts", folder / "handouts")
    framework = Path(shutil.copy(FRAMEWORKS / "self-rated-area.yaml", folder / "self-rated-area.yaml"))
    source, bundle = tmp_path / "hub", tmp_path / "hub.zip"
    attempt_id, shown = _one_check_exported(source, framework, bundle, profile_id="librarian")
    assert not measured(shown.areas["INF"]) and shown.competences["INF.1"].target == "A1"
    with Workspace.open(data_dir=source, framework_path=framework) as hub:
        kept = _stored(hub)
        _figures_leave_inf_out(hub)
    with Workspace.open(**target.open_kwargs(), framework_path=framework) as ws:
        import_bundle(ws, bundle, key=KEY)
        stored = _stored(ws)
        assert stored == _from_rows(ws, [attempt_id]) == kept
        _figures_leave_inf_out(ws)
        # A summary without gaps (an older release's): its competences are counted from their rows.
        with ws._sessions() as session, session.begin():
            session.execute(text("UPDATE check_summary SET gaps = NULL"))
        _figures_leave_inf_out(ws)
    areas, _help, gaps = stored[attempt_id][2:]
    assert areas.split(";")[0] == "|B1|"  # no level, the target, no gap
    assert gaps[0] == 0  # INF.1: no state to count


def _figures_leave_inf_out(ws: Workspace) -> None:
    p = ws.programme()
    assert "INF" not in p.levels and dict(p.unmeasured) == {"INF": 1}
    assert "INF" not in {g.area_id for g in p.gaps}
    assert {c.competence_id for c in p.competence_gaps} == {"SAF.1"}
