"""The command line stays light: building it loads no database, numeric, chart or Qt library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "alembic", "numpy", "matplotlib", "PySide6")


def test_building_the_command_line_imports_nothing_heavy() -> None:
    # Every `digigram …` call, and the desktop app's start, pays for what the parser imports.
    code = (
        "import sys\n"
        "from digigram.cli.main import build_parser\n"
        "build_parser()\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_validate_runs_without_the_database_layer() -> None:
    code = (
        "import sys\n"
        "from digigram.cli.main import main\n"
        "rc = main(['validate', 'tests/frameworks/minimal.yaml'])\n"
        "assert rc == 0, rc\n"
        "print('loaded:' + ','.join(m for m in ('sqlalchemy', 'alembic', 'PySide6') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "ok —" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "loaded:"


def test_no_display_is_said_in_one_line_not_a_qt_abort(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("DISPLAY is how Linux names the screen")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for lang, words in (("uk", "Немає екрана"), ("en", "No screen")):
        run = subprocess.run([sys.executable, "-m", "digigram", "--lang", lang, "--data-dir", str(tmp_path)],
                             capture_output=True, text=True, env=env, timeout=60)
        assert run.returncode == 2
        assert run.stderr.startswith(words) and len(run.stderr.strip().splitlines()) == 1, run.stderr
        assert "qt.qpa" not in run.stderr and "Aborted" not in run.stderr
    assert not (tmp_path / "digigram.sqlite3").exists()  # nothing was opened or created


def test_a_code_page_without_the_apostrophe_does_not_end_a_command_in_a_traceback(tmp_path: Path) -> None:
    """On a Ukrainian Windows PC output redirected to a file takes cp1251, which has no ʼ: `digigram
    people` ended in a UnicodeEncodeError at the first name with one (and `report` after its file was
    written, at the → of its summary)."""
    from digigram.services.workspace import Workspace

    with Workspace.open(data_dir=tmp_path) as ws:
        ws.create_person("Марʼяна Коваль")
    env = {**os.environ, "PYTHONIOENCODING": "cp1251"}
    command = [sys.executable, "-m", "digigram", "people", "--lang", "uk", "--data-dir", str(tmp_path)]
    run = subprocess.run(command, capture_output=True, env=env, timeout=120)
    assert run.returncode == 0 and b"Traceback" not in run.stderr, run.stderr.decode("cp1251", "replace")
    assert "Мар?яна Коваль" in run.stdout.decode("cp1251")
