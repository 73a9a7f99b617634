"""The gap chart: per area the estimated level, its likely range and the target, as a Figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from digigram.charts._style import (
    BASE_PT,
    font,
    line_height_in,
    palette,
    plain,
    text_width_in,
    word,
    wrap,
)
from digigram.charts.model import AreaBar

PAD = 0.15  # inches


@dataclass(frozen=True)
class _Layout:
    """Every size in inches, measured from the strings so nothing is cut off at any text scale."""

    size: float
    title_lines: list[str]
    labels: list[list[str]]
    label_w: float
    right_w: float
    header_lines: list[str]
    row_h: float
    legend_cols: int
    legend_h: float
    height: float

    def title_h(self) -> float:
        return len(self.title_lines) * line_height_in(self.size * 1.2) + PAD if self.title_lines else 0.0

    def header_h(self) -> float:
        # The levels are named above the rows as well as below them (a chart taller than the screen at
        # 200 % text showed its first rows with no scale in view): at least a line for them.
        return max(len(self.header_lines) * line_height_in(self.size * 0.9),
                   line_height_in(self.size) + 0.06) + 0.12

    def below_h(self) -> float:
        # tick labels, axis label, legend
        return 2 * line_height_in(self.size) + 0.25 + self.legend_h


def _label(bar: AreaBar, lang: str) -> str:
    """The area's name; an area not measured says so beside it, its row holding no mark at all."""
    return bar.label if bar.measured else f"{bar.label}\n({word('not_measured', lang)})"


def _legend_entries(lang: str) -> list[str]:
    return [word("level", lang), word("band", lang), word("target", lang)]


def _layout(
    bars: Sequence[AreaBar],
    *,
    levels: Sequence[str],
    lang: str,
    width: float,
    font_scale: float,
    title: str | None,
) -> _Layout:
    any_target = any(b.target_index is not None for b in bars)
    size = BASE_PT * font_scale
    lh = line_height_in(size)
    title_lines = wrap(title, width - 2 * PAD, size * 1.2, bold=True) if title else []
    if any_target:
        header = word("to_target", lang)
        widest_word = max(text_width_in(w, size * 0.9) for w in header.split())
        header_lines = wrap(header, max(0.12 * width, widest_word), size * 0.9)
        right_w = max(max(text_width_in(line, size * 0.9) for line in header_lines), 3 * size / 72) + PAD
    else:
        header_lines, right_w = [], PAD
    # the plot keeps room for every level code (about 1.8 code widths each); labels wrap into the rest
    min_plot = len(levels) * 1.8 * max((text_width_in(c, size) for c in levels), default=0.3) + 0.3
    label_max = max(min(0.38 * width, width - 2 * PAD - right_w - min_plot), 1.2)
    labels = [wrap(_label(b, lang), label_max, size) for b in bars]
    label_w = max((text_width_in(line, size) for ls in labels for line in ls), default=0.5) + 0.12
    row_h = max(max((len(ls) for ls in labels), default=1) * lh + 0.3 * font_scale, 0.5 * font_scale)
    entries = _legend_entries(lang)
    # a legend entry is its marker (about 2.5 em) plus text plus spacing
    entry_w = [2.5 * size / 72 + text_width_in(e, size) + 0.2 for e in entries]
    legend_cols = len(entries) if sum(entry_w) <= width - 2 * PAD else 1
    legend_h = (len(entries) // legend_cols) * lh * 1.45 + 0.15
    parts = (size, title_lines, labels, label_w, right_w, header_lines, row_h, legend_cols, legend_h)
    lay = _Layout(*parts, 0.0)
    height = PAD + lay.title_h() + lay.header_h() + len(bars) * row_h + lay.below_h() + PAD
    return _Layout(*parts, height)


def gap_height(
    bars: Sequence[AreaBar],
    *,
    levels: Sequence[str],
    lang: str,
    width: float = 8.0,
    font_scale: float = 1.0,
    title: str | None = None,
) -> float:
    """Height in inches the chart needs at this width, so a page can reserve room for it."""
    return _layout(bars, levels=levels, lang=lang, width=width, font_scale=font_scale, title=title).height


def draw_gap(
    fig: Figure,
    bars: Sequence[AreaBar],
    *,
    levels: Sequence[str],
    lang: str,
    left: float,
    top: float,
    width: float,
    title: str | None = None,
    high_contrast: bool = False,
    dark: bool = False,
    font_scale: float = 1.0,
) -> float:
    """Draw the chart on `fig` with its top-left corner at (left, top) inches from the bottom-left.

    `dark` (with `high_contrast`) draws light on black, for the screen's high-contrast look.
    Returns the height used, in inches.
    """
    pal = palette(high_contrast, dark=dark)
    any_target = any(b.target_index is not None for b in bars)
    lay = _layout(bars, levels=levels, lang=lang, width=width, font_scale=font_scale, title=title)
    fig_w, fig_h = fig.get_size_inches()
    size, n = lay.size, len(bars)

    y = top - PAD
    for line in lay.title_lines:
        fig.text(left / fig_w + PAD / fig_w, y / fig_h, line, va="top", ha="left",
                 fontproperties=font(size * 1.2, bold=True), color=pal.text, parse_math=False)
        y -= line_height_in(size * 1.2)
    if lay.title_lines:
        y -= PAD
    y -= lay.header_h()

    ax_left = left + PAD + lay.label_w
    ax_w = max(width - PAD - lay.label_w - lay.right_w - PAD, 1.0)
    ax_h = max(n, 1) * lay.row_h
    ax = fig.add_axes(((ax_left) / fig_w, (y - ax_h) / fig_h, ax_w / fig_w, ax_h / fig_h))
    ax.set_gid("gap-chart")
    ax.set_facecolor(pal.background)
    ax.spines["bottom"].set_color(pal.text)
    ax.tick_params(colors=pal.text)

    ax.set_xlim(-0.6, len(levels) - 0.4)
    ax.set_ylim(-0.5, max(n, 1) - 0.5)
    ax.set_xticks(range(len(levels)), [plain(c) for c in levels], fontsize=size, color=pal.text)
    rows = [n - 1 - i for i in range(n)]  # first area at the top
    ax.set_yticks(rows, [plain("\n".join(ls)) for ls in lay.labels], fontsize=size, color=pal.text)
    ax.tick_params(axis="y", length=0, pad=6)
    ax.tick_params(axis="x", top=True, labeltop=True)
    ax.set_xlabel(word("axis", lang), fontsize=size, color=pal.text)
    for x in range(len(levels)):
        ax.axvline(x, color=pal.grid, linewidth=0.8, zorder=0)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)

    est_ms, tgt_ms = 10 * font_scale, 16 * font_scale
    # In high contrast the band's hatch is as light (or as dark) as the estimate: the dot wears a wide ring
    # of the ground's colour, and the dotted gap line runs in a channel of it through the band, so that
    # neither melts into the hatch. The ring is added to the dot's size, so its face stays as large.
    ring = 3.0 * font_scale if high_contrast else 1.2
    dot_ms = est_ms + (ring if high_contrast else 0.0)
    for bar, row in zip(bars, rows, strict=True):
        if not bar.measured:  # the prior's level is no finding: no range, level, target or gap drawn
            if any_target:
                ax.annotate(word("no_target", lang), xy=(1, row), xycoords=("axes fraction", "data"),
                            xytext=(lay.right_w * 72 / 2, 0), textcoords="offset points", ha="center",
                            va="center", fontproperties=font(size, bold=True), color=pal.text,
                            annotation_clip=False, gid=f"gaptext:{bar.area_id}")
            continue
        lo, hi = bar.band_lo_index, bar.band_hi_index
        band = Rectangle((lo - 0.32, row - 0.2), hi - lo + 0.64, 0.4, facecolor=pal.band_face,
                         edgecolor=pal.band_edge, hatch=pal.band_hatch, linewidth=pal.line_width, zorder=2)
        band.set_gid(f"band:{bar.area_id}")
        ax.add_patch(band)
        if bar.target_index is not None:
            if bar.target_index > bar.level_index:
                if high_contrast:
                    (channel,) = ax.plot([bar.level_index, bar.target_index], [row, row], color=pal.band_face,
                                         linewidth=pal.line_width * 3, solid_capstyle="butt", zorder=3,
                                         gid=f"gapchannel:{bar.area_id}")
                    channel.set_clip_path(band)  # only through the band: the grid lines outside stay whole
                ax.plot([bar.level_index, bar.target_index], [row, row], linestyle=":", color=pal.text,
                        linewidth=pal.line_width, zorder=3.5, gid=f"gapline:{bar.area_id}")
            ax.plot([bar.target_index], [row], linestyle="none", marker="D", markersize=tgt_ms,
                    markerfacecolor="none", markeredgecolor=pal.target, markeredgewidth=2.2 * font_scale,
                    zorder=5, gid=f"target:{bar.area_id}")
            gap = bar.gap
            value = word("reached", lang) if gap == 0 else str(gap)
        else:
            value = word("no_target", lang)
        ax.plot([bar.level_index], [row], linestyle="none", marker="o", markersize=dot_ms,
                markerfacecolor=pal.estimate, markeredgecolor=pal.estimate_edge, markeredgewidth=ring,
                zorder=4, gid=f"level:{bar.area_id}")
        if any_target:
            ax.annotate(value, xy=(1, row), xycoords=("axes fraction", "data"),
                        xytext=(lay.right_w * 72 / 2, 0), textcoords="offset points", ha="center",
                        va="center", fontproperties=font(size, bold=True), color=pal.text,
                        annotation_clip=False, gid=f"gaptext:{bar.area_id}")
    if any_target:
        ax.annotate("\n".join(lay.header_lines), xy=(1, 1), xycoords="axes fraction",
                    xytext=(lay.right_w * 72 / 2, 6), textcoords="offset points", ha="center", va="bottom",
                    fontproperties=font(size * 0.9), color=pal.text, annotation_clip=False)

    handles = [
        Line2D([], [], linestyle="none", marker="o", markersize=dot_ms, markerfacecolor=pal.estimate,
               markeredgecolor=pal.estimate_edge, markeredgewidth=ring if high_contrast else None),
        Patch(facecolor=pal.band_face, edgecolor=pal.band_edge, hatch=pal.band_hatch),
        Line2D([], [], linestyle="none", marker="D", markersize=tgt_ms * 0.8, markerfacecolor="none",
               markeredgecolor=pal.target, markeredgewidth=2.0 * font_scale),
    ]
    entries = _legend_entries(lang)
    if not any_target:
        handles, entries = handles[:2], entries[:2]
    legend_top = y - ax_h - 2 * line_height_in(size) - 0.2
    legend = fig.legend(handles, entries, loc="upper center", ncols=min(lay.legend_cols, len(entries)),
                        bbox_to_anchor=((left + width / 2) / fig_w, legend_top / fig_h), frameon=False,
                        prop=font(size), handleheight=1.2, handlelength=2.2, columnspacing=1.5,
                        labelcolor=pal.text)
    legend.set_gid("gap-legend")
    return lay.height


def gap_figure(
    bars: Sequence[AreaBar],
    *,
    levels: Sequence[str],
    lang: str,
    title: str | None = None,
    high_contrast: bool = False,
    dark: bool = False,
    font_scale: float = 1.0,
    width: float = 8.0,
    dpi: float = 100.0,
) -> Figure:
    """The gap chart as its own Figure, sized to its content (width in inches, height follows)."""
    height = gap_height(bars, levels=levels, lang=lang, width=width, font_scale=font_scale, title=title)
    fig = Figure(figsize=(width, height), dpi=dpi, facecolor=palette(high_contrast, dark=dark).background)
    draw_gap(fig, bars, levels=levels, lang=lang, left=0.0, top=height, width=width, title=title,
             high_contrast=high_contrast, dark=dark, font_scale=font_scale)
    return fig
