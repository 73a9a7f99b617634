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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "digigram"


def frozen_program() -> Path | None:
    for name in ("digigram-console.exe", "digigram"):
        if (BUNDLE / name).is_file():
            return BUNDLE / name
    return None


# Runs the program from a small process of its own and reports its time and the peak of its children:
# measured from this process instead, a child started by vfork inherits this process's own peak at exec
# (under `make bench`, after other benchmarks in the same process, that read hundreds of MiB).
LAUNCHER = (
    "import resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "took = time.perf_counter() - started\n"
    "sys.stderr.write(done.stderr.decode(errors='replace')[-500:])\n"
    "print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(done.returncode)\n"
)


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock seconds, peak resident memory in MiB) of one run of `command`."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *command], env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-500:]}")
    took, peak_kib = done.stdout.split()
    return float(took), int(peak_kib) / 1024  # KiB on Linux


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
