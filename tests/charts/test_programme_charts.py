"""The programme's charts: bars at the shares, whiskers at the Wilson interval, levels adding up to 100 %."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from digigram.charts.programme import headline_figure, levels_figure, shares_figure
from digigram.core.programme import Share


def _bars(figure: Figure) -> list[Rectangle]:
    return [p for ax in figure.axes for p in ax.patches if isinstance(p, Rectangle)]


def _texts(figure: Figure) -> str:
    return " ".join(t.get_text() for ax in figure.axes for t in ax.texts)


def test_headline_bars_stand_at_the_shares_with_their_counts() -> None:
    figure = headline_figure(Share(17, 100), Share(82, 100), lang="en")
    assert isinstance(figure, Figure)
    assert [round(b.get_height(), 6) for b in _bars(figure)] == [17.0, 82.0]
    assert "17 of 100" in _texts(figure) and "82 of 100" in _texts(figure)
    # the whiskers reach the Wilson intervals: 17 of 100 is 10.9–26.1 %, 82 of 100 is 73.3–88.3 %
    ends = sorted(y for ax in figure.axes for line in ax.lines for y in line.get_ydata())
    assert ends[-1] == pytest.approx(88.3, abs=0.1) and pytest.approx(10.9, abs=0.1) == ends[0]
    # The scale stops at 100 %: above it is only room for the shares written over their whiskers.
    (ax,) = figure.axes
    assert ax.spines["left"].get_bounds() == (0, 100) and ax.get_yticks()[-1] == 100


def test_each_area_bar_adds_up_to_the_whole() -> None:
    figure = levels_figure([("Safety", [1, 2, 1]), ("Problem solving", [0, 0, 4])], ["A", "B", "C"],
                           lang="uk")
    widths: dict[float, float] = {}
    for bar in _bars(figure):
        widths[bar.get_y()] = widths.get(bar.get_y(), 0.0) + bar.get_width()
    assert sorted(round(w, 6) for w in widths.values()) == [100.0, 100.0]
    assert "50" in _texts(figure).split()  # Safety: 2 of 4 at level B


def test_shares_are_written_with_count_and_total() -> None:
    figure = shares_figure([("Safety", Share(3, 12)), ("Problem solving", Share(0, 5))], title="Below target",
                           lang="en")
    assert [round(b.get_width(), 6) for b in _bars(figure)] == [25.0, 0.0]
    assert "(3/12)" in _texts(figure) and "(0/5)" in _texts(figure)


def test_small_shares_fill_their_chart_and_their_labels_clear_the_whiskers() -> None:
    """Gaps of 2–18 % on a 0–100 % axis were slivers a few points wide, each label crowding its
    whisker's cap. The axis now ends at the least of 10, 25, 50 or 100 % that holds every whisker."""
    rows = [(f"Area {n}", Share(count, 400)) for n, count in enumerate((9, 43, 56, 72))]
    figure = shares_figure(rows, title="Below target", lang="en")
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    (ax,) = figure.axes
    ends = [x for line in ax.lines for x in line.get_xdata()]
    assert ax.get_xlim()[1] <= 2 * max(ends), ax.get_xlim()  # 72 of 400: the whisker reaches 21.9 %
    assert ax.get_xticklabels()[-1].get_text() == "25%"
    # The axis line ends at its last mark: running on under the written shares it read as a scale past 25 %.
    assert ax.spines["bottom"].get_bounds() == (0, ax.get_xticks()[-1])
    picture = figure.bbox
    labels = [t for t in ax.texts if t.get_text().endswith("/400)")]
    for label, bar in zip(labels, sorted(_bars(figure), key=lambda b: -b.get_y()), strict=True):
        box = label.get_window_extent(renderer)
        whisker = max(x for line in ax.lines for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
                      if abs(y - (bar.get_y() + bar.get_height() / 2)) < 1e-9)
        cap = ax.transData.transform((whisker, 0))[0]
        assert box.x0 >= cap + 2, (label.get_text(), box.x0, cap)  # the cap's half-width is 3 pt at most
        assert box.x1 <= picture.x1, label.get_text()


@pytest.mark.parametrize("dark", [False, True])
def test_long_area_names_stay_inside_the_picture(dark: bool) -> None:
    # The area names as the shipped framework spells them, and one longer than the cut at 34 letters.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    names = ["Інформаційна грамотність", "Цифрове наставництво та е-послуги",
             "Цифрове наставництво та е-послуги для громади бібліотеки"]
    for figure in (levels_figure([(n, [3, 5, 2]) for n in names], ["A", "B", "C"], lang="uk", dark=dark),
                   shares_figure([(n, Share(3, 10)) for n in names], title="Нижче від цілі", lang="uk",
                                 dark=dark)):
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        width = figure.get_size_inches()[0] * figure.dpi
        for label in figure.axes[0].get_yticklabels():
            box = label.get_window_extent(canvas.get_renderer())
            assert box.x0 >= 0 and box.x1 <= width, label.get_text()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_percentage_on_the_report_pages_is_written_one_way(lang: str) -> None:
    # The axes wrote "100 %" while the tables beside them wrote "0% (0/8)": one page, two typographies.
    import datetime as dt
    import re

    from digigram.charts.programme import build_programme_pages
    from digigram.charts.programme_model import ProgrammeReport

    shares = [("Safety", Share(0, 8)), ("Problem solving", Share(5, 8))]
    report = ProgrammeReport(
        date=dt.date(2026, 11, 30), framework_title="Digital skills", selection="", trainees=8, hubs=2,
        checks=16, before=Share(2, 8), after=Share(6, 8), regions=[("Kyiv Oblast", 8, 2, 16)],
        level_codes=["A", "B"], levels=[("Safety", [3, 5])], gaps=shares, over=shares, hardest=shares,
        definitions=["95% interval"], competence_gaps=shares)
    written = []
    for page in build_programme_pages(report, lang=lang):
        for text in page.findobj(lambda o: hasattr(o, "get_text")):
            written.append(text.get_text())
    percents = [m for t in written for m in re.findall(r"\d[ \u00a0]?%", t)]
    assert any(p.startswith("100") or p[0] == "0" for p in percents) and len(percents) > 6, percents
    right = "\u00a0%" if lang == "uk" else "%"
    wrong = [p for p in percents if p[1:] != right]
    assert not wrong, f"percentages not written as {right!r} in {lang}: {wrong}"


@pytest.mark.parametrize(("lang", "said"), [
    ("uk", "Ні в кого в цій вибірці ще немає двох перевірок із самооцінкою (першої та пізнішої, щонайменше "
           "через 28 днів), тож порівнювати поки нічого."),
    ("en", "No one in this selection has a first check and a later one at least 28 days on, both with a "
           "self-rating, so there is nothing to compare yet.")])
def test_with_no_one_to_compare_the_report_says_so_instead_of_empty_bars(
        tmp_path: Path, lang: str, said: str) -> None:
    # No one checked before and after: two empty bars over "—" and "0 of 0 — (—)" read like a broken report.
    import datetime as dt

    from pypdf import PdfReader

    from digigram.charts.programme import write_programme_pdf
    from digigram.charts.programme_model import ProgrammeReport

    report = ProgrammeReport(
        date=dt.date(2026, 11, 30), framework_title="Digital skills", selection="", trainees=4, hubs=1,
        checks=4, before=Share(0, 0), after=Share(0, 0), regions=[("Kyiv Oblast", 4, 1, 4)],
        level_codes=["A", "B"], levels=[("Safety", [3, 1])], gaps=[], over=[], hardest=[],
        definitions=["High: 7–10."])
    pdf = write_programme_pdf(tmp_path / "programme.pdf", report, lang=lang)
    page = "".join(PdfReader(pdf).pages[0].extract_text().split())  # runs may split words: no spaces
    assert "".join(said.split()) in page, "the missing comparison is said in words"
    assert "—" not in page, "no dashes where the shares would be"
    assert ("0 з 0" if lang == "uk" else "0 of 0").replace(" ", "") not in page


def _drawn_texts(figure: Figure) -> list[tuple[str, float, float]]:
    """Every text drawn on the figure with its left and right edge in inches."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    found = []
    for text in figure.findobj(Text):
        if text.get_visible() and text.get_text().strip():
            box = text.get_window_extent(renderer)
            found.append((text.get_text(), box.x0 / figure.dpi, box.x1 / figure.dpi))
    return found


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_chart_title_is_said_whole_inside_a_narrow_picture(lang: str) -> None:
    # 1024×600 at 200 % text: a 4.9-inch picture, most of it the area names; the title started after them
    # and was cut at the right edge ("Нижче від цілі ролі, з…", "Below the role's target, by").
    from digigram.charts.programme_model import words

    w = words(lang)
    names = ["Інформаційна грамотність і робота з даними", "Цифрове наставництво та е-послуги"]
    for title, figure in (
            (w["gaps"], shares_figure([(n, Share(3, 10)) for n in names], title=w["gaps"], lang=lang,
                                      width=4.8)),
            (w["over"], shares_figure([(n, Share(3, 10)) for n in names], title=w["over"], lang=lang,
                                      width=4.8)),
            (w["headline"], headline_figure(Share(17, 100), Share(82, 100), lang=lang, width=3.5))):
        width = figure.get_size_inches()[0]
        drawn = _drawn_texts(figure)
        for text, left, right in drawn:
            assert left >= 0 and right <= width, f"{text!r} runs off the {width}-inch picture"
        said = " ".join(" ".join(t.split()) for t, _l, _r in drawn)
        assert title in said, f"{title!r} is not said whole"


AREA = "Інформаційна грамотність і робота з даними"
COMPETENCES = ["INF.2 Оцінювання достовірності інформації",
               "INF.5 Бібліотечна система — каталог і обслуговування читачів",
               "PRB.3 Identifying and closing one's own digital skill gaps"]


def _tick_names(figure: Figure) -> list[str]:
    return [" ".join(label.get_text().split()) for ax in figure.axes for label in ax.get_yticklabels()
            if label.get_text()]


@pytest.mark.parametrize("width", [4.8, 7.0, 13.0])
def test_long_area_names_wrap_rather_than_end_in_an_ellipsis(width: float) -> None:
    # «Інформаційна грамотність і робота…» beside blank room on the Programme tab and in the report.
    for figure in (levels_figure([(AREA, [3, 5, 2]), ("Безпека", [1, 1, 1])], ["A", "B", "C"], lang="uk",
                                 width=width),
                   shares_figure([(AREA, Share(3, 10)), ("Безпека", Share(1, 10))], title="Нижче від цілі",
                                 lang="uk", width=width)):
        assert _tick_names(figure) == [AREA, "Безпека"]
        for text, left, right in _drawn_texts(figure):
            assert left >= 0 and right <= width, f"{text!r} runs off the {width}-inch picture"


def test_the_report_names_areas_and_competences_whole() -> None:
    import datetime as dt

    from digigram.charts.programme import build_programme_pages
    from digigram.charts.programme_model import ProgrammeReport

    areas = [(AREA, Share(3, 10)), ("Безпека", Share(1, 10))]
    report = ProgrammeReport(
        date=dt.date(2026, 11, 30), framework_title="Digital skills", selection="", trainees=10, hubs=2,
        checks=16, before=Share(2, 8), after=Share(6, 8), regions=[("Київська область", 10, 2, 16)],
        level_codes=["A", "B"], levels=[(AREA, [3, 5]), ("Безпека", [4, 4])], gaps=areas, over=areas,
        hardest=[], definitions=["95 % інтервал"],
        competence_gaps=[(name, Share(3, 10)) for name in COMPETENCES])
    named = [name for page in build_programme_pages(report, lang="uk") for name in _tick_names(page)]
    assert named.count(AREA) == 3, named  # the levels, the gaps and the said-more charts
    for name in COMPETENCES:
        assert name in named
    assert not [name for name in named if "…" in name]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_levels_legend_stays_inside_a_narrow_picture(lang: str) -> None:
    # 1024×600 at 200 % text: six levels in one row ran past the right edge, B2, C1 and C2 cut off.
    codes = ["A1", "A2", "B1", "B2", "C1", "C2"]
    figure = levels_figure([(AREA, [1, 2, 3, 4, 5, 6]), ("Безпека", [6, 5, 4, 3, 2, 1])], codes, lang=lang,
                           width=4.8)
    drawn = _drawn_texts(figure)
    for text, left, right in drawn:
        assert left >= 0 and right <= 4.8, f"{text!r} runs off the 4.8-inch picture"
    assert all(code in [t for t, _l, _r in drawn] for code in codes)
    legend = figure.axes[0].get_legend()
    assert legend is not None and [t.get_text() for t in legend.get_texts()][:1] == ["A1"]


@pytest.mark.parametrize(("lang", "group"), [("uk", "\u202f"), ("en", ",")])
def test_counts_on_the_report_pages_are_grouped_by_thousands(lang: str, group: str) -> None:
    # The national report wrote «25391» and «6405 з 15219»; a table then broke «(3 037/25 391)» at a
    # no-break space, leaving «391)» alone on the next line.
    import datetime as dt

    from digigram.charts.programme import build_programme_pages
    from digigram.charts.programme_model import ProgrammeReport

    shares = [("Safety", Share(3037, 25391)), ("Problem solving", Share(5821, 25391))]
    report = ProgrammeReport(
        date=dt.date(2026, 11, 30), framework_title="Digital skills", selection="", trainees=25391,
        hubs=1000, checks=46956, before=Share(6405, 15219), after=Share(9455, 15219),
        regions=[("Kyiv Oblast", 1221, 40, 2260)], level_codes=["A", "B"], levels=[("Safety", [3, 5])],
        gaps=shares, over=shares, hardest=[("SAF.1-14: What do you do?", Share(1306, 8652))],
        definitions=["95% interval"], competence_gaps=shares)
    from digigram.charts._lines import TextLines

    written, table_lines = [], []
    for page in build_programme_pages(report, lang=lang):
        written += [text.get_text() for text in page.findobj(lambda o: hasattr(o, "get_text"))]
        table_lines += [line for lines in page.findobj(TextLines) for line in lines.texts()]
    written += table_lines
    of = "з" if lang == "uk" else "of"

    def grouped(n: int) -> str:
        return f"{n:,d}".replace(",", group)

    for whole in (grouped(25391), grouped(46956), grouped(1000), f"{grouped(6405)} {of} {grouped(15219)}",
                  grouped(1221), grouped(2260), f"({grouped(3037)}/{grouped(25391)})", grouped(8652),
                  grouped(1306)):
        assert any(whole in text for text in written), (whole, written)
    assert not any(n in text for text in written for n in ("25391", "15219", "46956")), written
    # A table cell breaks between words, never at the space inside a number (nor before a Ukrainian %).
    assert any(f"({grouped(3037)}/{grouped(25391)})" in line for line in table_lines), table_lines
    assert not any(line.startswith(("391", "%")) for line in table_lines), table_lines
