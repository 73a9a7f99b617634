"""Trainees with finished checks for the coordinator tests and screenshots."""

from __future__ import annotations

import random
from typing import Any


def finish_check(ws: Any, person_id: str, *, seed: int, rating: int | None = None,
                 mode: str = "quick") -> str:
    """One finished check with answers drawn from `seed`; returns the attempt id."""
    rnd = random.Random(seed)
    session = ws.start_quiz(person_id, mode=mode, rating_before=rating, seed=seed)
    while session.current_item is not None:
        item = session.current_item
        count = len(ws.framework.scales[item.scale].points) if item.on_scale else len(item.options)
        session.answer(rnd.randrange(count))
    session.finish(rating_after=None if rating is None else min(10, rating + 2))
    return session.attempt_id


def seed_trainees(ws: Any, people: list[tuple[str, str, str, str | None]], *, checks: int = 1,
                  apart_days: int = 0) -> list[Any]:
    """People as (name, hub, group, pin), each with `checks` finished checks; with `apart_days`, each
    check that many days before the next (the latest today), else all minutes apart."""
    made = []
    for n, (name, hub, group, pin) in enumerate(people):
        person = ws.create_person(name, hub=hub, group=group, pin=pin)
        for k in range(checks):
            attempt_id = finish_check(ws, person.id, seed=100 * n + k, rating=4 + (n + k) % 6)
            if apart_days and k < checks - 1:
                _move_back(ws, attempt_id, days=apart_days * (checks - 1 - k))
        made.append(person)
    return made


def _move_back(ws: Any, attempt_id: str, *, days: int) -> None:
    """The finished check `days` earlier, as if taken then."""
    from datetime import timedelta

    from digigram.store.db import transaction
    from digigram.store.models import AttemptRow

    with transaction(ws._sessions) as session:
        row = session.get(AttemptRow, attempt_id)
        row.started_at -= timedelta(days=days)
        row.finished_at -= timedelta(days=days)


SECRET = "ключ-хабу-2024"
TWO = [("Оксана Петренко", "Хаб у Бучі", "Весна", None), ("Іван Мельник", "Хаб в Ірпені", "Осінь", None)]
THREE = [*TWO, ("Ганна Лисенко", "Хаб у Бучі", "Осінь", None)]


def open_board(window: Any, ws: Any, monkeypatch: Any, people: list[tuple[str, str, str, str | None]]) -> Any:
    """`people` with a finished check each, and the dashboard open on them (the password typed right)."""
    from digigram.ui.coordinator.dashboard import DashboardView
    from digigram.ui.coordinator.login import PasswordDialog

    seed_trainees(ws, people)
    ws.set_coordinator_password(SECRET)
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, **_: ("", SECRET)))
    window.coordinator_action.trigger()
    board = window.stack.currentWidget()
    assert isinstance(board, DashboardView)
    return board
