"""`digigram calibrate` and `digigram calibration` on a real SQLite database of finished checks."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ruamel.yaml")

from digigram.cli.main import main
from digigram.core import paths
from digigram.core.calibration.recovery import scored_params, take_quiz
from digigram.core.loader import load_framework
from digigram.services.workspace import Workspace
from digigram.store.db import transaction
from digigram.store.repo import attempts as attempt_rows
from digigram.store.repo import people as people_rows
from tests.store.conftest import FRAMEWORKS, SMALL

PEOPLE = 300


@pytest.fixture(scope="module")
def stored_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Counter[str]]:
    """A data folder with 300 finished checks and one unfinished; the finished answers per item.

    Built once for the module (simulating and storing them is most of these tests' time); each test
    works on its own copy."""
    data_dir = tmp_path_factory.mktemp("calibrate") / "data"
    data_dir.mkdir()
    framework = load_framework(SMALL)
    sim = take_quiz(framework, scored_params(framework), people=PEOPLE + 1, seed=7)
    by_attempt: dict[str, list[tuple[str, object]]] = {}
    for r in sim.responses:
        by_attempt.setdefault(r.attempt, []).append((r.item_id, r.choice))
    finished: Counter[str] = Counter()
    with (Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws,
          transaction(ws.store.sessions) as session):
        for n, (_, answers) in enumerate(sorted(by_attempt.items())):
            person = people_rows.add_person(session, name=f"P{n}", profile_id="librarian")
            attempt = attempt_rows.add_attempt(
                session, person_id=person.id, framework_id=framework.id, framework_version="1",
                framework_hash=framework.content_hash, profile_id="librarian", mode="full", seed=n)
            for seq, (item_id, choice) in enumerate(answers):
                attempt_rows.add_answer(session, attempt.id, sequence=seq, item_id=item_id,
                                        choice=choice)  # type: ignore[arg-type]
            if n < PEOPLE:  # the last one stops half-way: it must not count
                attempt_rows.finish_attempt(session, attempt.id, outcomes=[], rating_after=None)
                finished.update(item_id for item_id, _ in answers)
    return data_dir, finished


@pytest.fixture
def stored(
    stored_once: tuple[Path, Counter[str]], data_dir: Path, small_framework: Path
) -> tuple[Path, Path, Counter[str]]:
    """This test's copy of the data folder, its own framework file, and the finished answers per item."""
    source, finished = stored_once
    shutil.copytree(source, data_dir, dirs_exist_ok=True)
    return data_dir, small_framework, Counter(finished)


def _answers_in(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute("SELECT count(*) FROM answer").fetchone()[0])


def test_calibrate_writes_a_valid_new_version_report_and_record(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, framework_file, finished = stored
    before = _answers_in(paths.database_path(data_dir))
    out = framework_file.parent / "NEW.yaml"
    report = tmp_path / "report.csv"
    code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(out), "--min-responses", "100", "--report", str(report), "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "version 2;" in captured.out and f"finished checks: {PEOPLE} (" in captured.out
    assert "calibrating areas" in captured.err  # the progress line
    # Not a terminal here: whole lines, never a carriage return gluing one update to the next.
    assert "\r" not in captured.err and captured.err.endswith("\n")
    assert all(line.startswith(("reading answers: ", "calibrating areas: "))
               for line in captured.err.splitlines()[:-1])
    assert captured.err.splitlines()[-1] == "writing the new version and checking it"
    assert main(["validate", str(out)]) == 0
    new = load_framework(out)
    record = json.loads((framework_file.parent / "NEW.calibration.json").read_text(encoding="utf-8"))
    # Every finished answer counted, the unfinished check's not at all.
    assert {k: v["n"] for k, v in record["items"].items() if v["n"]} == dict(finished)
    for item_id, entry in record["items"].items():
        calibrated = finished[item_id] >= 100
        assert entry["calibrated"] is calibrated
        assert (new.item(item_id).irt is not None) is calibrated  # the small file had no irt at all
    csv_bytes = report.read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    lines = csv_bytes.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("item,kind,answers,calibrated,a old,a new,SE a")
    assert len(lines) == 1 + len(record["items"])
    assert _answers_in(paths.database_path(data_dir)) == before

    capsys.readouterr()
    assert main(["calibration", str(out), "--all", "--lang", "en"]) == 0
    shown = capsys.readouterr().out
    n_cal = sum(1 for v in record["items"].values() if v["calibrated"])
    assert f"{n_cal} with calibrated parameters" in shown
    assert f"{PEOPLE} finished checks" in shown
    some = next(k for k, v in record["items"].items() if v["calibrated"])
    assert f"n={finished[some]}" in shown
    # In Ukrainian the kinds are words too, not the file's keys ("knowledge", "self_rating").
    assert main(["calibration", str(out), "--all", "--lang", "uk"]) == 0
    shown = capsys.readouterr().out
    assert "знання" in shown and "самооцінка" in shown
    assert " knowledge " not in shown and "self_rating" not in shown
    assert "щонайменше 100 відповідей на завдання" in shown
    # The answers' word agrees with the number, as in a record calibrated on at least 101 or 102.
    for minimum, words in ((101, "101 відповідь"), (102, "102 відповіді")):
        record["min_responses"] = minimum
        (framework_file.parent / "NEW.calibration.json").write_text(json.dumps(record), encoding="utf-8")
        assert main(["calibration", str(out), "--lang", "uk"]) == 0
        assert f"щонайменше {words} на завдання" in capsys.readouterr().out


def test_pdf_report_names_the_items(stored: tuple[Path, Path, Counter[str]], tmp_path: Path) -> None:
    from pypdf import PdfReader

    data_dir, framework_file, _ = stored
    report = tmp_path / "звіт.pdf"
    code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(tmp_path / "NEW.yaml"), "--min-responses", "101", "--report", str(report),
                 "--lang", "uk"])
    assert code == 0
    text = "".join(page.extract_text() for page in PdfReader(report).pages)
    assert "Калібрування завдань" in text and "DOC.1-01" in text
    # "fewer than 101 answers": the word agrees with the number (not «101 відповідей»).
    assert "менше ніж 101 відповідь і" in " ".join(text.split())
    # Parameters with the Ukrainian decimal comma and counts grouped, as every other report writes them
    # (they read «1.30 → 0.85» and «відповідей: 20000»).
    assert re.search(r"\d,\d\d → -?\d,\d\d", text) and not re.search(r"\d\.\d\d → ", text)
    assert re.search(r"відповідей: \d{1,3}\s\d{3}\b", text)
    assert "0,2" in text.split("стало")[0] and "0.2" not in text  # the chart's scale too


def test_bad_input_gets_a_message_and_writes_nothing(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, framework_file, _ = stored
    out = tmp_path / "NEW.yaml"
    empty = tmp_path / "empty"
    empty.mkdir()
    cases = [
        (["--data-dir", str(empty)], "немає бази даних"),
        (["--data-dir", str(data_dir), "--report", str(tmp_path / "r.txt")], "Звіт може бути .pdf або .csv"),
        # Below 100 answers not even an ideal item's difficulty is known to within 0.2.
        *((["--data-dir", str(data_dir), "--min-responses", n],
           f"--min-responses має бути не менше 100, а не {n}") for n in ("0", "1", "99")),
        # A mistyped --data-dir is named as such, and no folder or database appears there.
        (["--data-dir", str(tmp_path / "typo")],
         f"Теки даних {tmp_path / 'typo'} не існує, тож читати нічого. Перевірте теку в --data-dir"),
        # An SQLite address whose file is not there: said, and no empty database is made there.
        (["--database", f"sqlite:///{tmp_path / 'elsewhere.db'}"], "немає бази даних Digigram"),
    ]
    for extra, message in cases:
        code = main(["calibrate", "--framework", str(framework_file), "--out", str(out), "--lang", "uk",
                     *extra])
        assert code == 2
        err = capsys.readouterr().err
        assert message in err
        assert "читаю відповіді" not in err  # refused before a region's answers are read for minutes
        assert not out.exists()
    assert not (tmp_path / "typo").exists() and not (tmp_path / "elsewhere.db").exists()
    # A folder for --out or --report that is not there: said before the answers are read, not as a
    # traceback after the fit (and not after NEW.yaml was written, for the report).
    missing = tmp_path / "no-such-folder"
    for outputs in (["--out", str(missing / "NEW.yaml")],
                    ["--out", str(out), "--report", str(missing / "r.pdf")]):
        code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                     "--lang", "uk", *outputs])
        err = capsys.readouterr().err
        assert code == 2 and f"Теки {missing} для {outputs[-2]} немає" in err, err
        assert "читаю відповіді" not in err and "Traceback" not in err
        assert not out.exists() and not missing.exists()
    code = main(["calibrate", "--framework", str(framework_file), "--out", str(framework_file),
                 "--data-dir", str(data_dir), "--lang", "en"])
    assert code == 2 and "FILE is never overwritten" in capsys.readouterr().err
    assert not list(empty.iterdir())  # no database was created where there was none


def test_a_folder_given_as_out_or_report_is_refused_before_anything_is_written(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--report naming a folder: the fit ran, NEW.yaml and its record were written, then «Is a directory»
    in English with exit 2, leaving a new version behind that the command had called a failure."""
    data_dir, framework_file, _ = stored
    out = framework_file.with_name("NEW.yaml")
    folder = tmp_path / "звіт.pdf"
    folder.mkdir()
    for outputs in (["--out", str(out), "--report", str(folder)], ["--out", str(folder)]):
        code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                     "--lang", "uk", *outputs])
        err = capsys.readouterr().err
        assert code == 2 and f"{folder} у {outputs[-2]} — це тека, а не файл" in err, err
        assert "читаю відповіді" not in err and "directory" not in err
        assert not out.exists() and not out.with_name("NEW.calibration.json").exists()
        assert list(folder.iterdir()) == []


def _with_handout(framework_file: Path) -> str:
    """Give the framework's first resource a handout file beside it; its path as the file writes it."""
    text = framework_file.read_text(encoding="utf-8")
    url = "    url: https://example.org/doc\n"
    framework_file.write_text(text.replace(url, url + "    file: handouts/doc.uk.html\n"), encoding="utf-8")
    (framework_file.parent / "handouts").mkdir()
    (framework_file.parent / "handouts" / "doc.uk.html").write_text("<p>Документи</p>", encoding="utf-8")
    return "handouts/doc.uk.html"


def test_new_version_is_written_only_where_it_validates(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The handouts' paths are relative to the framework file: NEW.yaml in a folder without them would
    fail `digigram validate`, so it is refused before the answers are read and nothing is written."""
    data_dir, framework_file, _ = stored
    handout = _with_handout(framework_file)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = elsewhere / "NEW.yaml"

    def calibrate(lang: str) -> int:
        return main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                     "--out", str(out), "--min-responses", "100", "--report", str(elsewhere / "r.csv"),
                     "--lang", lang])

    assert calibrate("en") == 2
    err = capsys.readouterr().err
    assert f"1 file the framework refers to is missing from {elsewhere}: {handout}." in err
    assert f"--out {framework_file.parent / 'NEW.yaml'}" in err  # where to write it instead
    assert f"copy handouts/ from {framework_file.parent} to {elsewhere}" in err
    assert "reading answers" not in err
    assert not list(elsewhere.iterdir())  # no NEW.yaml, record, report or temporary file
    assert calibrate("uk") == 2
    assert f"не знайдено 1 файл, на який посилається рамка: {handout}" in capsys.readouterr().err
    # With the handouts copied there, as the message says, it is written and validates where it is.
    (elsewhere / "handouts").mkdir()
    (elsewhere / handout).write_bytes((framework_file.parent / handout).read_bytes())
    assert calibrate("en") == 0
    assert main(["validate", str(out)]) == 0


def test_nothing_calibrated_writes_nothing(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No item with enough answers: no "new" version that is the old one with its version raised."""
    data_dir, framework_file, finished = stored
    most = max(finished.values())
    code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(tmp_path / "NEW.yaml"), "--min-responses", str(most + 1),
                 "--report", str(tmp_path / "r.pdf"), "--lang", "en"])
    assert code == 2
    err = capsys.readouterr().err
    assert f"No item has as many answers as --min-responses asks ({most + 1}) yet" in err
    assert f"has {most}. Nothing calibrated, nothing written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "fw"]


def test_progress_is_whole_lines_off_a_terminal_and_one_redrawn_line_on_it() -> None:
    import io

    from digigram.cli.calibrate import _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream in (io.StringIO(), Terminal()):
        bar = _Progress("uk", stream)
        for done in range(0, 60_001, 20_000):
            bar("read", done, 60_000)
        bar("read", 60_000, 60_000)
        for done in range(13):
            bar("fit", done, 12)
        bar.end()
        shown = stream.getvalue()
        assert shown.endswith("калібрую сфери: 12/12\n")
        if isinstance(stream, Terminal):  # redrawn in place, a line per stage
            assert shown.startswith("\rчитаю відповіді: 0/60000")
            assert shown.count("\n") == 2 and "читаю відповіді: 60000/60000\n" in shown
        else:  # a log: a line when a stage starts and when it ends, no carriage returns
            assert shown.splitlines() == ["читаю відповіді: 0/60000", "читаю відповіді: 60000/60000",
                                          "калібрую сфери: 0/12", "калібрую сфери: 12/12"]


def test_calibration_state_without_a_record(
    small_framework: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["calibration", str(small_framework), "--lang", "uk"]) == 0
    out = capsys.readouterr().out
    assert "з каліброваними параметрами: 0" in out and "Запису калібрування" in out


def test_answer_languages_are_read_when_the_database_stores_them(
    stored: tuple[Path, Path, Counter[str]],
) -> None:
    from digigram.services.calibration import read_responses

    data_dir, _, finished = stored
    without, has = read_responses("store-small", data_dir=data_dir, database_url=None)
    # Revision 0004 stores answer.language; these checks were answered without saying it.
    assert has and {r.language for r in without} == {None}
    assert len(without) == sum(finished.values())
    # English for every other check here, as the app records it from now on.
    with sqlite3.connect(paths.database_path(data_dir)) as con:
        attempts = [row[0] for row in con.execute(
            "SELECT id FROM attempt WHERE status = 'finished' ORDER BY id")]
        for n, attempt in enumerate(attempts):
            con.execute("UPDATE answer SET language = ? WHERE attempt_id = ?",
                        ("en" if n % 2 else "uk", attempt))
    with_lang, has = read_responses("store-small", data_dir=data_dir, database_url=None)
    assert has
    english = {a for n, a in enumerate(attempts) if n % 2}
    assert all(r.language == ("en" if r.attempt in english else "uk") for r in with_lang)


def test_csv_report_in_ukrainian_opens_in_columns_in_ukrainian_excel(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path
) -> None:
    """Excel takes the list separator from the regional settings: with Ukrainian ones it is ';' and the
    decimal mark a comma. The report was comma-separated whatever the language, so a double-click put
    every row in column A, as every other CSV export of Digigram does not."""
    data_dir, framework_file, _ = stored
    report = tmp_path / "звіт.csv"
    code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(tmp_path / "NEW.yaml"), "--min-responses", "100", "--report", str(report),
                 "--lang", "uk"])
    assert code == 0
    text = report.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    assert header[:4] == ["завдання", "тип", "відповіді", "калібровано"] and len(header) == 16
    assert all(len(row) == len(header) for row in rows)
    calibrated = [dict(zip(header, row, strict=True)) for row in rows[1:] if row[3] == "так"]
    assert calibrated
    for row in calibrated:  # 1,234 reads as a number in Ukrainian Excel, 1.234 as a date or text
        for cell in (row["a стало"], row["RMSD"], *row["b/пороги стало"].split()):
            assert re.fullmatch(r"-?\d+,\d{3}", cell), cell
    # In English a comma and decimal points, as English regional settings read them.
    english = tmp_path / "report.csv"
    assert main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(tmp_path / "NEW.yaml"), "--min-responses", "100", "--report", str(english),
                 "--lang", "en"]) == 0
    rows = list(csv.reader(io.StringIO(english.read_bytes().decode("utf-8-sig"))))
    assert len(rows[0]) == 16 and re.fullmatch(r"-?\d+\.\d{3}", rows[1][5])


def test_ctrl_c_while_the_report_is_drawn_leaves_no_new_version_behind(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Drawing the PDF takes seconds after NEW.yaml and its record were written: Ctrl+C then left a new
    version without its report and ended the command without a word."""
    import digigram.charts.calibration as chart

    data_dir, framework_file, _ = stored
    drawn = chart.write_calibration_pdf

    def interrupted(path: Path, **kwargs: object) -> Path:
        drawn(path, **kwargs)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(chart, "write_calibration_pdf", interrupted)
    out = tmp_path / "out"
    out.mkdir()
    for lang, said in (("uk", "Калібрування зупинено; нічого не записано."),
                       ("en", "Calibration stopped; nothing was written.")):
        code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                     "--out", str(out / "NEW.yaml"), "--min-responses", "100",
                     "--report", str(out / "report.pdf"), "--lang", lang])
        assert code == 130
        assert capsys.readouterr().err.endswith(said + "\n")
        assert list(out.iterdir()) == []  # no NEW.yaml, record, report or temporary file


def test_a_framework_file_the_checks_were_not_taken_on_is_named_as_such(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another profession's file said only that there was nothing to calibrate, not which framework the
    checks are on; a file under the same id that the answers do not fit said to wait for more checks."""
    data_dir, _, _ = stored
    other = tmp_path / "other"
    shutil.copytree(FRAMEWORKS, other, ignore=shutil.ignore_patterns("broken"))
    same_id = other / "same-id.yaml"
    same_id.write_text((other / "minimal.yaml").read_text(encoding="utf-8").replace(
        "id: mini-test", "id: store-small"), encoding="utf-8")
    cases = [
        (other / "minimal.yaml", "en", "Its finished checks are on: 'store-small' 1 (finished checks: 300). "
                                       "Give the file of the framework they were taken on with --framework."),
        (other / "minimal.yaml", "uk", "Завершені перевірки в ній є за такими рамками: 'store-small' 1 "
                                       "(завершених перевірок: 300)."),
        (same_id, "en", f"{same_id} does not look like the framework file the checks were taken on."),
        (same_id, "uk", f"схоже, {same_id} — не той файл рамки, за яким проходили перевірки."),
    ]
    for framework_file, lang, said in cases:
        code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                     "--out", str(other / "NEW.yaml"), "--lang", lang])
        err = capsys.readouterr().err
        assert code == 2 and said in err, err
        assert "calibrate again after more finished checks" not in err
        assert not (other / "NEW.yaml").exists()


def test_writing_the_new_version_is_shown_as_a_stage_of_its_own(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rewriting the file with its layout kept and validating it take about 12 s on the shipped
    framework, whatever the data: the progress stood at «calibrating areas: 12/12» all that time."""
    from digigram.services.calibration import run_calibration

    data_dir, framework_file, _ = stored
    out = tmp_path / "NEW.yaml"
    seen: list[tuple[str, int, int, bool]] = []
    run_calibration(framework_file, out=out, data_dir=data_dir, min_responses=100,
                    progress=lambda stage, done, total: seen.append((stage, done, total, out.exists())))
    assert seen[-1] == ("write", 0, 0, False)  # said before the file is made, after the fit
    assert ("fit", 6, 6, False) in seen  # two areas, three fits each (weak priors, pooled, other areas)
    out.unlink()
    code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(out), "--min-responses", "100", "--lang", "uk"])
    assert code == 0
    assert capsys.readouterr().err.splitlines()[-2:] == ["калібрую сфери: 6/6",
                                                         "записую нову версію й перевіряю її"]


def test_counts_in_the_terminal_are_grouped_as_in_the_report(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The terminal said «1714247 answers» where the PDF beside it says «1,714,247» (and «1 714 247» in
    Ukrainian), as every other command writes counts."""
    data_dir, framework_file, finished = stored
    answers = sum(finished.values())
    assert answers >= 1000
    out = tmp_path / "NEW.yaml"
    for lang, grouped in (("en", f"({answers:,} answers)"),
                          ("uk", "(відповідей: " + f"{answers:,}".replace(",", "\u202f") + ")")):
        assert main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                     "--out", str(out), "--min-responses", "100", "--lang", lang]) == 0
        assert grouped in capsys.readouterr().out
    for lang, grouped in (("en", f"{answers:,} answers,"),
                          ("uk", "відповідей: " + f"{answers:,}".replace(",", "\u202f") + ",")):
        assert main(["calibration", str(out), "--lang", lang]) == 0
        assert grouped in capsys.readouterr().out


def test_the_option_nobody_chooses_is_named_by_its_place_in_the_file(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The flag said only «option nobody chooses», in the PDF and the terminal alike, and the CSV gave its
    index from 0 («0» for the first option): the reader could not tell which distractor to replace."""
    from pypdf import PdfReader

    from digigram.charts.calibration import write_calibration_pdf
    from digigram.core.calibration import calibrate
    from digigram.services.calibration import report_csv

    framework = load_framework(SMALL)
    sim = take_quiz(framework, scored_params(framework), people=400, seed=4)
    answered = Counter(r.item_id for r in sim.responses)
    item = max((it for it in framework.items if it.kind == "knowledge" and it.select == "one"
                and len(it.options) >= 3 and it.dichotomous), key=lambda it: answered[it.id])
    never, instead = [i for i, o in enumerate(item.options) if o.score == 0][:2]
    moved = [type(r)(r.attempt, r.item_id, instead if r.item_id == item.id and r.choice == never
                     else r.choice, r.language) for r in sim.responses]
    result = calibrate(framework, moved, min_responses=30)
    place = never + 1  # as a reader counts the options under the item in the file
    rows = list(csv.DictReader(io.StringIO(report_csv(result, framework, "en"))))
    row = next(r for r in rows if r["item"] == item.id)
    assert row["unused options"] == str(place)
    assert f"nobody chooses option {place}" in row["flags"]
    for lang, said in (("en", f"nobody chooses option {place}"), ("uk", f"варіант {place} ніхто не обирає")):
        pdf = tmp_path / f"{lang}.pdf"
        write_calibration_pdf(pdf, result=result, framework=framework, new_version="2", lang=lang)
        assert said in " ".join("".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    # `digigram calibration` reads the same from the record beside a calibrated file.
    data_dir, framework_file, _ = stored
    out = framework_file.with_name("NEW.yaml")
    assert main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(out), "--min-responses", "100", "--lang", "en"]) == 0
    record_file = out.with_name("NEW.calibration.json")
    record = json.loads(record_file.read_text(encoding="utf-8"))
    flagged = next(k for k, v in record["items"].items() if v["calibrated"])
    record["items"][flagged].update(flags=["unused_option"], unused=["0", "2"])
    record_file.write_text(json.dumps(record), encoding="utf-8")
    capsys.readouterr()
    for lang, said in (("en", "nobody chooses options 1, 3"), ("uk", "варіанти 1, 3 ніхто не обирає")):
        assert main(["calibration", str(out), "--lang", lang]) == 0
        line = next(ln for ln in capsys.readouterr().out.splitlines() if flagged in ln)
        assert line.endswith(said), line


def test_answers_without_a_language_are_not_blamed_on_the_database(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The database stores each answer's language (revision 0004), but these checks were answered before
    it did: the PDF said «the database does not store answer languages», as if it had to be upgraded."""
    from pypdf import PdfReader

    data_dir, framework_file, _ = stored
    report = tmp_path / "звіт.pdf"
    assert main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(tmp_path / "NEW.yaml"), "--min-responses", "100", "--report", str(report),
                 "--lang", "uk"]) == 0
    said = "У жодній із цих відповідей не записано, якою мовою її дано: порівняння uk/en немає."
    assert said in capsys.readouterr().out
    text = " ".join("".join(p.extract_text() for p in PdfReader(report).pages).split())
    assert said in text and "База не зберігає" not in text


def test_the_answers_read_take_little_memory_each(stored: tuple[Path, Path, Counter[str]]) -> None:
    """A region's 1.8 million answers took 561 MB once read (one object with its own attribute dict and
    its own copy of the attempt's and the item's id per answer), a third of the command's peak."""
    import tracemalloc

    from digigram.services.calibration import read_responses

    data_dir, _, finished = stored
    read_responses("store-small", data_dir=data_dir, database_url=None)  # the modules it loads aside
    tracemalloc.start()
    try:
        read, _ = read_responses("store-small", data_dir=data_dir, database_url=None)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(read) == sum(finished.values())
    assert held / len(read) < 200, held / len(read)  # bytes per answer: 147 here, it was 322


def test_pdf_shows_kept_items_as_kept_not_as_measured_and_unchanged(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path
) -> None:
    """An item under --min-responses keeps its parameters, but the PDF showed «1,20 → 1,20» for it, as if
    it had been measured and found unchanged: two thirds of the pages on a region's data."""
    from pypdf import PdfReader

    data_dir, framework_file, _ = stored
    report = tmp_path / "звіт.pdf"
    assert main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(tmp_path / "NEW.yaml"), "--min-responses", "101", "--report", str(report),
                 "--lang", "uk"]) == 0
    record = json.loads((tmp_path / "NEW.calibration.json").read_text(encoding="utf-8"))
    kept = [k for k, v in record["items"].items() if not v["calibrated"]]
    assert kept and len(kept) < len(record["items"])
    lines = [" ".join(line.split()) for page in PdfReader(report).pages
             for line in page.extract_text().splitlines()]
    for item_id in kept:
        row = next(line for line in lines if line.startswith(item_id + " "))
        assert row.endswith("без змін") and "→" not in row, row


def _in_a_terminal(command: list[str], columns: int, cwd: Path) -> str:
    """What `digigram COMMAND`, typed in CWD, shows in a terminal COLUMNS wide (a pseudo-terminal, as an
    xterm has)."""
    import os
    import pty
    import subprocess
    import sys

    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "digigram", *command], stdin=subprocess.DEVNULL,
                            stdout=child_fd, stderr=child_fd, env=env, cwd=cwd, close_fds=True)
    os.close(child_fd)
    seen = b""
    try:
        while True:
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # the command has ended and closed its side
                break
            if not chunk:
                break
            seen += chunk
    finally:
        proc.wait(timeout=60)
        os.close(main_fd)
    assert proc.returncode == 0, seen
    return seen.decode("utf-8").replace("\r\n", "\n")


def test_the_calibration_state_fits_an_80_column_terminal(
    small_framework: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An item with two flags made a line of about 95 characters: in an 80-column terminal (or at 200 %
    text) it wrapped mid-word under the next column. Now every line fits, broken between words, the
    flags under the item; a pipe or a file still gets one line per item."""
    framework = load_framework(small_framework)
    scored = [item for item in framework.items if item.scored]
    flags = {scored[0].id: (["low_slope", "misfit", "unused_option", "low_information", "dif"], ["1"]),
             scored[1].id: (["low_information", "unused_option"], ["0", "2"]),
             scored[2].id: (["misfit"], [])}
    record = {"framework": framework.id, "from_version": "0", "version": framework.version,
              "date": "2026-12-02", "attempts": 548, "answers": 20278, "min_responses": 100,
              "items": {item.id: {"n": 122, "flags": flags.get(item.id, ([], []))[0],
                                  "unused": flags.get(item.id, ([], []))[1]} for item in scored}}
    small_framework.with_name("store_small.calibration.json").write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.chdir(small_framework.parent)  # the methodologist works in the framework's folder
    for lang in ("en", "uk"):
        command = ["calibration", small_framework.name, "--all", "--lang", lang]
        assert main(command) == 0
        piped = capsys.readouterr().out
        shown = _in_a_terminal(command, 80, small_framework.parent)
        lines = shown.splitlines()
        assert max(map(len, lines)) <= 80, shown
        assert shown.split() == piped.split()  # the same words, none cut in two
        rows = [line for line in lines if re.match(r"  \S+\.\d", line)]
        assert len(rows) == len(scored) and len({row.index(" n=") for row in rows}) == 1, shown
        # The long flags follow their item, indented past the item ids; one short flag stays beside it.
        first = lines.index(next(row for row in rows if scored[0].id in row))
        assert lines[first + 1].startswith(" " * 15) and not lines[first + 1].startswith(" " * 16)
        assert next(row for row in rows if scored[2].id in row).endswith(
            {"en": "misfit", "uk": "не відповідає моделі"}[lang])
        piped_rows = [line for line in piped.splitlines() if re.match(r"  \S+\.\d", line)]
        assert len(piped.splitlines()) == 3 + len(piped_rows) and len(piped_rows) == len(scored)


def test_partial_files_a_killed_calibration_left_are_removed_and_a_running_ones_are_not(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A calibration killed while it wrote left hidden partial files (a whole new framework, a report of
    every item) beside NEW.yaml for good; and another writer could take a running one's for left behind."""
    import os

    import digigram.charts.calibration as chart
    from digigram.core.files import partial_name, remove_stale_partials
    from digigram.services.calibration import record_path

    data_dir, framework_file, _ = stored
    out = tmp_path / "out"
    out.mkdir()
    left = [partial_name(out / name) for name in ("NEW.yaml", "report.pdf")]
    for path in left:  # as a calibration killed an hour ago left them: written, never locked again
        path.write_bytes(b"half a file")
        os.utime(path, (0, 0))
    drawn = chart.write_calibration_pdf
    taken: list[Path] = []

    def while_drawing(path: Path, **kwargs: object) -> Path:
        for partial in out.iterdir():  # this run's, made old: only their locks keep them
            os.utime(partial, (0, 0))
        taken.extend(remove_stale_partials(out / "NEW.yaml") + remove_stale_partials(path))
        return drawn(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(chart, "write_calibration_pdf", while_drawing)
    code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(out / "NEW.yaml"), "--min-responses", "100",
                 "--report", str(out / "report.pdf")])
    assert code == 0
    assert taken == []  # another writer took none of the running calibration's files
    wanted = ["NEW.yaml", "report.pdf", record_path(out / "NEW.yaml").name]
    assert sorted(p.name for p in out.iterdir()) == sorted(wanted)  # the killed run's partials are gone


def test_the_report_pdf_goes_into_its_held_partial_and_nothing_is_renamed_over_one(
    stored: tuple[Path, Path, Counter[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The PDF was saved through a partial of its own renamed over the report's held partial file: Windows
    refuses to replace a file that is open, so every `--report X.pdf` failed there; elsewhere the lock
    stayed on the file replaced, and a killed drawing left a partial of a partial that nothing removed."""
    import os

    replaced: list[str] = []
    rename = os.replace

    def recorded(src: Any, dst: Any, **kwargs: Any) -> None:
        replaced.append(Path(dst).name)
        rename(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", recorded)
    data_dir, framework_file, _ = stored
    out = tmp_path / "out"
    out.mkdir()
    code = main(["calibrate", "--framework", str(framework_file), "--data-dir", str(data_dir),
                 "--out", str(out / "NEW.yaml"), "--min-responses", "100",
                 "--report", str(out / "report.pdf")])
    assert code == 0
    assert not [name for name in replaced if name.endswith(".partial")], replaced
    pdf = (out / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
