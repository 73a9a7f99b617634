"""Package build step: the Ukrainian interface's .qm files are compiled from the committed .ts sources,
and the messages outside the windows (.mo) from the committed .po catalogues.

Only the sources are in git; without this a wheel built from a clean checkout had no compiled
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
LOCALE = Path("digigram") / "locale"


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
    """build_py, then each digigram/ui/translations/*.ts compiled to a .qm and each catalogue to a .mo
    beside the copied modules."""

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
        self._compile_catalogues()

    def _compile_catalogues(self) -> None:
        """Each digigram/locale/<lang>/LC_MESSAGES/*.po compiled to a .mo beside the copied modules, as
        `python -m digigram.locale` does in a checkout (Babel, a build requirement)."""
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
            mo = Path(self.build_lib) / po.with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as handle:
                catalogue = read_po(handle, locale=po.parents[1].name, domain=po.stem)
            with mo.open("wb") as handle:
                write_mo(handle, catalogue, use_fuzzy=False)


setup(cmdclass={"build_py": BuildWithTranslations})
