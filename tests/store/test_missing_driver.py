"""A PostgreSQL address on an install without the `server` extra gets a plain answer, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Blocking the import stands in for the library PCs' installer, which leaves psycopg out.
WITHOUT_DRIVER = ("import sys; sys.modules['psycopg'] = None\n"
                  "from digigram.__main__ import main\n"
                  "sys.exit(main(sys.argv[1:]))\n")
ADDRESS = "postgresql+psycopg://owner:s3cret-word@127.0.0.1:1/digigram_rivne"


def _people(lang: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-c", WITHOUT_DRIVER, "--lang", lang, "people", "--database", ADDRESS]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
                          encoding="utf-8")


def test_no_driver_is_said_in_ukrainian_and_english_without_the_password() -> None:
    uk, en = _people("uk"), _people("en")
    assert (uk.returncode, en.returncode) == (2, 2)
    assert "Traceback" not in uk.stderr + en.stderr
    assert "немає драйвера" in uk.stderr and "psycopg" in uk.stderr
    assert "has no driver for that database (psycopg is not installed)" in en.stderr
    assert 'pip install "digigram[server]"' in en.stderr
    assert "s3cret-word" not in uk.stderr + en.stderr + uk.stdout + en.stdout
