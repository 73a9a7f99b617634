"""A package built from a clean checkout carries the compiled Ukrainian interface and messages (setup.py's
build step)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_build_from_a_clean_checkout_compiles_the_translations(tmp_path: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split("\n")
    checkout = tmp_path / "checkout"
    for name in filter(None, files):
        if name.endswith((".qm", ".mo")) or not (ROOT / name).is_file():
            continue
        (checkout / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, checkout / name)
    assert not list(checkout.rglob("*.qm")) and not list(checkout.rglob("*.mo"))  # what git holds: sources
    build = tmp_path / "build"
    run = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(build)],
                         cwd=checkout, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    qm = build / "digigram" / "ui" / "translations" / "digigram_uk.qm"
    assert qm.exists() and qm.stat().st_size > 10_000
    # It is a real catalogue: Qt reads it and translates with it.
    check = ("import sys\nfrom PySide6.QtCore import QTranslator\nt = QTranslator()\n"
             "assert t.load(sys.argv[1])\nprint(t.translate('Home', '&Results'))\n")
    out = subprocess.run([sys.executable, "-c", check, str(qm)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "&Результати"
    # The messages outside the windows (the command line, notices): gettext reads the compiled catalogue.
    mo = build / "digigram" / "locale" / "uk" / "LC_MESSAGES" / "digigram.mo"
    assert mo.exists(), "no compiled catalogue: an installed Digigram spoke English outside its windows"
    import gettext

    with mo.open("rb") as handle:
        said = gettext.GNUTranslations(handle).gettext("The self-rating must be from 1 to 10.")
    assert said != "The self-rating must be from 1 to 10." and "1" in said and "10" in said
