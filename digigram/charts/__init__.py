"""Charts as matplotlib Figures (object API only), for the screen, PNG and PDF; no Qt."""

from __future__ import annotations

import sys
import types

_AXES_3D = "mpl_toolkits.mplot3d"


def _flat_axes_only() -> None:
    """Keep matplotlib from loading its 3-D axes with the first chart: the charts are all flat.

    matplotlib's projections module imports mpl_toolkits.mplot3d (5 modules, about 1 MiB) and
    registers a "3d" projection when it finds Axes3D there; a stand-in without Axes3D makes it skip
    that, quietly. The built program leaves mpl_toolkits out (packaging/digigram.spec), so without
    the stand-in it warns that Axes3D cannot be imported; with it both run the same way. Nothing is
    done once the 3-D axes are loaded (a test or another program in the same process drew one).
    """
    if _AXES_3D in sys.modules:
        return
    stand_in = types.ModuleType(_AXES_3D, "Digigram draws no 3-D charts: matplotlib's 3-D axes stay out.")
    stand_in.Axes3D = None  # type: ignore[attr-defined]
    sys.modules[_AXES_3D] = stand_in


_flat_axes_only()
