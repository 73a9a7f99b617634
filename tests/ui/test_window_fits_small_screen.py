"""On a 1024×600 netbook with a window manager, the window, title bar included, fits the screen, so the
status bar (where Digigram says what happened) is in view. The title bar exists only with a window
manager, so the test runs the window on its own X server (Xvfb) with openbox, whichever platform the
suite itself runs on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "frameworks" / "minimal.yaml"

SHOWN = """
import json, sys, time
from PySide6.QtWidgets import QApplication
from digigram.app import build_window, qapplication
from digigram.services.workspace import Workspace

app = qapplication()
ws = Workspace.open(data_dir=sys.argv[1], framework_path=sys.argv[2])
win = build_window(ws, language="uk")
win.show()
# The window manager frames the window some moments after it is shown; wait for that, then for the
# window to settle.
end = time.monotonic() + 20
while time.monotonic() < end and win.frameGeometry() == win.geometry():
    app.processEvents()
    time.sleep(0.02)
end = time.monotonic() + 1
while time.monotonic() < end:
    app.processEvents()
    time.sleep(0.02)
frame, room = win.frameGeometry(), win.screen().availableGeometry()
bar = win.statusBar()
foot = bar.mapToGlobal(bar.rect().bottomLeft())
print(json.dumps({"frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                  "inner": [win.geometry().height()],
                  "room": [room.x(), room.y(), room.width(), room.height()],
                  "bar_foot": foot.y(), "bar_shown": bar.isVisible()}))
ws.close()
"""

SESSION = """
openbox >/dev/null 2>&1 & wm=$!
sleep 1
"$@"; status=$?
kill $wm
exit $status
"""


NEEDS = not (shutil.which("xvfb-run") and shutil.which("openbox"))


@pytest.mark.skipif(NEEDS, reason="needs Xvfb and openbox")
def test_window_with_its_title_bar_fits_a_netbook_screen(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_QPA")}
    env |= {"QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1024x600x24", "sh", "-c", SESSION, "session",
         sys.executable, "-c", SHOWN, str(tmp_path / "data"), str(MINI)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    x, y, width, height = seen["frame"]
    rx, ry, rw, rh = seen["room"]
    assert height > seen["inner"][0], "no window manager frame: nothing was checked"
    assert rx <= x and x + width <= rx + rw, seen
    assert ry <= y and y + height <= ry + rh, f"the window and its title bar reach below the screen: {seen}"
    assert seen["bar_shown"] and seen["bar_foot"] < ry + rh, "the status bar is off the screen"
