"""Modules imported after the UI keep no source text in memory, and PySide6's __feature__ still works."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = textwrap.dedent(
    """
    import linecache, sys
    import digigram.ui
    sys.path.insert(0, sys.argv[1])
    import plain_module, qt_module
    print(qt_module.NAME)
    print(len([name for name in linecache.cache if name.startswith(sys.argv[1])]))
    """
)


def test_later_imports_leave_linecache_empty_and_snake_case_still_applies(tmp_path: Path) -> None:
    (tmp_path / "plain_module.py").write_text("VALUE = 'ще один модуль'\n", encoding="utf-8")
    # A module that turns on one of PySide6's switches: PySide6 must still see that it uses Qt.
    (tmp_path / "qt_module.py").write_text(
        "from PySide6.QtCore import QObject\n"
        "from __feature__ import snake_case  # noqa: F401\n"
        "obj = QObject()\n"
        "obj.set_object_name('зміїний')\n"
        "NAME = obj.object_name()\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", CHECK, str(tmp_path)], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=True, encoding="utf-8")
    name, cached = done.stdout.split()
    assert name == "зміїний"
    assert cached == "0"  # without the hook PySide6 left both files' text in linecache


def test_without_the_ui_pyside6_keeps_the_source_it_read(tmp_path: Path) -> None:
    # What the hook is there for: should a PySide6 release stop keeping the text, this says the hook
    # (digigram/ui/import_hook.py) can go.
    (tmp_path / "plain_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    code = ("import linecache, sys; import PySide6.QtCore; sys.path.insert(0, sys.argv[1]); "
            "import plain_module; print(sum(name.startswith(sys.argv[1]) for name in linecache.cache))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "1"
