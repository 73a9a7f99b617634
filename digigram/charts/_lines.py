"""Plain one-line texts on report pages, measured and written into the PDF without a layout per text.

A report page holds up to a hundred table cells and paragraph lines, and its charts dozens of labels.
As matplotlib draws a Text, each one is shaped by HarfBuzz twice (measured to be placed, then shaped
again to be written) and its glyphs loaded one by one: most of the time a national report took to draw.
Here a line's glyph positions are summed from the steps between neighbouring characters, learnt from
lines shaped once for real: DejaVu Sans places plain text pair by pair, and tests/charts/test_lines.py
checks the sums, the measurements and whole report files against matplotlib's own. The PDF operators
written are those matplotlib's PDF renderer writes for the same text, so a page looks and reads (copy,
search) the same. Anything else (another renderer, a font type other than Type 3, rotated or math
text, a character DejaVu Sans lacks, a combining mark, a ligature) is left to matplotlib, as before.
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
        # ink box (left, bottom, right, top) and FreeType's width of the character alone, in 1/64 pt
        self.box: dict[str, tuple[int, int, int, int, int]] = {}
        self.top: dict[float, float] = {}  # the typographic ascender in points, per dpi
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


def _face(path: str, prop: FontProperties) -> _Face:
    key = (path, prop.get_size_in_points())
    face = _FACES.get(key)
    return face if face is not None else _FACES.setdefault(key, _Face())


def glyphs(text: str, prop: FontProperties, path: str | None = None
           ) -> list[tuple[str, int, float, float]] | None:
    """(character, glyph, x in points, kern before it) for each character of a plain line, as
    matplotlib's layout places them; None when the line needs a Text (see the module's note)."""
    if not text:
        return None
    path = path or findfont(prop)
    face = _face(path, prop)
    known, step = face.glyph, face.step
    # Only characters of plain lines are known, so a line of known characters and pairs is plain.
    if all(ch in known for ch in text) and all(pair in step for pair in itertools.pairwise(text)):
        placed, x = [(text[0], known[text[0]], 0.0, 0.0)], 0.0
        for left, right in itertools.pairwise(text):
            dx, kern = step[left, right]
            x += dx
            placed.append((right, known[right], x, kern))
        return placed
    path, ft = _ft(prop, path)
    if not _plain(text, ft):
        return None
    # Shaped once for real; each neighbouring pair's step is kept for the lines that follow.
    items = ft._layout(text, _NO_HINTING)
    if (len(items) != len(text) or any(it.char != ch or it.y or it.ft_object.fname != path
                                       for it, ch in zip(items, text, strict=True))
            or items[0].x != 0.0 or items[0].prev_kern != 0.0):
        return None  # a ligature, a glyph from another font, a raised glyph: not plain after all
    with _LEARNING:
        for item in items:
            known[item.char] = item.glyph_index
        for before, after in itertools.pairwise(items):
            step[before.char, after.char] = (after.x - before.x, after.prev_kern)
    return [(it.char, it.glyph_index, it.x, it.prev_kern) for it in items]


def ascent(text: str, prop: FontProperties, dpi: float, path: str | None = None) -> float:
    """How far a one-line Text's top (va="top") is above its baseline: the ink's top, or the font's
    typographic ascender when higher, computed as matplotlib's Text layout does."""
    path = path or findfont(prop)
    face = _face(path, prop)
    heights = face.height
    if not all(ch in heights for ch in text) or dpi not in face.top:
        _path, ft = _ft(prop, path)
        for ch in text:
            if ch not in heights:
                box = ft.load_char(ord(ch), flags=_NO_HINTING).bbox
                heights[ch] = (int(box[1]), int(box[3]))
        scale = 1 / ft.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * dpi / 72  # type: ignore[index]
        os2 = ft.get_sfnt_table("OS/2")
        face.top[dpi] = os2["sTypoAscender"] * scale if os2 is not None else \
            ft.get_sfnt_table("hhea")["ascent"] * scale  # type: ignore[index]
    low = min(heights[ch][0] for ch in text)
    high = max(heights[ch][1] for ch in text)
    # as RendererPdf.get_text_width_height_descent and Text._get_layout compute them
    h, d = (high - low) * (1 / 64), -low * (1 / 64)
    return max(h - d, face.top[dpi])


DIRECT = True  # tests switch it off to compare with matplotlib's own text drawing


def _pdf_file(renderer: Any) -> Any:
    """The PdfFile a renderer writes to when lines can be written straight into it; None otherwise."""
    from matplotlib.backends.backend_pdf import PdfFile

    file = getattr(renderer, "file", None)
    if not DIRECT or not isinstance(file, PdfFile) or not hasattr(file, "_character_tracker"):
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
        writer = renderer if isinstance(renderer, _DirectText) and renderer.direct() else None
        for line in self.lines:
            if writer is None or not self._write(writer, line):
                self._as_text(line).draw(renderer)
        self.stale = False

    def _write(self, writer: _DirectText, line: Line) -> bool:
        """What Text.draw and RendererPdf.draw_text write for this line as a figure Text."""
        prop, path = _font(line.size, line.bold)
        placed = glyphs(line.text, prop, path)
        if placed is None:
            return False
        figure = self.get_figure(root=False)
        assert isinstance(figure, Figure)
        root = self.get_figure(root=True)
        assert root is not None
        posx, posy = figure.transSubfigure.transform((line.x, line.top))
        gc = writer.new_gc()  # Text.draw's graphics context for a figure text
        gc.set_foreground(to_rgba(line.colour), isRGBA=True)
        gc.set_alpha(None)
        gc.set_url(None)
        gc.set_antialiased(mpl.rcParams["text.antialiased"])
        gc.set_snap(None)
        writer.write(gc, 0.0 + posx, -ascent(line.text, prop, root.dpi, path) + posy, prop, path, placed)
        gc.restore()
        return True


def measure(text: str, prop: FontProperties) -> tuple[float, float, float] | None:
    """(width, height, descent) in points of a plain line, as RendererPdf.get_text_width_height_descent
    gives them; None when the line must be measured by FreeType.

    FreeType's box runs from the pen's start to its end after the last glyph, and from the lowest ink to
    the highest; that holds when no glyph's ink reaches outside the pen's path and the ink spans the
    baseline, so only such lines are measured here.
    """
    path = findfont(prop)
    placed = glyphs(text, prop, path)
    if placed is None:
        return None
    face = _face(path, prop)
    low = high = 0
    for ch, _glyph, x, _kern in placed:
        box = face.box.get(ch)
        if box is None:
            _path, ft = _ft(prop, path)
            ft.set_text(ch, 0.0, flags=_NO_HINTING)
            alone = int(ft.get_width_height()[0])
            ink = ft.load_char(ord(ch), flags=_NO_HINTING).bbox
            box = face.box[ch] = (int(ink[0]), int(ink[1]), int(ink[2]), int(ink[3]), alone)
        pen = int(x * 64)
        if pen + box[0] < 0 or box[2] > box[4]:
            return None
        low, high = min(low, box[1]), max(high, box[3])
    end = int(placed[-1][2] * 64) + face.box[placed[-1][0]][4]
    if any(int(x * 64) + face.box[ch][2] > end for ch, _g, x, _k in placed):
        return None
    if low == 0 or high == 0:  # ink wholly above or below the baseline: FreeType's own box may differ
        return None
    scale = 1 / 64
    return end * scale, (high - low) * scale, -low * scale


class _DirectText:
    """A PDF renderer that measures and writes plain one-line texts itself and hands all else on."""

    _OWN = frozenset({"_renderer", "file", "_codes", "_names"})

    def __init__(self, renderer: Any, file: Any) -> None:
        self._renderer = renderer
        self.file = file
        self._codes: dict[tuple[str, str], tuple[int, int]] = {}  # (font file, character) -> (subset, code)
        self._names: dict[tuple[str, int], Any] = {}  # (font file, subset) -> the PDF's name for it

    def __getattr__(self, name: str) -> Any:
        return getattr(self._renderer, name)

    def __setattr__(self, name: str, value: Any) -> None:
        # Artists keep their rasterizing state on the renderer: it must land on the real one.
        if name in self._OWN:
            object.__setattr__(self, name, value)
        else:
            setattr(self._renderer, name, value)

    def direct(self) -> bool:
        """Whether drawing goes to the PDF now: not while an artist is being rasterized."""
        return getattr(self._renderer, "file", None) is self.file

    def get_text_width_height_descent(self, s: str, prop: FontProperties, ismath: Any) -> Any:
        found = None if ismath or not self.direct() else measure(s, prop)
        return found if found is not None else self._renderer.get_text_width_height_descent(s, prop, ismath)

    def draw_text(self, gc: Any, x: float, y: float, s: str, prop: FontProperties, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        placed = None
        if not ismath and angle == 0 and gc.get_url() is None and self.direct() and (
                mtext is None or (mtext.get_fontfeatures() is None and mtext.get_language() is None)):
            path = findfont(prop)
            placed = glyphs(s, prop, path)
        if placed is None:
            self._renderer.draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        else:
            self.write(gc, x, y, prop, path, placed)

    def write(self, gc: Any, x: float, y: float, prop: FontProperties, path: str,
              placed: list[tuple[str, int, float, float]]) -> None:
        """The bytes RendererPdf.draw_text writes for this line, unrotated, at x, y, written at once:
        each of its `file.output(...)` calls is one line of _fill([pdfRepr(...), ...])."""
        from matplotlib.backends.backend_pdf import Op, pdfRepr
        from matplotlib.font_manager import FontPath

        file, codes, names = self.file, self._codes, self._names
        self._renderer.check_gc(gc, gc.get_rgb())
        fontsize = prop.get_size_in_points()
        size = pdfRepr(fontsize)
        tracker = file._character_tracker
        ft = get_font(path)
        out = [b"%s\n" % Op.gsave.pdfRepr(),
               _fill([b"1", b"0", b"-0", b"1", pdfRepr(x), pdfRepr(y), Op.concat_matrix.pdfRepr()]) + b"\n",
               b"%s\n" % Op.begin_text.pdfRepr()]
        chunk: list[float | int] = []

        def flush() -> None:
            if chunk:
                shown = [pdfRepr(-1000 * next(group) / fontsize) if kind is float
                         else pdfRepr(bytes(group))  # type: ignore[arg-type]
                         for kind, group in itertools.groupby(chunk, type)]
                out.append(_fill([_fill([b"[", *shown, b"]"]), _SHOWKERN]) + b"\n")
                chunk.clear()

        subset_now: int | None = None
        start = 0.0
        for ch, glyph, gx, kern in placed:
            found = codes.get((path, ch))
            if found is None:  # the same character always maps to the same subset and code in a file
                found = codes[path, ch] = tracker.track_glyph(ft, ch, glyph)
            subset, code = found
            if subset != subset_now:
                flush()
                name = names.get((path, subset))
                if name is None:
                    name = file.fontName(FontPath(path, ft.face_index), subset).pdfRepr()
                    names[path, subset] = name
                out.append(_fill([name, size, _SELECTFONT]) + b"\n")
                out.append(_fill([pdfRepr(gx - start), b"0", _TEXTPOS]) + b"\n")
                subset_now, start = subset, gx
            if kern:
                chunk.append(kern)
            chunk.append(code)
        flush()
        out.append(b"%s\n%s\n" % (Op.end_text.pdfRepr(), Op.grestore.pdfRepr()))
        file.write(b"".join(out))


_SHOWKERN, _SELECTFONT, _TEXTPOS = b"TJ", b"Tf", b"Td"


def _fill(strings: list[bytes], linelen: int = 75) -> bytes:
    """PdfFile.output's joining: words separated by spaces, a new line before one that would pass 75."""
    at, first, lines = 0, 0, []
    for i, word in enumerate(strings):
        if at + len(word) < linelen:
            at += len(word) + 1
        else:
            lines.append(b" ".join(strings[first:i]))
            first, at = i, len(word)
    lines.append(b" ".join(strings[first:]))
    return b"\n".join(lines)


class Page(Figure):
    """A report page: drawn into a PDF, its plain texts (its lines, the charts' labels) are measured and
    written by this module; drawn anywhere else, it is a plain Figure."""

    def draw(self, renderer: Any) -> None:
        file = _pdf_file(renderer)
        direct: Any = None if file is None else _DirectText(renderer, file)
        super().draw(renderer if direct is None else direct)
