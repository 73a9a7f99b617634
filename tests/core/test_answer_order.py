"""The per-attempt option order: a permutation, stable for one attempt, different across attempts."""

from __future__ import annotations

from factory import knowledge, self_rating

from digigram.core.answer_order import display_order


def test_order_is_a_stable_permutation_that_varies_between_attempts() -> None:
    item = knowledge("K", "A0.1", "A0", "B1", scores=(1, 0, 0, 0, 0))
    order = display_order("attempt-1", item)
    assert sorted(order) == [0, 1, 2, 3, 4] and display_order("attempt-1", item) == order
    orders = {tuple(display_order(f"attempt-{k}", item)) for k in range(20)}
    assert len(orders) > 5


def test_the_key_lands_in_every_position_over_many_attempts() -> None:
    """Today most single-answer keys are option 1 in the file; shown, they must not stay first."""
    item = knowledge("K", "A0.1", "A0", "B1", scores=(1, 0, 0, 0))
    positions = [display_order(f"a{k}", item).index(0) for k in range(400)]
    assert min(positions.count(p) for p in range(4)) > 60


def test_scale_points_keep_their_order() -> None:
    assert display_order("a", self_rating("S", "A0.1", "A0", "B1")) == []

