"""The coordinator's charts in the screen's high contrast: light on black, as the trainee's charts are;
paper (and the ordinary screen) keeps dark on white."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from digigram.charts.heatmap import heatmap_figure
from digigram.charts.programme import headline_figure, levels_figure, shares_figure
from digigram.core.programme import Share
from tests.contrast import contrast, luminance

AREAS = [("Safety", [1, 2, 1, 0]), ("Problem solving", [0, 1, 1, 2])]
CODES = ["A", "B", "C", "D"]


def _contrast(a: Any, b: Any) -> float:
    return contrast(to_rgb(a), to_rgb(b))


def _words(figure: Figure) -> list[Text]:
    found = figure.findobj(lambda a: isinstance(a, Text) and bool(a.get_text().strip()) and a.get_visible())
    return [t for t in found if isinstance(t, Text)]


def _bars(figure: Figure) -> list[Rectangle]:
    return [p for ax in figure.axes for p in ax.patches if isinstance(p, Rectangle)]


def _on_a_bar(figure: Figure, text: Text) -> Rectangle | None:
    """The bar a number is written on (its centre inside the bar), if any."""
    if not any(text in ax.texts for ax in figure.axes):  # tick labels and titles are on the page
        return None
    x, y = text.get_position()
    for bar in _bars(figure):
        if (bar.get_x() <= x <= bar.get_x() + bar.get_width()
                and bar.get_y() <= y <= bar.get_y() + bar.get_height()):
            return bar
    return None


def _every_word_readable(figure: Figure) -> list[str]:
    """Words whose colour gives less than 4.5:1 against what they are written on."""
    background = figure.get_facecolor()
    poor = []
    for text in _words(figure):
        bar = _on_a_bar(figure, text)
        under = bar.get_facecolor() if bar is not None else background
        if _contrast(text.get_color(), under) < 4.5:
            poor.append(f"{text.get_text()!r} {to_hex(text.get_color())} on {to_hex(under)}")
    return poor


def test_programme_charts_are_light_on_black_in_high_contrast() -> None:
    figures = [headline_figure(Share(17, 100), Share(82, 100), lang="uk", dark=True),
               levels_figure(AREAS, CODES, lang="uk", dark=True),
               shares_figure([("Safety", Share(3, 12)), ("Problem solving", Share(5, 5))], title="Нижче цілі",
                             lang="uk", dark=True)]
    for figure in figures:
        assert to_hex(figure.get_facecolor()) == "#000000"
        assert all(to_hex(ax.get_facecolor()) == "#000000" for ax in figure.axes)
        assert _every_word_readable(figure) == []
        for ax in figure.axes:  # the axes' lines and ticks are white, not the default black
            assert to_hex(ax.spines["left"].get_edgecolor()) == "#ffffff"
            assert all(to_hex(line.get_color()) == "#ffffff" for line in ax.get_yticklines())
    headline, levels, _shares = figures
    before, after = _bars(headline)
    assert before.get_hatch() and to_hex(after.get_facecolor()) == "#ffffff"  # told apart without colour
    # No level is drawn black on black: every part shows against the page, and the ramp runs dim to white.
    faces = [to_hex(b.get_facecolor()) for b in _bars(levels) if b.get_width() > 0]
    assert "#000000" not in faces and to_hex(_bars(levels)[-1].get_facecolor()) == "#ffffff"


def test_the_heatmap_is_light_on_black_in_high_contrast_and_each_number_reads_on_its_cell() -> None:
    gaps: list[list[int | None]] = [[0, 1, 2, 3], [None, 2, 0, 1]]
    figure = heatmap_figure(["Оксана Петренко", "Іван Мельник"], ["DOC", "COM", "SAF", "PRB"], gaps,
                            lang="uk", flags=["⚠", ""], dark=True)
    assert to_hex(figure.get_facecolor()) == "#000000"
    cells = {c.get_gid(): c for c in figure.artists if isinstance(c, Rectangle) and c.get_gid()}
    # Names, column heads and the key's words are white; each number contrasts with its own cell.
    fw, fh = figure.get_size_inches()
    for text in _words(figure):
        x, y = text.get_position()
        under = next((c.get_facecolor() for c in figure.artists if isinstance(c, Rectangle)
                      and c.get_x() <= x <= c.get_x() + c.get_width()
                      and c.get_y() <= y <= c.get_y() + c.get_height()), figure.get_facecolor())
        assert _contrast(text.get_color(), under) >= 4.5, (text.get_text(), to_hex(text.get_color()),
                                                           to_hex(under))
    assert len(cells) == 8 and all(to_hex(c.get_edgecolor()) == "#000000" for c in cells.values())
    assert (fw, fh) == tuple(heatmap_figure(["a", "b"], ["DOC", "COM", "SAF", "PRB"], gaps, lang="uk")
                             .get_size_inches())  # the same layout as on paper


def test_paper_and_the_ordinary_screen_keep_dark_on_white() -> None:
    for figure in (headline_figure(Share(17, 100), Share(82, 100), lang="en"),
                   levels_figure(AREAS, CODES, lang="en"),
                   shares_figure([("Safety", Share(3, 12))], title="Below target", lang="en"),
                   heatmap_figure(["Оксана"], ["DOC"], [[1]], lang="en")):
        assert to_hex(figure.get_facecolor()) == "#ffffff"
        assert all(luminance(to_rgb(t.get_color())) < 0.05 for t in _words(figure)
                   if _on_a_bar(figure, t) is None and t.get_text() not in {"0", "1", "2", "3+", "—"})


SIX = ["A1", "A2", "B1", "B2", "C1", "C2"]


def _told_apart(a: Rectangle, b: Rectangle) -> bool:
    """Two fills a person tells apart: plain colours at least 3:1, or patterns of their own whose lines
    stand 3:1 against their ground."""
    if _contrast(a.get_facecolor(), b.get_facecolor()) >= 3:
        return True
    seen = all(_contrast(p.get_hatchcolor(), p.get_facecolor()) >= 3 for p in (a, b) if p.get_hatch())
    return (a.get_hatch() or "") != (b.get_hatch() or "") and seen


def test_neighbouring_levels_are_told_apart_in_high_contrast() -> None:
    """On black the levels were a grey ramp alone: C1 (#E2E2E2) beside C2 (white) stood 1.3:1, and the
    legend's patches of neighbouring levels looked alike. Each level now has a pattern of its own too."""
    figure = levels_figure([("Safety", [1, 2, 1, 2, 3, 2]), ("Problem solving", [2, 1, 1, 2, 2, 2])], SIX,
                           lang="uk", dark=True)
    ax = figure.axes[0]
    parts = {container.get_label(): container.patches[0] for container in ax.containers}
    for low, high in pairwise(SIX):
        assert _told_apart(parts[low], parts[high]), f"{low} and {high} look alike"
    # As drawn: the legend's patches of neighbouring levels differ, pixel for pixel, in a good share.
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[:, :, :3] / 255.0
    height = pixels.shape[0]
    legend = ax.get_legend()
    assert legend is not None
    patches = {text.get_text(): handle for text, handle in zip(legend.get_texts(), legend.legend_handles,
                                                                strict=True)}
    crops = {}
    for code in SIX:
        box = patches[code].get_window_extent(canvas.get_renderer())
        crops[code] = pixels[int(height - box.y1) + 2:int(height - box.y0) - 2,
                             int(box.x0) + 2:int(box.x1) - 2]
    for low, high in pairwise(SIX):
        a, b = crops[low], crops[high]
        rows, cols = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
        differ = np.mean([contrast(tuple(p), tuple(q)) >= 3 for p, q in
                          zip(a[:rows, :cols].reshape(-1, 3), b[:rows, :cols].reshape(-1, 3), strict=True)])
        assert differ >= 0.1, f"the legend's {low} and {high} differ in {differ:.0%} of their pixels"


def test_the_ordinary_levels_keep_their_plain_blues() -> None:
    figure = levels_figure(AREAS, CODES, lang="en")
    assert not [b for b in _bars(figure) if b.get_hatch()]


def test_each_number_on_a_patterned_level_has_a_clear_margin_of_its_own_colour() -> None:
    """In high contrast the numbers on the hatched parts sat on a patch barely larger than their digits,
    so at the screen's 96 dpi the pattern's lines touched them ("20" on dots read as noise). Around each
    number, a ring a few pixels wide is now the part's plain colour alone."""
    figure = levels_figure([("Safety", [10, 20, 30, 40, 0, 0]), ("Problem solving", [0, 0, 20, 30, 30, 20])],
                           SIX, lang="uk", dark=True)
    figure.set_dpi(96)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[:, :, :3]
    height = pixels.shape[0]
    ax = figure.axes[0]
    checked = 0
    for text in ax.texts:
        bar = _on_a_bar(figure, text)
        if bar is None or not bar.get_hatch():
            continue
        box = text.get_window_extent(canvas.get_renderer())  # the digits themselves, without the patch
        top, bottom, left, right = int(height - box.y1), int(height - box.y0), int(box.x0), int(box.x1)
        ring = np.concatenate([pixels[top - 3:top - 1, left:right].reshape(-1, 3),
                               pixels[bottom + 1:bottom + 3, left:right].reshape(-1, 3),
                               pixels[top:bottom, left - 3:left - 1].reshape(-1, 3),
                               pixels[top:bottom, right + 1:right + 3].reshape(-1, 3)])
        plain = np.round(np.asarray(to_rgb(bar.get_facecolor())) * 255)
        off = np.abs(ring.astype(float) - plain).max(axis=1) > 24
        assert off.mean() == 0, f"{text.get_text()!r}: {off.mean():.0%} of the ring around it is pattern"
        checked += 1
    assert checked >= 6
