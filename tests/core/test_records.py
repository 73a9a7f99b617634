"""Records shared by every layer: which attempt counts as a person's latest finished check."""

from __future__ import annotations

from datetime import UTC, datetime

from digigram.core.records import Attempt, latest_finished


def _attempt(aid: str, status: str, started: int, finished: int | None) -> Attempt:
    return Attempt(
        id=aid, person_id="p", framework_id="f", framework_version="1", framework_hash="h", profile_id="x",
        mode="full", seed=1, status=status,  # type: ignore[arg-type]
        started_at=datetime(2026, 3, started, tzinfo=UTC),
        finished_at=None if finished is None else datetime(2026, 3, finished, tzinfo=UTC), n_answers=3,
    )


def test_latest_finished_is_the_one_finished_last_not_started_last() -> None:
    attempts = [
        _attempt("a", "finished", 1, 9),
        _attempt("b", "finished", 5, 6),
        _attempt("c", "in_progress", 10, None),
    ]
    latest = latest_finished(attempts)
    assert latest is not None and latest.id == "a"


def test_latest_finished_breaks_ties_by_id_and_is_none_without_a_finished_check() -> None:
    assert latest_finished([_attempt("c", "in_progress", 1, None)]) is None
    tied = [_attempt("b", "finished", 1, 2), _attempt("d", "finished", 1, 2), _attempt("a", "finished", 1, 2)]
    assert latest_finished(tied).id == "d"  # type: ignore[union-attr]
    assert latest_finished(list(reversed(tied))).id == "d"  # type: ignore[union-attr]
