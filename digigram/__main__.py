"""The `digigram` command and `python -m digigram`: with no sub-command it opens the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from digigram import app
from digigram.cli.main import main as cli_main


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, desktop=app.main)


if __name__ == "__main__":
    sys.exit(main())
