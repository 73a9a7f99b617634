"""The command line stays light: building it loads no database, numeric, chart or Qt library."""

from __future__ import annotations

import subprocess
import sys

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
