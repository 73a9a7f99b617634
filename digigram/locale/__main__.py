"""`python -m digigram.locale`: compile the gettext catalogues (.po to .mo)."""

from __future__ import annotations

import sys

from digigram.locale import compile_all

if __name__ == "__main__":
    for path in compile_all(force="--force" in sys.argv):
        print(f"built {path}")
