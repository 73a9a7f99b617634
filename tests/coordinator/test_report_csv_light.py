"""`digigram report --out FILE.csv` writes its table without loading matplotlib (ARCHITECTURE rule 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from digigram.services.workspace import Workspace
from tests.coordinator.test_bundle_support import SMALL, make_hub

ROOT = Path(__file__).resolve().parents[2]


def test_a_csv_report_is_written_without_the_charting_library(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    make_hub(data, people=2)
    with Workspace.open(data_dir=data, framework_path=SMALL):
        pass
    out = tmp_path / "report.csv"
    code = ("import sys\nfrom digigram.cli.main import main\n"
            "status = main(['report', '--data-dir', sys.argv[1], '--framework', sys.argv[2],"
            " '--out', sys.argv[3], '--lang', 'en'])\n"
            "print(status, 'matplotlib' in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", code, str(data), str(SMALL), str(out)], capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert run.stdout.split()[-2:] == ["0", "False"], run.stdout + run.stderr
    assert out.read_text(encoding="utf-8-sig").count("\n") > 3
