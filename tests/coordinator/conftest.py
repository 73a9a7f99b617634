"""Coordinator tests: a Workspace on the small framework, a password, and checks stored with known results."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from digigram.core.records import AreaOutcome, Person
from digigram.services.coordinator import auth as coordinator_auth
from digigram.services.coordinator.mode import Coordinator
from digigram.services.workspace import Workspace
from digigram.store.db import transaction
from digigram.store.models import AttemptRow
from digigram.store.repo import attempts as attempt_rows
from tests.conftest import Target

SMALL = Path(__file__).resolve().parents[1] / "frameworks" / "store_small.yaml"
PASSWORD = "правильний-пароль"
LEVELS = ("A", "B", "C")


# For tests about SQLite's own file (bytes on disk, WAL, secure_delete): PostgreSQL has no such file.
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def data_dir(target: Target) -> Path:
    """The data folder (on PostgreSQL it holds only what is not in the database)."""
    return target.data_dir


@pytest.fixture
def ws(target: Target) -> Iterator[Workspace]:
    """A workspace on the engine under test: SQLite in a data folder, or a PostgreSQL database."""
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as workspace:
        yield workspace


@pytest.fixture
def co(ws: Workspace) -> Coordinator:
    ws.set_coordinator_password(PASSWORD)
    return ws.unlock_coordinator(PASSWORD)


class Clock:
    """A settable clock for the wait after failed password tries."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(coordinator_auth, "_now", fake)
    return fake


def add_check(
    ws: Workspace,
    person: Person,
    *,
    when: datetime,
    levels: dict[str, tuple[str, str | None]],
    answers: Sequence[tuple[str, object]] = (),
    rating: int | None = None,
    profile: str = "librarian",
    said: dict[str, str] | None = None,
    unmeasured: Sequence[str] = (),
) -> str:
    """A finished check stored directly: per area (level, target); the gap follows from them; `said`:
    the level the person's self-ratings gave, per area. Each area's level rests on shown answers, as a
    real check's does, but in the `unmeasured` areas, where none were given (core.records.measured)."""
    fw = ws.framework
    sessions = ws._sessions
    with transaction(sessions) as session:
        attempt = attempt_rows.add_attempt(
            session, person_id=person.id, framework_id=fw.id, framework_version=fw.version,
            framework_hash=fw.content_hash, profile_id=profile, mode="full", seed=1, rating_before=rating,
        )
        for seq, (item_id, choice) in enumerate(answers):
            stored = tuple(choice) if isinstance(choice, list) else choice
            attempt_rows.add_answer(session, attempt.id, sequence=seq, item_id=item_id, choice=stored)  # type: ignore[arg-type]
        outcomes = [
            AreaOutcome(area_id=area, theta=0.0, sd=0.5, level=level, band=(level, level), target=target,
                        p_below_target=None,
                        gap=None if target is None else max(0, LEVELS.index(target) - LEVELS.index(level)),
                        n_items=0 if area in unmeasured else max(len(answers), 1),
                        said_level=(said or {}).get(area))
            for area, (level, target) in levels.items()
        ]
        attempt_rows.finish_attempt(session, attempt.id, outcomes=outcomes, rating_after=None)
        session.get_one(AttemptRow, attempt.id).finished_at = when.astimezone(UTC).replace(tzinfo=None)
    return attempt.id


def gaps_said_by(competence_ids: Sequence[str], record: dict[str, Any]) -> bytes:
    """What a check summary's gaps must say of a stored result, worked out here on its own: for each
    competence of the framework, in order, 2 below its target, 1 at or above it, 0 without a target, when
    the result lacks it, or when its area had no shown answer (its gap is then the prior's)."""
    measured = {a["area"]: a["items"] > 0 for a in record["areas"]}
    said = {c["competence"]: c for c in record["competences"]}
    out = bytearray()
    for competence_id in competence_ids:
        c = said.get(competence_id)
        if c is None or c["target"] is None or not measured.get(c["area"], True):
            out.append(0)
        else:
            out.append(2 if c["gap"] > 0 else 1)
    return bytes(out)
