"""Package build step: the Ukrainian interface's .qm files are compiled from the committed .ts sources.

Only the .ts files are in git; without this a wheel built from a clean checkout had no compiled
translation, and the installed app spoke English and failed its own self-test. Everything else about
the package is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TRANSLATIONS = Path("digigram") / "ui" / "translations"


def _lrelease() -> list[str]:
    """The command that compiles a .ts file (from PySide6-Essentials, a build requirement)."""
    found = shutil.which("pyside6-lrelease") or shutil.which(
        "pyside6-lrelease", path=str(Path(sys.executable).parent))
    if found:
        return [found]
    try:
        import PySide6
    except ImportError:
        raise SystemExit("Building Digigram needs PySide6-Essentials (pyside6-lrelease) to compile "
                         "the Ukrainian interface; install it or build with pip, which adds it.") from None
    return [str(Path(PySide6.__file__).parent / "lrelease")]


class BuildWithTranslations(build_py):
    """build_py, then each digigram/ui/translations/*.ts compiled to a .qm beside the copied modules."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / TRANSLATIONS
        target.mkdir(parents=True, exist_ok=True)
        tool = _lrelease()
        for ts in sorted(TRANSLATIONS.glob("*.ts")):
            qm = target / f"{ts.stem}.qm"
            subprocess.run([*tool, "-silent", str(ts), "-qm", str(qm)], check=True)
            if not qm.exists() or qm.stat().st_size == 0:
                raise SystemExit(f"pyside6-lrelease made no {qm.name} from {ts}")


setup(cmdclass={"build_py": BuildWithTranslations})
