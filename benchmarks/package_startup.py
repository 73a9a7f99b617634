"""Start-up of the built program against the unfrozen one, in the same run: `--version` and `--self-test`,
with each run's peak memory (the self-test opens a database, takes a simulated check and writes the PDF).
The unfrozen program runs as plain `python`, as `python -OO` (how the built program's bytecode is
compiled: no docstrings, no asserts) and as the memory benchmark runs it "as built": `-OO` with
`import ssl` refused, since packaging/digigram.spec leaves the TLS module out. The last should peak
where the built program does.

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


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock seconds, peak resident memory in MiB; NaN where the system does not tell it)."""
    started = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as child:
        if hasattr(os, "wait4"):
            # Read the child's own peak before anything else reaps it; Popen's wait then returns at once.
            _pid, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / 1024  # KiB on Linux
        else:
            child.wait()
            peak = float("nan")
        took = time.perf_counter() - started
        errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}): {errors[-500:]}")
    return took, peak


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
    optimized = [sys.executable, "-OO", "-m", "digigram"]
    as_built = [sys.executable, "-OO", "-c", "import sys, runpy; sys.modules['ssl'] = None; "
                "sys.argv[0] = 'digigram'; runpy.run_module('digigram', run_name='__main__')"]
    with tempfile.TemporaryDirectory(prefix="digigram-bench-cache-") as cache:
        # The built program keeps matplotlib's font cache in the per-user cache folder: a fresh
        # XDG_CACHE_HOME gives one honest first start without touching the real one.
        frozen_env = dict(env, XDG_CACHE_HOME=cache, LOCALAPPDATA=cache)
        # Optimized bytecode for the unfrozen runs in a folder of its own (never beside the sources):
        # the first run writes it, so the timed runs compare loading with loading, not with compiling.
        pycache = str(Path(cache) / "pycache")
        for run_env in (env, frozen_env):
            run_env.update(PYTHONPYCACHEPREFIX=pycache)
            run_env.pop("PYTHONDONTWRITEBYTECODE", None)
        measure([*optimized, "--self-test"], env)
        measure([*unfrozen, "--self-test"], env)
        first, _peak = measure([str(program), "--self-test"], frozen_env)
        rows: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.runs):  # interleaved, so a busy moment hurts both sides alike
            for label, command, run_env in (
                ("--version, unfrozen", [*unfrozen, "--version"], env),
                ("--version, built", [str(program), "--version"], frozen_env),
                ("--self-test, unfrozen", [*unfrozen, "--self-test"], env),
                ("--self-test, unfrozen -OO", [*optimized, "--self-test"], env),
                ("--self-test, unfrozen as built", [*as_built, "--self-test"], env),
                ("--self-test, built", [str(program), "--self-test"], frozen_env),
            ):
                rows.setdefault(label, []).append(measure(command, run_env))
    print(f"Median of {args.runs} runs each (wall clock in seconds; peak memory in MiB):")
    for label, runs in rows.items():
        times = [took for took, _ in runs]
        peaks = statistics.median(peak for _, peak in runs)
        print(f"  {label:<31} {statistics.median(times):6.2f} s (min {min(times):.2f}, max {max(times):.2f})"
              f"   peak {peaks:6.1f} MiB")
    print(f"  {'--self-test, built, first start with an empty font cache':<31} {first:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
