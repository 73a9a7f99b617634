"""An SQLite import checks the answers and area results in a forked child while it writes (side.SideCheck).

The write goes ahead of the verdict, inside the import's transaction: whatever the child refuses, or
however it stops, the transaction is rolled back, nothing is written and no backup is made, and the
person reads why in words.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from digigram.core.bundle.format import RECORD_FILES, fail
from digigram.core.coordination import BundleError
from digigram.core.errors import Cancelled
from digigram.core.i18n import N_
from digigram.services.bundles import importer, recompute, side
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.workspace import Workspace
from tests.coordinator.test_bundle_support import (
    KEY,
    SMALL,
    as_jsonl,
    backups,
    child_left_of_killed_import,
    dump,
    ends_soon,
    lines,
    make_hub,
    members,
    reseal,
    write_zip,
)

Files = dict[str, bytes]

pytestmark = pytest.mark.skipif(not side.forks(), reason="the answers are checked in a fork only on Linux")


@pytest.fixture(scope="module")
def hubs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Files, Files]:
    """Two genuine signed bundles of two hubs' finished checks."""
    base = tmp_path_factory.mktemp("side-check")
    made = []
    for name, seed in (("Хаб Ірпінь", 3), ("Хаб Буча", 4)):
        folder = base / name
        make_hub(folder, people=5, hub=name, seed=seed)
        with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
            export_bundle(ws, folder / "hub.zip", key=KEY)
        made.append(members(folder / "hub.zip"))
    return made[0], made[1]


def _edited(files: Files, kind: str, index: int, **fields: Any) -> Files:
    records = lines(files[RECORD_FILES[kind]])
    records[index].update(fields)
    return {**files, RECORD_FILES[kind]: as_jsonl(records)}


def _refused(folder: Path, bundle: Path) -> BundleError:
    """The import's refusal; the database and its backups exactly as they were."""
    with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
        before, saved = dump(folder), backups(folder)
        with pytest.raises(BundleError) as caught:
            import_bundle(ws, bundle, key=KEY)
        assert dump(folder) == before  # the rows written meanwhile were rolled back
        assert backups(folder) == saved  # and no backup was made for a refused bundle
    assert multiprocessing.active_children() == []  # no child of the import left at work
    return caught.value


def test_an_answer_refused_by_the_child_after_the_write_began_leaves_everything_as_it_was(
        hubs: tuple[Files, Files], tmp_path: Path) -> None:
    """The answer names a question its framework lacks: only the child's check finds that, and the
    parent has written every row by then."""
    files = reseal(_edited(hubs[0], "answers", 5, item_id="NO-SUCH-QUESTION"))
    refusal = _refused(tmp_path / "db", write_zip(tmp_path / "b.zip", files.items()))
    en, uk = refusal.message("en"), refusal.message("uk")
    assert "does not fit the framework's question 'NO-SUCH-QUESTION'" in en, en
    assert "Nothing was imported" in en and "Нічого не імпортовано" in uk and "NO-SUCH-QUESTION" in uk


def test_an_answer_the_write_cannot_take_is_refused_for_what_is_wrong_with_it(
        hubs: tuple[Files, Files], tmp_path: Path) -> None:
    """An answer of a check the bundle lacks fails the write itself (the answer's check is a foreign
    key); the person reads the child's finding, not that the database could not be changed."""
    missing = "00000000-0000-4000-8000-000000000001"
    records = lines(hubs[0][RECORD_FILES["answers"]])
    records.insert(0, {**records[0], "attempt_id": missing})
    files = reseal({**hubs[0], RECORD_FILES["answers"]: as_jsonl(records)})
    en = _refused(tmp_path / "db", write_zip(tmp_path / "b.zip", files.items())).message("en")
    assert f"refers to check {missing}" in en or missing in en, en
    assert "could not be changed" not in en, en


def test_a_wrong_answer_is_named_before_a_wrong_plan_step_as_when_one_process_checked_both(
        hubs: tuple[Files, Files], tmp_path: Path) -> None:
    """The answers come before the plans in a bundle; the parent finds the step's problem first, in
    time, and still says the answer's."""
    files = _edited(hubs[0], "answers", 5, item_id="NO-SUCH-QUESTION")
    steps = lines(files[RECORD_FILES["plan_steps"]])
    assert steps, "the hub's bundle has plans with steps"
    steps[0]["plan_id"] = "00000000-0000-4000-8000-000000000002"
    files = reseal({**files, RECORD_FILES["plan_steps"]: as_jsonl(sorted(steps, key=lambda s: s["id"]))})
    en = _refused(tmp_path / "db", write_zip(tmp_path / "b.zip", files.items())).message("en")
    assert "NO-SUCH-QUESTION" in en, en


def _killed(*_args: Any) -> Any:
    os.kill(os.getpid(), signal.SIGKILL)  # as the system does to the biggest process when memory runs out


def _out_of_memory(*_args: Any) -> Any:
    raise MemoryError


def _broken(*_args: Any) -> Any:
    raise ValueError("an internal error in English")


@pytest.mark.parametrize(("how", "said"), [(_killed, "short of memory"), (_out_of_memory, "short of memory"),
                                           (_broken, "stopped on an error")],
                         ids=["killed", "out of memory", "error"])
def test_a_checking_process_that_stops_is_said_in_words_and_nothing_is_imported(
        hubs: tuple[Files, Files], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: Any,
        said: str) -> None:
    monkeypatch.setattr(importer, "_check_answers", how)  # the forked child runs what the parent had
    refusal = _refused(tmp_path / "db", write_zip(tmp_path / "b.zip", hubs[0].items()))
    en, uk = refusal.message("en"), refusal.message("uk")
    assert said in en and "could not be checked" in en and "Nothing was imported" in en, en
    assert "Пакет не вдалося перевірити" in uk and "Нічого не імпортовано" in uk, uk
    for words in (en, uk):  # the process's own words stay out of what a person reads
        assert "ValueError" not in words and "in English" not in words and "code" not in words, words


def test_while_the_import_waits_for_the_answers_checks_it_says_how_far_they_are(
        hubs: tuple[Files, Files], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's window lives on hearing progress: waiting on a slow child, it still hears it four
    times a second."""
    check = importer._check_answers

    def slow(*args: Any) -> Any:
        time.sleep(1.5)
        return check(*args)

    monkeypatch.setattr(importer, "_check_answers", slow)
    heard: list[tuple[float, str, int, int]] = []
    with Workspace.open(data_dir=tmp_path / "db", framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "b.zip", hubs[0].items()), key=KEY,
                               progress=lambda kind, done, total: heard.append((time.monotonic(), kind, done,
                                                                                total)))
    assert report.added["attempts"] > 0
    # Counted apart from the same records' writing, which had reached its end: a count going back under
    # the writing's own kind moved the window's bar back.
    waiting = [h for h in heard if h[1] == "answers_checked" and h[2] == 0]
    assert len(waiting) >= 4, heard  # 1.5 s of waiting, heard every quarter of a second
    gaps = [b[0] - a[0] for a, b in pairwise(heard)]
    assert max(gaps) < 1.0, gaps  # never silent for the child's 1.5 s
    written = max(k for k, h in enumerate(heard) if h[1] == "answers")
    assert heard[written][2] == heard[written][3] and written < heard.index(waiting[0])
    done = {h[1]: h[2] for h in heard if h[1] in ("answers_checked", "results_checked") and h[2] == h[3]}
    assert done.keys() == {"answers_checked", "results_checked"}, heard
    assert done["answers_checked"] == heard[written][3]  # every answer, once the child accepted them


def test_the_backup_taken_during_the_write_holds_the_database_as_it_was_before_the_import(
        hubs: tuple[Files, Files], tmp_path: Path) -> None:
    """The backup is taken once the bundle is accepted, while its rows are written but not committed:
    read by a connection of its own, it holds the first hub's checks and none of the second's."""
    folder = tmp_path / "db"
    with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
        first = import_bundle(ws, write_zip(tmp_path / "a.zip", hubs[0].items()), key=KEY)
        before = set(backups(folder))
        second = import_bundle(ws, write_zip(tmp_path / "b.zip", hubs[1].items()), key=KEY)
    made = sorted(set(backups(folder)) - before)
    assert len(made) == 1 and made[0].endswith("-bundle.sqlite3"), made
    copy = sqlite3.connect(f"file:{folder / 'backups' / made[0]}?mode=ro", uri=True)
    try:
        (checks,) = copy.execute("SELECT count(*) FROM attempt").fetchone()
    finally:
        copy.close()
    assert checks == first.added["attempts"] and second.added["attempts"] > 0


def test_a_check_that_conflicts_is_named_before_a_plan_that_does_as_when_one_process_compared(
        hubs: tuple[Files, Files], tmp_path: Path) -> None:
    """Both conflict with the database: the stored check's answer, compared once the child has checked
    the answers, is still the one said, as when the comparing pass found it first."""
    folder = tmp_path / "db"
    with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
        import_bundle(ws, write_zip(tmp_path / "a.zip", hubs[0].items()), key=KEY)
    answers = lines(hubs[0][RECORD_FILES["answers"]])
    answers[3]["seconds"] = (answers[3]["seconds"] or 0) + 7.5
    plans = lines(hubs[0][RECORD_FILES["plans"]])
    people = sorted(p["id"] for p in lines(hubs[0][RECORD_FILES["people"]]))
    plans[0]["person_id"] = next(p for p in people if p != plans[0]["person_id"])
    files = reseal({**hubs[0], RECORD_FILES["answers"]: as_jsonl(answers),
                    RECORD_FILES["plans"]: as_jsonl(plans)})
    en = _refused(folder, write_zip(tmp_path / "b.zip", files.items())).message("en")
    assert f"The check {answers[3]['attempt_id']} is already in the database" in en, en


def test_answers_are_not_said_checked_when_the_bundle_is_then_refused(
        hubs: tuple[Files, Files], tmp_path: Path) -> None:
    """The child accepted every answer, but a stored check's copy conflicts with the database's: the last
    progress said must not be that all answers were checked, right before the refusal."""
    folder = tmp_path / "db"
    with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
        import_bundle(ws, write_zip(tmp_path / "a.zip", hubs[0].items()), key=KEY)
        answers = lines(hubs[0][RECORD_FILES["answers"]])
        answers[3]["seconds"] = (answers[3]["seconds"] or 0) + 7.5
        files = reseal({**hubs[0], RECORD_FILES["answers"]: as_jsonl(answers)})
        heard: list[tuple[str, int, int]] = []
        with pytest.raises(BundleError, match="already in the database"):
            import_bundle(ws, write_zip(tmp_path / "b.zip", files.items()), key=KEY,
                          progress=lambda kind, done, total: heard.append((kind, done, total)))
    said_done = [h for h in heard if h[0].endswith("_checked") and h[1] == h[2]]
    assert heard and said_done == [], said_done


def test_a_refusal_of_the_recompute_leaves_no_backup_either(
        hubs: tuple[Files, Files], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The recompute's verdict can come after the last row is written: the backup waits for it."""
    def refuse(self: Any, record: Any) -> None:
        raise fail(N_("The stored results of a check do not follow from its answers."))

    monkeypatch.setattr(recompute.Recompute, "answer", refuse)  # the forked recompute takes it as it is
    en = _refused(tmp_path / "db", write_zip(tmp_path / "b.zip", hubs[0].items())).message("en")
    assert "do not follow from its answers" in en, en


_KILLED_WHILE_WRITING = """
import os, signal, sys, time
from pathlib import Path
from digigram.services.bundles import importer
from digigram.services.workspace import Workspace
from tests.coordinator.test_bundle_support import KEY, SMALL

said = Path(sys.argv[3])

def long_check(*args):
    told = said.with_suffix(".part")
    told.write_text(str(os.getpid()))
    os.replace(told, said)  # whole when seen: the child dies with its parent from here on
    time.sleep(120)  # a region's answers take this long to check on an old PC

def killed(*args):
    while not said.exists():
        time.sleep(0.05)
    os.kill(os.getpid(), signal.SIGKILL)  # as the system stops a process short of memory

importer._check_answers, importer._write = long_check, killed
with Workspace.open(data_dir=Path(sys.argv[1]), framework_path=SMALL) as ws:
    importer.import_bundle(ws, sys.argv[2], key=KEY)
"""


def test_a_checking_process_ends_when_the_import_that_forked_it_is_killed(
        hubs: tuple[Files, Files], tmp_path: Path) -> None:
    """Killed outright, the importing process leaves no child behind checking a bundle nobody waits for,
    taking a core of the PC and its memory until the end of the file."""
    bundle = write_zip(tmp_path / "b.zip", hubs[0].items())
    child = child_left_of_killed_import(_KILLED_WHILE_WRITING, tmp_path / "db", bundle, folder=tmp_path)
    assert ends_soon(child)


@pytest.mark.parametrize("stage", ["people", "answers", "answers_checked"],
                         ids=["while checking", "while writing", "while waiting for the answers' checks"])
def test_an_import_cancelled_at_any_step_leaves_everything_as_it_was(
        hubs: tuple[Files, Files], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    """Cancel, asked at each step of the progress, is heard before the next: the second hub's bundle is
    then not imported at all, no backup is made for it, and no child of the import is left at work."""
    check = importer._check_answers

    def slow(*args: Any) -> Any:  # an old PC's child, still checking once the writing is done
        time.sleep(1.0)
        return check(*args)

    monkeypatch.setattr(importer, "_check_answers", slow)
    folder = tmp_path / "db"
    heard: list[str] = []
    with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
        import_bundle(ws, write_zip(tmp_path / "a.zip", hubs[0].items()), key=KEY)
        before, saved = dump(folder), backups(folder)
        with pytest.raises(Cancelled) as caught:
            import_bundle(ws, write_zip(tmp_path / "b.zip", hubs[1].items()), key=KEY,
                          progress=lambda kind, done, total: heard.append(kind),
                          cancelled=lambda: stage in heard)
        assert dump(folder) == before
        assert backups(folder) == saved
    assert multiprocessing.active_children() == []
    assert heard[-1] == stage, heard  # stopped at the first step after it
    assert "Нічого не імпортовано" in caught.value.message("uk"), caught.value.message("uk")
    if stage == "answers":
        assert "people" in heard and "answers_checked" not in heard  # pass 1 over, writing under way
