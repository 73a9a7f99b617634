"""One answer-order rule for every front end: options shuffled per attempt and question, stable on resume."""

from __future__ import annotations

import hashlib
import random

from digigram.core.framework import Item


def display_order(attempt_key: str, item: Item) -> list[int]:
    """File-order option indexes in the order shown: shuffled per attempt and question, the same on resume.

    In a bank the right answer is often in the same place or the longest; a fixed order lets people
    learn positions on a retake. Scale points keep their order: it carries their meaning. Answers are
    stored in file order, whatever order they were shown in.
    """
    n = 0 if item.on_scale else len(item.options)
    order = list(range(n))
    if n > 1:
        # A hash of the attempt and the question, not the quiz's random stream: the order does not
        # depend on how many questions came before, so every front end and a resume agree.
        digest = hashlib.sha256(f"{attempt_key}\n{item.id}".encode()).digest()
        random.Random(int.from_bytes(digest[:8], "big")).shuffle(order)
    return order

