"""The group heatmap: trainees × areas, each cell coloured by the gap to the target and showing its number."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from digigram.charts._style import font, line_height_in, palette, plain, text_width_in
from digigram.core.i18n import N_, rendered

# Light to dark, one hue family, so the order reads the same with any colour vision and in grey print;
# the number in the cell carries the meaning anyway. Index = gap (3 means 3 or more).
GAP_COLOURS = ("#EDF8E9", "#FDD0A2", "#F16913", "#8C2D04")
NO_VALUE = "#E0E0E0"
CELL_PT = 8.0

WORDS = {
    "legend": N_("Levels to target: 0 = target reached; “—” = no data"),
    "more": N_("3+"),
}


def gap_colour(gap: int | None) -> str:
    if gap is None:
        return NO_VALUE
    return GAP_COLOURS[min(max(gap, 0), len(GAP_COLOURS) - 1)]


def _text_colour(gap: int | None, *, dark: bool = False) -> str:
    # In the screen's high contrast the orange cell (gap 2) takes black: white on it is only about 3:1.
    return "white" if gap is not None and gap >= (3 if dark else 2) else "#1A1A1A"


def row_height() -> float:
    return line_height_in(CELL_PT) + 0.06


def heatmap_height(n_rows: int) -> float:
    """Inches needed for `n_rows` trainees: column heads, the rows, and the legend."""
    return 2 * line_height_in(CELL_PT) + 0.1 + n_rows * row_height() + 2 * line_height_in(CELL_PT) + 0.2


def draw_heatmap(
    fig: Figure,
    names: Sequence[str],
    columns: Sequence[str],
    gaps: Sequence[Sequence[int | None]],
    *,
    left: float,
    top: float,
    width: float,
    lang: str,
    flags: Sequence[str] = (),
    dark: bool = False,
) -> float:
    """Draw on `fig` with the top-left corner at (left, top) inches; returns the height used.

    `columns` are short area labels; `gaps[i][j]` is trainee i's gap in area j (None: no data);
    `flags[i]`, when given, is a short mark written after the name (such as "!" for needs help).
    `dark`: the names, heads and key in white for a black figure (the screen's high contrast); the cells
    keep their colours, which read apart on black too, with numbers in the colour that contrasts.
    """
    pal = palette(dark, dark=dark)
    words = rendered(WORDS, lang)
    fig_w, fig_h = fig.get_size_inches()
    lh, rh = line_height_in(CELL_PT), row_height()
    shown = [f"{n} {f}".strip() for n, f in zip(names, flags, strict=True)] if flags else list(names)
    name_w = min(max((text_width_in(s, CELL_PT) for s in shown), default=1.0) + 0.15, 0.45 * width)
    cell_w = (width - name_w) / max(len(columns), 1)

    def put(x: float, y: float, s: str, *, ha: str = "left", colour: str = pal.text,
            bold: bool = False) -> None:
        fig.text(x / fig_w, y / fig_h, plain(s), ha=ha, va="center", fontproperties=font(CELL_PT, bold=bold),
                 color=colour, parse_math=False)

    y = top - lh
    for j, column in enumerate(columns):
        put(left + name_w + (j + 0.5) * cell_w, y, column, ha="center", bold=True)
    y -= lh + 0.1
    for i, label in enumerate(shown):
        # names longer than the column are cut with an ellipsis: the full name is in the tables
        while text_width_in(label, CELL_PT) > name_w - 0.1 and len(label) > 2:
            label = label[:-2] + "…"
        put(left, y - rh / 2, label)
        for j in range(len(columns)):
            gap = gaps[i][j]
            x = left + name_w + j * cell_w
            cell = Rectangle((x / fig_w, (y - rh) / fig_h), cell_w / fig_w, rh / fig_h,
                             transform=fig.transFigure, facecolor=gap_colour(gap), edgecolor=pal.background,
                             linewidth=0.8)
            cell.set_gid(f"cell:{i}:{j}")
            fig.add_artist(cell)
            value = "—" if gap is None else str(gap)
            put(x + cell_w / 2, y - rh / 2, value, ha="center", colour=_text_colour(gap, dark=dark),
                bold=True)
        y -= rh
    y -= 0.15
    key_w = 0.3
    for k, colour in enumerate((*GAP_COLOURS, NO_VALUE)):
        x = left + k * (key_w + 0.05)
        fig.add_artist(Rectangle((x / fig_w, (y - rh) / fig_h), key_w / fig_w, rh / fig_h,
                                 transform=fig.transFigure, facecolor=colour,
                                 edgecolor=pal.text if dark else "#909090",
                                 linewidth=0.5))
        label = "—" if k == len(GAP_COLOURS) else (words["more"] if k == len(GAP_COLOURS) - 1 else str(k))
        gap_for_text = None if k == len(GAP_COLOURS) else k
        put(x + key_w / 2, y - rh / 2, label, ha="center", colour=_text_colour(gap_for_text, dark=dark),
            bold=True)
    put(left + (len(GAP_COLOURS) + 1) * (key_w + 0.05) + 0.05, y - rh / 2, words["legend"])
    y -= rh
    return top - y


def heatmap_figure(
    names: Sequence[str],
    columns: Sequence[str],
    gaps: Sequence[Sequence[int | None]],
    *,
    lang: str,
    width: float = 7.0,
    flags: Sequence[str] = (),
    dark: bool = False,
) -> Figure:
    """The heatmap as its own Figure, for the screen or a PNG; `dark` as in draw_heatmap."""
    height = heatmap_height(len(names)) + 0.2
    fig = Figure(figsize=(width, height), facecolor=palette(dark, dark=dark).background)
    draw_heatmap(fig, names, columns, gaps, left=0.1, top=height - 0.1, width=width - 0.2, lang=lang,
                 flags=flags, dark=dark)
    return fig
