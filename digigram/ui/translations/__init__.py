"""Qt Linguist files for the UI: `*.ts` are the source, `*.qm` are built from them by pyside6-lrelease."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
# The source strings are English; these languages have a .ts file. English's holds only the plural
# forms ("1 level", "2 levels"), made with `pyside6-lupdate -pluralonly`: the source text has one form.
LANGUAGES = ("uk", "en")


def ts_path(lang: str) -> Path:
    return FOLDER / f"digigram_{lang}.ts"


def qm_path(lang: str) -> Path:
    return FOLDER / f"digigram_{lang}.qm"


def lrelease() -> str | None:
    """The pyside6-lrelease program next to this Python, else on PATH."""
    local = Path(sys.executable).with_name("pyside6-lrelease")
    if local.exists():
        return str(local)
    return shutil.which("pyside6-lrelease")


def compile_all(*, force: bool = False) -> list[Path]:
    """Build each .qm that is missing or older than its .ts; returns the files built.

    A checkout keeps only .ts files in git; installs and `make run`/`make test` build the .qm.
    """
    built: list[Path] = []
    tool = lrelease()
    for lang in LANGUAGES:
        ts, qm = ts_path(lang), qm_path(lang)
        if not ts.exists():
            continue
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        if tool is None:
            continue
        import subprocess  # here, not at the top: every start of the app calls this, rarely to build

        try:
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True,
                           capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue  # a read-only install folder: the app then shows English source strings
        built.append(qm)
    return built

