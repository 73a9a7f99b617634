"""Exports: the group CSV opens in Excel with Ukrainian intact; the group and individual PDFs name people."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from digigram.core.coordination import DashboardFilter
from digigram.core.errors import DigigramError
from digigram.core.records import Plan, PlanStep
from digigram.services.coordinator.mode import Coordinator
from digigram.services.workspace import Workspace
from tests.coordinator.conftest import add_check
from tests.store.helpers import some_choice


def _group(ws: Workspace) -> None:
    olena = ws.create_person("Олена Ґудзь-Їжакевич", hub="Хаб «Ірпінь», центр", group="Весна")
    risky = ws.create_person("=HYPERLINK(\"http://x\")", hub="Хаб Львів")
    ws.create_person("Петро Бондар", hub="Хаб Львів")
    when = datetime(2025, 3, 10, 12, tzinfo=UTC)
    add_check(ws, olena, when=when, rating=5, levels={"DOC": ("A", "B"), "NET": ("C", "C")})
    add_check(ws, risky, when=when, rating=5, levels={"DOC": ("B", "B"), "NET": ("A", "C")})


def test_group_csv_has_a_bom_ukrainian_text_and_parses_back(ws: Workspace, co: Coordinator,
                                                            tmp_path: Path) -> None:
    _group(ws)
    target = co.export_group_csv(tmp_path / "група.csv", DashboardFilter(), lang="uk")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert not data[3:].startswith(b"sep=")  # Excel ignores the BOM when a sep= line follows it
    text = data.decode("utf-8-sig")
    # Excel with Ukrainian regional settings splits on ';' (a comma put everything in column A).
    assert text.startswith("Імʼя;Хаб;Регіон;Група;")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][:7] == ["Імʼя", "Хаб", "Регіон", "Група", "Роль", "Перевірок", "Остання перевірка"]
    assert rows[0][7:10] == ["Документи: рівень", "Документи: ціль", "Документи: рівнів до цілі"]
    assert rows[0][-1] == "Потребує допомоги"
    body = {r[0]: r for r in rows[1:]}
    olena = body["Олена Ґудзь-Їжакевич"]
    assert olena[1] == "Хаб «Ірпінь», центр"  # a comma inside a cell stays in that cell
    assert olena[2] == ""  # a hub typed before regions existed has none yet
    assert olena[3:7] == ["Весна", "Бібліотекар", "1", "2025-03-10"]
    assert olena[7:13] == ["A", "B", "1", "C", "C", "0"]
    assert olena[-1] == "так"
    # No finished check: no answer to "needs help", left blank as on the screen, not "no".
    assert body["Петро Бондар"][5:] == ["0", "", "", "", "", "", "", "", ""]
    # A name that a spreadsheet would run as a formula is kept as text.
    assert "'=HYPERLINK(\"http://x\")" in body
    assert all(len(r) == len(rows[0]) for r in rows)
    assert b"\r\n" in data


def test_group_csv_follows_the_filter_and_the_language(
    ws: Workspace, co: Coordinator, tmp_path: Path
) -> None:
    _group(ws)
    (lviv,) = [h for h in ws.hubs() if h.name == "Хаб Львів"]
    target = co.export_group_csv(tmp_path / "lviv.csv", DashboardFilter(hub_id=lviv.id), lang="en")
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "Name" and rows[0][-1] == "Needs help"
    assert sorted(r[0] for r in rows[1:]) == ["'=HYPERLINK(\"http://x\")", "Петро Бондар"]


@pytest.mark.parametrize(("lang", "no"), [("uk", "ні"), ("en", "no")])
def test_group_csv_leaves_needs_help_blank_for_someone_never_checked(
        ws: Workspace, co: Coordinator, tmp_path: Path, lang: str, no: str) -> None:
    """The CSV said "needs help: no" for a person with no finished check, where the dashboard leaves the
    cell blank: nobody knows yet. Someone checked and doing fine still reads "no"."""
    _group(ws)
    fine = ws.create_person("Ганна Шевчук", hub="Хаб Львів")
    add_check(ws, fine, when=datetime(2025, 3, 10, 12, tzinfo=UTC), levels={"DOC": ("B", "B"),
                                                                           "NET": ("C", "C")})
    target = co.export_group_csv(tmp_path / "t.csv", DashboardFilter(), lang=lang, separator=";")
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    help_of = {r[0]: (r[5], r[-1]) for r in rows[1:]}
    assert help_of["Петро Бондар"] == ("0", "")
    assert help_of["Ганна Шевчук"] == ("1", no)
    assert help_of["Олена Ґудзь-Їжакевич"] == ("1", "так" if lang == "uk" else "yes")


def _pdf_text(path: Path) -> str:
    # words wrapped onto the next line come back joined by a newline: compare with spaces only
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def test_group_pdf_names_trainees_and_summarises(ws: Workspace, co: Coordinator, tmp_path: Path) -> None:
    _group(ws)
    target = co.export_group_pdf(tmp_path / "group.pdf", DashboardFilter(), lang="uk")
    assert target.read_bytes().startswith(b"%PDF-")
    text = _pdf_text(target)
    assert "Звіт про групу" in text
    assert "Олена Ґудзь-Їжакевич" in text and "Петро Бондар" in text
    assert "Найслабші сфери" in text and "Документи" in text
    assert "До і після" in text


def test_group_pdf_tells_namesakes_apart_by_their_hub(ws: Workspace, co: Coordinator, tmp_path: Path) -> None:
    """The group report's picture listed «Андрій Бойко» several times with nothing to tell them apart (its
    rows have no hub column); each namesake is now followed by the hub, and a name borne once stays bare."""
    when = datetime(2025, 3, 10, 12, tzinfo=UTC)
    for name, hub, group in (("Андрій Бойко", "Хаб Ірпінь", "Весна"), ("Андрій Бойко", "Хаб Львів", "Весна"),
                             ("Андрій Бойко", "Хаб Львів", "Осінь"), ("Петро Бондар", "Хаб Львів", "Весна")):
        add_check(ws, ws.create_person(name, hub=hub, group=group), when=when, rating=5,
                  levels={"DOC": ("A", "B"), "NET": ("C", "C")})
    text = _pdf_text(co.export_group_pdf(tmp_path / "group.pdf", DashboardFilter(), lang="uk"))
    for label in ("Андрій Бойко (Хаб Ірпінь)", "Андрій Бойко (Хаб Львів · Весна)",
                  "Андрій Бойко (Хаб Львів · Осінь)"):
        assert label in text, text
    assert "Петро Бондар (" not in text and "Петро Бондар" in text


def test_person_pdf_has_the_name_chart_table_and_plan(ws: Workspace, co: Coordinator, tmp_path: Path) -> None:
    person = ws.create_person("Ярина Левченко", hub="Хаб Ірпінь")
    session = ws.start_quiz(person.id, seed=5, rating_before=6)
    rng = random.Random(5)
    while (item := session.current_item) is not None:
        session.answer(some_choice(ws.framework, item, rng))
    session.finish(rating_after=7)
    steps = (PlanStep(competence_id="DOC.1", goal="Навчитися шаблонам документів"),
             PlanStep(competence_id="NET.2", goal="Налаштувати мережу"))
    ws.save_plan(person.id, Plan(person_id=person.id, steps=steps, attempt_id=session.attempt_id))
    saved = ws.plan_for(person.id)
    assert saved is not None and saved.steps[1].id is not None
    co.comment_on_step(person.id, saved.steps[1].id, "Почніть з маршрутизатора")
    detail = co.trainee(person.id)
    assert detail.plan is not None
    assert [s.coordinator_comment for s in detail.plan.steps] == ["", "Почніть з маршрутизатора"]
    assert [s.id for s in detail.plan.steps] == [s.id for s in saved.steps]
    assert detail.latest_result is not None and set(detail.latest_result.areas) == {"DOC", "NET"}
    target = co.export_person_pdf(tmp_path / "person.pdf", person.id, lang="uk")
    text = _pdf_text(target)
    assert "Ярина Левченко" in text and "Хаб Ірпінь" in text
    assert "Результати за сферами" in text and "Документи" in text
    assert "Навчитися шаблонам документів" in text and "Почніть з маршрутизатора" in text
    assert "заплановано" in text


def test_group_csv_separator_can_be_chosen_and_is_checked(ws: Workspace, co: Coordinator,
                                                          tmp_path: Path) -> None:
    _group(ws)
    target = co.export_group_csv(tmp_path / "tab.csv", DashboardFilter(), lang="uk", separator="\t")
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline=""), delimiter="\t"))
    assert rows[0][:2] == ["Імʼя", "Хаб"]
    english = co.export_group_csv(tmp_path / "en.csv", DashboardFilter(), lang="en")
    assert english.read_bytes().decode("utf-8-sig").startswith("Name,Hub,Region,")
    with pytest.raises(DigigramError) as caught:
        co.export_group_csv(tmp_path / "bad.csv", DashboardFilter(), lang="uk", separator=";;")
    assert "Роздільник" in caught.value.message("uk")
    assert not (tmp_path / "bad.csv").exists()


@pytest.mark.parametrize(("lang", "change", "other"), [("uk", "+0,5", "+0.5"), ("en", "+0.5", "+0,5")])
def test_group_pdf_writes_the_change_in_levels_as_the_language_does(
        ws: Workspace, co: Coordinator, tmp_path: Path, lang: str, change: str, other: str) -> None:
    """The Ukrainian group report wrote the mean change "+0.50" where everything else says "40,6"."""
    first, later = datetime(2025, 1, 10, 12, tzinfo=UTC), datetime(2025, 3, 10, 12, tzinfo=UTC)
    for name, before, after in (("Олена Коваль", "A", "B"), ("Петро Бондар", "B", "B")):
        person = ws.create_person(name, hub="Хаб Львів")
        add_check(ws, person, when=first, rating=5, levels={"DOC": (before, "C"), "NET": ("B", "C")})
        add_check(ws, person, when=later, rating=8, levels={"DOC": (after, "C"), "NET": ("B", "C")})
    text = _pdf_text(co.export_group_pdf(tmp_path / "group.pdf", DashboardFilter(), lang=lang))
    assert change in text and other not in text


@pytest.mark.parametrize(("lang", "nothing", "counted"), [
    ("uk", "порівнювати поки нічого", "1 із 1 (100 %)"),
    ("en", "nothing to compare", "1 of 1 (100%)")])
def test_group_pdf_compares_only_checks_weeks_apart_with_counts(
        ws: Workspace, co: Coordinator, tmp_path: Path, lang: str, nothing: str, counted: str) -> None:
    """The group report compared a retake minutes after the first check as "before and after" and gave
    bare shares of one person; now it says there is nothing to compare, and later the count by the share."""
    from datetime import timedelta

    first = datetime(2025, 1, 10, 12, tzinfo=UTC)
    person = ws.create_person("Олена Коваль", hub="Хаб Львів")
    add_check(ws, person, when=first, rating=3, levels={"DOC": ("A", "C"), "NET": ("B", "C")})
    add_check(ws, person, when=first + timedelta(minutes=5), rating=8,
              levels={"DOC": ("B", "C"), "NET": ("B", "C")})
    text = _pdf_text(co.export_group_pdf(tmp_path / "minutes.pdf", DashboardFilter(), lang=lang))
    section = text[text.index("До і після" if lang == "uk" else "Before and after"):]
    assert nothing in section and "%" not in section.split(" · ")[0], section
    add_check(ws, person, when=first + timedelta(days=30), rating=8,
              levels={"DOC": ("B", "C"), "NET": ("B", "C")})
    text = _pdf_text(co.export_group_pdf(tmp_path / "weeks.pdf", DashboardFilter(), lang=lang))
    assert nothing not in text and counted in text, text


def test_group_pdf_tells_each_step_and_page_and_a_cancel_leaves_no_file(
        ws: Workspace, co: Coordinator, tmp_path: Path) -> None:
    """A region's report takes seconds: the app shows which step and page it is at, and Cancel stops it
    with nothing written, not even the half-written temporary file."""
    from digigram.core.errors import Cancelled

    _group(ws)
    heard: list[tuple[str, int, int]] = []
    target = co.export_group_pdf(tmp_path / "group.pdf", DashboardFilter(), lang="uk",
                                 progress=lambda *step: heard.append(step))
    pages = len(PdfReader(target).pages)
    assert pages >= 2
    assert heard[:2] == [("reading", 0, 0), ("drawing", 0, 0)]
    assert heard[2:] == [("pages", done, pages) for done in range(pages + 1)]

    stopped = tmp_path / "stopped"
    stopped.mkdir()
    told: list[tuple[str, int, int]] = []
    with pytest.raises(Cancelled) as caught:
        co.export_group_pdf(stopped / "group.pdf", DashboardFilter(), lang="en",
                            progress=lambda *step: told.append(step),
                            cancelled=lambda: ("pages", 1, pages) in told)
    assert told[-1] == ("pages", 1, pages)  # stopped between pages, once Cancel was heard
    assert list(stopped.iterdir()) == []
    assert caught.value.message("uk") == "Зупинено. Жодного файлу не записано."


def test_group_csv_cancelled_while_reading_writes_nothing(ws: Workspace, co: Coordinator,
                                                          tmp_path: Path) -> None:
    from digigram.core.errors import Cancelled

    _group(ws)
    heard: list[tuple[str, int, int]] = []
    co.export_group_csv(tmp_path / "all.csv", DashboardFilter(), lang="uk",
                        progress=lambda *s: heard.append(s))
    assert heard == [("reading", 0, 0), ("writing", 0, 0)]
    with pytest.raises(Cancelled):
        co.export_group_csv(tmp_path / "none.csv", DashboardFilter(), lang="uk",
                            progress=lambda *s: heard.append(s), cancelled=lambda: len(heard) >= 3)
    assert not (tmp_path / "none.csv").exists()


def test_without_roles_the_group_files_hold_levels_and_no_targets(ws: Workspace, tmp_path: Path) -> None:
    """A framework without roles sets no targets. The group PDF still counted «need help: 0», listed
    «weakest areas» of «0 / 0» and drew a heatmap of «—» keyed as no data; the CSV carried empty Role,
    target and gap columns and «needs help: no» for everyone."""
    import shutil

    from tests.store.helpers import without_roles
    from tests.ui.conftest import MINI
    from tests.ui.coordinator_seed import finish_check

    folder = tmp_path / "roles-free"
    folder.mkdir()
    framework = without_roles(MINI, folder / "no-roles.yaml")
    shutil.copytree(MINI.parent / "handouts", folder / "handouts")
    with Workspace.open(data_dir=folder / "data", framework_path=framework) as free:
        assert not free.framework.profiles
        finish_check(free, free.create_person("Олена").id, seed=1, mode="full")
        free.set_coordinator_password("пароль координатора")
        co = free.unlock_coordinator("пароль координатора")
        text = _pdf_text(co.export_group_pdf(tmp_path / "group.pdf", DashboardFilter(), lang="uk"))
        assert "Слухачів: 1; з перевірками: 1" in text and "допомоги:" not in text
        assert "У цій рамці немає ролей" in text
        assert "Найслабші сфери" not in text and "Теплова карта" not in text
        assert len(PdfReader(tmp_path / "group.pdf").pages) == 1
        rows = list(csv.reader(io.StringIO(co.export_group_csv(tmp_path / "group.csv", DashboardFilter(),
                                                               lang="en").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Name", "Hub", "Region", "Group", "Checks", "Last check", "Information: level",
                       "Safety: level"]
    assert rows[1][0] == "Олена" and rows[1][4] == "1" and all(rows[1][6:]), rows[1]
