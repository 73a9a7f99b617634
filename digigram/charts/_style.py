"""Shared look of the charts: words, colours, fonts, and text measuring for manual layout."""

from __future__ import annotations

import linecache
import re
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.textpath import text_to_path

from digigram.core.i18n import N_, NOT_MEASURED

# pyparsing, which matplotlib imports, reads the whole of its own source (250 KB, 0.8 MiB as lines)
# into linecache once at its import, only to name one line in its error messages, and the lines stay
# for the life of the program. Every chart imports this module after matplotlib, so the lines are let
# go here; a traceback that needs them reads the file again.
linecache.clearcache()

# DejaVu Sans ships with matplotlib and covers Cyrillic, so the same font is there on every machine.
FONT_FAMILY = "DejaVu Sans"
BASE_PT = 10.0

WORDS = {
    "level": N_("Estimated level"),
    "band": N_("Likely range"),
    "target": N_("Target level"),
    "axis": N_("Level"),
    "to_target": N_("Levels to target"),
    "reached": N_("✓"),
    "no_target": N_("—"),
    "date": N_("Date of check"),
    "not_measured": NOT_MEASURED,
}


def word(key: str, lang: str) -> str:
    return WORDS[key].render(lang)


@dataclass(frozen=True)
class Palette:
    estimate: str
    estimate_edge: str
    band_face: str
    band_edge: str
    band_hatch: str
    target: str
    grid: str
    text: str
    line_width: float
    background: str = "white"


# Okabe–Ito colours stay apart for the common colour-vision deficiencies; shapes carry the meaning anyway.
NORMAL = Palette("#0072B2", "white", "#D6E6F4", "#3D7FB3", "///", "#D55E00", "#D0D0D0", "#1A1A1A", 1.2)
HIGH_CONTRAST = Palette("black", "white", "white", "black", "xxx", "black", "#808080", "black", 2.0)
# The screen's high-contrast look is white and yellow on black (ui/appearance.py); a chart drawn on
# white there would glare. Paper keeps the black-on-white one.
HIGH_CONTRAST_DARK = Palette("white", "black", "black", "white", "xxx", "#ffff00", "#808080", "white", 2.0,
                             background="black")


def palette(high_contrast: bool, *, dark: bool = False) -> Palette:
    if high_contrast:
        return HIGH_CONTRAST_DARK if dark else HIGH_CONTRAST
    return NORMAL


def font(size: float, *, bold: bool = False) -> FontProperties:
    return FontProperties(family=FONT_FAMILY, size=size, weight="bold" if bold else "normal")


@lru_cache(maxsize=4096)
def _width(text: str, size: float, bold: bool) -> float:
    width, _h, _d = text_to_path.get_text_width_height_descent(text, font(size, bold=bold), ismath=False)
    return float(width)


def text_width_in(text: str, size: float, *, bold: bool = False) -> float:
    """Width of one line of text in inches (no renderer needed)."""
    return _width(text, size, bold) / 72.0


@lru_cache(maxsize=2048)
def _advance(char: str, bold: bool) -> float:
    """How far one character moves the pen at 1 pt, in points; infinite for a character the font lacks
    (an emoji in a typed name), which is drawn from another font, so such a line is always measured."""
    face = get_font(findfont(font(BASE_PT, bold=bold)))
    if face.get_char_index(ord(char)) == 0:
        return float("inf")
    face.set_size(100.0, 72)  # points at 72 dpi: the advance comes in pixels = points, 16.16 fixed point
    glyph = face.load_char(ord(char), flags=LoadFlags.NO_HINTING)
    return float(glyph.linearHoriAdvance) / 65536 / 100.0


# The drawn width of a line never exceeds the sum of its characters' advances by more than this (a last
# glyph reaching past its advance, a negative kern); measured over the framework's texts it stays within
# 0.04 em, and this allows twelve times that.
_ADVANCE_SLACK_EM = 0.5


def _surely_fits(text: str, width_in: float, size: float, bold: bool) -> bool:
    """True when the summed advances leave no doubt that the text fits; False means "measure it"."""
    total = sum(_advance(ch, bold) for ch in text)
    return (total * 1.02 + _ADVANCE_SLACK_EM) * size / 72.0 <= width_in


def fits(text: str, width_in: float, size: float, *, bold: bool = False) -> bool:
    """Whether one line of text fits in width_in inches, as text_width_in tells, measuring only when close.

    Measuring lays the whole line out through FreeType; wrapping measured every word's line anew, and a
    report's first wrap spent most of its time there. The summed advances settle the lines well inside.
    """
    return _surely_fits(text, width_in, size, bold) or text_width_in(text, size, bold=bold) <= width_in


# Where a line may break: any white space but the no-break ones, which hold «82 %» and «25 391» together.
_BREAK = re.compile(r"[^\S\u00a0\u2007\u202f\u2060]+")


def breakable_words(text: str) -> list[str]:
    """The words a line may be broken between; a no-break space keeps its word whole."""
    return [w for w in _BREAK.split(text) if w]


def wrap(text: str, width_in: float, size: float, *, bold: bool = False) -> list[str]:
    """Greedy word wrap to a width in inches; words longer than a line are broken by characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word_ in breakable_words(paragraph):
            candidate = f"{current} {word_}" if current else word_
            if fits(candidate, width_in, size, bold=bold):
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word_
            while text_width_in(current, size, bold=bold) > width_in and len(current) > 1:
                cut = len(current) - 1
                while cut > 1 and text_width_in(current[:cut], size, bold=bold) > width_in:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return lines


def plain(text: str) -> str:
    """Text safe from mathtext: a '$' in a name or title must print as a dollar sign."""
    return text.replace("$", r"\$")


def line_height_in(size: float) -> float:
    return size * 1.3 / 72.0
