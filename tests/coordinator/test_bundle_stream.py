"""The streaming import: key order, the fast second pass, checks that cannot be shown, future plans."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from digigram.core.bundle.format import KINDS, RECORD_FILES
from digigram.core.bundle.read import BundleReader
from digigram.core.bundle.records import ADDED_LATER, RecordCheck, converter
from digigram.core.coordination import BundleError
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.workspace import Workspace
from digigram.store.models import AnswerRow
from tests.conftest import Target
from tests.coordinator.test_bundle_support import (
    KEY,
    SMALL,
    as_jsonl,
    dump_target,
    lines,
    make_hub,
    members,
    reseal,
    write_zip,
)

Files = dict[str, bytes]


@pytest.fixture(scope="module")
def hub_files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    base = tmp_path_factory.mktemp("stream")
    make_hub(base / "hub", people=4)
    with Workspace.open(data_dir=base / "hub", framework_path=SMALL) as ws:
        export_bundle(ws, base / "hub.zip", key=KEY)
    return members(base / "hub.zip")


def _edit(files: Files, kind: str, change: Callable[[list[dict[str, Any]]], None]) -> Files:
    records = lines(files[RECORD_FILES[kind]])
    change(records)
    return reseal({**files, RECORD_FILES[kind]: as_jsonl(records)})


def _refused(target: Target, tmp_path: Path, files: Files, expected: str) -> None:
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        before = dump_target(target)
        with pytest.raises(BundleError) as caught:
            import_bundle(ws, write_zip(tmp_path / "b.zip", files.items()), key=KEY)
        assert dump_target(target) == before  # nothing written
    en, uk = caught.value.message("en"), caught.value.message("uk")
    assert expected in en, en
    assert "Nothing was imported" in en and "Нічого не імпортовано" in uk


def test_the_fast_second_pass_reads_every_record_as_the_checks_do(hub_files: Files) -> None:
    for kind in KINDS:
        data = hub_files[RECORD_FILES[kind]]
        check, convert = RecordCheck(kind, data.count(b"\n")), converter(kind)
        for line in data.split(b"\n")[:-1]:
            checked, converted = check(line), convert(line)
            assert converted == checked and [type(v) for v in converted.values()] == [
                type(checked[k]) for k in converted], kind
        check.finish()


def test_records_out_of_key_order_or_twice_are_refused(
        hub_files: Files, target: Target, tmp_path: Path) -> None:
    _refused(target, tmp_path, _edit(hub_files, "answers", lambda rs: rs.reverse()), "out of key order")
    _refused(target, tmp_path, _edit(hub_files, "people", lambda rs: rs.insert(1, rs[0])), "appears twice")


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("profile_id", "astronaut", "could not be shown"),
    ("seed", 2**40, "impossible seed"),
    ("mode", "marathon", "unknown mode"),
    ("excluded", ["NO.SUCH-01"], "excludes questions"),
])
def test_a_check_that_could_not_be_shown_again_is_refused(
        hub_files: Files, target: Target, tmp_path: Path, field: str, value: Any, expected: str) -> None:
    _refused(target, tmp_path, _edit(hub_files, "attempts", lambda rs: rs[0].__setitem__(field, value)),
             expected)


def test_a_plan_dated_in_the_future_does_not_replace_the_stored_one(
        hub_files: Files, target: Target, tmp_path: Path) -> None:
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        import_bundle(ws, write_zip(tmp_path / "first.zip", hub_files.items()), key=KEY)
        stored = dump_target(target)["plan_step"]
        ahead = (datetime.now() + timedelta(days=30)).isoformat()

        def rewrite(plans: list[dict[str, Any]]) -> None:
            plans[0]["updated_at"] = ahead

        def drop_a_step(steps: list[dict[str, Any]]) -> None:
            steps.pop()

        future = _edit(_edit(hub_files, "plans", rewrite), "plan_steps", drop_a_step)
        report = import_bundle(ws, write_zip(tmp_path / "future.zip", future.items()), key=KEY, lang="en")
        assert any("dated in the future" in w and "keeps its own" in w for w in report.warnings)
        assert dump_target(target)["plan_step"] == stored


def test_lines_cut_across_read_chunks_land_whole(
        hub_files: Files, target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BundleReader, "chunk", 7)  # nearly every line spans several reads
    answers = lines(hub_files[RECORD_FILES["answers"]])
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "p.zip", hub_files.items()), key=KEY)
    assert report.added["answers"] == len(answers) > 0
    assert len(dump_target(target)["answer"]) == len(answers)


def test_a_bundle_from_before_the_added_fields_imports_with_them_empty(
        hub_files: Files, target: Target, tmp_path: Path) -> None:
    older = dict(hub_files)
    for kind, added in ADDED_LATER.items():
        records = lines(hub_files[RECORD_FILES[kind]])
        for record in records:
            for name in added:
                record.pop(name)
        older[RECORD_FILES[kind]] = as_jsonl(records)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "older.zip", reseal(older).items()), key=KEY)
    stored = dump_target(target)
    assert report.added["answers"] == len(stored["answer"]) == len(lines(hub_files[RECORD_FILES["answers"]]))
    assert len(stored["area_result"]) == len(lines(hub_files[RECORD_FILES["results"]])) > 0
    language = list(AnswerRow.__table__.c.keys()).index("language")
    assert {row[language] for row in stored["answer"]} == {None}


def test_a_batch_of_checks_ends_at_its_size_in_bundle_text(
        hub_files: Files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The write pass (SQLite; PostgreSQL without staging) sends a batch at whichever comes first, a
    number of rows or an amount of bundle text: a check's line carries its ~11 KB stored result, and
    20,000 of them, one batch gathered and one in flight, held 450 MB on a national import. Every row
    still lands."""
    from digigram.services.bundles import write

    plain, small = tmp_path / "plain", tmp_path / "small"
    with Workspace.open(data_dir=plain, framework_path=SMALL) as ws:
        import_bundle(ws, write_zip(tmp_path / "a.zip", hub_files.items()), key=KEY)
    checks = hub_files[RECORD_FILES["attempts"]].splitlines()
    limit = 3 * min(len(line) for line in checks)
    assert len(checks) >= 6 and sum(map(len, checks)) > 2 * limit
    monkeypatch.setattr(write, "BATCH_BYTES", limit)
    sent: list[tuple[str, int, int]] = []
    flush = write.RowWriter.flush

    def watched(self: write.RowWriter) -> None:
        if self.rows:
            sent.append((self.table, len(self.rows), self.size))
        flush(self)

    monkeypatch.setattr(write.RowWriter, "flush", watched)
    with Workspace.open(data_dir=small, framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "b.zip", hub_files.items()), key=KEY)
    batches = [(n, size) for table, n, size in sent if table == "attempt"]
    assert len(batches) > 1 and sum(n for n, _ in batches) == report.added["attempts"] == len(checks)
    assert all(size < limit + max(map(len, checks)) for _, size in batches)
    dumps = [dump_target(Target("sqlite", folder, f"sqlite:///{folder / 'digigram.sqlite3'}"))
             for folder in (small, plain)]
    for table in ("attempt", "answer", "area_result", "check_summary", "plan"):
        assert dumps[0][table] == dumps[1][table] and dumps[0][table], table
