"""The PDF report: a real PDF whose Cyrillic text can be found, with metadata, plan and page breaks.

Text is checked with pypdf (a pinned test dependency, pure Python): it reads the ToUnicode maps that
matplotlib writes for the embedded fonts, so a name that shows as boxes or as unmapped glyphs
would not be found. No system tool is needed, so nothing here is skipped.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest
from pypdf import PdfReader

from digigram.charts.model import PlanLine, ResultRow
from digigram.charts.report import write_report_pdf
from digigram.core.errors import DigigramError
from tests.charts.conftest import AREA_NAMES, LEVELS

PERSON = "Ольга Петренко-Ґудзь"


def _steps(n: int) -> list[PlanLine]:
    return [
        PlanLine(
            competence="Захист персональних даних",
            goal=f"Крок {k}: налаштувати двофакторну автентифікацію та пояснити її відвідувачам хабу",
            resource="Дія.Освіта: Цифрова грамотність для людей старшого віку",
            due=date(2025, 7, 1) if k % 2 else None,
            status="Заплановано",
            notes="Разом із колегою з читальної зали" if k == 0 else "",
        )
        for k in range(n)
    ]


def _write(path, *, steps=2, lang="uk", bars, **kwargs):
    return write_report_pdf(
        path,
        person_name=PERSON,
        hub="Хаб цифрової освіти, м. Біла Церква",
        date=date(2025, 5, 14),
        framework_title="Рамка цифрових компетентностей бібліотекарів",
        lang=lang,
        bars=bars,
        levels=LEVELS,
        plan_steps=_steps(steps),
        **kwargs,
    )


def _text(path) -> str:
    reader = PdfReader(path)
    # pypdf may split words across text runs; compare with whitespace squeezed out
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def test_a_pdf_with_metadata(tmp_path, bars):
    path = _write(tmp_path / "звіт.pdf", bars=bars)
    assert path.read_bytes().startswith(b"%PDF")
    meta = PdfReader(path).metadata
    assert meta.author == PERSON
    assert PERSON in meta.title
    assert meta.subject == "Рамка цифрових компетентностей бібліотекарів"


def test_cyrillic_text_is_real_text(tmp_path, bars):
    text = _text(_write(tmp_path / "r.pdf", bars=bars))
    assert PERSON in text
    assert "Звіт про цифрові компетентності" in text
    assert "14.05.2025" in text
    assert "Цифрове наставництво та е-послуги" in text  # an area name, from the table or the chart


def test_fonts_are_embedded_with_a_map_back_to_text(tmp_path, bars):
    # Nothing may depend on the reader's own fonts, and every glyph must map back to its letter, or a
    # Cyrillic name prints as boxes on a PC without DejaVu Sans, or cannot be searched or copied.
    reader = PdfReader(_write(tmp_path / "r.pdf", bars=bars, steps=30))
    assert len(reader.pages) > 1
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for name in fonts:
            font = fonts[name].get_object()
            assert "/ToUnicode" in font
            if font["/Subtype"] == "/Type3":
                assert font["/CharProcs"]  # the glyphs' outlines are in the file
            else:
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant["/FontDescriptor"]


def test_result_table_and_plan_are_in_the_report(tmp_path, bars):
    text = _text(_write(tmp_path / "r.pdf", bars=bars))
    for area in AREA_NAMES:
        assert area in text
    assert "досягнуто" in text  # an area at its target
    assert "Разом із колегою з читальної зали" in text  # notes travel with the goal
    assert "01.07.2025" in text


def test_a_long_plan_flows_onto_more_pages(tmp_path, bars):
    short = PdfReader(_write(tmp_path / "short.pdf", bars=bars, steps=1))
    long = PdfReader(_write(tmp_path / "long.pdf", bars=bars, steps=40))
    assert len(long.pages) > len(short.pages)
    text = _text(tmp_path / "long.pdf")
    for k in (0, 20, 39):
        assert f"Крок {k}:" in text
    assert f"1/{len(long.pages)}" in text  # numbered footers


def test_a_given_result_table_is_used_as_is(tmp_path, bars):
    rows = [ResultRow("Особлива сфера", "B1", "A2–B2", "C1", "2")]
    text = _text(_write(tmp_path / "r.pdf", bars=bars, results_table=rows))
    assert "Особлива сфера" in text


def test_english_report(tmp_path, bars):
    text = _text(_write(tmp_path / "r.pdf", bars=bars, lang="en", steps=0))
    assert "Digital competence report" in text
    assert "No development plan yet." in text


def test_unwritable_place_gives_a_plain_message(tmp_path, bars):
    with pytest.raises(DigigramError) as caught:
        _write(tmp_path / "no-such-folder" / "r.pdf", bars=bars)
    target = tmp_path / "no-such-folder" / "r.pdf"
    said = caught.value.message("uk")
    assert said == f"Не вдалося зберегти {target}: теки немає (чи не вийняли флешку?). Нічого не записано."
    assert list(tmp_path.iterdir()) == []  # nothing half-written left behind


def test_the_result_table_stays_with_its_heading_on_one_page(tmp_path, bars):
    reader = PdfReader(_write(tmp_path / "r.pdf", bars=bars))
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    (with_heading,) = [p for p in pages if "Результати за сферами" in p]
    assert "B2–C2" in with_heading  # the last area's likely range: the table's last row


@pytest.mark.parametrize(("direction", "lang", "words"), [
    (1, "uk", "ви оцінили себе вище, ніж показали відповіді"),
    (-1, "en", "your answers showed more than you gave yourself credit for"),
    (0, "en", "What you said about yourself fits what your answers showed."),
])
def test_said_and_shown_are_compared_in_kind_words(tmp_path, bars, direction, lang, words):
    said = "A2" if direction == 0 else "B2"  # fits: said and shown alike in the table as well
    rows = [ResultRow("Безпека", "A2", "A1–B1", "B1", "1", said)]
    text = _text(_write(tmp_path / "r.pdf", bars=bars, lang=lang, results_table=rows,
                        said_vs_shown=direction))
    assert words in text
    assert ("Ваша самооцінка" if lang == "uk" else "You said") in text and said in text


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", "За всіма сферами разом те, що ви сказали про себе, близьке до того, що показали ваші відповіді. "
           "Ці два рівні різняться тут: «Безпека», «Розвʼязання проблем»."),
    ("en", "Over all areas together, what you said about yourself is close to what your answers showed. "
           "The two levels differ in: “Безпека”, “Розвʼязання проблем”."),
])
def test_a_fit_over_all_areas_names_the_areas_whose_levels_differ(tmp_path, bars, lang, words):
    # The table showed C1 said and B2 shown in two areas, and the sentence below it said they matched.
    rows = [ResultRow("Безпека", "B2", "B2–C1", "B1", "0", "C1"),
            ResultRow("Комунікація та співпраця", "C1", "B2–C2", "B1", "0", "C1"),
            ResultRow("Розвʼязання проблем", "B2", "B1–B2", "B1", "0", "B1")]
    text = _text(_write(tmp_path / "r.pdf", bars=bars, lang=lang, results_table=rows, said_vs_shown=0))
    assert " ".join(words.split()) in " ".join(text.split())
    assert "збігається" not in text and "fits what" not in text


def test_no_comparison_without_self_ratings(tmp_path, bars):
    text = _text(_write(tmp_path / "r.pdf", bars=bars, lang="en"))
    assert "What you said and what you showed" not in text


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", ["C1, 50 %", "досягнуто (нижче — з імовірністю 20 %)", "1 (нижче — з імовірністю 60 %)"]),
    ("en", ["C1, 50%", "reached (20% chance below)", "1 (60% chance below)"]),
])
def test_the_result_table_says_how_likely_the_level_is_and_the_chance_below_the_target(
        tmp_path, bars, lang, words):
    # The last area: C1 at its target B2 with half the likelihood and a one in five chance of being below
    # it; the first: B1, a level under its target B2, and not sure of that.
    bars = [dataclasses.replace(bars[0], level_probability=0.45, p_below_target=0.6), *bars[1:-1],
            dataclasses.replace(bars[-1], level_probability=0.5, p_below_target=0.2)]
    text = " ".join(_text(_write(tmp_path / "r.pdf", bars=bars, lang=lang)).split())
    for expected in words:
        assert expected in text
