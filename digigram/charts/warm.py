"""Loading what drawing a PDF needs (matplotlib's PDF backend, the fonts) ahead of time, in any thread.

Only matplotlib and the charts' own leaf modules are imported here, so a thread doing this while the
main thread imports the store and services never meets it halfway through an import.
"""

from __future__ import annotations

from digigram.charts._pdf import pdf_pages
from digigram.charts._style import text_width_in


def prepare_pdf() -> None:
    """About a second on a cold start: the PDF backend's import and the two fonts' first use."""
    pdf_pages()
    for bold in (False, True):
        text_width_in("Слухачі 0", 10.0, bold=bold)
