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


def seed_trainees(ws: Any, people: list[tuple[str, str, str, str | None]], *, checks: int = 1) -> list[Any]:
    """People as (name, hub, group, pin), each with `checks` finished checks."""
    made = []
    for n, (name, hub, group, pin) in enumerate(people):
        person = ws.create_person(name, hub=hub, group=group, pin=pin)
        for k in range(checks):
            finish_check(ws, person.id, seed=100 * n + k, rating=4 + (n + k) % 6)
        made.append(person)
    return made
