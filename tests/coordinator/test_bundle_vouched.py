"""Area-result rows a forked recompute made itself go in as it made them; everything else is checked.

On PostgreSQL the recompute runs in a second process and compares each check's area-result lines, as
bytes, with the lines its own figures give. Lines equal to them are staged from the COPY text that
process made (derived.VouchedResults), not checked and converted again. These tests hold that to what
it must be: the same rows as the long way, nothing unusual let through, and every forgery still refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from digigram.core.bundle.format import RECORD_FILES
from digigram.core.bundle.records import converter
from digigram.core.coordination import BundleError
from digigram.core.rescore import AreaText
from digigram.services.bundles import derived, importer, recompute, side
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.bundles.stage import area_copy_lines, copy_line_maker
from digigram.services.workspace import Workspace
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
RESULTS = RECORD_FILES["results"]
Heard = tuple[str, list[AreaText], list[bytes]]  # a check, its recompute's area figures, its lines


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Files:
    base = tmp_path_factory.mktemp("vouched")
    make_hub(base / "hub", people=8, seed=11)
    with Workspace.open(data_dir=base / "hub", framework_path=SMALL) as ws:
        export_bundle(ws, base / "hub.zip", key=KEY)
    return members(base / "hub.zip")


@pytest.fixture(scope="module")
def figures(hub: Files, tmp_path_factory: pytest.TempPathFactory) -> list[Heard]:
    """Each check's area figures as its recompute gives them, with the lines it found equal to them
    (heard in an import into SQLite with the recompute kept in the importing process)."""
    heard: list[Heard] = []
    same_rows = recompute.Recompute._same_rows

    def hearing(self: Any, attempt_id: str, areas: list[AreaText]) -> bool:
        found = self._peek(len(areas))
        same = same_rows(self, attempt_id, areas)
        if same:
            heard.append((attempt_id, areas, found))
        return same

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(recompute.Recompute, "_same_rows", hearing)
        patch.setattr(importer, "forks", lambda: False)
        folder = tmp_path_factory.mktemp("heard")
        with Workspace.open(data_dir=folder, framework_path=SMALL) as ws:
            import_bundle(ws, write_zip(folder / "b.zip", hub.items()), key=KEY)
    assert len(heard) >= 10
    return heard


def _long_way(found: list[bytes]) -> list[str]:
    convert, make = converter("results"), copy_line_maker("results")
    return [make(convert(line)) for line in found]


def test_rows_made_from_the_figures_are_the_rows_the_long_way_makes_of_their_lines(
        figures: list[Heard]) -> None:
    for attempt_id, areas, found in figures:
        assert area_copy_lines(attempt_id, areas) == _long_way(found)


@pytest.mark.parametrize(("field", "value"), [
    ("level", '"B\\"2"'), ("level", '"B\\\\2"'), ("area", '"A\\tB"'), ("target", '"' + "C" * 21 + '"'),
    ("theta", "nan"), ("sd", "inf"), ("p_below_target", "NaN"), ("said_theta", "-Infinity"),
    ("theta", "null"), ("items", "null"), ("level", "null"),
    # beyond what the record's check allows (a hostile framework could make such figures)
    ("gap", "1001"), ("gap", "-1001"), ("items", "100001"), ("items", "3.0"), ("theta", "1e13"),
    ("said_sd", "-1e13"), ("level_probabilities", ("0.5", "1.5")), ("level_probabilities", ("-0.1", "1.0")),
    # a code JSON writes with an escape inside the band's and the probabilities' text
    ("band", ('"Ц"', '"B1"')), ("codes", ("A1", "Ц")),
])
def test_a_text_that_would_need_escaping_or_a_figure_that_is_not_a_number_is_left_to_the_check(
        figures: list[Heard], field: str, value: str) -> None:
    """Such a row would not be what an honest export writes, or the verifying pass would refuse it: the
    check's rows are then not vouched for, and the pass checks them as any other."""
    attempt_id, areas, _ = figures[0]
    odd = [areas[0]._replace(**{field: value}), *areas[1:]]
    assert area_copy_lines(attempt_id, odd) is None


def test_a_figure_once_found_within_one_field_s_bounds_is_still_measured_against_another_s(
        figures: list[Heard]) -> None:
    """Figures found within bounds are remembered (a region's rows repeat the same texts), apart for each
    field's bounds: a theta of 1.5 is a figure, but never a level's probability; one refused stays so."""
    attempt_id, areas, _ = figures[0]
    a = areas[0]
    assert area_copy_lines(attempt_id, [a._replace(theta="1.5"), *areas[1:]]) is not None
    share = a._replace(level_probabilities=("1.5", *a.level_probabilities[1:]))
    assert area_copy_lines(attempt_id, [share, *areas[1:]]) is None
    assert area_copy_lines(attempt_id, [share, *areas[1:]]) is None
    assert area_copy_lines(attempt_id, [a._replace(theta="1e13"), *areas[1:]]) is None


def test_a_code_long_enough_for_a_band_but_not_for_a_level_is_left_to_the_check(
        figures: list[Heard]) -> None:
    """The band's words may be 100 characters long, a level 20: a text found plain once is measured
    again against each field's own limit."""
    attempt_id, areas, _ = figures[0]
    code = '"' + "A" * 25 + '"'
    banded = areas[0]._replace(band=(code, areas[0].band[1]))
    assert area_copy_lines(attempt_id, [banded, *areas[1:]]) is not None
    assert area_copy_lines(attempt_id, [areas[0]._replace(level=code), *areas[1:]]) is None


def test_more_levels_or_areas_than_a_row_may_hold_are_left_to_the_check(figures: list[Heard]) -> None:
    attempt_id, areas, _ = figures[0]
    a = areas[0]
    many = tuple(f"L{k}" for k in range(600))  # their probabilities' text longer than 10,000 characters
    wide = a._replace(codes=many, level_probabilities=("0.0016666",) * 600)
    assert area_copy_lines(attempt_id, [wide]) is None
    assert area_copy_lines(attempt_id, [a._replace(area_id=f"X{k:05}") for k in range(10_002)]) is None


def test_level_codes_that_are_not_plain_are_left_to_the_check(
        figures: list[Heard]) -> None:
    attempt_id, areas, _ = figures[0]
    codes = (*areas[0].codes[:-1], 'C"2')
    assert area_copy_lines(attempt_id, [areas[0]._replace(codes=codes), *areas[1:]]) is None


def _postgresql_forking(target: Target) -> None:
    if target.is_sqlite or not side.forks():
        pytest.skip("only an import into PostgreSQL, with its recompute forked, takes vouched area rows")


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Lines the importing process took as vouched for, run by run."""
    taken: list[int] = []
    real = derived.VouchedResults.taken

    def counting(self: derived.VouchedResults, writing: Callable[[], bool]) -> Iterator[derived.Vouched]:
        for run in real(self, writing):
            taken.append(run.length)
            yield run

    monkeypatch.setattr(derived.VouchedResults, "taken", counting)
    return taken


def test_every_area_row_of_an_honest_bundle_is_vouched_for_and_stored_as_the_bundle_has_it(
        hub: Files, target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _postgresql_forking(target)
    taken = _counting(monkeypatch)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "b.zip", hub.items()), key=KEY)
        export_bundle(ws, tmp_path / "again.zip", key=KEY)
    rows = hub[RESULTS].count(b"\n")
    assert sum(taken) == rows == report.added["results"]
    assert len(taken) == len(lines(hub[RECORD_FILES["attempts"]]))  # every check's rows
    assert members(tmp_path / "again.zip")[RESULTS] == hub[RESULTS]  # every row back, byte for byte


def test_when_the_two_ways_ever_differ_nothing_more_is_vouched_for_and_every_row_is_checked(
        hub: Files, target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each batch's first check is also made the long way; a difference (a change to one way and not
    the other) stops the vouching, and the import stores the bundle's rows all the same."""
    _postgresql_forking(target)
    taken = _counting(monkeypatch)

    def shifted(attempt_id: str, areas: list[AreaText]) -> list[str] | None:
        made = area_copy_lines(attempt_id, areas)
        return None if made is None else [line.replace("\t", "\t0", 1) for line in made]

    monkeypatch.setattr(derived, "area_copy_lines", shifted)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, write_zip(tmp_path / "b.zip", hub.items()), key=KEY)
        export_bundle(ws, tmp_path / "again.zip", key=KEY)
    assert taken == [] and report.added["results"] == hub[RESULTS].count(b"\n")
    assert members(tmp_path / "again.zip")[RESULTS] == hub[RESULTS]


def _results_edited(files: Files, change: Any) -> Files:
    records = lines(files[RESULTS])
    change(records)
    return reseal({**files, RESULTS: as_jsonl(records)})


def _last_of_first_check(records: list[dict[str, Any]]) -> int:
    first = records[0]["attempt_id"]
    return max(k for k, r in enumerate(records) if r["attempt_id"] == first)


@pytest.mark.parametrize(("change", "said"), [
    (lambda rs: rs.insert(_last_of_first_check(rs) + 1, rs[_last_of_first_check(rs)]), "appears twice"),
    (lambda rs: rs.insert(0, rs[0]), "appears twice"),
    (lambda rs: rs.insert(len(rs), rs[0]), "out of key order"),
    (lambda rs: rs.insert(_last_of_first_check(rs) + 1, {**rs[0], "area_id": "ZZZ"}), "names an area"),
])
def test_a_row_added_beside_rows_the_recompute_makes_itself_is_still_refused(
        hub: Files, target: Target, tmp_path: Path, change: Any, said: str) -> None:
    files = _results_edited(hub, change)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        before = dump_target(target)
        with pytest.raises(BundleError) as caught:
            import_bundle(ws, write_zip(tmp_path / "b.zip", files.items()), key=KEY)
        assert dump_target(target) == before
    # The recompute (forked) is heard only after the pass, whose own finding comes first.
    assert said in caught.value.message("en"), caught.value.message("en")


def test_the_importing_process_takes_runs_as_the_recompute_writes_them(
        figures: list[Heard]) -> None:
    """Read while still being written: each batch is taken once whole, in order, and a batch cut short
    (a disk that filled as the writer ended) ends the reading without a wrong run."""
    import threading
    import time

    spool = derived.VouchedResults()
    try:
        runs = [derived.Vouched(k * 10, 2, (aid, areas[-1].area_id), [f"{aid}\t{k}\n"])
                for k, (aid, areas, _) in enumerate(figures[:6])]

        def write() -> None:
            for run in runs:
                time.sleep(0.02)
                spool._write([run])
            assert spool._file is not None
            spool._file.write(derived._LENGTH.pack(100) + b"\x80\x05")  # a batch cut short, then the end

        writer = threading.Thread(target=write)
        writer.start()
        taken = list(spool.taken(writer.is_alive))
        writer.join()
        assert taken == runs
    finally:
        spool.close()
