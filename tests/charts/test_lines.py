"""A page's lines written straight into the PDF are the very operators matplotlib writes for the same
lines as Texts: glyph for glyph, kern for kern, at the same place, in uk and en."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
import zlib
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import LoadFlags

from competency_framework import shipped_framework_path
from digigram.charts import _lines
from digigram.charts._pdf import PDF_RC, pdf_pages
from digigram.charts._style import font
from digigram.charts.programme import write_programme_pdf
from digigram.charts.programme_model import ProgrammeReport
from digigram.core.loader import load_framework
from digigram.core.programme import Share


def _texts() -> list[str]:
    framework = load_framework(shipped_framework_path())
    found: list[str] = []
    for lang in ("uk", "en"):
        found += [item.stem.get(lang) for item in framework.items[::3]]
        found += [a.name.get(lang) for a in framework.areas]
        found += [c.name.get(lang) for a in framework.areas for c in a.competences]
    found += ["17 % (4243/25391)", "16 % – 17 %", "«Ґанок» і ʼєднання: WWW…MMM ||| ііі", "AVAТАк fi fl Київ",
              "Й Ї Ё (Щ) [ʼ] — ?!", "V. T, Y. «Р» 2025–2026"]
    return [t for t in found if t]


# Lines the writer must leave to a Text: decomposed letters, a ligature, characters DejaVu Sans lacks.
ODD = [unicodedata.normalize("NFD", "Йосип і Ївга"), "office fi", "Хаб 📚 у Бучі", "漢字 hub"]


@pytest.fixture(autouse=True)
def _fresh() -> None:
    _lines._FACES.clear()  # nothing learnt from an earlier test: this one's texts teach the pairs


@pytest.mark.parametrize(("size", "bold"), [(10.0, False), (8.5, False), (13.0, True)])
def test_glyphs_summed_from_pairs_are_where_matplotlib_places_them(size: float, bold: bool) -> None:
    prop = font(size, bold=bold)
    texts = _texts()
    for text in texts:  # shaped for real, teaching the pairs
        _lines.glyphs(text, prop)
    # Every line again, and lines made of the same words in another order: now summed from pairs.
    words = sorted({w for t in texts for w in t.split()})
    again = texts + [" ".join(words[k::7]) for k in range(7)]
    _path, face = _lines._ft(prop)
    summed = 0
    for text in again:
        pairs_known = all(p in _lines._FACES[_lines._font(size, bold)[1], size].step
                          for p in itertools.pairwise(text))
        found = _lines.glyphs(text, prop)
        real = face._layout(text, LoadFlags.NO_HINTING)
        if any(len(it.char) > 1 for it in real):  # a ligature ("fi") is left to a Text
            assert found is None
            continue
        summed += pairs_known
        assert found == [(it.char, it.glyph_index, it.x, it.prev_kern) for it in real], text
    assert summed > len(texts) / 2


def test_odd_lines_are_left_to_a_text() -> None:
    for text in ODD:
        assert _lines.glyphs(text, font(10.0)) is None, text


STYLES = [(10.0, False, "#1A1A1A"), (8.5, True, "#555555"), (13.0, True, "#D55E00")]


def _page(as_lines: bool) -> Figure:
    """A page of lines as the reports make it, or of matplotlib's own Texts (`as_lines` False)."""
    page = (_lines.Page if as_lines else Figure)(figsize=(8.27, 11.69), facecolor="white")
    block = _lines.TextLines(page)
    page.add_artist(block)
    y = 0.97
    for k, text in enumerate(_texts()[:60] + ODD):
        size, bold, colour = STYLES[k % 3]
        x = 0.08 + (k % 4) * 0.01
        if as_lines:
            block.add(_lines.Line(x, y, text, size, bold, colour))
        else:
            page.text(x, y, text, ha="left", va="top", fontproperties=font(size, bold=bold), color=colour,
                      parse_math=False)
        y -= 0.0145
    return page


def _streams(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return [zlib.decompress(s) for s in re.findall(rb"stream\n(.*?)\nendstream", data, re.S)]


def test_a_pdf_page_of_lines_is_the_page_of_texts_byte_for_byte(tmp_path: Path) -> None:
    written = {}
    for as_lines in (False, True):
        # Twice in one file: the second page's lines are all summed from pairs the first one taught.
        path = tmp_path / f"{as_lines}.pdf"
        with matplotlib.rc_context(PDF_RC), pdf_pages()(path) as pdf:
            pdf.savefig(_page(as_lines))
            pdf.savefig(_page(as_lines))
        written[as_lines] = _streams(path)
    assert len(written[True]) == len(written[False]) > 2
    for lines, texts in zip(written[True], written[False], strict=True):
        assert lines == texts
    assert b"TJ" in written[True][0]


def test_other_renderers_draw_the_lines_as_texts() -> None:
    pixels = []
    for as_lines in (False, True):
        page = _page(as_lines)
        canvas = FigureCanvasAgg(page)
        canvas.draw()
        pixels.append(np.asarray(canvas.buffer_rgba()).copy())
    assert (pixels[0] == pixels[1]).all()
    assert (pixels[1] != 255).any()


@pytest.mark.parametrize(("size", "bold"), [(9.0, False), (8.0, False), (11.0, True)])
def test_plain_lines_are_measured_as_freetype_measures_them(size: float, bold: bool) -> None:
    prop = font(size, bold=bold)
    texts = [*_texts(), "0", "25", "100 %", "100\u00a0%", "A1", "C2", "11", "jaj", "'ʼ'", "—", "...", "Їжак",
             "(3/12)"]
    measured = 0
    for text in texts:
        found = _lines.measure(text, prop)
        if found is None:
            continue
        measured += 1
        _path, face = _lines._ft(prop)
        face.set_text(text, 0.0, flags=LoadFlags.NO_HINTING)  # as RendererPdf measures
        width, height = face.get_width_height()
        assert found == (width / 64, height / 64, face.get_descent() / 64), text
    assert measured > len(texts) / 2


def _report(lang: str) -> ProgrammeReport:
    framework = load_framework(shipped_framework_path())
    areas = [a.name.get(lang) for a in framework.areas]
    competences = [f"{c.id} {c.name.get(lang)}" for a in framework.areas for c in a.competences]
    return ProgrammeReport(
        date=dt.date(2026, 11, 30), framework_title=framework.title.get(lang), selection="",
        trainees=25391, hubs=5012, checks=46956, before=Share(4316, 25391), after=Share(20821, 25391),
        regions=[(f"Область {k}", 1000 + k, 200 + k, 1800 + k) for k in range(24)],
        level_codes=["A1", "A2", "B1", "B2", "C1", "C2"],
        levels=[(name, [k * 300 + 10, 2000, 5000 - k, 7000, 3000, 120 * k]) for k, name in enumerate(areas)],
        gaps=[(name, Share(3000 + 300 * k, 25391)) for k, name in enumerate(areas)],
        over=[(name, Share(900 * k, 25391)) for k, name in enumerate(areas)],
        hardest=[(f"{item.id}: {item.stem.get(lang)}", Share(30 + k, 400)) for k, item in
                 enumerate(framework.items[:20])],
        definitions=["Частка 7–10: «самооцінка» ʼ" * 5, "Wilson score interval " * 9],
        competence_gaps=[(name, Share(100 * k, 25391)) for k, name in enumerate(competences)])


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_whole_report_with_charts_is_written_as_matplotlib_writes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    written = {}
    for direct in (False, True):
        monkeypatch.setattr(_lines, "DIRECT", direct)
        path = write_programme_pdf(tmp_path / f"{direct}.pdf", _report(lang), lang=lang)
        written[direct] = _streams(path)
    assert len(written[True]) == len(written[False]) > 8
    for ours, matplotlibs in zip(written[True], written[False], strict=True):
        assert ours == matplotlibs


def test_a_page_that_fails_to_draw_leaves_the_old_report_and_no_part_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "звіт.pdf"
    target.write_bytes(b"%PDF yesterday's report")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("FreeType could not shape the line")

    monkeypatch.setattr(_lines, "glyphs", broken)  # drawing fails halfway through the first page
    with pytest.raises(RuntimeError, match="could not shape"):
        write_programme_pdf(target, _report("uk"), lang="uk")
    assert target.read_bytes() == b"%PDF yesterday's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["звіт.pdf"]


def test_rasterized_artists_on_a_page_are_still_drawn_by_matplotlib(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = {}
    for direct in (False, True):
        monkeypatch.setattr(_lines, "DIRECT", direct)
        page = _page(as_lines=True)
        ax = page.add_axes((0.1, 0.1, 0.5, 0.2))
        ax.bar([0, 1], [3, 5], rasterized=True)
        ax.text(0.5, 4, "Растр «ʼ» 42 %", rasterized=True)
        ax.set_title("Заголовок над растром")
        path = tmp_path / f"{direct}.pdf"
        with matplotlib.rc_context(PDF_RC), pdf_pages()(path) as pdf:
            pdf.savefig(page)
        written[direct] = _streams(path)
    assert written[True] == written[False]
