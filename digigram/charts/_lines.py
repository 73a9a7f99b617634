"""A report page's plain lines of text as one artist, written into a PDF without a layout per line.

A report page holds up to a hundred table cells and paragraph lines. As matplotlib Text artists each
line was shaped twice (measured to be placed, then shaped again to be written) and its glyphs loaded one
by one, which was most of the time a national report took to draw. Here a line's glyph positions are
summed from the steps between neighbouring characters, learnt from lines shaped once for real: DejaVu
Sans places plain text pair by pair, and tests/charts/test_lines.py checks the sums against matplotlib's
own layout. The PDF operators written are those matplotlib's PDF renderer writes for the same line, so
the page looks and reads (copy, search) the same. Anything else (another renderer, a font type other
than Type 3, a character DejaVu Sans lacks, a combining mark, a ligature) is drawn by a Text, as before.
"""

from __future__ import annotations

import itertools
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import FT2Font, LoadFlags
from matplotlib.text import Text

from digigram.charts._style import font


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text, its top left corner in figure fractions, as `Figure.text(va="top")` takes it."""

    x: float
    top: float
    text: str
    size: float
    bold: bool
    colour: str


class _Face:
    """One font file at one size: each character's glyph and height, and the steps between pairs."""

    def __init__(self) -> None:
        self.glyph: dict[str, int] = {}
        self.height: dict[str, tuple[int, int]] = {}  # (lowest, highest) ink in 1/64 pt
        # (left, right) -> (how far right starts after left, the kern matplotlib writes before right)
        self.step: dict[tuple[str, str], tuple[float, float]] = {}


_FACES: dict[tuple[str, float], _Face] = {}
_LEARNING = threading.Lock()  # FreeType faces are not shared between threads, but the tables are
_NO_HINTING = LoadFlags.NO_HINTING


@lru_cache(maxsize=64)
def _font(size: float, bold: bool) -> tuple[FontProperties, str]:
    """The report's font at a size and the file matplotlib finds for it."""
    prop = font(size, bold=bold)
    return prop, findfont(prop)


def _ft(prop: FontProperties, path: str | None = None) -> tuple[str, FT2Font]:
    """The font file for prop and matplotlib's FreeType face for it in this thread, set to its size."""
    path = path or findfont(prop)
    face = get_font(path)
    face.clear()
    face.set_size(prop.get_size_in_points(), 72)
    return path, face


def _plain(text: str, ft: FT2Font) -> bool:
    """Characters the font has, none of them combining: such a line is shaped pair by pair."""
    return all(not unicodedata.combining(ch) and ft.get_char_index(ord(ch)) != 0 for ch in text)


def glyphs(text: str, prop: FontProperties, path: str | None = None
           ) -> list[tuple[str, int, float, float]] | None:
    """(character, glyph, x in points, kern before it) for each character of a plain line, as
    matplotlib's layout places them; None when the line needs a Text (see the module's note)."""
    path, ft = _ft(prop, path)
    if not text or not _plain(text, ft):
        return None
    key = (path, prop.get_size_in_points())
    face = _FACES.get(key)
    if face is None:
        face = _FACES.setdefault(key, _Face())
    step = face.step
    if all(ch in face.glyph for ch in text) and all(pair in step for pair in itertools.pairwise(text)):
        placed, x = [(text[0], face.glyph[text[0]], 0.0, 0.0)], 0.0
        for left, right in itertools.pairwise(text):
            dx, kern = step[left, right]
            x += dx
            placed.append((right, face.glyph[right], x, kern))
        return placed
    # Shaped once for real; each neighbouring pair's step is kept for the lines that follow.
    items = ft._layout(text, _NO_HINTING)
    if (len(items) != len(text) or any(it.char != ch or it.y or it.ft_object.fname != path
                                       for it, ch in zip(items, text, strict=True))
            or items[0].x != 0.0 or items[0].prev_kern != 0.0):
        return None  # a ligature, a glyph from another font, a raised glyph: not plain after all
    with _LEARNING:
        for item in items:
            face.glyph[item.char] = item.glyph_index
        for before, after in itertools.pairwise(items):
            step[before.char, after.char] = (after.x - before.x, after.prev_kern)
    return [(it.char, it.glyph_index, it.x, it.prev_kern) for it in items]


def ascent(text: str, prop: FontProperties, dpi: float, path: str | None = None) -> float:
    """How far a one-line Text's top (va="top") is above its baseline: the ink's top, or the font's
    typographic ascender when higher, computed as matplotlib's Text layout does."""
    path, ft = _ft(prop, path)
    face = _FACES.setdefault((path, prop.get_size_in_points()), _Face())
    low = high = None
    for ch in set(text):
        found = face.height.get(ch)
        if found is None:
            box = ft.load_char(ord(ch), flags=_NO_HINTING).bbox
            found = face.height[ch] = (int(box[1]), int(box[3]))
        low = found[0] if low is None else min(low, found[0])
        high = found[1] if high is None else max(high, found[1])
    assert low is not None and high is not None
    # as RendererPdf.get_text_width_height_descent and Text._get_layout compute them
    h, d = (high - low) * (1 / 64), -low * (1 / 64)
    fontsize = prop.get_size_in_points()
    scale = 1 / ft.get_sfnt_table("head")["unitsPerEm"] * fontsize * dpi / 72  # type: ignore[index]
    os2 = ft.get_sfnt_table("OS/2")
    top = os2["sTypoAscender"] * scale if os2 is not None else \
        ft.get_sfnt_table("hhea")["ascent"] * scale  # type: ignore[index]
    return max(h - d, top)


def _pdf_file(renderer: Any) -> Any:
    """The PdfFile a renderer writes to when lines can be written straight into it; None otherwise."""
    from matplotlib.backends.backend_pdf import PdfFile

    file = getattr(renderer, "file", None)
    if not isinstance(file, PdfFile) or not hasattr(file, "_character_tracker"):
        return None
    rc = mpl.rcParams
    if rc["pdf.fonttype"] != 3 or rc["pdf.use14corefonts"] or rc["text.usetex"]:
        return None
    return file


class TextLines(Artist):
    """All plain lines of a page, drawn in the order added, over the page's rules and charts."""

    zorder = 3  # where Figure.text puts texts

    def __init__(self, figure: Figure) -> None:
        super().__init__()
        self.set_figure(figure)
        self.lines: list[Line] = []

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.stale = True

    def texts(self) -> Sequence[str]:
        return [line.text for line in self.lines]

    def _as_text(self, line: Line) -> Text:
        """The line as the Text `Figure.text` made of it."""
        figure = self.get_figure(root=False)
        assert isinstance(figure, Figure)
        text = Text(line.x, line.top, line.text, ha="left", va="top",
                    fontproperties=font(line.size, bold=line.bold), color=line.colour, parse_math=False,
                    transform=figure.transSubfigure)
        text.set_figure(figure)
        return text

    def draw(self, renderer: Any) -> None:
        if not self.get_visible():
            return
        file = _pdf_file(renderer)
        known: dict[tuple[str, str], tuple[int, int]] = {}  # (font file, character) -> (subset, code)
        names: dict[tuple[str, int], Any] = {}  # (font file, subset) -> the PDF's name for it
        for line in self.lines:
            if file is None or not self._write(renderer, file, line, known, names):
                self._as_text(line).draw(renderer)
        self.stale = False

    def _write(self, renderer: Any, file: Any, line: Line, known: dict[tuple[str, str], tuple[int, int]],
               names: dict[tuple[str, int], Any]) -> bool:
        """The operators RendererPdf.draw_text writes for this line as a Text; False if not plain."""
        from matplotlib.backends.backend_pdf import Op
        from matplotlib.font_manager import FontPath

        prop, path = _font(line.size, line.bold)
        placed = glyphs(line.text, prop, path)
        if placed is None:
            return False
        figure = self.get_figure(root=False)
        assert isinstance(figure, Figure)
        root = self.get_figure(root=True)
        assert root is not None
        posx, posy = figure.transSubfigure.transform((line.x, line.top))
        x, y = 0.0 + posx, -ascent(line.text, prop, root.dpi, path) + posy
        # Text.draw's graphics context for a figure text
        gc = renderer.new_gc()
        gc.set_foreground(to_rgba(line.colour), isRGBA=True)
        gc.set_alpha(None)
        gc.set_url(None)
        gc.set_antialiased(mpl.rcParams["text.antialiased"])
        gc.set_snap(None)
        renderer.check_gc(gc, gc.get_rgb())
        fontsize = prop.get_size_in_points()
        tracker = file._character_tracker
        ft = get_font(path)
        chunk: list[float | int] = []

        def flush() -> None:
            if chunk:
                file.output([(-1000 * next(group) / fontsize) if kind is float else bytes(group)  # type: ignore[arg-type]
                             for kind, group in itertools.groupby(chunk, type)], Op.showkern)
                chunk.clear()

        file.output(Op.gsave)
        file.output(1.0, 0.0, -0.0, 1.0, x, y, Op.concat_matrix)
        file.output(Op.begin_text)
        subset_now: int | None = None
        start = 0.0
        for ch, glyph, gx, kern in placed:
            found = known.get((path, ch))
            if found is None:  # the same character always maps to the same subset and code in a file
                found = known[path, ch] = tracker.track_glyph(ft, ch, glyph)
            subset, code = found
            if subset != subset_now:
                flush()
                name = names.get((path, subset))
                if name is None:
                    name = names[path, subset] = file.fontName(FontPath(path, ft.face_index), subset)
                file.output(name, fontsize, Op.selectfont)
                file.output(gx - start, 0, Op.textpos)
                subset_now, start = subset, gx
            if kern:
                chunk.append(kern)
            chunk.append(code)
        flush()
        file.output(Op.end_text)
        file.output(Op.grestore)
        gc.restore()
        return True
