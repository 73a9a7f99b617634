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


def test_an_address_sqlalchemy_cannot_read_is_explained_without_a_traceback() -> None:
    """psql's "postgres://" form and plain nonsense: the form to write, not a SQLAlchemy traceback."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for address in ("postgres://owner:s3cret-word@db.region.example/digigram_rivne", "rivne-import"):
        result = subprocess.run([sys.executable, "-m", "digigram", "--lang", "uk", "report", "--database",
                                 address, "--out", "never.csv"], capture_output=True, text=True, env=env,
                                cwd=ROOT, timeout=120, encoding="utf-8")
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "Digigram не може прочитати цю адресу бази даних" in result.stderr
        assert "postgresql+psycopg://КОРИСТУВАЧ@СЕРВЕР/БАЗА" in result.stderr
        assert "s3cret-word" not in result.stderr + result.stdout
        assert not (ROOT / "never.csv").exists()
