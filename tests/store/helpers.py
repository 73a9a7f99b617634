"""An answering robot for storage tests: a fixed, valid choice for any item."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import Engine

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


def without_roles(framework: Path, out: Path) -> Path:
    """A copy of `framework` at `out` without its `profiles` section (FRAMEWORK-FORMAT allows a framework
    none: its results then show levels without targets). The section must come just before `items`."""
    text = framework.read_text(encoding="utf-8")
    out.write_text(text[:text.index("\nprofiles:")] + text[text.index("\nitems:"):], encoding="utf-8")
    return out


def downgrade(engine: Engine, revision: str) -> None:
    """Alembic's own downgrade to `revision`, on `engine` (made without SQLite's foreign keys, as the
    migrations run), in one transaction: what an administrator rolling a revision back by hand does."""
    from alembic import command

    from digigram.store import migrate

    config = migrate._config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
