"""The adaptive quiz against the fixed 90-question form: on the shipped framework, or a stand-in bank."""

from __future__ import annotations

import sys
import time

from benchmarks.engine_latency import synthetic_framework
from digigram.cli.simulate import _Bar, format_report
from digigram.core.simulation import simulate


def main(examinees: int = 2000) -> None:
    from competency_framework import shipped_framework_path
    from digigram.core.loader import load_framework

    path = shipped_framework_path()
    if path.exists():
        framework, label = load_framework(path), f"shipped framework {path.name}"
    else:
        framework = synthetic_framework()
        label = "STAND-IN bank (6 areas, 26 competences; no shipped file yet)"
    profile = framework.default_profile.id if framework.default_profile else None
    start = time.perf_counter()
    report = simulate(framework, profile=profile, examinees=examinees, seed=1, rho=0.6, progress=_Bar())
    print(label)
    print(format_report(report))
    print(f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
