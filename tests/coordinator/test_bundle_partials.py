"""What an export that was killed left beside its bundle: removed by the next export to the same file,
while a partial file an export is still writing is left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from digigram.core.files import PARTIAL_SETTLE_S
from tests.coordinator.test_bundle_refused import PASSWORD, _export, hub  # noqa: F401  (a fixture)

# A writer that starts a bundle and stops in the middle of it, as a region's export to a slow stick does.
_WRITER = """
import sys, time
from pathlib import Path
from digigram.core.bundle.format import RECORD_FILES, write_bundle_stream

def stalled():
    yield b'{"person_id": "x"}\\n' * 20000
    print("writing", flush=True)
    time.sleep(600)

members = {name: stalled() if n == 0 else iter(()) for n, name in enumerate(RECORD_FILES.values())}
write_bundle_stream(Path(sys.argv[1]), members, lambda hashes: None, key=None)
"""


def _stalled_writer(out: Path) -> subprocess.Popen[str]:
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(out)], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[2])
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    return writer


def _partials(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f".{name}.*.partial"))


def _age(paths: list[Path]) -> None:
    """As if the partial files had been written minutes ago."""
    then = time.time() - PARTIAL_SETTLE_S - 120
    for path in paths:
        os.utime(path, (then, then))


def test_the_next_export_removes_what_a_killed_export_left_and_nothing_else(
        hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """`kill -9` in the middle of an export left «.hub.zip.<hex>.partial», the hub's names and results,
    in the folder for good: later exports to the same file never removed it."""
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "hub.zip"
    writer = _stalled_writer(out)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    left = _partials(stick, "hub.zip")
    assert len(left) == 1
    other = stick / f".other.zip.{'0' * 32}.partial"  # another bundle's: not this export's to judge
    other.write_bytes(b"PK")
    _age([*left, other])
    assert _export(monkeypatch, hub, out) == 0
    assert _partials(stick, "hub.zip") == [] and other.exists()
    assert out.stat().st_size > 0


def test_a_partial_an_export_is_still_writing_is_left_alone(
        hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "hub.zip"
    writer = _stalled_writer(out)
    try:
        running = _partials(stick, "hub.zip")
        _age(running)  # slow, not dead: its writer still holds it
        assert _export(monkeypatch, hub, out) == 0
        assert _partials(stick, "hub.zip") == running
    finally:
        writer.kill()
        writer.wait()
    assert _export(monkeypatch, hub, out) == 0  # its writer gone, the next export takes it away
    assert _partials(stick, "hub.zip") == []


def test_a_partial_just_made_is_left_alone_until_its_writer_had_time_to_lock_it(
        hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    out = tmp_path / "hub.zip"
    fresh = tmp_path / f".hub.zip.{'a' * 32}.partial"
    fresh.write_bytes(b"PK")
    assert _export(monkeypatch, hub, out) == 0
    assert fresh.exists()
    _age([fresh])
    assert _export(monkeypatch, hub, out) == 0
    assert not fresh.exists()
