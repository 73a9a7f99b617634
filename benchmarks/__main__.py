"""`python -m benchmarks [NAME…] [--flag …]`: run every benchmark module's main() in turn, or only those
named; flags after the names go to each named benchmark (`python -m benchmarks dashboard --runs 3`)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def modules() -> list[str]:
    """Every benchmarks/*.py module, by name; a module counts when it defines main()."""
    here = Path(__file__).resolve().parent
    return sorted(p.stem for p in here.glob("*.py") if not p.stem.startswith("_"))


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    names = []
    while args and not args[0].startswith("-"):
        names.append(args.pop(0))
    if args and not names:
        print("name the benchmark the flags are for: python -m benchmarks NAME --flag …", file=sys.stderr)
        return 2
    wanted = names or modules()
    status = 0
    for name in wanted:
        module = importlib.import_module(f"benchmarks.{name}")
        entry = getattr(module, "main", None)
        if entry is None:
            continue
        print(f"== {name}", flush=True)
        # Each main() reads sys.argv itself: only the flags given after the names.
        saved, sys.argv = sys.argv, [f"benchmarks/{name}.py", *args]
        try:
            result = entry()
        finally:
            sys.argv = saved
        status = status or (result if isinstance(result, int) else 0)
        print(flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
