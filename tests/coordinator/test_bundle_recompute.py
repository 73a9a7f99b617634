"""Import recomputes each finished check's stored results from its answers: a forged result is refused.

Every hub holds the regional key, so a rogue hub can change a check's results and sign the bundle
again; only recomputing the results from the answers shows it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from digigram.core import engine, itembank
from digigram.core.bundle.format import RECORD_FILES
from digigram.core.bundle.read import open_bundle
from digigram.core.bundle.records import converter
from digigram.core.coordination import BundleError
from digigram.core.errors import Cancelled
from digigram.core.i18n import N_
from digigram.core.loader import load_framework
from digigram.core.result_record import record_text
from digigram.core.scoring import ENGINE_VERSION
from digigram.services.bundles import recompute, side
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.workspace import Workspace
from digigram.store import backup
from tests.conftest import Target
from tests.coordinator.test_bundle_support import (
    KEY,
    MANIFEST,
    SMALL,
    as_jsonl,
    child_left_of_killed_import,
    dump_target,
    ends_soon,
    lines,
    make_hub,
    members,
    reseal,
    write_zip,
)

Files = dict[str, bytes]
Records = list[dict[str, Any]]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> tuple[Files, dict[str, Any]]:
    """A genuine signed bundle of 9 people's 13 finished checks, and each check's result at the hub."""
    base = tmp_path_factory.mktemp("recompute")
    results = make_hub(base / "hub", people=9, seed=7)
    with Workspace.open(data_dir=base / "hub", framework_path=SMALL) as ws:
        export_bundle(ws, base / "hub.zip", key=KEY)
    return members(base / "hub.zip"), results


def _edit(files: Files, kind: str, change: Callable[[Records], None]) -> Files:
    records = lines(files[RECORD_FILES[kind]])
    change(records)
    return reseal({**files, RECORD_FILES[kind]: as_jsonl(records)})  # signed again with the shared key


# How a forger writes the changed record: another layout than the database's (so import parses it), or
# the database's own (so import compares the text itself first; see the test in the stored layout).
LAYOUT: dict[str, Callable[[dict[str, Any]], str]] = {"write": lambda r: json.dumps(r, ensure_ascii=False)}


def _result(change: Callable[[dict[str, Any]], None], index: int = 2) -> Callable[[Records], None]:
    """A change to the stored result record of the `index`-th check."""
    def edit(attempts: Records) -> None:
        record = json.loads(attempts[index]["result"])
        change(record)
        attempts[index]["result"] = LAYOUT["write"](record)
    return edit


def _named(files: Files, index: int = 2) -> tuple[str, str]:
    """The person's name and the finished day of the `index`-th check: the refusal must name them."""
    attempt = lines(files[RECORD_FILES["attempts"]])[index]
    people = {p["id"]: p["name"] for p in lines(files[RECORD_FILES["people"]])}
    return people[attempt["person_id"]], f"{datetime.fromisoformat(attempt['finished_at']):%Y-%m-%d}"


def _refused(target: Target, tmp_path: Path, files: Files, *named: str, english: str = "",
             framework: Path = SMALL) -> str:
    with Workspace.open(**target.open_kwargs(), framework_path=framework) as ws:
        before = dump_target(target)
        with pytest.raises(BundleError) as caught:
            import_bundle(ws, write_zip(tmp_path / "b.zip", files.items()), key=KEY)
        assert dump_target(target) == before  # nothing written: every table's rows the same
    en, uk = caught.value.message("en"), caught.value.message("uk")
    for words in named:  # the person and the day, in both languages
        assert words in en and words in uk, en
    assert english in en, en
    assert "Nothing was imported" in en and "Нічого не імпортовано" in uk and uk != en
    return en


def _raise_level(record: dict[str, Any]) -> None:
    area = record["areas"][0]
    area["level"], area["level_index"] = "C", 2
    area["theta"] += 2.0


def _raise_row(rows: Records) -> None:
    rows[0]["level"], rows[0]["theta"], rows[0]["band"] = "C", rows[0]["theta"] + 2.0, ["C", "C"]


def _score_up(record: dict[str, Any]) -> None:
    wrong = next(e for e in record["evidence"] if e["score"] < 1.0)
    wrong["score"] = 1.0


TAMPERED: list[tuple[str, Callable[[Files], tuple[Files, int]]]] = [
    ("result level and theta", lambda f: (_edit(f, "attempts", _result(_raise_level)), 2)),
    ("result theta by a little", lambda f: (_edit(f, "attempts", _result(
        lambda r: r["areas"][1].__setitem__("theta", r["areas"][1]["theta"] + 0.01))), 2)),
    ("result said level", lambda f: (_edit(f, "attempts", _result(
        lambda r: r["areas"][0]["said"].__setitem__("level", "C" if r["areas"][0]["said"]["level"] != "C"
                                                    else "A"))), 2)),
    # Just beyond the tolerance (1e-6), and a count stored as a figure a hair from it: neither is taken
    # as equal by the quick comparison of whole records.
    ("result theta by 1e-5", lambda f: (_edit(f, "attempts", _result(
        lambda r: r["areas"][1].__setitem__("theta", r["areas"][1]["theta"] + 1e-5))), 2)),
    ("result count as a near figure", lambda f: (_edit(f, "attempts", _result(
        lambda r: r["areas"][0].__setitem__("items", r["areas"][0]["items"] + 1e-11))), 2)),
    ("answer scored higher", lambda f: (_edit(f, "attempts", _result(_score_up)), 2)),
    ("competence gap", lambda f: (_edit(f, "attempts", _result(
        lambda r: r["competences"][0].__setitem__("gap", 0 if r["competences"][0]["gap"] else 1))), 2)),
    # Beyond PostgreSQL's integer: the import stopped with the database's «integer out of range».
    ("competence gap beyond the integers", lambda f: (_edit(f, "attempts", _result(
        lambda r: r["competences"][0].__setitem__("gap", 3_000_000_000))), 2)),
    ("area row", lambda f: (_edit(f, "results", _raise_row), 0)),
]


@pytest.mark.parametrize(("label", "tamper"), TAMPERED, ids=[t[0] for t in TAMPERED])
def test_a_result_changed_and_signed_again_is_refused_naming_the_check(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path, label: str,
        tamper: Callable[[Files], tuple[Files, int]]) -> None:
    files, index = tamper(hub[0])
    name, day = _named(files, index)
    en = _refused(target, tmp_path, files, name, day)
    assert "do not follow from its answers" in en, en


@pytest.mark.parametrize(("label", "tamper"), TAMPERED, ids=[t[0] for t in TAMPERED])
def test_a_result_changed_in_the_stored_layout_is_refused_too(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path, label: str,
        tamper: Callable[[Files], tuple[Files, int]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Written exactly as the database writes a record, a forged result is compared as text first; that
    comparison must send it on to be refused, never take it."""
    monkeypatch.setitem(LAYOUT, "write", record_text)
    files, index = tamper(hub[0])
    name, day = _named(files, index)
    en = _refused(target, tmp_path, files, name, day)
    assert "do not follow from its answers" in en, en


def test_a_forged_result_is_refused_even_when_the_backup_before_the_write_finds_no_room(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A recompute in another process may still be at work when the write (and, into SQLite, the backup
    before it) begins. A problem met there must not hide the forgery, which one process found first."""
    def no_room(*_args: Any, **_kwargs: Any) -> None:
        raise backup.NoRoomForBackup(N_("There is no room on the disk for a new backup."))
    monkeypatch.setattr(backup, "make_backup", no_room)
    files = _edit(hub[0], "attempts", _result(_raise_level))
    en = _refused(target, tmp_path, files, *_named(files))
    assert "do not follow from its answers" in en, en


def _recomputes(monkeypatch: pytest.MonkeyPatch) -> list[recompute.Recompute]:
    """Every Recompute the imports make from now on (a forked one's findings are copied back into it)."""
    made: list[recompute.Recompute] = []
    init = recompute.Recompute.__init__

    def keep(self: recompute.Recompute, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(recompute.Recompute, "__init__", keep)
    return made


def test_a_genuine_bundle_is_compared_as_text_without_parsing_a_stored_result(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What makes the recompute cheap: a genuine check's stored text and area rows are, to the byte, what
    the recompute writes (the hub and the region here share the arithmetic), so none is parsed."""
    made = _recomputes(monkeypatch)
    parsed: list[Any] = []  # stored results and area rows parsed
    stored, row = recompute.Recompute._stored, recompute._RESULT
    monkeypatch.setattr(recompute.Recompute, "_stored",
                        lambda self, check, text: parsed.append(text) or stored(self, check, text))
    monkeypatch.setattr(recompute, "_RESULT", lambda line: parsed.append(line) or row(line))
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "b.zip", hub[0].items()), key=KEY)
    assert report.added["attempts"] == 13
    assert [(r.recomputed, r.same_text) for r in made] == [(13, 13)]
    assert parsed == []


def _fed(bundle: Path, feed: Callable[[recompute.Recompute, list[dict[str, Any]]], None]) -> list[Any]:
    """Each check as the recompute gathers it for a batch (its id, whether the database holds it, its
    answers), once `feed` has given it every answer record of the bundle."""
    gathered: list[Any] = []
    with open_bundle(bundle, key=KEY) as reader:
        r = recompute.Recompute(reader, None, skip={"00000000-unknown", _middle_check(reader)})  # type: ignore[arg-type]

        def run() -> None:
            gathered.extend((c.attempt["id"], c.skip, list(c.answers)) for c in r._batch)
            r._batch = []

        r._run = run  # type: ignore[method-assign]
        convert = converter("answers")
        feed(r, [convert(line) for line in reader.lines(RECORD_FILES["answers"])])
        run()
        assert r._current is not None
        gathered.append((r._current.attempt["id"], r._current.skip, list(r._current.answers)))
    return gathered


def _one_at_a_time(r: recompute.Recompute, records: list[dict[str, Any]]) -> None:
    for record in records:
        r.answer(record)


def _middle_check(reader: Any) -> str:
    """The check of the answer halfway through the answers' file: neither the first check nor the
    last, and one with answers."""
    answers = list(reader.lines(RECORD_FILES["answers"]))
    return str(converter("answers")(answers[len(answers) // 2])["attempt_id"])


def test_answers_given_in_one_run_reach_each_check_as_when_given_one_by_one(
        hub: tuple[Files, dict[str, Any]], tmp_path: Path) -> None:
    """The forked recompute takes the answers' file in one run (`Recompute.answers`), the pass one by
    one (`answer`): each check gets the same answers in the same order, and one the database holds
    gets none, whether the run is a list or an iterator."""
    bundle = write_zip(tmp_path / "b.zip", hub[0].items())
    one_by_one = _fed(bundle, _one_at_a_time)
    assert len(one_by_one) >= 13 and sum(len(answers) for _, _, answers in one_by_one) > 13 * 5
    skipped = [n for n, (_, skip, _) in enumerate(one_by_one) if skip]
    assert len(skipped) == 1 and 0 < skipped[0] < len(one_by_one) - 1
    assert all(answers == [] for _, skip, answers in one_by_one if skip)
    assert _fed(bundle, lambda r, records: r.answers(records)) == one_by_one
    assert _fed(bundle, lambda r, records: r.answers(iter(records))) == one_by_one


def test_checks_the_database_holds_are_not_recomputed_again(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A check already stored is compared with the database's copy, not recomputed. On PostgreSQL the
    recompute's process starts before the checks are compared, and must wait to hear which are stored."""
    made = _recomputes(monkeypatch)
    bundle = write_zip(tmp_path / "b.zip", hub[0].items())
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        first = import_bundle(ws, bundle, key=KEY)
        again = import_bundle(ws, bundle, key=KEY)
    assert first.added["attempts"] == 13 and again.unchanged["attempts"] == 13
    assert [r.recomputed for r in made] == [13, 0]


def test_checks_whose_framework_only_the_database_holds_are_recomputed_on_it(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle may leave out a framework the region has (docs/bundles.md): its checks are recomputed on
    the database's copy, also by a recompute process forked before the checks' file names it."""
    made = _recomputes(monkeypatch)
    make_hub(tmp_path / "other", people=2, hub="Хаб Ірпінь", seed=11)
    with Workspace.open(data_dir=tmp_path / "other", framework_path=SMALL) as ws:
        export_bundle(ws, tmp_path / "other.zip", key=KEY)
    files = members(tmp_path / "other.zip")
    manifest = json.loads(files[MANIFEST])
    manifest["frameworks"] = []
    without = reseal({**files, RECORD_FILES["frameworks"]: b""}, manifest=manifest)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        import_bundle(ws, write_zip(tmp_path / "b.zip", hub[0].items()), key=KEY)  # the framework arrives
        report = import_bundle(ws, write_zip(tmp_path / "without.zip", without.items()), key=KEY)
    assert report.added["attempts"] == 3 and report.added["frameworks"] == 0
    assert [r.recomputed for r in made] == [13, 3]


def test_a_stored_result_that_is_not_a_record_is_refused_as_damaged(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path) -> None:
    """The verifying pass leaves a stored result's full check to the recompute: still refused, naming
    the record and the field, with nothing written."""
    for broken in ("{not json", json.dumps({"format": 1}), "[]"):
        def edit(attempts: Records, broken: str = broken) -> None:
            attempts[4]["result"] = broken
        en = _refused(target, tmp_path, _edit(hub[0], "attempts", edit))
        assert ("Record 5 in the file records/attempts.jsonl: the field 'result' must be a stored result"
                in en), en


def test_an_answer_changed_under_its_result_is_refused(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path) -> None:
    """The other way round: the results kept, one self-rating answered differently."""
    files = hub[0]
    attempts = lines(files[RECORD_FILES["attempts"]])

    fw = load_framework(SMALL)
    rated = {i.id for i in fw.items if i.kind == "self_rating"}  # each on a four-point scale

    def change(answers: Records) -> None:
        answer = next(a for a in answers if a["attempt_id"] == attempts[0]["id"] and a["item_id"] in rated)
        answer["choice"] = (answer["choice"] + 2) % 4
    changed = _edit(files, "answers", change)
    name, day = _named(changed, 0)
    _refused(target, tmp_path, changed, name, day, english="do not follow")


def test_a_result_from_an_engine_this_release_cannot_recompute_is_refused(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path) -> None:
    later = str(int(ENGINE_VERSION) + 1)

    def newer(attempts: Records) -> None:
        _result(lambda r: r.__setitem__("engine_version", later), 1)(attempts)
        attempts[1]["engine_version"] = later
    files = _edit(hub[0], "attempts", newer)
    name, day = _named(files, 1)
    en = _refused(target, tmp_path, files, name, day, f"'{later}'")
    assert "newer Digigram" in en and "Update" in en and "it knows versions 2, 3" in en


def test_an_engine_version_that_differs_from_the_result_s_own_is_refused(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path) -> None:
    files = _edit(hub[0], "attempts", lambda rs: rs[1].__setitem__("engine_version", None))
    name, day = _named(files, 1)
    _refused(target, tmp_path, files, name, day, english="engine version")


def _partly_calibrated(folder: Path) -> Path:
    """store_small.yaml with its level-A knowledge questions' parameters given (`irt`), as a calibration
    writes them: a bank of measured and guessed items, where engine 3 widens the guessed ones."""
    marker = "\n    kind: knowledge\n    level: A\n"
    blocks = SMALL.read_text("utf-8").split("\n  - id: ")
    blocks = [b.replace(marker, marker + "    irt: {a: 1.1, b: -2.2}\n") for b in blocks]
    path = folder / "store_small_calibrated.yaml"
    path.write_text("\n  - id: ".join(blocks), "utf-8")
    assert itembank.bank_for(load_framework(path)).mixed
    return path


def test_results_engine_2_stored_on_a_partly_calibrated_framework_import_as_they_were(
        target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hub on the release before engine 3 stored results on a framework with some questions calibrated.
    Engine 3 widens the other questions' curves there, so its figures for those answers differ; the
    import recomputes each check by the rules of the engine that stored it: taken as they were, and the
    same figures claimed as engine 3's are refused."""
    framework = _partly_calibrated(tmp_path)
    with monkeypatch.context() as m:  # the hub's quiz computes as engine 2 did
        m.setattr(engine, "bank_for", lambda fw, version=ENGINE_VERSION: itembank.bank_for(fw, "2"))
        results = make_hub(tmp_path / "hub", people=4, seed=3, framework=framework)
        with Workspace.open(data_dir=tmp_path / "hub", framework_path=framework) as ws:
            export_bundle(ws, tmp_path / "hub.zip", key=KEY)
    assert len(results) == 6 and {r.engine_version for r in results.values()} == {"2"}
    files = members(tmp_path / "hub.zip")

    def claimed_as_now(attempts: Records) -> None:
        for n, attempt in enumerate(attempts):
            _result(lambda r: r.__setitem__("engine_version", ENGINE_VERSION), n)(attempts)
            attempt["engine_version"] = ENGINE_VERSION
    claimed = _edit(files, "attempts", claimed_as_now)
    name, day = _named(claimed, 0)
    en = _refused(target, tmp_path, claimed, name, day, framework=framework)
    # Refused for a figure, not for the version: recomputed by engine 3 as its label says, it differs.
    assert "do not follow from its answers" in en and "engine_version" not in en, en
    with Workspace.open(**target.open_kwargs(), framework_path=framework) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "b.zip", files.items()), key=KEY)
        assert report.added["attempts"] == len(results)
        for attempt_id, result in results.items():
            mine = ws.results_for(attempt_id)
            assert mine.engine_version == "2" and mine.params_source == "mixed: 4 of 32 from the file"
            assert {a: (r.level, r.band, r.theta, r.sd) for a, r in mine.areas.items()} == {
                a: (r.level, r.band, r.theta, r.sd) for a, r in result.areas.items()}


def test_a_question_given_twice_in_one_check_is_refused(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path) -> None:
    files = hub[0]
    first = lines(files[RECORD_FILES["attempts"]])[0]["id"]

    def twice(answers: Records) -> None:
        mine = [a for a in answers if a["attempt_id"] == first]
        mine[1]["item_id"], mine[1]["choice"] = mine[0]["item_id"], mine[0]["choice"]
    changed = _edit(files, "answers", twice)
    name, day = _named(changed, 0)
    _refused(target, tmp_path, changed, name, day, english="cannot be replayed")


def test_a_genuine_bundle_of_many_checks_imports_whole_across_many_batches(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    files, results = hub
    monkeypatch.setattr(recompute, "BATCH", 2)  # checks recomputed two at a time: every boundary crossed
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "b.zip", files.items()), key=KEY)
        assert report.added["attempts"] == len(results) == 13
        for attempt_id, result in results.items():
            assert ws.results_for(attempt_id) == result  # the stored result, as the hub showed it
        again = import_bundle(ws, write_zip(tmp_path / "b.zip", files.items()), key=KEY)
        assert sum(again.added.values()) == 0


def _stored_rows(target: Target) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    engine = target.engine()
    try:
        with engine.connect() as conn:
            stored: dict[str, Any] = dict(conn.execute(text("SELECT id, result FROM attempt")).all())
            rows = sorted(tuple(r) for r in conn.execute(text(
                "SELECT attempt_id, area_id, position, theta, sd, level, band, target, p_below_target, gap, "
                "n_items, level_probabilities, said_theta, said_sd, said_level FROM area_result")))
    finally:
        engine.dispose()
    return stored, rows


def test_figures_that_differ_only_by_rounding_are_taken(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path) -> None:
    """Another machine's arithmetic may differ in the last digits: beyond the quick comparison's 1e-9 but
    within the tolerance (1e-6), a stored result and an area row still import."""
    def nudge(record: dict[str, Any]) -> None:
        record["areas"][0]["theta"] += 1e-8
        record["areas"][0]["sd"] -= 1e-8

    def nudge_row(rows: Records) -> None:
        rows[0]["theta"] += 1e-8
    files = _edit(_edit(hub[0], "attempts", _result(nudge, 3)), "results", nudge_row)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "b.zip", files.items()), key=KEY)
        assert report.added["attempts"] == 13


@pytest.mark.parametrize("made", [True, False], ids=["made by the recompute", "made after the write"])
def test_a_check_without_a_stored_result_gets_one_computed_and_its_area_rows_replaced(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path, tmp_path_factory: Any,
        monkeypatch: pytest.MonkeyPatch, made: bool) -> None:
    """A bundle from a release before stored results: no result fields, and (here) area rows altered.

    Each check gets, to the byte, the result its hub's quiz stored (the genuine bundle's), its area rows
    and its summary too: whether the recompute made it, many at a time, from the figures it works out
    anyway, or (the way left for a check it could not make) it is made one at a time after the write."""
    files, results = hub
    genuine = tmp_path_factory.mktemp("genuine")
    with Workspace.open(data_dir=genuine, framework_path=SMALL) as ws:
        import_bundle(ws, write_zip(tmp_path / "genuine.zip", files.items()), key=KEY)
    mirror = Target("sqlite", genuine, f"sqlite:///{genuine / 'digigram.sqlite3'}")
    expected, expected_gaps = _stored_rows(mirror), _summary_gaps(mirror)
    if not made:
        monkeypatch.setattr(recompute.Recompute, "_make", lambda *args: None)
    kept = _recomputes(monkeypatch)

    def old(attempts: Records) -> None:
        for attempt in attempts:
            for name in ("result", "engine_version", "params_source"):
                del attempt[name]
    older = _edit(_edit(files, "attempts", old), "results", _raise_row)
    heard: list[tuple[str, int, int]] = []
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "old.zip", older.items()), key=KEY,
                               progress=lambda *said: heard.append(said))
        assert report.added["attempts"] == len(results)
        assert kept[0].handled == (set(results) if made else set())
        # While the results are stored, the progress says how many checks are worked out (the app's
        # window lives on hearing it).
        assert [(done, total) for kind, done, total in heard if kind == "recomputed"][-1] == \
            (len(results), len(results))
        for attempt_id, result in results.items():
            mine = ws.results_for(attempt_id)
            assert mine.engine_version == ENGINE_VERSION
            assert {a: (r.level, r.band, r.theta) for a, r in mine.areas.items()} == {
                a: (r.level, r.band, r.theta) for a, r in result.areas.items()}
        again = import_bundle(ws, write_zip(tmp_path / "old.zip", older.items()), key=KEY)
        assert sum(again.added.values()) == 0 and again.warnings == ()  # the same bundle again: nothing
    stored, rows = _stored_rows(target)
    assert rows == expected[1]  # the altered area row was replaced by the recomputed one
    assert stored == expected[0]  # each result's text, to the byte, as the hub's quiz stored it
    assert _summary_gaps(target) == expected_gaps


def _summary_gaps(target: Target) -> list[tuple[Any, ...]]:
    engine = target.engine()
    try:
        with engine.connect() as conn:
            return sorted((r[0], bytes(r[1])) for r in conn.execute(text(
                "SELECT attempt_id, gaps FROM check_summary")))
    finally:
        engine.dispose()


def test_a_competences_key_written_twice_cannot_plant_other_gaps(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path, tmp_path_factory: Any) -> None:
    """A result whose text says "competences" twice, the first plainly with forged gaps and the second
    escaped with the true ones: the parser keeps the true (so the result verifies), and the gaps the
    dashboard and the report count must be those too, not what a quick read of the text finds."""
    files = hub[0]
    genuine = tmp_path_factory.mktemp("genuine-competences")
    with Workspace.open(data_dir=genuine, framework_path=SMALL) as ws:
        import_bundle(ws, write_zip(tmp_path / "genuine.zip", files.items()), key=KEY)
    expected = _summary_gaps(Target("sqlite", genuine, f"sqlite:///{genuine / 'digigram.sqlite3'}"))
    assert expected and any(2 in gaps for _, gaps in expected)

    def plant(attempts: Records) -> None:
        record = json.loads(attempts[2]["result"])
        true = record.pop("competences")
        forged = [{**c, "gap": c["gap"] - 5} for c in true]
        def compact(value: Any) -> str:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        attempts[2]["result"] = (f'{{"competences":{compact(forged)},{compact(record)[1:-1]},'
                                 f'"\\u0063ompetences":{compact(true)}}}')
    planted = _edit(files, "attempts", plant)
    assert json.loads(lines(planted[RECORD_FILES["attempts"]])[2]["result"])["competences"] == \
        json.loads(lines(files[RECORD_FILES["attempts"]])[2]["result"])["competences"]
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "planted.zip", planted.items()), key=KEY)
        assert report.added["attempts"] == 13
    assert _summary_gaps(target) == expected


def test_answer_lines_with_spaces_around_them_import_as_the_checking_pass_reads_them(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path) -> None:
    """The bundle format allows spaces around a record; the recompute (on PostgreSQL a separate process)
    must read such lines as the verifying pass does, not refuse a bundle that pass accepted."""
    name = RECORD_FILES["answers"]
    spaced = b"".join(b" " + line + b"\n" for line in hub[0][name].splitlines() if line)
    files = reseal({**hub[0], name: spaced})
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "spaced.zip", files.items()), key=KEY)
        assert report.added["attempts"] == 13


def _killed(self: Any, record: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # as the system does to the biggest process when memory runs out


def _broken(self: Any, record: Any) -> None:
    raise ValueError("an internal error in English")


def _out_of_memory(self: Any, record: Any) -> None:
    raise MemoryError


@pytest.mark.parametrize(("how", "said"), [(_killed, "short of memory"), (_out_of_memory, "short of memory"),
                                           (_broken, "stopped on an error")],
                         ids=["killed", "out of memory", "error"])
def test_a_recompute_process_that_stops_is_said_in_words_and_nothing_is_imported(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        how: Callable[[Any, Any], None], said: str) -> None:
    if not side.forks():
        pytest.skip("the recompute goes to a second process only where fork is safe (Linux)")
    monkeypatch.setattr(recompute.Recompute, "answer", how)  # the forked child takes the class as it is
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        before = dump_target(target)
        with pytest.raises(BundleError) as caught:
            import_bundle(ws, write_zip(tmp_path / "b.zip", hub[0].items()), key=KEY)
        assert dump_target(target) == before
    en, uk = caught.value.message("en"), caught.value.message("uk")
    assert said in en and "could not be recomputed" in en and "Nothing was imported" in en, en
    assert "Збережені результати не вдалося перерахувати" in uk and "Нічого не імпортовано" in uk, uk
    for words in (en, uk):  # the process's own words stay out of what a person reads
        assert "ValueError" not in words and "in English" not in words and "code" not in words, words


_KILLED_AT_FIRST_VERDICT = """
import os, signal, sys
from pathlib import Path
from digigram.services.bundles import side
from digigram.services.bundles.importer import import_bundle
from digigram.services.workspace import Workspace
from tests.coordinator.test_bundle_support import KEY, SMALL

def decided(self, through, stored):
    Path(sys.argv[3]).write_text(str(self.process.pid))
    os.kill(os.getpid(), signal.SIGKILL)  # as the system stops a process short of memory

side.SideRecompute.decided = decided
with Workspace.open(database_url=sys.argv[1], framework_path=SMALL) as ws:
    import_bundle(ws, sys.argv[2], key=KEY)
"""


def test_a_recompute_process_ends_when_the_import_that_forked_it_is_killed(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path) -> None:
    """Killed outright (no code of its own runs), the importing process leaves no recompute behind
    waiting for the verdicts it would have sent, holding its memory."""
    if not side.forks():
        pytest.skip("the recompute goes to a second process only where fork is safe (Linux)")
    bundle = write_zip(tmp_path / "b.zip", hub[0].items())
    child = child_left_of_killed_import(_KILLED_AT_FIRST_VERDICT, target.url, bundle, folder=tmp_path)
    assert ends_soon(child)


_LONG_OUTCOME = """
import sys
from digigram.services.bundles import recompute
from digigram.services.bundles.importer import import_bundle
from digigram.services.workspace import Workspace
from tests.coordinator.test_bundle_support import KEY, SMALL

finish = recompute.Recompute.finish

def finish_with_many_missing(self):
    finish(self)
    # as a bundle of an older release whose thousands of checks came without a stored result
    self.missing.update(f"00000000-0000-4000-8000-{k:012}" for k in range(20_000))

recompute.Recompute.finish = finish_with_many_missing
with Workspace.open(database_url=sys.argv[1], framework_path=SMALL) as ws:
    report = import_bundle(ws, sys.argv[2], key=KEY)
print("added", report.added["attempts"])
"""


def test_an_outcome_larger_than_the_pipe_holds_does_not_stop_the_import(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path) -> None:
    """The forked recompute's outcome (here 20,000 checks to give a result) fills the pipe before the
    importing process reads it: the import still ends, instead of waiting for the child to end while the
    child waits to be heard."""
    if not side.forks():
        pytest.skip("the recompute goes to a second process only where fork is safe (Linux)")
    import subprocess
    import sys

    bundle = write_zip(tmp_path / "b.zip", hub[0].items())
    done = subprocess.run([sys.executable, "-c", _LONG_OUTCOME, target.url, str(bundle)], timeout=180,
                          cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["added", str(len(hub[1]))]


@pytest.mark.parametrize("stage", ["attempts", "answers", "recomputed"])
def test_an_import_cancelled_at_a_step_changes_nothing_on_either_engine(
        hub: tuple[Files, dict[str, Any]], target: Target, tmp_path: Path, stage: str) -> None:
    """On PostgreSQL the records are staged on the write transaction's connection as they are checked:
    a cancel there drops what was staged with the transaction, and leaves no recompute at work."""
    heard: list[str] = []
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        before = dump_target(target)
        with pytest.raises(Cancelled):
            import_bundle(ws, write_zip(tmp_path / "b.zip", hub[0].items()), key=KEY,
                          progress=lambda kind, done, total: heard.append(kind),
                          cancelled=lambda: stage in heard)
        assert dump_target(target) == before
        assert heard[-1] == stage, heard
        # the same bundle, not cancelled, then imports whole
        report = import_bundle(ws, write_zip(tmp_path / "b.zip", hub[0].items()), key=KEY)
    assert report.added["attempts"] == len(lines(hub[0][RECORD_FILES["attempts"]]))
    assert multiprocessing.active_children() == []
