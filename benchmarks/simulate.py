"""The adaptive check against a fixed 90-question knowledge form, with over-raters, on two banks."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from digigram.cli.simulate import _Bar, format_report
from digigram.core.simulation import simulate

EXPLICIT = Path(__file__).resolve().parents[1] / "tests" / "frameworks" / "explicit_irt.yaml"
OVERRATERS, OVERRATE = 0.3, 1.5  # the share and the size found in digital-skills self-assessment studies


def main(examinees: int = 2000) -> None:
    from competency_framework import shipped_framework_path
    from digigram.core.loader import load_framework

    for label, path in (("shipped framework", shipped_framework_path()),
                        ("explicit-parameter bank", EXPLICIT)):
        framework = load_framework(path)
        profile = framework.default_profile.id if framework.default_profile else None
        start = time.perf_counter()
        report = simulate(framework, profile=profile, examinees=examinees, seed=1, rho=0.6,
                          overraters=OVERRATERS, overrate=OVERRATE, progress=_Bar())
        print(f"{label}: {path.name}")
        print(format_report(report))
        print(f"{time.perf_counter() - start:.1f} s", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
