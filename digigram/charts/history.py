"""Progress over time: one small panel per area with its level at each check, as a Figure."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from matplotlib.dates import AutoDateLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from digigram.charts._style import BASE_PT, NORMAL, Palette, font, palette, plain, word
from digigram.charts.model import HistorySeries
from digigram.core.i18n import N_, format_date

_EMPTY = N_("No checks yet")
_RANGE = N_("Likely range")


def history_figure(
    series: Sequence[HistorySeries],
    *,
    levels: Sequence[str],
    lang: str,
    title: str | None = None,
    high_contrast: bool = False,
    dark: bool = False,
    font_scale: float = 1.0,
    show_bands: bool = True,
    width: float = 8.0,
    dpi: float = 100.0,
) -> Figure:
    """Each area's level at each check (dates on x), with the likely range and the target if given.

    `dark` (with `high_contrast`) draws light on black, for the screen's high-contrast look.
    """
    pal = palette(high_contrast, dark=dark)
    size = BASE_PT * font_scale
    shown = [s for s in series if s.points]
    if not shown:
        fig = Figure(figsize=(width, 2.0 * font_scale), dpi=dpi, facecolor=pal.background)
        fig.text(0.5, 0.5, _EMPTY.render(lang), ha="center", va="center",
                 fontproperties=font(size * 1.2), color=pal.text)
        return fig

    ncols = 2 if len(shown) > 2 and width / font_scale >= 7 else 1
    nrows = math.ceil(len(shown) / ncols)
    panel_h = 1.5 + 0.9 * font_scale
    fig = Figure(figsize=(width, nrows * panel_h + 1.2 * font_scale), dpi=dpi, facecolor=pal.background,
                 layout="constrained")
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
    when = sorted({p.when for s in shown for p in s.points})
    # Checks on one day (a before-and-after pair in one training day) would share one column: then
    # every check takes its own place in turn, a repeated day written with the check's time.
    checks = sorted({(p.when, p.at) for s in shown for p in s.points}, key=_check_order)
    in_turn = len(checks) > len(when)
    place = {check: float(k) for k, check in enumerate(checks)}
    chars = max(int(width / ncols * 72 / (size * 0.62)), 12)  # rough characters per panel title line

    for ax, one in zip(axes.flat, shown, strict=False):
        pts = sorted(one.points, key=lambda p: _check_order((p.when, p.at)))
        xs = [place[(p.when, p.at)] if in_turn else date2num(p.when) for p in pts]
        ys = [p.level_index for p in pts]
        if show_bands:
            for x, p in zip(xs, pts, strict=True):
                if p.band_lo_index is None or p.band_hi_index is None:
                    continue
                ax.plot([x, x], [p.band_lo_index - 0.15, p.band_hi_index + 0.15], color=_band_colour(pal),
                        linewidth=6 * font_scale, alpha=0.45 if not high_contrast else 1.0,
                        solid_capstyle="butt", zorder=1, gid=f"band:{one.area_id}")
        ax.plot(xs, ys, color=pal.estimate, marker="o", markersize=7 * font_scale,
                markeredgecolor=pal.estimate_edge, linewidth=pal.line_width * 1.5, zorder=3,
                gid=f"history:{one.area_id}")
        if one.target_index is not None:
            ax.axhline(one.target_index, color=pal.target, linestyle="--", linewidth=pal.line_width * 1.4,
                       zorder=2, gid=f"target:{one.area_id}")
        ax.set_title(plain(textwrap.fill(one.label, chars)), fontproperties=font(size), color=pal.text,
                     loc="left")
        ax.grid(axis="y", color=pal.grid, linewidth=0.8)
        ax.set_facecolor(pal.background)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        for spine in ("bottom", "left"):
            ax.spines[spine].set_color(pal.text)
    for ax in list(axes.flat)[len(shown):]:
        ax.set_visible(False)

    first = axes.flat[0]
    first.set_ylim(-0.5, len(levels) - 0.5)
    first.set_yticks(range(len(levels)), [plain(c) for c in levels])
    if in_turn:
        first.set_xlim(-0.5, len(checks) - 0.5)
        step = max(1, math.ceil(len(checks) / 6))
        first.set_xticks([float(k) for k in range(0, len(checks), step)])
        days = [day for day, _at in checks]
        first.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: _check_label(
            checks, days, round(x), lang)))
    elif len(when) == 1:
        first.set_xlim(date2num(when[0] - timedelta(days=20)), date2num(when[0] + timedelta(days=20)))
    else:
        pad = max((when[-1] - when[0]).days * 0.08, 5)
        first.set_xlim(date2num(when[0] - timedelta(days=pad)), date2num(when[-1] + timedelta(days=pad)))
    if not in_turn:
        if len(when) <= 5:
            first.set_xticks([date2num(d) for d in when])
        else:
            first.xaxis.set_major_locator(AutoDateLocator(maxticks=5))
        # The dates as every list and report writes them: 14.03.2026, and 14 Mar 2026 (never ambiguous).
        first.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_date(num2date(x), lang)))
    for ax in axes.flat:
        ax.tick_params(labelsize=size, labelcolor=pal.text, color=pal.text)
        # 'xtick' mode ends a rotated label at its tick, so the last date never runs off the right edge
        ax.tick_params(axis="x", labelbottom=True, labelrotation=30 if len(when) > 2 else 0,
                       labelrotation_mode="xtick")
    _legend(fig, lang=lang, size=size, font_scale=font_scale, pal=pal,
            bands=show_bands and any(p.band_lo_index is not None for s in shown for p in s.points),
            target=any(s.target_index is not None for s in shown))
    if title:
        fig.suptitle(plain(title), fontproperties=font(size * 1.2, bold=True), color=pal.text)
    return fig


def _check_order(check: tuple[date, datetime | None]) -> tuple[date, datetime]:
    day, at = check
    return day, at if at is not None else datetime.combine(day, time())


def _check_label(checks: Sequence[tuple[date, datetime | None]], days: Sequence[date], k: int,
                 lang: str) -> str:
    """A check's day as every list writes it, and its time when another check shares the day."""
    if not 0 <= k < len(checks):
        return ""
    day, at = checks[k]
    label = format_date(day, lang)
    return f"{label} {at:%H:%M}" if at is not None and days.count(day) > 1 else label


def _band_colour(pal: Palette) -> str:
    # in high contrast a black (or white) range would hide the line through it; this grey still
    # stands 4.5:1 against white and black alike
    return pal.band_edge if pal == NORMAL else "#767676"


def _legend(fig: Figure, *, lang: str, size: float, font_scale: float, pal: Palette, bands: bool,
            target: bool) -> None:
    pal_high = pal != NORMAL
    handles = [Line2D([], [], color=pal.estimate, marker="o", markersize=7 * font_scale,
                      markeredgecolor=pal.estimate_edge, linewidth=pal.line_width * 1.5)]
    labels = [word("level", lang)]
    if bands:
        handles.append(Line2D([], [], color=_band_colour(pal), linewidth=6 * font_scale,
                              alpha=0.45 if not pal_high else 1.0, solid_capstyle="butt"))
        labels.append(_RANGE.render(lang))
    if target:
        handles.append(Line2D([], [], color=pal.target, linestyle="--", linewidth=pal.line_width * 1.4))
        labels.append(word("target", lang))
    legend = fig.legend(handles, labels, loc="outside lower center", ncols=len(labels) if font_scale < 1.6
                        else 1, frameon=False, prop=font(size), labelcolor=pal.text)
    legend.set_gid("history-legend")
