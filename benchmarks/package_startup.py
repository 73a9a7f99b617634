"""Start-up of the built program against the unfrozen one, in the same run: `--version` and `--self-test`.

Needs `make package` first (dist/digigram); without it, says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "digigram"


def frozen_program() -> Path | None:
    for name in ("digigram-console.exe", "digigram"):
        if (BUNDLE / name).is_file():
            return BUNDLE / name
    return None


def seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (median shown)")
    args = parser.parse_args(argv)
    program = frozen_program()
    if program is None:
        print(f"No built program in {BUNDLE.relative_to(ROOT)}: run `make package` first. Skipped.")
        return 0

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DIGIGRAM_DATA_DIR", None)
    unfrozen = [sys.executable, "-m", "digigram"]
    with tempfile.TemporaryDirectory(prefix="digigram-bench-cache-") as cache:
        # The built program keeps matplotlib's font cache in the per-user cache folder: a fresh
        # XDG_CACHE_HOME gives one honest first start without touching the real one.
        frozen_env = dict(env, XDG_CACHE_HOME=cache, LOCALAPPDATA=cache)
        first = seconds([str(program), "--self-test"], frozen_env)
        rows: dict[str, list[float]] = {}
        for _ in range(args.runs):  # interleaved, so a busy moment hurts both sides alike
            for label, command, run_env in (
                ("--version, unfrozen", [*unfrozen, "--version"], env),
                ("--version, built", [str(program), "--version"], frozen_env),
                ("--self-test, unfrozen", [*unfrozen, "--self-test"], env),
                ("--self-test, built", [str(program), "--self-test"], frozen_env),
            ):
                rows.setdefault(label, []).append(seconds(command, run_env))
    print(f"Median of {args.runs} runs each (wall clock, seconds):")
    for label, values in rows.items():
        low, high = min(values), max(values)
        print(f"  {label:<24} {statistics.median(values):6.2f}   (min {low:.2f}, max {high:.2f})")
    print(f"  {'--self-test, built, first start with an empty font cache':<24} {first:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
