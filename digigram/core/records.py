"""Stored facts as plain dataclasses: people, attempts, plans and what a write changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from digigram.core.scoring import AreaResult

AttemptStatus = Literal["in_progress", "finished", "abandoned"]
StepStatus = Literal["planned", "in_progress", "done"]
STEP_STATUSES: tuple[StepStatus, ...] = ("planned", "in_progress", "done")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    hub: str
    profile_id: str | None
    has_pin: bool
    consent_at: datetime | None
    created_at: datetime
    group: str = ""
    hub_id: str | None = None  # revision 0005: the hub row; `hub` is its name


@dataclass(frozen=True)
class AreaOutcome:
    """One area's result as stored when the attempt was finished."""

    area_id: str
    theta: float
    sd: float
    level: str
    band: tuple[str, ...]
    target: str | None
    p_below_target: float | None
    gap: int | None
    n_items: int
    level_probabilities: tuple[tuple[str, float], ...] = ()
    said_theta: float | None = None  # from self-ratings alone; None when none were asked
    said_sd: float | None = None
    said_level: str | None = None


def measured(area: AreaOutcome | AreaResult) -> bool:
    """Whether the area's level was measured: it rests on shown answers (knowledge and scenario) alone,
    and an area where none were given (a framework whose items there are only self-ratings and attitudes,
    or a check that reached its question cap before asking one there) has the prior's level, which says
    nothing of the person. Every screen, figure and export shows such an area as not measured: no level,
    no gap, no target met, and counts it nowhere. The stored result stays as the engine made it; this
    reads its count of shown answers (`n_items` of a stored one, `items` of the engine's result). Here,
    beside the stored results, rather than with scoring: the command line and the first screen use it
    without loading numpy."""
    count = area.n_items if isinstance(area, AreaOutcome) else area.items
    return count > 0


@dataclass(frozen=True)
class Attempt:
    """A summary of one attempt; `areas` is filled for finished attempts."""

    id: str
    person_id: str
    framework_id: str
    framework_version: str
    framework_hash: str
    profile_id: str
    mode: str
    seed: int
    status: AttemptStatus
    started_at: datetime
    finished_at: datetime | None
    n_answers: int
    rating_before: int | None = None
    rating_after: int | None = None
    exclude: frozenset[str] = frozenset()
    areas: tuple[AreaOutcome, ...] = ()
    engine_version: str | None = None  # set at the finish
    params_source: str | None = None
    pending_item: str | None = None  # the question on screen while in progress


def latest_finished(attempts: Iterable[Attempt]) -> Attempt | None:
    """The most recently finished attempt (ties broken by id so every screen picks the same one)."""
    finished = [a for a in attempts if a.status == "finished"]
    return max(finished, key=lambda a: (a.finished_at or a.started_at, a.id)) if finished else None


@dataclass(frozen=True)
class StoredAnswer:
    sequence: int
    item_id: str
    choice: int | tuple[int, ...] | None
    answered_at: datetime
    seconds: float | None
    language: str | None = None


@dataclass(frozen=True)
class PlanStep:
    competence_id: str
    goal: str
    resource_id: str | None = None
    due: date | None = None
    status: StepStatus = "planned"
    notes: str = ""
    coordinator_comment: str = ""
    id: str | None = None  # None until stored


@dataclass(frozen=True)
class Plan:
    person_id: str
    steps: tuple[PlanStep, ...] = ()
    attempt_id: str | None = None
    id: str | None = None  # None until stored
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Change:
    """What one write changed, so each screen refreshes only what concerns it."""

    kind: str  # "person", "answer", "attempt", "plan", "setting"
    ids: tuple[str, ...] = field(default_factory=tuple)
    person_id: str | None = None


@dataclass(frozen=True)
class BackupChoice:
    """A backup of the database that can be put back: its file and when it was made (aware, UTC)."""

    path: Path
    made_at: datetime
