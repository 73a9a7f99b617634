"""The gap chart: one row per area, a target marker exactly where a target exists, and it saves."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from PIL import Image

from digigram.charts.gap import gap_figure
from tests.charts.conftest import AREA_NAMES, LEVELS
from tests.contrast import contrast


def _gids(fig: Figure, prefix: str) -> set[str]:
    return {a.get_gid()[len(prefix):] for a in fig.findobj() if (a.get_gid() or "").startswith(prefix)}


def _chart_axes(fig: Figure):
    (ax,) = [ax for ax in fig.axes if ax.get_gid() == "gap-chart"]
    return ax


def test_one_row_per_area_in_given_order(bars):
    fig = gap_figure(bars, levels=LEVELS, lang="uk")
    ax = _chart_axes(fig)
    ticks = zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
    top_to_bottom = [t.get_text().replace("\n", " ") for _y, t in sorted(ticks, key=lambda p: -p[0])]
    assert top_to_bottom == AREA_NAMES
    assert _gids(fig, "level:") == {b.area_id for b in bars}
    assert _gids(fig, "band:") == {b.area_id for b in bars}


def test_target_marker_only_where_a_target_exists(bars):
    fig = gap_figure(bars, levels=LEVELS, lang="en")
    with_target = {b.area_id for b in bars if b.target_index is not None}
    assert with_target != {b.area_id for b in bars}  # the sample has an area without a target
    assert _gids(fig, "target:") == with_target


def test_markers_sit_on_their_levels(bars):
    fig = gap_figure(bars, levels=LEVELS, lang="en")
    by_gid = {a.get_gid(): a for a in fig.findobj() if a.get_gid()}
    for bar in bars:
        assert list(by_gid[f"level:{bar.area_id}"].get_xdata()) == [bar.level_index]
        band = by_gid[f"band:{bar.area_id}"]
        assert band.get_x() < bar.band_lo_index < bar.band_hi_index + 0.01 < band.get_x() + band.get_width()
        if bar.target_index is not None:
            assert list(by_gid[f"target:{bar.area_id}"].get_xdata()) == [bar.target_index]


def test_level_codes_label_the_axis_below_and_above_the_rows(bars):
    """Above too: a chart taller than the screen (200 % text on a netbook) shows its first rows with
    the levels named, not only at its foot a scroll away."""
    ax = _chart_axes(gap_figure(bars, levels=LEVELS, lang="uk"))
    ticks = ax.xaxis.get_major_ticks()[:len(LEVELS)]
    assert [t.label1.get_text() for t in ticks] == LEVELS
    assert [t.label2.get_text() for t in ticks] == LEVELS
    assert all(t.label1.get_visible() and t.label2.get_visible() for t in ticks)


def test_no_target_anywhere_drops_target_from_legend(bars):
    from dataclasses import replace

    fig = gap_figure([replace(b, target_index=None) for b in bars], levels=LEVELS, lang="uk")
    assert _gids(fig, "target:") == set()
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Оцінений рівень", "Імовірний діапазон"]


@pytest.mark.parametrize("lang, word", [("uk", "Цільовий рівень"), ("en", "Target level")])
def test_legend_speaks_the_language(bars, lang, word):
    (legend,) = gap_figure(bars, levels=LEVELS, lang=lang).legends
    assert word in [t.get_text() for t in legend.get_texts()]


@pytest.mark.parametrize("font_scale", [1.0, 2.0])
def test_everything_fits_inside_the_figure(bars, font_scale):
    fig = gap_figure(bars, levels=LEVELS, lang="uk", title="Ольга Петренко", font_scale=font_scale)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    frame = fig.bbox
    for text in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_visible()):
        if not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, text.get_text()
        assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1, text.get_text()


@pytest.mark.parametrize("with_targets", [True, False])
@pytest.mark.parametrize("font_scale", [1.0, 2.0])
def test_the_levels_above_the_rows_have_their_own_room(bars, font_scale, with_targets):
    """The level codes above the rows sit between the title and the first row, clear of both and of
    the «levels to target» head beside them (with or without targets, whose head reserves room)."""
    from dataclasses import replace

    chosen = bars if with_targets else [replace(b, target_index=None) for b in bars]
    fig = gap_figure(chosen, levels=LEVELS, lang="uk", title="Ольга Петренко", font_scale=font_scale)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = _chart_axes(fig)
    above = [t.label2.get_window_extent(renderer) for t in ax.xaxis.get_major_ticks()[:len(LEVELS)]]
    rows = ax.get_window_extent(renderer)
    others = [t.get_window_extent(renderer) for t in fig.texts + ax.texts if t.get_text()]
    others += [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    assert others, "the title and the heads were found"
    for box in above:
        assert box.y0 >= rows.y1 - 1, "a level code overlaps the first row"
        for other in others:
            assert not box.overlaps(other), (box, other)


def test_saves_a_png(bars, tmp_path):
    fig = gap_figure(bars, levels=LEVELS, lang="uk", high_contrast=True)
    FigureCanvasAgg(fig)
    path = tmp_path / "gap.png"
    fig.savefig(path)
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        assert image.size[0] > 300 and image.size[1] > 200
        # a blank image would have a single colour
        assert len(image.convert("L").getcolors(maxcolors=256 * 256) or []) > 10


def _drawn(fig: Figure) -> tuple[Any, Any]:
    """The figure's pixels as (r, g, b) from 0 to 1, and the renderer that drew them."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[:, :, :3] / 255.0, canvas.get_renderer()


def _poorest(pixels: Any, colour: Any) -> float:
    """The lowest contrast between `colour` and any of `pixels`."""
    return min(contrast(colour, tuple(p)) for p in pixels.reshape(-1, 3))


@pytest.mark.parametrize("dark", [True, False], ids=["screen", "paper"])
def test_in_high_contrast_the_level_dot_and_the_gap_line_stand_out_from_the_range(bars, dark):
    """The white dot and the dotted line to the target sat on the range's white cross-hatch (on paper,
    black on black): the dot vanished into it. A ring and a channel of the ground's colour keep them
    apart from the hatch: every pixel just around each dot, and along each side of the line inside the
    range, differs from them at least 3:1."""
    fig = gap_figure(bars, levels=LEVELS, lang="uk", high_contrast=True, dark=dark, font_scale=1.0)
    pixels, _renderer = _drawn(fig)
    height = pixels.shape[0]
    ax = _chart_axes(fig)
    by_gid = {a.get_gid(): a for a in fig.findobj() if a.get_gid()}
    px = fig.dpi / 72
    rows = {b.area_id: len(bars) - 1 - i for i, b in enumerate(bars)}
    ys, xs = np.mgrid[0:pixels.shape[0], 0:pixels.shape[1]]
    crossed = 0  # rows whose gap line runs through the range beyond the dot
    for bar in bars:
        dot = by_gid[f"level:{bar.area_id}"]
        colour = to_rgb(dot.get_markerfacecolor())
        cx, cy = ax.transData.transform((bar.level_index, rows[bar.area_id]))
        cy = height - cy
        face = (dot.get_markersize() - dot.get_markeredgewidth()) / 2 * px  # the drawn face's radius
        distance = np.hypot(xs - cx, ys - cy)
        around = pixels[(distance >= face + 1.5) & (distance <= face + 3.0)]
        if bar.target_index != bar.level_index:  # a target reached frames the dot: its outline crosses there
            assert _poorest(around, colour) >= 3, f"{bar.area_id}: the dot melts into what is around it"
        line = by_gid.get(f"gapline:{bar.area_id}")
        band = by_gid[f"band:{bar.area_id}"]
        if line is None:
            continue
        ink = to_rgb(line.get_color())
        ring = (dot.get_markersize() + dot.get_markeredgewidth()) / 2 * px
        start = cx + ring + 2
        end = min(ax.transData.transform((band.get_x() + band.get_width(), 0))[0],
                  ax.transData.transform((bar.target_index, 0))[0] - 8 * px) - 3
        if end - start < 10:
            continue  # the range ends under the dot's ring
        crossed += 1
        for side in (-1, 1):
            y = round(cy + side * (line.get_linewidth() / 2 * px + 1.5))
            beside = pixels[y, int(start):int(end)]
            assert _poorest(beside, ink) >= 3, f"{bar.area_id}: the gap line melts into the range's hatch"
    assert crossed >= 2, "the sample has gap lines running through their ranges"


def test_the_ordinary_palette_keeps_its_dot(bars):
    """Only the high contrast wears the ring: the ordinary chart's dot is as it was."""
    fig = gap_figure(bars, levels=LEVELS, lang="uk")
    dots = [a for a in fig.findobj() if (a.get_gid() or "").startswith("level:")]
    assert {(d.get_markersize(), d.get_markeredgewidth()) for d in dots} == {(10.0, 1.2)}
    assert not [a for a in fig.findobj() if (a.get_gid() or "").startswith("gapchannel:")]
