"""`python -m benchmarks`: run every benchmark module's main() in turn, or only those named."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def modules() -> list[str]:
    """Every benchmarks/*.py module, by name; a module counts when it defines main()."""
    here = Path(__file__).resolve().parent
    return sorted(p.stem for p in here.glob("*.py") if not p.stem.startswith("_"))


def main(argv: list[str] | None = None) -> int:
    wanted = list(sys.argv[1:] if argv is None else argv) or modules()
    status = 0
    for name in wanted:
        module = importlib.import_module(f"benchmarks.{name}")
        entry = getattr(module, "main", None)
        if entry is None:
            continue
        print(f"== {name}", flush=True)
        # Each main() reads sys.argv itself; give it none so it uses its defaults.
        saved, sys.argv = sys.argv, [f"benchmarks/{name}.py"]
        try:
            result = entry()
        finally:
            sys.argv = saved
        status = status or (result if isinstance(result, int) else 0)
        print(flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
