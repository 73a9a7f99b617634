"""Shared fixtures for storage tests: a data folder, the small test framework, and old-schema data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.disks import small_disk  # noqa: F401  (a fixture for every storage test)

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"
SMALL = FRAMEWORKS / "store_small.yaml"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def small_framework(tmp_path: Path) -> Path:
    """A private copy of the small framework, so a test may change the file."""
    target = tmp_path / "fw" / "store_small.yaml"
    target.parent.mkdir()
    target.write_bytes(SMALL.read_bytes())
    return target


def insert_old_rows(db: Path) -> None:
    """Rows valid in every schema revision: a person with a finished attempt, answers and a plan."""
    con = sqlite3.connect(db)
    with con:
        con.execute("PRAGMA foreign_keys=ON")
        con.execute(
            # the first revision's columns by name, so the row fits revisions that added columns too
            "INSERT INTO person (id, name, hub, group_tag, profile_id, pin_hash, consent_at, created_at) "
            "VALUES ('p1', 'Олена', 'Хаб 1', '', 'librarian', NULL, '2024-01-02 10:00:00', "
            "'2024-01-02 10:00:00')"
        )
        con.execute(
            "INSERT INTO framework_snapshot VALUES ('h1', 'store-small', '1', 'x.yaml', 'text', "
            "'2024-01-02 10:00:00')"
        )
        con.execute(
            # the first revision's columns by name, so the same row fits every later revision too
            "INSERT INTO attempt (id, person_id, framework_id, framework_version, framework_hash, "
            "profile_id, mode, seed, excluded, status, started_at, finished_at) VALUES ('a1', 'p1', "
            "'store-small', '1', 'h1', 'librarian', 'full', 7, '[]', 'finished', '2024-01-02 10:00:00', "
            "'2024-01-02 10:20:00')"
        )
        for seq in range(3):
            con.execute(
                "INSERT INTO answer (attempt_id, sequence, item_id, choice, answered_at, seconds) "
                "VALUES ('a1', ?, ?, ?, '2024-01-02 10:05:00', 4.5)",
                (seq, f"DOC.1-0{seq + 1}", "2" if seq < 2 else "[0, 2]"),
            )
        con.execute(
            "INSERT INTO area_result (attempt_id, area_id, position, theta, sd, level, band, target, "
            "p_below_target, gap, n_items) "
            "VALUES ('a1', 'DOC', 0, 0.3, 0.4, 'B', '[\"B\", \"C\"]', 'B', 0.2, 0, 3)"
        )
        con.execute("INSERT INTO plan VALUES ('pl1', 'p1', 'a1', '2024-01-03 09:00:00')")
        con.execute(
            "INSERT INTO plan_step VALUES ('s1', 'pl1', 0, 'DOC.1', 'Вивчити', 'R-DOC', '2024-02-01', "
            "'planned', '', '')"
        )
    con.close()
