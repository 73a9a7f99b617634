"""Attempts, their answers and the framework snapshots they were taken on; never commits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple, cast

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from digigram.core.records import (
    AreaOutcome,
    Attempt,
    AttemptStatus,
    StoredAnswer,
)
from digigram.core.result_record import record_text
from digigram.store.clock import aware, now
from digigram.store.models import (
    ANSWERS,
    AnswerRow,
    AreaResultRow,
    AttemptRow,
    FrameworkSnapshotRow,
    new_id,
)
from digigram.store.repo import insert_if_new

Choice = int | tuple[int, ...] | None


# --- framework snapshots ------------------------------------------------------------------------


def store_snapshot(
    session: Session, *, content_hash: str, framework_id: str, version: str, file_name: str, text: str
) -> bool:
    """Keep the framework text by its hash; False when it was already kept."""
    if session.get(FrameworkSnapshotRow, content_hash) is not None:
        return False
    # If new: on a regional server two PCs starting at once both find it missing.
    table: Any = FrameworkSnapshotRow.__table__
    return insert_if_new(session, table, table.c.content_hash, content_hash=content_hash,
                         framework_id=framework_id, version=version, file_name=file_name, text=text,
                         stored_at=now())


def snapshot(session: Session, content_hash: str) -> tuple[str, str] | None:
    """(file name, text) of a stored framework, or None."""
    row = session.get(FrameworkSnapshotRow, content_hash)
    return None if row is None else (row.file_name, row.text)


# --- attempts and answers -----------------------------------------------------------------------


def _outcome(row: AreaResultRow) -> AreaOutcome:
    return AreaOutcome(
        area_id=row.area_id, theta=row.theta, sd=row.sd, level=row.level,
        band=tuple(json.loads(row.band)), target=row.target, p_below_target=row.p_below_target,
        gap=row.gap, n_items=row.n_items,
        level_probabilities=tuple(json.loads(row.level_probabilities).items()) if row.level_probabilities
        else (),
        said_theta=row.said_theta, said_sd=row.said_sd, said_level=row.said_level,
    )


def _attempt(row: AttemptRow, n_answers: int, *, with_areas: bool = False) -> Attempt:
    started = aware(row.started_at)
    assert started is not None
    return Attempt(
        id=row.id, person_id=row.person_id, framework_id=row.framework_id,
        framework_version=row.framework_version, framework_hash=row.framework_hash,
        profile_id=row.profile_id, mode=row.mode, seed=row.seed,
        status=cast(AttemptStatus, row.status), started_at=started,
        finished_at=aware(row.finished_at), n_answers=n_answers,
        rating_before=row.rating_before, rating_after=row.rating_after,
        exclude=frozenset(json.loads(row.excluded)),
        areas=tuple(_outcome(a) for a in row.areas) if with_areas else (),
        engine_version=row.engine_version, params_source=row.params_source, pending_item=row.pending_item,
    )


def _count_answers(session: Session, attempt_id: str) -> int:
    stmt = select(func.count()).select_from(ANSWERS).where(ANSWERS.c.attempt_id == attempt_id)
    return int(session.scalar(stmt) or 0)


def add_attempt(
    session: Session,
    *,
    person_id: str,
    framework_id: str,
    framework_version: str,
    framework_hash: str,
    profile_id: str,
    mode: str,
    seed: int,
    exclude: Sequence[str] = (),
    rating_before: int | None = None,
) -> Attempt:
    row = AttemptRow(
        id=new_id(), person_id=person_id, framework_id=framework_id, framework_version=framework_version,
        framework_hash=framework_hash, profile_id=profile_id, mode=mode, seed=seed,
        excluded=json.dumps(sorted(exclude)), status="in_progress", started_at=now(),
        rating_before=rating_before,
    )
    session.add(row)
    session.flush()
    return _attempt(row, 0)


def get_attempt(session: Session, attempt_id: str, *, with_areas: bool = True) -> Attempt | None:
    row = session.get(AttemptRow, attempt_id)
    return None if row is None else _attempt(row, _count_answers(session, attempt_id), with_areas=with_areas)


def unfinished_attempt(session: Session, person_id: str) -> Attempt | None:
    """The person's latest attempt still in progress, if any."""
    stmt = (
        select(AttemptRow)
        .where(AttemptRow.person_id == person_id, AttemptRow.status == "in_progress")
        .order_by(AttemptRow.started_at.desc())
    )
    row = session.scalars(stmt).first()
    return None if row is None else _attempt(row, _count_answers(session, row.id))


def attempts_for(session: Session, person_id: str) -> list[Attempt]:
    """Every attempt of the person, oldest first, with the stored area results."""
    stmt = select(AttemptRow).where(AttemptRow.person_id == person_id).order_by(AttemptRow.started_at)
    rows = list(session.scalars(stmt))
    counts: dict[str, int] = dict(
        session.execute(
            select(ANSWERS.c.attempt_id, func.count())
            .where(ANSWERS.c.attempt_id.in_([r.id for r in rows]))
            .group_by(ANSWERS.c.attempt_id)
        ).all()
    ) if rows else {}
    return [_attempt(r, int(counts.get(r.id, 0)), with_areas=True) for r in rows]


def _ids_of(session: Session, person_id: str) -> list[str]:
    return list(session.scalars(select(AttemptRow.id).where(AttemptRow.person_id == person_id)))


def seen_items(session: Session, person_id: str) -> set[str]:
    """Items the person answered in earlier attempts (the engine skips them while the bank allows)."""
    # The person's checks by id, not by a join: joined, neither engine uses the view's keys and every
    # answer in the database is read.
    ids = _ids_of(session, person_id)
    if not ids:
        return set()
    return set(session.scalars(select(ANSWERS.c.item_id).where(ANSWERS.c.attempt_id.in_(ids)).distinct()))


def _choice_json(choice: Choice) -> str:
    return json.dumps(list(choice) if isinstance(choice, tuple) else choice)


def _choice(text: str) -> Choice:
    value: Any = json.loads(text)
    return tuple(int(v) for v in value) if isinstance(value, list) else value


def add_answer(
    session: Session, attempt_id: str, *, sequence: int, item_id: str, choice: Choice,
    seconds: float | None = None, language: str | None = None,
) -> None:
    session.add(AnswerRow(
        attempt_id=attempt_id, sequence=sequence, item_id=item_id, choice=_choice_json(choice),
        answered_at=now(), seconds=seconds, language=language,
    ))
    session.flush()


def set_pending(session: Session, attempt_id: str, item_id: str | None) -> None:
    """Remember the question on screen: part of the stored sequence of asked items."""
    session.get_one(AttemptRow, attempt_id).pending_item = item_id


def stored_result(session: Session, attempt_id: str) -> dict[str, Any] | None:
    """The result record stored at the finish, or None (unfinished, or finished before revision 0004)."""
    text = session.scalar(select(AttemptRow.result).where(AttemptRow.id == attempt_id))
    return None if text is None else cast(dict[str, Any], json.loads(text))


def answers(session: Session, attempt_id: str) -> list[StoredAnswer]:
    stmt = select(ANSWERS).where(ANSWERS.c.attempt_id == attempt_id).order_by(ANSWERS.c.sequence)
    result = []
    for row in session.execute(stmt):
        answered = aware(row.answered_at)
        assert answered is not None
        result.append(StoredAnswer(row.sequence, row.item_id, _choice(row.choice), answered, row.seconds,
                                   row.language))
    return result


def finish_attempt(
    session: Session, attempt_id: str, *, outcomes: Sequence[AreaOutcome], rating_after: int | None,
    record: dict[str, Any] | None = None,
) -> None:
    """Mark the attempt finished and store its result: the area rows and the whole record."""
    row = session.get_one(AttemptRow, attempt_id)
    row.status = "finished"
    row.finished_at = now()
    row.rating_after = rating_after
    row.pending_item = None
    store_result(session, row, outcomes=outcomes, record=record)


def _area_values(attempt_id: str, position: int, out: AreaOutcome) -> dict[str, Any]:
    """An area's row of `area_result`, as every stored result writes it."""
    return dict(
        attempt_id=attempt_id, area_id=out.area_id, position=position, theta=out.theta, sd=out.sd,
        level=out.level, band=json.dumps(list(out.band)), target=out.target,
        p_below_target=out.p_below_target, gap=out.gap, n_items=out.n_items,
        level_probabilities=json.dumps(dict(out.level_probabilities)) if out.level_probabilities else None,
        said_theta=out.said_theta, said_sd=out.said_sd, said_level=out.said_level,
    )


def store_result(
    session: Session, row: AttemptRow, *, outcomes: Sequence[AreaOutcome], record: dict[str, Any] | None
) -> None:
    row.areas.clear()
    session.flush()
    for position, out in enumerate(outcomes):
        row.areas.append(AreaResultRow(**_area_values(row.id, position, out)))
    if record is not None:
        row.result = record_text(record)
        row.engine_version = str(record["engine_version"])
        row.params_source = str(record["params_source"])
    session.flush()


class ResultToStore(NamedTuple):
    """A finished check's result, made elsewhere (an import's recompute), as `store_result` keeps it."""

    attempt_id: str
    text: str  # the record as `record_text` writes it
    engine_version: str
    params_source: str
    outcomes: tuple[AreaOutcome, ...]


def store_results(session: Session, results: Sequence[ResultToStore]) -> None:
    """Many checks' results at once, as `store_result` keeps each: their area rows replaced, their
    records stored. Three statements for the lot, rather than a few per check: an import of a region's
    checks from before results were stored gives tens of thousands of them."""
    if not results:
        return
    ids = [r.attempt_id for r in results]
    session.execute(delete(AreaResultRow).where(AreaResultRow.attempt_id.in_(ids)))
    # Nulls written as such: left out, as by default, each run of rows with other columns missing (an area
    # without self-ratings, a check without a role) became an INSERT of its own.
    rows = [_area_values(r.attempt_id, place, out) for r in results for place, out in enumerate(r.outcomes)]
    session.execute(insert(AreaResultRow).execution_options(render_nulls=True), rows)
    session.execute(update(AttemptRow), [
        {"id": r.attempt_id, "result": r.text, "engine_version": r.engine_version,
         "params_source": r.params_source} for r in results])


def set_attempt_status(session: Session, attempt_id: str, status: AttemptStatus) -> None:
    session.get_one(AttemptRow, attempt_id).status = status
