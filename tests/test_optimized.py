"""The built program runs bytecode compiled without docstrings or asserts (`python -OO`, optimize=2 in
packaging/digigram.spec) and has no TLS module (the spec leaves `ssl` out): the self-test and a whole
check in the window must work that way too, and the check loads no OpenSSL at all."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# As in the built program: `import ssl` fails (a None in sys.modules makes it raise ImportError).
AS_BUILT = "import sys; sys.exit(3) if sys.flags.optimize != 2 else None; sys.modules['ssl'] = None; "


def _as_built(code: str, args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               DIGIGRAM_DATA_DIR=str(tmp_path / "data"), DIGIGRAM_CACHE_DIR=str(tmp_path / "cache"),
               # Compiled into a folder of the test's own: optimized bytecode never lands beside the sources.
               PYTHONPYCACHEPREFIX=str(tmp_path / "bytecode"))
    return subprocess.run([sys.executable, "-OO", "-c", AS_BUILT + code, *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300, check=False)


def test_the_self_test_passes_as_built(tmp_path: Path) -> None:
    run = "import runpy; sys.argv[0] = 'digigram'; runpy.run_module('digigram', run_name='__main__')"
    done = _as_built(run, ["--lang", "en", "--self-test"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("All good: 10 checks passed"), done.stdout


def test_a_whole_check_with_its_chart_plan_and_pdf_runs_as_built(tmp_path: Path) -> None:
    # The memory benchmark's run: Home, a full check answered in the window, the results with their chart,
    # the plan and its PDF.
    data = tmp_path / "run"
    data.mkdir()
    script = ("from benchmarks.ui_memory import _whole_run; print(_whole_run(sys.argv[1])); "
              "print('OpenSSL loaded' if '_hashlib' in sys.modules else 'no OpenSSL')")
    done = _as_built(script, [str(data)], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = data / "plan.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    kib = re.search(r"the plan and the PDF \((\d+) KiB\)", done.stdout)
    assert kib is not None and int(kib.group(1)) == pdf.stat().st_size // 1024 > 5, done.stdout
    # OpenSSL's libcrypto is 3.3 MiB resident: a check without a PIN has no use for it (core/hashing.py).
    assert done.stdout.splitlines()[-1] == "no OpenSSL", done.stdout
