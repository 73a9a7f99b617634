"""A framework's items as arrays for the quiz: models, log-likelihoods, information; answers to categories."""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from digigram.core.errors import QuizError
from digigram.core.framework import Framework, Item
from digigram.core.i18n import N_, Message
from digigram.core.irt import (
    GRID,
    Array,
    ItemParams,
    LevelScale,
    information,
    item_params,
    log_likelihood_table,
    widened,
)

Choice = int | tuple[int, ...] | None

# Stored with every result. 2: the level rests on shown answers only; self-ratings are estimated apart.
# 3: in a bank with both measured and guessed parameters, a guessed item's curve is widened by the
# uncertainty of its guess (`ItemBank.set_measured`); other banks are computed as in 2.
ENGINE_VERSION = "3"
# The first engine version that widens guessed items' curves in a mixed bank.
WIDENED_FROM = 3


@dataclass(frozen=True)
class Scored:
    """An answer's response category (None for attitudes), its score 0..1 and the correct options."""

    category: int | None
    score: float
    correct: tuple[int, ...]


class LogTables:
    """Each scored item's log-likelihood table (`log_likelihood_table`), by bank row; None for an item that
    is not scored. A table is made the first time its row is asked for and kept: one check answers a
    tenth of the bank, so the rest (most of a megabyte on the shipped framework) is never made."""

    def __init__(self, params: Sequence[ItemParams | None]) -> None:
        self._params = params
        self._made: list[Array | None] = [None] * len(params)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, row: int) -> Array | None:
        table = self._made[row]
        if table is None:
            params = self._params[row]
            if params is not None:
                # Two threads may both make one; either result is the same table.
                table = self._made[row] = log_likelihood_table(params)
        return table

    def __iter__(self) -> Iterator[Array | None]:
        return (self[row] for row in range(len(self)))


class ItemBank:
    """Everything the quiz computes once per framework; shared by every quiz on that framework."""

    def __init__(self, framework: Framework, engine_version: str = ENGINE_VERSION) -> None:
        self.framework = framework
        # The engine whose rules these arrays follow: an import recomputes a stored result by the rules
        # of the version that made it (see `bank_for`).
        self.engine_version = engine_version
        self.scale = LevelScale.from_levels(framework.levels)
        centres = self.scale.centres
        self.level_width = float(np.mean(np.diff(centres))) if len(centres) > 1 else 1.0
        self.band = self.scale.band_matrix()
        self.items: tuple[Item, ...] = framework.items
        self.row = {item.id: i for i, item in enumerate(self.items)}
        # Each item's model as the file (`irt`) or its level and kind give it.
        self.given: list[ItemParams | None] = []
        for item in self.items:
            if not item.scored:
                self.given.append(None)
                continue
            centre = centres[framework.level_index(item.level)]
            self.given.append(item_params(item, n_categories=self.n_categories(item), centre=centre))
        given = sum(it.irt is not None for it in self.items if it.scored)
        scored = sum(it.scored for it in self.items)
        # Where the numbers behind every result come from: stored with each result.
        self.params_source = (
            "file" if scored and given == scored else "provisional" if given == 0 else
            f"mixed: {given} of {scored} from the file"
        )
        self.is_self: NDArray[np.bool_] = np.array([it.kind == "self_rating" for it in self.items], bool)
        self.is_shown: NDArray[np.bool_] = np.array(
            [it.kind in ("knowledge", "scenario") for it in self.items], bool
        )
        self.area_rows: dict[str, NDArray[np.intp]] = {}
        self.attitude_rows: dict[str, tuple[int, ...]] = {}
        for area in framework.areas:
            rows = [i for i, it in enumerate(self.items) if it.area_id == area.id]
            self.area_rows[area.id] = np.array([i for i in rows if self.items[i].scored], dtype=np.intp)
            self.attitude_rows[area.id] = tuple(i for i in rows if not self.items[i].scored)
        # Parameters measured from answers (an `irt` block, which calibration writes) rather than
        # guessed from the level label and kind.
        self.set_measured(np.array([it.scored and it.irt is not None for it in self.items], dtype=bool))

    def set_measured(self, measured: NDArray[np.bool_]) -> None:
        """Which items' parameters are measured, and the models, log-likelihoods and information that
        follow: in a bank that has both, from engine version 3 on, a guessed item's curve is widened
        (`irt.widened`) by the uncertainty of its guess, so that it weighs less beside measured ones
        when the level is placed and when the quiz decides it has asked enough. A bank all guessed or
        all measured keeps the curves as given. The selection also prefers measured items in a mixed
        bank (selection.py). Called again (the benchmarks say which guesses given as `irt` are guesses),
        it must come before any quiz or recompute uses the bank: their caches are not rebuilt."""
        self.measured: NDArray[np.bool_] = measured
        self.mixed = bool(measured.any()) and not bool(measured[self.is_self | self.is_shown].all())
        widen = self.mixed and int(self.engine_version) >= WIDENED_FROM
        self.params: list[ItemParams | None] = [
            widened(p, self.level_width) if widen and p is not None and not measured[i] else p
            for i, p in enumerate(self.given)
        ]
        info = np.zeros((len(self.items), GRID.size))
        for i, p in enumerate(self.params):
            if p is not None:
                info[i] = information(p, GRID)
        self.loglik = LogTables(self.params)
        self.info: Array = info

    def n_categories(self, item: Item) -> int:
        if item.on_scale:
            assert item.scale is not None
            return len(self.framework.scales[item.scale].points)
        return len(item.score_values)

    def item(self, item_id: str) -> Item:
        return self.items[self.row[item_id]]


_BANKS: weakref.WeakKeyDictionary[Framework, dict[str, ItemBank]] = weakref.WeakKeyDictionary()


def bank_for(framework: Framework, engine_version: str = ENGINE_VERSION) -> ItemBank:
    """The framework's item bank as an engine version computes with it (this release's unless a stored
    result of an earlier one is recomputed), built on first use and kept while the framework lives."""
    banks = _BANKS.get(framework)
    if banks is None:
        banks = _BANKS[framework] = {}
    bank = banks.get(engine_version)
    if bank is None:
        bank = banks[engine_version] = ItemBank(framework, engine_version)
    return bank


def _bad(item: Item, reason: Message) -> QuizError:
    return QuizError(N_("Question {id}: {reason}", id=item.id, reason=reason))


def _index(item: Item, value: object, size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise _bad(item, N_("the answer must be an option number, not {value!r}.", value=value))
    if not 0 <= int(value) < size:
        raise _bad(item, N_("there is no option {value} (valid: 0…{value2}).", value=value, value2=size - 1))
    return int(value)


def normalise_choice(framework: Framework, item: Item, choice: object) -> Choice:
    """The choice checked against the item and put in canonical form; a QuizError when it does not fit."""
    if item.on_scale:
        assert item.scale is not None
        return _index(item, choice, len(framework.scales[item.scale].points))
    if choice is None:
        if not item.offers_dont_know:
            raise _bad(item, N_("this question has no \"I don't know\" answer."))
        return None
    n = len(item.options)
    if item.select == "many":
        if isinstance(choice, int | np.integer) and not isinstance(choice, bool):
            choice = [choice]
        if not isinstance(choice, Sequence) or isinstance(choice, str):
            raise _bad(item, N_("several options can be chosen here: give their numbers as a list."))
        picked = tuple(sorted(_index(item, c, n) for c in choice))
        if len(set(picked)) != len(picked):
            raise _bad(item, N_("an option was chosen twice."))
        return picked
    return _index(item, choice, n)


def correct_options(item: Item) -> tuple[int, ...]:
    """Indices of the options a fully right answer chooses (knowledge and scenario items)."""
    if item.on_scale or not item.options:
        return ()
    if item.select == "many":
        return tuple(i for i, o in enumerate(item.options) if o.score >= 0.5)
    best = max(o.score for o in item.options)
    return tuple(i for i, o in enumerate(item.options) if o.score == best)


def score_answer(framework: Framework, item: Item, choice: Choice) -> Scored:
    """The answer's score and response category, as docs/adaptive.md defines them."""
    correct = correct_options(item)
    if item.on_scale:
        assert isinstance(choice, int) and item.scale is not None
        score = framework.scales[item.scale].score(choice)
        return Scored(choice if item.scored else None, score, ())
    if item.select == "many":
        n = len(item.options)
        if not choice:
            # Choosing nothing is "I don't know": counting the wrong options left out would score an
            # empty answer above a sincere attempt (three of four decisions "right" with one key).
            return Scored(0, 0.0, correct)
        assert isinstance(choice, tuple)
        # Share of right decisions: a right option chosen, or a wrong one left out.
        right = sum((i in choice) == (i in correct) for i in range(n))
        return Scored(right, right / n, correct)
    score = 0.0 if choice is None else item.options[int(choice)].score  # type: ignore[arg-type]
    return Scored(item.score_values.index(score), score, correct)
