"""Time loading a framework file (the shipped one by default): median, p95 and min, C and pure YAML."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from competency_framework import shipped_framework_path
from digigram.core.errors import FrameworkError
from digigram.core.loader import load_framework
from digigram.core.yamlnodes import C_LOADER


def time_loads(path: Path, *, runs: int, c_loader: bool) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per load, after two warm-up loads."""
    for _ in range(2):
        load_framework(path, c_loader=c_loader)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        load_framework(path, c_loader=c_loader)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def report(label: str, times: tuple[list[float], list[float]]) -> str:
    # CPU time is shown too: on a busy machine the wall-clock figures mostly measure the neighbours.
    ordered = sorted(times[0])
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"{label:<10} median {statistics.median(ordered):7.2f} ms   p95 {p95:7.2f} ms   "
            f"min {ordered[0]:7.2f} ms   cpu median {statistics.median(times[1]):7.2f} ms   "
            f"({len(ordered)} runs)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=shipped_framework_path())
    parser.add_argument("-n", "--runs", type=int, default=30)
    args = parser.parse_args()
    try:
        fw = load_framework(args.path)
    except FrameworkError as exc:
        print("\n".join(p.format("en") for p in exc.problems))
        return 2
    size = args.path.stat().st_size / 1024
    print(f"{args.path}: {size:.0f} KiB, {len(fw.items)} items, {len(fw.resources)} resources")
    if C_LOADER is not None:
        print(report("C YAML", time_loads(args.path, runs=args.runs, c_loader=True)))
    else:
        print("C YAML     not available (PyYAML built without libyaml)")
    print(report("pure YAML", time_loads(args.path, runs=max(5, args.runs // 3), c_loader=False)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
