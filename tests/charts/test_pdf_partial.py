"""A PDF written half way and then stopped (a Cancel, `kill -9`, a power cut): a Cancel leaves nothing,
and what a killed export leaves is named for its PDF, hidden, and removed by the next save of that PDF. A
killed export left «tmpk3j9x_q.pdf.part» beside the plan, a file no one could tell the purpose of."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from digigram.charts.report import save_pdf_pages
from digigram.core.files import PARTIAL_SETTLE_S

# A writer that stops on the second page of three, as a long group report does on a slow stick.
_WRITER = """
import sys, time
from pathlib import Path
from matplotlib.figure import Figure
from digigram.charts.report import save_pdf_pages

def stalled(done, total):
    if done == 1:
        print("writing", flush=True)
        time.sleep(600)

save_pdf_pages(Path(sys.argv[1]), [Figure() for _ in range(3)], metadata={}, progress=stalled)
"""
PARTIAL = re.compile(r"\.план\.pdf\.[0-9a-f]{32}\.partial")


class Cancelled(Exception):
    pass


def test_a_cancel_half_way_leaves_nothing_and_the_partial_names_the_pdf(tmp_path: Path) -> None:
    seen: list[str] = []

    def cancel(done: int, _total: int) -> None:
        if done == 1:
            seen.extend(p.name for p in tmp_path.iterdir())
            raise Cancelled

    with pytest.raises(Cancelled):
        save_pdf_pages(tmp_path / "план.pdf", [Figure() for _ in range(3)], metadata={}, progress=cancel)
    assert len(seen) == 1 and PARTIAL.fullmatch(seen[0]), f"written as {seen}"
    assert list(tmp_path.iterdir()) == []


def test_what_a_killed_export_left_is_named_for_its_pdf_and_goes_with_the_next_save(tmp_path: Path) -> None:
    target = tmp_path / "план.pdf"
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[2])
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and PARTIAL.fullmatch(left[0]), f"the killed export left {left}"
    then = time.time() - PARTIAL_SETTLE_S - 120  # as if killed minutes ago
    os.utime(tmp_path / left[0], (then, then))
    save_pdf_pages(target, [Figure()], metadata={})
    assert [p.name for p in tmp_path.iterdir()] == ["план.pdf"]
