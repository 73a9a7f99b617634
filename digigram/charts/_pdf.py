"""How every Digigram PDF embeds its font; matplotlib's PDF backend without the subsetter it never uses."""

from __future__ import annotations

import importlib.util
import sys
from typing import TYPE_CHECKING, Any

from digigram.charts._style import FONT_FAMILY

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.typing import RcKeyType

# Type 3: matplotlib writes the outline of each DejaVu Sans glyph a page uses into the file, with a
# ToUnicode map, so Cyrillic prints the same in any viewer and can still be searched and copied.
# Type 42 would embed a subset of the TrueType file made by fontTools' subsetter, whose import and
# run add about 15 MiB to the app at the moment a PDF is written on a 4 GB library PC.
PDF_RC: dict[RcKeyType, Any] = {"pdf.fonttype": 3, "font.family": FONT_FAMILY}

_SUBSETTER = "fontTools.subset"


def _defer_subsetter() -> None:
    """Make matplotlib's `from fontTools import subset` cheap: the module loads on its first real use.

    matplotlib's PDF backend imports the subsetter (about 140 modules, 10 MiB) at its top although only
    Type 42 fonts use it. A deferred module is loaded in full the moment anything touches it, so a
    Type 42 font (or the PostScript backend) still works; nothing changes when it cannot be deferred.
    """
    if _SUBSETTER in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(_SUBSETTER)
        if spec is None or spec.loader is None:
            return
        loader = importlib.util.LazyLoader(spec.loader)
    except (ImportError, TypeError, ValueError):  # not installed, or a loader that cannot defer
        return
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[_SUBSETTER] = module
    loader.exec_module(module)
    # Set on the package too: `from fontTools import subset` then finds it without touching it.
    vars(sys.modules["fontTools"])["subset"] = module


def pdf_pages() -> type[PdfPages]:
    """matplotlib's PdfPages, imported with the subsetter deferred."""
    _defer_subsetter()
    from matplotlib.backends.backend_pdf import PdfPages

    return PdfPages
