"""`digigram restore` while the window has the same data: refused, and told what will work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from digigram.services import one_window
from digigram.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("lang", "wrong", "right"), [
    ("uk", "зробіть це у вікні", "закрийте вікно"),
    ("en", "do this in the window", "close the window"),
])
def test_restore_under_an_open_window_does_not_send_the_reader_to_the_window(
        tmp_path: Path, lang: str, wrong: str, right: str) -> None:
    """It said «do this in the window, or close the window…»; the window offers no restore (only when
    the data cannot be opened at a start, and then it holds nothing), so the first half led nowhere."""
    data = tmp_path / "data"
    with Workspace.open(data_dir=data) as ws:
        ws.create_person("Петро")
    claim = one_window.claim_window(one_window.database_file(data_dir=data, database_url=None))
    assert claim is not None
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        restoring = subprocess.run(
            [sys.executable, "-m", "digigram", "--lang", lang, "restore", "1", "--data-dir", str(data)],
            input="", capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    finally:
        claim.release()
    assert restoring.returncode == 2
    said = " ".join(restoring.stderr.split())
    assert "digigram restore" in said and right in said
    assert wrong not in said, said
