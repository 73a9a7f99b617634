"""An answering robot for storage tests: a fixed, valid choice for any item."""

from __future__ import annotations

import random

from digigram.core.framework import Framework, Item


def some_choice(framework: Framework, item: Item, rng: random.Random) -> object:
    if item.on_scale:
        assert item.scale is not None
        return rng.randrange(len(framework.scales[item.scale].points))
    if item.select == "many":
        return sorted(rng.sample(range(len(item.options)), rng.randint(1, len(item.options))))
    if item.offers_dont_know and rng.random() < 0.2:
        return None
    return rng.randrange(len(item.options))
