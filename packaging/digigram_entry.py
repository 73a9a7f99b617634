"""Entry point of the built program: a lasting per-user matplotlib cache, then the `digigram` command."""

from __future__ import annotations

import os
import sys


def _lasting_matplotlib_cache() -> None:
    """Point MPLCONFIGDIR at a per-user folder that survives restarts.

    PyInstaller's own matplotlib hook makes a new temporary folder on every start, so matplotlib would
    rebuild its font cache each time (about a third of a second here, more on an old PC). This runs
    after that hook and before anything imports matplotlib.
    """
    if not getattr(sys, "frozen", False):
        return
    import platformdirs

    from digigram import __version__

    # One folder per version: a font list cached by another build may name font files that have moved.
    cache = platformdirs.user_cache_dir("Digigram", appauthor=False)
    folder = os.path.join(cache, f"matplotlib-{__version__}")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return  # a read-only profile: the temporary folder still works, only slower
    os.environ["MPLCONFIGDIR"] = folder


if __name__ == "__main__":
    _lasting_matplotlib_cache()
    from digigram.__main__ import main

    sys.exit(main())
