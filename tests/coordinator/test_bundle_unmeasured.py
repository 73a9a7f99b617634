"""A check with an area no answer measured travels in a bundle as it was stored: the region's recompute
finds the same results (the area's stored level is the engine's, whatever the screens make of it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from digigram.core.scoring import measured
from digigram.services.bundles.importer import import_bundle
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.test_bundle_roundtrip import _one_check_exported
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
