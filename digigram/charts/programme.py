"""The programme's charts (self-rating before/after, shown levels, shares with intervals) and its PDF."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from digigram.charts._pdf import PDF_RC
from digigram.charts._style import NORMAL, Palette, fits, font, line_height_in, palette, wrap
from digigram.charts.programme_model import ProgrammeReport, interval_text, of_text, pct, ratio_text, words
from digigram.charts.report import MARGIN, PAGE_H, PAGE_W, _Flow, day_text, save_pdf_pages
from digigram.core.i18n import format_count, format_percent
from digigram.core.programme import Share

LEVEL_COLOURS = ("#DCE9F5", "#A9C8E6", "#6FA3D2", "#3A7BBF", "#1C5A99", "#0B3A6E", "#051F3E", "#000000")
# On the screen's high-contrast black the ramp runs the other way, dim to white: the highest level is the
# brightest, and none is black on black. The numbers on the bars keep the meaning in any case.
LEVEL_COLOURS_DARK = ("#3A3A3A", "#555555", "#717171", "#8E8E8E", "#AAAAAA", "#C6C6C6", "#E2E2E2", "#FFFFFF")
# Greys next to each other on that ramp were hard to tell apart (C1 from C2 above all): there each level
# also has a pattern of its own, drawn in the ink of its numbers, so neighbours differ in shape as well.
LEVEL_HATCHES_DARK = ("", "////", "..", "\\\\", "xx", "--", "||", "++")


_PERCENT_TICKS = [0, 25, 50, 75, 100]


def _percent_ticks(lang: str, ticks: Sequence[int] = _PERCENT_TICKS) -> list[str]:
    """The share axis: plain numbers, and the last with its % written as the tables write it."""
    return [*(str(t) for t in ticks[:-1]), format_percent(ticks[-1] / 100, lang)]


# The share axes' ends, in %, with their ticks: the least that holds every whisker.
_SHARE_AXES = ((10, (0, 5, 10)), (25, (0, 5, 10, 15, 20, 25)), (50, (0, 10, 20, 30, 40, 50)),
               (100, tuple(_PERCENT_TICKS)))


def _share_axis(reach: float) -> tuple[int, Sequence[int]]:
    """The axis end and ticks for bars whose whiskers reach `reach` %. Gaps of 2–18 % drawn on a
    0–100 % axis were slivers a few points wide, their labels crowding the whiskers."""
    return next(((end, ticks) for end, ticks in _SHARE_AXES if reach <= end), _SHARE_AXES[-1])


def _axes(fig: Figure, left: float, top: float, width: float, height: float) -> Axes:
    """Axes placed in inches from the figure's top left corner."""
    fw, fh = fig.get_size_inches()
    return fig.add_axes((left / fw, (fh - top - height) / fh, width / fw, height / fh))


def _plain(ax: Axes, pal: Palette = NORMAL) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=9)
    for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        label.set_fontproperties(font(9))
    if pal.background != "white":  # the screen's high contrast: light lines and words on black
        ax.set_facecolor(pal.background)
        for side in ("left", "bottom"):
            ax.spines[side].set_color(pal.text)
        ax.tick_params(colors=pal.text, which="both")
        legend = ax.get_legend()
        if legend is not None:
            legend.get_title().set_color(pal.text)
            for text in legend.get_texts():
                text.set_color(pal.text)


TITLE_PT = 11.0
TITLE_LEFT = 0.08  # inches: on the screen a chart's title starts this far from the picture's left edge


def _title_lines(title: str, width: float) -> list[str]:
    """The title wrapped to `width` inches: said whole, never cut at the picture's edge."""
    return wrap(title, width, TITLE_PT, bold=True)


def _title_extra(title: str, width: float) -> float:
    """Inches a title needs above its chart beyond its first line."""
    return (len(_title_lines(title, width)) - 1) * line_height_in(TITLE_PT)


def _draw_title(ax: Axes, title: str, pal: Palette, left: float | None) -> None:
    """The title above the axes, from `left` inches off the figure's left edge (TITLE_LEFT if None) to
    the axes' right edge, wrapped there. Started at the axes, as set_title(loc="left") does, it began
    after the long area names and ran off the right edge at 200 % text on a netbook."""
    fig = ax.get_figure()
    assert isinstance(fig, Figure)
    fw = float(fig.get_size_inches()[0])
    start = TITLE_LEFT if left is None else left
    lines = _title_lines(title, ax.get_position().x1 * fw - start)
    ax.annotate("\n".join(lines), xy=(start / fw, 1.0),
                xycoords=blended_transform_factory(fig.transFigure, ax.transAxes), xytext=(0, 6),
                textcoords="offset points", ha="left", va="bottom", fontproperties=font(TITLE_PT, bold=True),
                color=pal.text, parse_math=False, annotation_clip=False)


def _dark(dark: bool) -> Palette:
    """The trainee's charts' palette: `dark` is the screen's high contrast (light on black)."""
    return palette(dark, dark=dark)


def _whiskers(shares: Sequence[Share]) -> tuple[list[float], list[float], list[float]]:
    """Shares in percent and how far their 95 % intervals reach below and above them."""
    values, low, high = [], [], []
    for s in shares:
        value = 0.0 if s.value is None else s.value * 100
        found = s.interval or (value / 100, value / 100)
        values.append(value)
        low.append(max(0.0, value - found[0] * 100))  # never below 0 by rounding at 0 % or 100 %
        high.append(max(0.0, found[1] * 100 - value))
    return values, low, high


def draw_headline(ax: Axes, before: Share, after: Share, *, lang: str, dark: bool = False,
                  title_left: float | None = None) -> None:
    """Two bars, before and after, with their 95 % intervals and the share written on each.
    `dark`: light on black, as the trainee's charts in the screen's high contrast. `title_left`: where
    the title starts, in inches from the figure's left edge."""
    w = words(lang)
    pal = _dark(dark)
    shares = (before, after)
    values, low, high = _whiskers(shares)
    if dark:  # before hatched, after solid white, as the trainee's range and estimate; whiskers yellow
        bars = ax.bar([0, 1], values, width=0.55, color=[pal.background, pal.estimate], edgecolor=pal.text,
                      linewidth=pal.line_width, yerr=[low, high], capsize=6,
                      error_kw={"elinewidth": pal.line_width, "ecolor": pal.target})
        bars[0].set_hatch(pal.band_hatch)
    else:
        ax.bar([0, 1], values, width=0.55, color=["#A9C8E6", "#0072B2"], edgecolor="#1A1A1A", linewidth=0.6,
               yerr=[low, high], capsize=6, error_kw={"elinewidth": 1.0, "ecolor": "#1A1A1A"})
    for x, (share, value, up) in enumerate(zip(shares, values, high, strict=True)):
        ax.text(x, value + up + 2, f"{pct(share, lang)}\n({of_text(share, lang)})",
                ha="center", va="bottom", fontproperties=font(10, bold=True), color=pal.text,
                parse_math=False)
    ax.set_xticks([0, 1], [w["before"], w["after"]])
    ax.set_ylim(0, 118)  # room above 100 % for a share written over its whisker
    ax.set_yticks(_PERCENT_TICKS, _percent_ticks(lang))
    ax.spines["left"].set_bounds(0, 100)  # the scale ends at 100 %, not in that room
    ax.set_xlim(-0.6, 1.6)
    _draw_title(ax, w["headline"], pal, title_left)
    _plain(ax, pal)


LEGEND_PT = 8.0
LEGEND_ROW = LEGEND_PT * 1.5 / 72  # inches: one more row of the levels' legend (a line and its spacing)


def _legend_columns(codes: Sequence[str], room: float) -> int:
    """How many of the levels' legend entries stand side by side in `room` inches: all when they fit.
    Six in a row ran past the picture's right edge at 200 % text on a netbook (B2, C1, C2 cut off)."""
    from digigram.charts._style import text_width_in

    em = LEGEND_PT / 72
    # an entry: its colour patch (2 em), the gap to its code (0.8 em), the code; 2 em between columns and
    # 0.4 em of padding at each side
    widths = [2.8 * em + text_width_in(code, LEGEND_PT) for code in codes]
    for columns in range(min(len(codes), 8), 1, -1):
        if sum(max(widths[j::columns]) for j in range(columns)) + (2.0 * (columns - 1) + 0.8) * em <= room:
            return columns
    return 1


def _legend_extra(codes: Sequence[str], room: float) -> float:
    """Inches the levels' legend needs above its chart beyond one row of entries."""
    columns = _legend_columns(codes, room)
    return (-(-len(codes) // columns) - 1) * LEGEND_ROW


def draw_levels(ax: Axes, levels: Sequence[tuple[str, Sequence[int]]], codes: Sequence[str], *,
                lang: str, dark: bool = False, legend_room: float | None = None) -> None:
    """One 100 % bar per area, split by shown level (lowest on the left), with the share of each part.
    `legend_room`: the inches the legend may take from the axes' left edge (the axes' width if None)."""
    w = words(lang)
    pal = _dark(dark)
    names = [name for name, _ in levels]
    ys = list(range(len(levels)))[::-1]
    lefts = [0.0] * len(levels)
    for k, code in enumerate(codes):
        widths = []
        for _name, counts in levels:
            total = sum(counts)
            widths.append(100 * counts[k] / total if total else 0.0)
        hatch = ""
        if dark:
            # Spread over the whole dim-to-white ramp; white numbers on its dim half, black on the rest.
            step = round(k * (len(LEVEL_COLOURS_DARK) - 1) / max(len(codes) - 1, 1))
            colour = LEVEL_COLOURS_DARK[step]
            ink = "#FFFFFF" if step <= 2 else "#000000"
            hatch = LEVEL_HATCHES_DARK[min(k, len(LEVEL_HATCHES_DARK) - 1)]
        else:
            colour = LEVEL_COLOURS[min(k, len(LEVEL_COLOURS) - 1)]
            ink = "white" if k >= len(codes) / 2 or k >= 3 else "#1A1A1A"
        # On black the parts are edged in white, so the dimmest still shows where it ends.
        parts = ax.barh(ys, widths, left=lefts, height=0.62, color=colour, edgecolor="white",
                        linewidth=1.2 if dark else 0.8, label=code)
        if hatch:
            for part in parts:
                part.set_hatch(hatch)
                part.set_hatchcolor(ink)
        for y, left, width in zip(ys, lefts, widths, strict=True):
            if width >= 7:
                # On a pattern the number sits on a patch of the part's plain colour, read as on the rest.
                box = {"boxstyle": "square,pad=0.4", "facecolor": colour, "linewidth": 0} if hatch else None
                ax.text(left + width / 2, y, f"{width:.0f}", ha="center", va="center",
                        color=ink, fontproperties=font(8), parse_math=False, bbox=box)
        lefts = [a + b for a, b in zip(lefts, widths, strict=True)]
    ax.set_yticks(ys, names)
    ax.set_xlim(0, 100)
    ax.set_xticks(_PERCENT_TICKS, _percent_ticks(lang))
    if legend_room is None:
        fig = ax.get_figure()
        assert isinstance(fig, Figure)
        legend_room = ax.get_position().width * float(fig.get_size_inches()[0])
    columns = _legend_columns(codes, legend_room)
    rows = -(-len(codes) // columns)
    # Read across, then down (A1 A2 B1 / B2 C1 C2): the legend fills its columns top to bottom.
    order = [r * columns + j for j in range(columns) for r in range(rows) if r * columns + j < len(codes)]
    handles, labels = ax.get_legend_handles_labels()
    # The patterns of the high contrast need a taller patch than a plain colour to be told apart.
    ax.legend([handles[k] for k in order], [labels[k] for k in order], title=w["level"], ncols=columns,
              loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, prop=font(LEGEND_PT),
              title_fontproperties=font(LEGEND_PT, bold=True), alignment="left",
              handleheight=1.2 if dark else None)
    _plain(ax, pal)


def draw_shares(ax: Axes, rows: Sequence[tuple[str, Share]], *, title: str, lang: str,
                colour: str = "#D55E00", dark: bool = False, title_left: float | None = None) -> None:
    """Horizontal bars of shares with their 95 % intervals and the share and count written beside.
    `title_left`: where the title starts, in inches from the figure's left edge."""
    pal = _dark(dark)
    ys = list(range(len(rows)))[::-1]
    values, low, high = _whiskers([s for _n, s in rows])
    # The bar's own colour is bright enough on black; its whiskers turn yellow there, as the targets do.
    ax.barh(ys, values, height=0.55, color=colour, alpha=1.0 if dark else 0.85, xerr=[low, high], capsize=3,
            error_kw={"elinewidth": pal.line_width if dark else 0.9,
                      "ecolor": pal.target if dark else "#1A1A1A"})
    end, ticks = _share_axis(max((v + u for v, u in zip(values, high, strict=True)), default=0.0))
    for y, (_name, share), value, up in zip(ys, rows, values, high, strict=True):
        # Past the whisker's cap by the same share of the axis whatever its scale.
        ax.text(value + up + end * 0.02, y, f"{pct(share, lang)} ({ratio_text(share, lang)})", va="center",
                fontproperties=font(8), color=pal.text, parse_math=False)
    ax.set_yticks(ys, [name for name, _ in rows])
    ax.set_xlim(0, end * 1.25)  # the last quarter holds the shares written beside the bars
    ax.set_xticks(ticks, _percent_ticks(lang, ticks))
    ax.spines["bottom"].set_bounds(0, end)  # the axis stops at its last mark, not in the words past it
    _draw_title(ax, title, pal, title_left)
    _plain(ax, pal)


LABEL_PT = 9.0


def _label_room(names: Sequence[str]) -> float:
    """Inches for the longest line of the axis labels (as `_labels` wrapped them)."""
    from digigram.charts._style import text_width_in

    # The estimate runs about 5 % short of what Agg draws, and the tick and its pad take 0.1 inch more:
    # without that room a 33-letter area name lost its first letter at the figure's left edge.
    return max((text_width_in(line, LABEL_PT) for n in names for line in n.split("\n")), default=1.0) \
        * 1.06 + 0.25


def _label_limit(width: float) -> float:
    """How wide, in inches, the axis labels of a chart `width` inches wide may be: the bars keep the rest."""
    return min(3.4, max(1.3, 0.38 * width))


def _labels(names: Sequence[str], limit: float, lines: int = 2) -> list[str]:
    """Axis labels no wider than `limit` inches: a long name wraps onto up to `lines` lines. Only a name
    longer than that ends in "…"; cut at 34 letters, «Інформаційна грамотність і робота…» lost its end
    beside blank room."""
    made = []
    for name in names:
        wrapped = wrap(name, limit, LABEL_PT)
        if len(wrapped) > lines:
            last = " ".join(wrapped[lines - 1:])
            while len(last) > 1 and not fits(last + "…", limit, LABEL_PT):
                last = last[:-1]
            wrapped = [*wrapped[:lines - 1], last.rstrip() + "…"]
        made.append("\n".join(wrapped))
    return made


def headline_figure(before: Share, after: Share, *, lang: str, width: float = 4.6,
                    dark: bool = False) -> Figure:
    """`dark` (the screen's high contrast) draws light on black, as the trainee's charts do there."""
    extra = _title_extra(words(lang)["headline"], width - 0.25 - TITLE_LEFT)
    fig = Figure(figsize=(width, 3.2 + extra), facecolor=_dark(dark).background)
    draw_headline(_axes(fig, 0.55, 0.45 + extra, width - 0.8, 2.3), before, after, lang=lang, dark=dark)
    return fig


def levels_figure(levels: Sequence[tuple[str, Sequence[int]]], codes: Sequence[str], *, lang: str,
                  width: float = 7.0, dark: bool = False) -> Figure:
    names = _labels([n for n, _ in levels], _label_limit(width))
    room = _label_room(names)
    height = 0.75 + 0.42 * max(len(levels), 1)
    legend_room = width - room - 0.1  # the axes' width and most of the margin at their right
    extra = _legend_extra(codes, legend_room)
    fig = Figure(figsize=(width, height + 0.35 + extra), facecolor=_dark(dark).background)
    draw_levels(_axes(fig, room, 0.6 + extra, width - room - 0.3, height - 0.5),
                [(n, c) for n, (_o, c) in zip(names, levels, strict=True)], codes, lang=lang, dark=dark,
                legend_room=legend_room)
    return fig


def shares_figure(rows: Sequence[tuple[str, Share]], *, title: str, lang: str, width: float = 7.0,
                  colour: str = "#D55E00", dark: bool = False) -> Figure:
    names = _labels([n for n, _ in rows], _label_limit(width))
    room = _label_room(names)
    height = 0.7 + 0.36 * max(len(rows), 1)
    extra = _title_extra(title, width - 0.3 - TITLE_LEFT)
    fig = Figure(figsize=(width, height + 0.3 + extra), facecolor=_dark(dark).background)
    draw_shares(_axes(fig, room, 0.45 + extra, width - room - 0.3, height - 0.45),
                [(n, s) for n, (_o, s) in zip(names, rows, strict=True)], title=title, lang=lang,
                colour=colour, dark=dark)
    return fig


def _place(flow: _Flow, figure_height: float, draw: object) -> None:
    flow.ensure(figure_height)
    assert callable(draw)
    draw(flow.fig, flow.y)
    flow.y -= figure_height + 0.1


def build_programme_pages(report: ProgrammeReport, *, lang: str) -> list[Figure]:
    w = words(lang)
    flow = _Flow()
    width = PAGE_W - 2 * MARGIN
    flow.paragraph(w["title"], size=18, bold=True, after=0.12)
    flow.paragraph(f"{w['selection']}: {report.selection or w['all']}")
    flow.paragraph(f"{w['date']}: {day_text(report.date, lang)}", after=0.0)
    flow.paragraph(f"{w['framework']}: {report.framework_title}", after=0.1)
    flow.paragraph(w["totals"].format(trainees=format_count(report.trainees, lang),
                                      hubs=format_count(report.hubs, lang),
                                      checks=format_count(report.checks, lang)),
                   bold=True, after=0.1)

    headline_extra = _title_extra(w["headline"], 0.55 + 3.6)

    def headline(fig: Figure, y: float) -> None:
        draw_headline(_axes(fig, MARGIN + 0.55, PAGE_H - y + 0.35 + headline_extra, 3.6, 2.4), report.before,
                      report.after, lang=lang, title_left=MARGIN)
    if report.before.value is None or report.after.value is None:
        # No one to compare: two empty bars over "—" and a table of "0 of 0 — (—)" read like a broken
        # report. Said in words in their place, as the Programme tab and `digigram report` say it.
        flow.heading(w["headline"], keep_with=0.4)
        flow.paragraph(w["nothing_to_compare"].format(days=report.after_days), after=0.12)
    else:
        _place(flow, 3.0 + headline_extra, headline)
        flow.table([w["check"], w["people"], f"{w['share']} ({w['interval']})"], [3.0, 1.4, 2.2],
                   [[w["before"], of_text(report.before, lang),
                     f"{pct(report.before, lang)} ({interval_text(report.before, lang)})"],
                    [w["after"], of_text(report.after, lang),
                     f"{pct(report.after, lang)} ({interval_text(report.after, lang)})"]], keep_together=True)
        # Under the chart, what its bars mean; with no chart it would only repeat the definitions below.
        if report.definitions:
            flow.paragraph(report.definitions[0], size=8.5, after=0.1)
    if report.regions:
        flow.table([w["region"], w["trainees"], w["hubs"], w["checks"]], [4.0, 1.2, 1.0, 1.2],
                   [[name, *(format_count(n, lang) for n in (t, h, c))] for name, t, h, c in report.regions],
                   title=w["regions"])
    if report.levels:
        flow.heading(w["levels"], keep_with=2.0)
        names = _labels([n for n, _ in report.levels], _label_limit(width))
        room = _label_room(names)
        legend_room = width - room + 0.3  # the axes' width and some of the page's right margin
        legend_extra = _legend_extra(report.level_codes, legend_room)
        # legend above, tick labels below the bars
        height = 0.85 + 0.42 * len(report.levels) + legend_extra

        def levels(fig: Figure, y: float) -> None:
            draw_levels(_axes(fig, MARGIN + room, PAGE_H - y + 0.45 + legend_extra, width - room,
                              height - 0.8 - legend_extra),
                        [(n, c) for n, (_o, c) in zip(names, report.levels, strict=True)],
                        report.level_codes, lang=lang, legend_room=legend_room)
        _place(flow, height + 0.1, levels)
    def competences() -> None:
        """Right after the areas' gaps: the same figure per competence, bars and a table."""
        rows = report.competence_gaps
        # One line each at 35 rows a page: the bars and their shares need no more than 2.4 inches.
        names = _labels([n for n, _ in rows], width - 2.4, lines=1)
        room = _label_room(names)
        extra = _title_extra(w["competence_gaps"], width)
        height = 0.9 + 0.2 * len(rows) + extra  # 35 competences on one page: narrower bars than the areas'

        def by_competence(fig: Figure, y: float) -> None:
            draw_shares(_axes(fig, MARGIN + room, PAGE_H - y + 0.3 + extra, width - room,
                              height - 0.65 - extra),
                        [(n, s) for n, (_o, s) in zip(names, rows, strict=True)], title=w["competence_gaps"],
                        lang=lang, colour="#D55E00", title_left=MARGIN)
        flow.y -= 0.1
        _place(flow, height + 0.1, by_competence)
        flow.table([w["competence"], w["below"], w["interval"]], [4.0, 1.6, 2.0],
                   [[name, f"{pct(s, lang)} ({ratio_text(s, lang)})", interval_text(s, lang)]
                    for name, s in rows])

    for k, (rows, title, colour) in enumerate(((report.gaps, w["gaps"], "#D55E00"),
                                               (report.over, w["over"], "#CC79A7"))):
        if k == 1 and report.competence_gaps:
            competences()
        if not rows:
            continue
        names = _labels([n for n, _ in rows], _label_limit(width))
        room = _label_room(names)
        extra = _title_extra(title, width)
        height = 0.9 + 0.36 * len(rows) + extra  # title above, tick labels below the bars

        def shares(fig: Figure, y: float, rows: Sequence[tuple[str, Share]] = rows, title: str = title,
                   colour: str = colour, names: list[str] = names, room: float = room,
                   height: float = height, extra: float = extra) -> None:
            draw_shares(_axes(fig, MARGIN + room, PAGE_H - y + 0.3 + extra, width - room,
                              height - 0.65 - extra),
                        [(n, s) for n, (_o, s) in zip(names, rows, strict=True)], title=title, lang=lang,
                        colour=colour, title_left=MARGIN)
        flow.y -= 0.1
        _place(flow, height + 0.1, shares)
        flow.table([w["area"], w["below"] if rows is report.gaps else w["said_more"], w["interval"]],
                   [4.0, 1.6, 2.0], [[name, f"{pct(s, lang)} ({ratio_text(s, lang)})", interval_text(s, lang)]
                                     for name, s in rows], keep_together=True)
    if report.hardest:
        flow.table([w["question"], w["answers"], w["right"]], [5.4, 1.0, 1.4],
                   [[text, format_count(s.n, lang), f"{format_count(s.count, lang)} ({pct(s, lang)})"]
                    for text, s in report.hardest],
                   title=w["hardest"])
    if not report.trainees:
        flow.paragraph(w["none"], bold=True)
    flow.heading(w["definitions"], keep_with=0.6)
    for text in report.definitions:
        flow.paragraph(text, size=9, after=0.08)

    flow.number_pages(f"{w['title']} · {day_text(report.date, lang)}", w["page"])
    return flow.pages


def write_programme_pdf(path: str | os.PathLike[str], report: ProgrammeReport, *, lang: str) -> Path:
    """Write the programme report as a PDF with embedded fonts, whole or not at all; returns the path."""
    target = Path(path)
    w = words(lang)
    metadata = {"Title": w["title"], "Subject": report.framework_title, "Creator": "Digigram"}
    with matplotlib.rc_context(PDF_RC):
        save_pdf_pages(target, build_programme_pages(report, lang=lang), metadata=metadata)
    return target
