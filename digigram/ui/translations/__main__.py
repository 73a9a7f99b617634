"""`python -m digigram.ui.translations`: build the .qm files from the .ts files."""

from __future__ import annotations

import sys

from digigram.ui.translations import compile_all

if __name__ == "__main__":
    for path in compile_all(force="--force" in sys.argv):
        print(f"built {path}")
