"""`python -m digigram`: the same as the `digigram` command."""

from __future__ import annotations

import sys

from digigram.cli import main

if __name__ == "__main__":
    sys.exit(main())
