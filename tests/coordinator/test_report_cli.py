"""`digigram report`: the programme's picture written as a PDF and as a CSV for Excel, on both engines."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from digigram.cli.main import main
from digigram.services.programme_report import CSV_WORDS
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.conftest import SMALL
from tests.coordinator.test_programme import lviv_kyiv  # noqa: F401 - the hand-worked data set

pytestmark = pytest.mark.usefixtures("lviv_kyiv")


def _where(target: Target) -> list[str]:
    return ["--data-dir", str(target.data_dir)] if target.is_sqlite else ["--database", target.url]


def test_csv_has_the_headline_regions_and_definitions(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "звіт.csv"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--min-answers", "2",
                 "--out", str(out), "--lang", "uk"]) == 0
    said = capsys.readouterr().out
    assert "33%→67%" in said.replace("\xa0", "").replace(" ", "")
    assert re.search(r"; \d+,\d с\.$", said.strip()), said  # the time with a Ukrainian decimal comma
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the byte-order mark
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:5] == ["Розділ", "Ідентифікатор", "Назва чи питання", "Кількість", "З"]
    # 1 of 3 before, 2 of 3 after, with the Wilson interval, decimal commas for Ukrainian Excel
    assert lines[1].split(";")[1:] == ["before", "До (перша перевірка)", "1", "3", "33,3", "6,1", "79,2",
                                       "", "", ""]
    assert lines[2].split(";")[1:5] == ["after", "Після (пізніша перевірка)", "2", "3"]
    # A region's trainees, hubs and checks in columns of their own (they had stood under «З» and «Частка, %»).
    assert any(line.split(";")[1:] == ["UA-46", "Львівська область", "", "", "", "", "", "2", "1", "3"]
               for line in lines)
    assert any(line.split(";")[1:5] == ["DOC.1-04", "DOC.1-04: Питання DOC.1 рівня A?", "1", "4"]
               for line in lines)
    # Eight definitions, the gaps per competence's among them, and what the counts of hubs count (a
    # hub no trainee is in yet is left out, where the Hubs dialog lists it).
    assert sum(line.startswith("Визначення;") for line in lines) == 8
    assert any(line.startswith("Визначення;;Слухачі, хаби й перевірки:") and "не враховано" in line
               for line in lines)
    assert any(line.startswith("Визначення;;Нижче від цілі за компетентностями:") for line in lines)


def test_pdf_is_written_with_its_pages_and_words(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "national.pdf"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--region", "Львівська область",
                 "--out", str(out), "--lang", "en"]) == 0
    assert "trainees 2, checks 3" in capsys.readouterr().out
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for words in ("The programme's picture", "Region: Lviv Oblast (UA-46)", "Trainees: 2; hubs: 1",
                  "Rate their digital skills 7–10 of 10", "1 of 1", "How these figures are made",
                  "Wilson score interval"):
        assert words in text, words


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_each_csv_column_means_one_thing_in_every_section(
        target: Target, ws: Workspace, tmp_path: Path, lang: str) -> None:
    """The regions' rows had put the hubs under «З»/"Of" and the checks under «Частка, %»/"Share, %"."""
    out = tmp_path / "звіт.csv"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--min-answers", "2",
                 "--out", str(out), "--lang", lang]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";" if lang == "uk" else ","))
    head = rows[0]
    assert head == [CSV_WORDS[key].render(lang) for key in (
        "section", "key", "name", "count", "n", "share", "low", "high", "trainees", "hubs", "checks")]
    assert all(len(row) == len(head) for row in rows)
    shares, regions = slice(3, 8), slice(8, 11)
    by_section: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        by_section.setdefault(row[0], []).append(row)
    region_rows = by_section.pop(CSV_WORDS["regions"].render(lang))
    # Kyiv, Lviv, then no region: 2 trainees, 1 hub, 3 checks; 2, 1, 3; 1, 0, 2.
    assert [row[regions] for row in region_rows] == [["2", "1", "3"], ["2", "1", "3"], ["1", "0", "2"]]
    assert all(row[shares] == [""] * 5 for row in region_rows)
    definitions = by_section.pop(CSV_WORDS["definition"].render(lang))
    assert all(row[3:] == [""] * 8 for row in definitions)
    assert {CSV_WORDS[k].render(lang) for k in ("headline", "levels", "gaps", "over", "hardest")} <= set(
        by_section) <= {CSV_WORDS[k].render(lang) for k in (
            "headline", "levels", "gaps", "competence_gaps", "over", "hardest")}
    for section in by_section.values():
        for row in section:
            count, of = int(row[3]), int(row[4])  # every share's count is of its n
            assert 0 <= count <= of and row[5] and row[regions] == ["", "", ""], row


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", "ще ні в кого немає двох перевірок із самооцінкою (першої та пізнішої, щонайменше через 28 днів)"),
    ("en", "no one has a first check and a later one at least 28 days on, both with a self-rating"),
])
def test_with_no_one_checked_twice_the_summary_says_so_in_words(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str,
        words: str) -> None:
    out = tmp_path / "later.csv"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--since", date.today().isoformat(),
                 "--out", str(out), "--lang", lang]) == 0
    said = capsys.readouterr().out
    assert words in said and "→" not in said


@pytest.mark.parametrize(("region", "said"), [
    ("Львівська", "Добірка: Регіон: Львівська область (UA-46)"),
    ("м. Київ", "Добірка: Регіон: Київ (UA-30)"),
])
def test_a_region_is_found_by_the_name_people_type(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], region: str,
        said: str) -> None:
    """«Львівська» and «м. Київ» had been refused as unknown regions: only «Львівська область» worked."""
    out = tmp_path / "регіон.pdf"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--region", region, "--out", str(out),
                 "--lang", "uk"]) == 0, capsys.readouterr().err
    assert "слухачів — 2, перевірок — 3" in capsys.readouterr().out
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert said in text, text[:300]


def test_with_nothing_to_compare_the_pdf_defines_the_self_rating_once(
        target: Target, ws: Workspace, tmp_path: Path) -> None:
    """The definition under the headline's chart had stayed with no chart, just above the same definition
    among all the others."""
    out = tmp_path / "later.pdf"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--since", date.today().isoformat(),
                 "--out", str(out), "--lang", "uk"]) == 0
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.count("Самооцінка: відповідь на питання") == 1, text
    assert "Як обчислено ці показники" in text


@pytest.mark.parametrize(("argv", "uk", "en"), [
    (["--region", "Атлантида"], "Невідомий регіон «Атлантида»", "Unknown region 'Атлантида'"),
    (["--hub", "Хаб Одеса"], "Невідомий хаб «Хаб Одеса»", "Unknown hub 'Хаб Одеса'"),
    (["--since", "1.02.2025"], "не у форматі РРРР-ММ-ДД", "not in the form YYYY-MM-DD"),
    (["--since", "2205-02-01"], "у майбутньому", "is in the future"),  # had written an empty report
])
def test_a_bad_filter_is_named_and_nothing_is_written(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
        uk: str, en: str) -> None:
    out = tmp_path / "r.pdf"
    for lang, words in (("uk", uk), ("en", en)):
        assert main(["report", *_where(target), "--framework", str(SMALL), *argv, "--out", str(out),
                     "--lang", lang]) != 0
        assert words in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("name", ["r.pdf", "r.csv"])
def test_a_missing_folder_for_the_report_is_said_in_the_readers_language(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    """The system's "No such file or directory" had come in English inside a Ukrainian sentence."""
    out = tmp_path / "немає" / name
    for lang, words in (("uk", f"Теки {out.parent} немає"),
                        ("en", f"The folder {out.parent} does not exist")):
        assert main(["report", *_where(target), "--framework", str(SMALL), "--out", str(out),
                     "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert words in err and "No such file" not in err, err
    assert not out.parent.exists()


@pytest.mark.parametrize("name", ["звіт.pdf", "звіт.csv"])
def test_a_folder_given_as_the_report_is_said_with_a_file_name_to_use(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    """--out naming a folder ended the PDF in «Не вдалося зберегти звіт у …: Is a directory»."""
    out = tmp_path / name
    out.mkdir()
    argv = ["report", *_where(target), "--framework", str(SMALL), "--out", str(out), "--lang", "uk"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{out} — це тека: вкажіть у ній імʼя файлу звіту, наприклад {out / 'programme'}" in err, err
    assert "directory" not in err and list(out.iterdir()) == []


@pytest.mark.parametrize(("lang", "said"), [
    ("uk", "слухачів — 25\u202f391, перевірок — 46\u202f956"), ("en", "trainees 25,391, checks 46,956")])
def test_the_summary_groups_large_counts_by_thousands(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, lang: str, said: str) -> None:
    """A national report's summary had said «слухачів — 25391, перевірок — 46956»."""
    from dataclasses import replace

    real = Workspace.programme

    def national(self: Workspace, *args: object, **kwargs: object) -> object:
        # The small set with one region grown to a national report's size: 25,391 trainees, 46,956 checks.
        p = real(self, *args, **kwargs)  # type: ignore[arg-type]
        first = p.regions[0]
        grown = replace(first, trainees=first.trainees + 25391 - p.trainees,
                        checks=first.checks + 46956 - p.checks)
        return replace(p, regions=(grown, *p.regions[1:]))

    monkeypatch.setattr(Workspace, "programme", national)
    out = tmp_path / "звіт.csv"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--out", str(out),
                 "--lang", lang]) == 0
    assert said in capsys.readouterr().out


def test_only_pdf_or_csv(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", *_where(target), "--out", str(tmp_path / "r.docx"), "--lang", "uk"]) != 0
    assert "як .pdf або .csv" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()


def test_people_checked_twice_without_a_self_rating_are_not_said_unchecked(
        target: Target, ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The self-rating may be skipped: a person checked 40 days apart who skipped it was checked twice, and
    # the summary says what the comparison lacks rather than that no one had a later check.
    from datetime import UTC, datetime, timedelta

    from tests.coordinator.conftest import add_check

    ws.add_hub("Хаб Ужгород", region_id="UA-21")
    person = ws.create_person("Оксана Гнатюк", hub="Хаб Ужгород")
    first = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)
    for when in (first, first + timedelta(days=40)):
        add_check(ws, person, when=when, levels={"DOC": ("B", "B"), "NET": ("A", "C")}, rating=None)
    out = tmp_path / "uzhhorod.csv"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--hub", "Хаб Ужгород",
                 "--out", str(out), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert "trainees 1, checks 2" in said, said
    assert "no one has had both a first and a later check" not in said, said
    assert "both with a self-rating" in said and "28 days" in said, said


@pytest.mark.parametrize(("lang", "order"), [
    # Вінницька, Дніпропетровська, Івано-Франківська, Київ, Луганська, Львівська; no region last
    ("uk", ["UA-05", "UA-12", "UA-26", "UA-30", "UA-09", "UA-46", ""]),
    # Dnipropetrovsk, Ivano-Frankivsk, Kyiv, Luhansk, Lviv, Vinnytsia
    ("en", ["UA-12", "UA-26", "UA-30", "UA-09", "UA-46", "UA-05", ""]),
])
def test_the_regions_come_by_their_names_in_the_readers_language(
        target: Target, ws: Workspace, tmp_path: Path, lang: str, order: list[str]) -> None:
    """The regions' table had come in the ISO codes' order: Вінницька, Волинська, Луганська,
    Дніпропетровська… Now by name, as the reader's alphabet has them, in the CSV and the PDF."""
    for region_id in ("UA-09", "UA-12", "UA-26", "UA-05"):
        ws.add_hub(f"Хаб {region_id}", region_id=region_id)
        ws.create_person(f"Слухач {region_id}", hub=f"Хаб {region_id}")
    out = tmp_path / "звіт.csv"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--out", str(out),
                 "--lang", lang]) == 0
    lines = list(csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";" if lang == "uk" else ","))
    section = CSV_WORDS["regions"].render(lang)
    assert [line[1] for line in lines if line[0] == section] == order
    pdf = tmp_path / "звіт.pdf"
    assert main(["report", *_where(target), "--framework", str(SMALL), "--out", str(pdf),
                 "--lang", lang]) == 0
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    from digigram.core.regions import region_name

    places = [text.index(region_name(region_id, lang) + " ") for region_id in order[:-1]]
    assert places == sorted(places), [region_name(r, lang) for r in order[:-1]]
