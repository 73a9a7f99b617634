"""A stop (Ctrl+C, `kill`, a closed terminal) that comes while the import forks its recompute is heard.

Python runs a signal's handler at the next line of Python it executes; in the fork's own steps (the
logging module hands its lock back after a fork) the handler's KeyboardInterrupt was swallowed, printed
as "Exception ignored", and a sync told to stop went on to commit. The script sends the stop from within
those very steps, so the moment is not left to chance.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from digigram.services.bundles.side import forks

ROOT = Path(__file__).resolve().parents[2]

STOP_DURING_FORK = textwrap.dedent("""
    import multiprocessing, os, signal, sys

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    sent = []

    def kill_self():  # among the steps after a fork in the parent, as logging's are
        if not sent:
            sent.append(1)
            os.kill(os.getpid(), signal.SIGTERM)

    os.register_at_fork(after_in_parent=kill_self)
    process = multiprocessing.get_context("fork").Process(target=lambda: None)
    try:
        if sys.argv[1] == "held":
            from digigram.services.bundles.side import start_holding_stops
            start_holding_stops(process)
        else:
            process.start()
        process.join()
        print("went on")
    except KeyboardInterrupt:
        process.join()
        print("stopped")
""")


@pytest.mark.skipif(not forks(), reason="the recompute forks only on Linux")
def test_a_stop_during_the_fork_is_heard_once_the_fork_is_done() -> None:
    def run(how: str) -> str:
        done = subprocess.run([sys.executable, "-c", STOP_DURING_FORK, how], capture_output=True, text=True,
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
        return done.stdout.strip()

    assert run("plain") == "went on"  # the moment is real: a plain fork swallows the stop
    assert run("held") == "stopped"
