"""What the first chart loads with matplotlib: no 3-D axes, and no library source kept as text."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A results chart drawn as the results screen draws it, in a fresh process: the test process has
# matplotlib loaded already.
DRAW = textwrap.dedent(
    """
    import linecache, sys, warnings
    warnings.simplefilter("error")  # a warning from matplotlib's import would fail the run
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from digigram.charts.gap import gap_figure
    from digigram.charts.model import AreaBar
    bars = [AreaBar("a1", "Інформація", level_index=2, band_lo_index=1, band_hi_index=3, target_index=4)]
    FigureCanvasAgg(gap_figure(bars, levels=["A1", "A2", "B1", "B2", "C1", "C2"], lang="uk")).draw()
    import pyparsing.core
    axes_3d = sys.modules.get("mpl_toolkits.mplot3d")
    print(getattr(axes_3d, "Axes3D", None) is not None, sum("mpl_toolkits" in n for n in sys.modules))
    print(pyparsing.core.__file__ in linecache.cache, len(linecache.cache))
    import matplotlib.projections
    print("3d" in matplotlib.projections.get_projection_names())
    """
)


def _draw() -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", DRAW], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=True, encoding="utf-8")
    return done.stdout.splitlines()


@pytest.fixture(scope="module")
def drawn() -> list[str]:
    return _draw()


def test_a_chart_leaves_matplotlib_3d_axes_unloaded_without_a_warning(drawn: list[str]) -> None:
    lines = drawn
    axes_loaded, stand_in = lines[0].split()
    three_d = lines[2]
    assert axes_loaded == "False"
    assert stand_in == "1"  # only the stand-in: mplot3d's own five modules (about 1 MiB) are not loaded
    assert three_d == "False"


def test_a_chart_keeps_no_library_source_in_linecache(drawn: list[str]) -> None:
    in_cache, _cached = drawn[1].split()
    assert in_cache == "False"  # pyparsing read its 250 KB source at import; it is let go
