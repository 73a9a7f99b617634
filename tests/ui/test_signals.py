"""Signals emitted from Python leave Python's True intact, so the app never ends in "bool_dealloc"."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Many emits, then the interpreter frees everything at exit: with True's count worn down by each
# emit, the exit stops with "Fatal Python error: bool_dealloc" and no clean exit code.
MANY_EMITS = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QObject, Signal
    from digigram.ui.signals import emit

    class Sender(QObject):
        said = Signal(object)
        done = Signal()

    sender, heard = Sender(), []
    sender.said.connect(heard.append)
    before = sys.getrefcount(True)
    for n in range(3000):
        emit(sender.said, n)
        emit(sender.done)
    print(len(heard), sys.getrefcount(True) - before)
    """
)


def test_many_emits_then_a_clean_exit() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", MANY_EMITS], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert "Fatal Python error" not in done.stderr
    assert done.returncode == 0, done.stderr
    heard, lost = done.stdout.split()
    assert heard == "3000"  # every emit reached its slot
    # At most the one reference the module keeps for what it measured; never thousands fewer.
    assert 0 <= int(lost) <= 1


def test_every_emit_in_the_app_goes_through_the_helper() -> None:
    # A bare `.emit(...)` anywhere in the app would wear True down again on the faulty PySide6.
    bare = []
    for path in sorted((ROOT / "digigram").rglob("*.py")):
        if path.name == "signals.py" and path.parent.name == "ui":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "emit"):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == []
