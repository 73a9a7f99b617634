"""An import summarises its new checks from what its recompute held, exactly as the database would."""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import text

from digigram.services import summaries
from digigram.services.bundles import derived
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.test_bundle_support import KEY, SMALL, make_hub


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("hub") / "data"
    results = make_hub(folder, people=5)
    path = folder.parent / "hub.zip"
    with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
        export_bundle(ws, path, key=KEY)
    return path, sorted(results)


def _stored(ws: Workspace) -> dict[str, tuple[Any, ...]]:
    with ws._sessions() as session:
        rows = session.execute(text("SELECT attempt_id, framework_hash, marks, areas, needs_help, gaps "
                                    "FROM check_summary")).all()
    return {r[0]: (r[1], bytes(r[2]), r[3], bool(r[4]), bytes(r[5])) for r in rows}


def _from_rows(ws: Workspace, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """The summaries the database's own rows give (the way a finished check is summarised)."""
    with ws._sessions() as session:
        made = summaries.summarise_in(session, ws.framework, ids)
    fw = ws.framework.content_hash
    return {a: (fw, marks, areas, help_, gaps) for a, marks, areas, help_, gaps in made}


def _import_hearing_reads(ws: Workspace, path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Import, in batches of two; the checks whose summaries were read back from the database."""
    asked: list[str] = []
    summarise_in = summaries.summarise_in

    def heard(session: Any, framework: Any, attempt_ids: Sequence[str]) -> Any:
        asked.extend(attempt_ids)
        return summarise_in(session, framework, attempt_ids)

    monkeypatch.setattr(summaries, "summarise_in", heard)
    monkeypatch.setattr(summaries, "BATCH", 2)
    monkeypatch.setattr(derived, "BATCH", 2)
    report = import_bundle(ws, path, key=KEY)
    assert report.added["attempts"] > 0
    monkeypatch.undo()
    return asked


@pytest.mark.parametrize("region_framework", [SMALL, None], ids=["same-framework", "shipped-framework"])
def test_new_checks_are_summarised_beside_the_recompute_as_their_rows_would_be(
        bundle: tuple[Path, list[str]], target: Target, monkeypatch: pytest.MonkeyPatch,
        region_framework: Path | None) -> None:
    """Every imported check's summary (marks, areas, needs help, gaps) equals the one its stored rows
    give, and none of them was read back out of the database to make it; also where the region runs
    another framework than the one the checks were taken on (its summaries mark nothing of theirs)."""
    path, checks = bundle
    with Workspace.open(**target.open_kwargs(), framework_path=region_framework) as ws:
        asked = _import_hearing_reads(ws, path, monkeypatch)
        stored = _stored(ws)
        assert sorted(stored) == checks
        assert stored == _from_rows(ws, checks)
    assert not set(asked) & set(checks)
    if region_framework is SMALL:
        assert any(marks.count(1) and marks.count(2) for _, marks, *_ in stored.values())  # right and wrong
        assert any(gaps.count(2) for *_, gaps in stored.values())  # below a target somewhere


class _DiskFillingUp(io.FileIO):
    """A temporary file on a disk that takes the first batch whole, 40 bytes of the second, then no more."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "w+b")
        self.calls = 0

    def write(self, data: Any) -> int:
        self.calls += 1
        if self.calls == 1:
            return super().write(data)
        if self.calls == 2:
            return super().write(bytes(data[:40]))
        raise OSError(28, "No space left on device")


def test_a_disk_that_fills_up_leaves_the_rest_to_the_database(
        bundle: tuple[Path, list[str]], target: Target, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """The disk fills while the summaries are written and stays full: the batch written whole is used,
    the batch cut short and every later check are summarised from the database, all of them the same,
    and the import lands (nothing refused by the disk is tried again when the file is read or closed)."""
    path, checks = bundle
    made = itertools.count()

    def temporary_file(*, buffering: int = -1, **_: Any) -> Any:  # as the system's would be made, each apart
        raw = _DiskFillingUp(tmp_path / f"spool-{next(made)}")
        return raw if buffering == 0 else io.BufferedRandom(raw)

    monkeypatch.setattr(derived, "tempfile", SimpleNamespace(TemporaryFile=temporary_file))
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        asked = _import_hearing_reads(ws, path, monkeypatch)
        stored = _stored(ws)
        assert sorted(stored) == checks
        assert stored == _from_rows(ws, checks)
    assert checks[:2] == sorted(set(checks) - set(asked))  # the first batch only came from the spool


def test_no_room_for_the_spool_at_all_still_summarises_every_check(
        bundle: tuple[Path, list[str]], target: Target, monkeypatch: pytest.MonkeyPatch) -> None:
    path, checks = bundle

    def no_room(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(derived, "_spool", no_room)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        asked = _import_hearing_reads(ws, path, monkeypatch)
        stored = _stored(ws)
        assert stored == _from_rows(ws, checks)
    assert sorted(set(asked) & set(checks)) == checks
