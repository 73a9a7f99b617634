"""Choosing the next question and deciding when an area, or the whole quiz, has asked enough."""

from __future__ import annotations

import random
import weakref
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from digigram.core.irt import GRID, GRID_STEP, Posterior
from digigram.core.itembank import ItemBank


@dataclass(frozen=True)
class Rules:
    """Stopping and selection settings for one quiz mode.

    Only shown answers (knowledge and scenario questions) count towards stopping: the level rests on
    them. Self-ratings are a fixed few per area, asked first, for the "said" estimate.
    """

    sd_target: float  # precise enough, whatever the decision
    sd_decided: float  # a looser SD that is enough once the person is clearly above or below target
    level_certainty: float  # one level band holds this share of the posterior
    max_per_area: int  # shown questions per area at most
    global_cap: int  # every question counted, self-ratings and attitudes included
    attitudes: int  # how many attitude questions the whole quiz may ask
    self_ratings: int = 2  # per area, fixed: enough for the said-versus-shown comparison
    min_shown: int = 2  # shown questions per area before any stopping rule applies
    start_weight: float = 0.5  # the first shown question sits at this share of the said estimate
    top_k: int = 3  # choose at random among this many best questions …
    shortlist_share: float = 0.8  # … of those within this share of the best one's information
    new_competence_bonus: float = 1.3  # information multiplier for a competence not yet touched
    # Information multiplier for an item whose parameters are still the provisional guess (no `irt`),
    # once the bank has measured ones: its information is itself a guess, and a level resting on
    # guessed parameters is placed less surely (docs/adaptive.md, "Selection").
    provisional_weight: float = 0.25
    min_information: float = 0.02  # below this no remaining question is worth asking
    decision_certainty: float = 0.9  # "clearly above or below the target"
    # Where an area's later self-ratings are chosen: False (the rule) at the middle of the scale, like
    # the first, whatever the first answer was; True at the estimate the earlier self-ratings gave
    # (the rule before, kept to compare against: it made many self-ratings follow one answer to the
    # first only, and their slopes could then not be calibrated; docs/adaptive.md, "Selection").
    adaptive_self_ratings: bool = False


FULL = Rules(
    sd_target=0.45, sd_decided=0.65, level_certainty=0.9, max_per_area=8, global_cap=45, attitudes=2
)
QUICK = Rules(
    sd_target=0.6, sd_decided=0.8, level_certainty=0.8, max_per_area=3, global_cap=20, attitudes=0,
    self_ratings=1, min_shown=1,
)
ONE_AREA = Rules(
    sd_target=0.35, sd_decided=0.45, level_certainty=0.9, max_per_area=15, global_cap=18, attitudes=1
)


# Where an area's remaining questions are counted: these quantiles of its current estimate.
OUTLOOK_QUANTILES: NDArray[np.float64] = np.array([0.1, 0.3, 0.5, 0.7, 0.9])
# Added per area still in its opening, whose first shown answers move the estimate most: without it
# the start of a full check and of a quick scan still showed about 2.5 questions too few; measured
# with benchmarks/questions_left.py (docs/adaptive.md, "Questions left").
OPENING_EXTRA = 0.5


@dataclass
class AreaState:
    """One area during the quiz: the shown posterior (the level), the said posterior, what was asked."""

    area_id: str
    posterior: Posterior = field(default_factory=Posterior)  # knowledge and scenario answers only
    said: Posterior = field(default_factory=Posterior)  # self-ratings only
    self_ratings: int = 0
    shown: int = 0
    attitudes: int = 0
    stopped: str | None = None  # why the area stopped, None while it goes on
    below: NDArray[np.float64] | None = None  # per grid cell, the share below the target's cut
    mean: float = 0.0
    sd: float = 1.0
    said_mean: float = 0.0
    p_below: float | None = None

    @property
    def scored(self) -> int:
        return self.self_ratings + self.shown

    def refresh(self) -> None:
        self.mean, self.sd = self.posterior.mean_sd()
        if self.below is not None:
            self.p_below = float(self.posterior.weights() @ self.below)

    def refresh_said(self) -> None:
        self.said_mean = self.said.mean_sd()[0]

    def uncertainty(self) -> float:
        """How much the area still needs asking: its SD, doubled when the target decision is a coin toss."""
        if self.p_below is None:
            return self.sd
        return self.sd * (1.0 + (1.0 - abs(2.0 * self.p_below - 1.0)))


_Arrays = tuple[NDArray[np.intp], NDArray[np.float64], int]
_BANK_ARRAYS: weakref.WeakKeyDictionary[ItemBank, dict[float, _Arrays]] = weakref.WeakKeyDictionary()


def _bank_arrays(bank: ItemBank, provisional_weight: float) -> _Arrays:
    """Per row of the bank, its competence's index and the weight of its information in the ranking, and
    how many competences there are; made once per bank (a quiz only reads them, and an import's replay of
    a region's checks makes tens of thousands of quizzes)."""
    by_weight = _BANK_ARRAYS.setdefault(bank, {})
    found = by_weight.get(provisional_weight)
    if found is None:
        comp_ids = {c.id: n for n, c in enumerate(bank.framework.competences)}
        competence = np.array([comp_ids[it.competence_id] for it in bank.items], dtype=np.intp)
        # A bank that is all provisional or all measured ranks as before: a common factor changes no
        # choice.
        measured = bank.measured
        weight = np.where(measured, 1.0, provisional_weight) if bank.mixed else np.ones(measured.size)
        competence.setflags(write=False)
        weight.setflags(write=False)
        found = by_weight[provisional_weight] = (competence, weight, len(comp_ids))
    return found


class Selector:
    """The selection rules over one bank, with the quiz's random stream and excluded items."""

    def __init__(self, bank: ItemBank, rules: Rules, *, rng: random.Random, exclude: frozenset[str]) -> None:
        self.bank = bank
        self.rules = rules
        self.rng = rng
        self.available = np.ones(len(bank.items), dtype=bool)
        self.fresh = np.array([it.id not in exclude for it in bank.items], dtype=bool) if exclude else \
            np.ones(len(bank.items), dtype=bool)
        self.competence, self.weight, competences = _bank_arrays(bank, rules.provisional_weight)
        self.touched = np.zeros(competences, dtype=bool)  # competences already asked about
        # Per area, the last `remaining_outlook` and the answers it was counted after.
        self._outlook: dict[str, tuple[tuple[int, int], NDArray[np.float64]]] = {}

    def mark_asked(self, row: int) -> None:
        self.available[row] = False
        self.touched[self.competence[row]] = True

    def candidates(self, area_id: str, kind: str) -> NDArray[np.intp]:
        """Rows of the kind ("self" or "shown") still askable in the area, preferring unseen ones."""
        rows = self.bank.area_rows[area_id]
        of_kind = self.bank.is_self[rows] if kind == "self" else self.bank.is_shown[rows]
        mask = self.available[rows] & of_kind
        fresh = mask & self.fresh[rows]
        return rows[fresh] if fresh.any() else rows[mask]

    def information_at(self, rows: NDArray[np.intp], theta: float) -> NDArray[np.float64]:
        pos = (min(max(theta, GRID[0]), GRID[-1]) - GRID[0]) / GRID_STEP
        lo = min(int(pos), GRID.size - 2)
        w = pos - lo
        block = self.bank.info[rows, lo : lo + 2]
        return np.asarray(block[:, 0] * (1.0 - w) + block[:, 1] * w)

    def minimum_need(self, state: AreaState) -> str | None:
        """The kind the area still needs for its minimum ("self", "shown"), None once it has it."""
        if state.self_ratings < self.rules.self_ratings and self.candidates(state.area_id, "self").size:
            return "self"
        if state.shown < self.rules.min_shown and self.candidates(state.area_id, "shown").size:
            return "shown"
        return None

    def where(self, state: AreaState, kind: str) -> float:
        """The ability at which to pick the next question of this kind.

        Self-ratings at the middle of the scale, so the second does not depend on the answer to the
        first (unless `Rules.adaptive_self_ratings`): chosen at the first's estimate, a self-rating
        was seen only by people who gave the first one the same answer or two, and among them its
        slope cannot be told from its thresholds, so calibration could not measure it. Shown
        questions at the shown estimate, except the first, which starts from a damped said estimate
        (self-ratings may choose where to begin, no more).
        """
        if kind == "self":
            return state.said_mean if self.rules.adaptive_self_ratings else 0.0
        if state.shown == 0:
            return self.rules.start_weight * state.said_mean
        return state.mean

    def best_item(self, state: AreaState, kind: str) -> tuple[int, float] | None:
        """A row among the most informative at the area's estimate, and the best information found.

        The ranking weighs provisional items down (`Rules.provisional_weight`); the best information
        returned is the plain one, so when an area stops for want of information does not change.
        """
        rows = self.candidates(state.area_id, kind)
        if rows.size == 0:
            return None
        info = self.information_at(rows, self.where(state, kind))
        best = float(info.max())
        untouched = ~self.touched[self.competence[rows]]
        value = info * self.weight[rows] * np.where(untouched, self.rules.new_competence_bonus, 1.0)
        k = min(self.rules.top_k, rows.size)
        top = np.argpartition(-value, k - 1)[:k] if rows.size > k else np.arange(rows.size)
        # Sort the shortlist so the random pick does not depend on argpartition's internal order,
        # and keep only questions nearly as good as the best, so variety costs little precision.
        ranked = sorted(top.tolist(), key=lambda j: (-value[j], int(rows[j])))
        shortlist = [j for j in ranked if value[j] >= self.rules.shortlist_share * value[ranked[0]]]
        return int(rows[self.rng.choice(shortlist)]), best

    def should_stop(self, state: AreaState) -> str | None:
        """Why the area can stop now, or None; only once its minimum is met. Shown answers decide."""
        if state.shown >= self.rules.max_per_area:
            return "max_items"
        if self.minimum_need(state) is not None:
            return None
        if state.shown == 0:  # nothing shown to judge by: the selection finds out the bank has none
            return None
        if state.sd < self.rules.sd_target:
            return "precise"
        decided = state.p_below is not None and max(state.p_below, 1.0 - state.p_below) >= (
            self.rules.decision_certainty)
        if decided and state.sd < self.rules.sd_decided:
            return "target_decided"
        if float((state.posterior.weights() @ self.bank.band).max()) >= self.rules.level_certainty:
            return "level_certain"
        return None

    def remaining_outlook(self, state: AreaState) -> NDArray[np.float64]:
        """Questions the area still asks if the person stands at each of `OUTLOOK_QUANTILES` of its estimate.

        Counted the way the area stops (`should_stop`): its missing self-ratings, then its best shown
        questions at that ability one by one, each adding its information to the posterior as answers
        from a person there would, until a stopping rule holds. Taking the person at several places
        of the posterior, not at its mean alone, is what keeps the count honest: the estimate moves
        as answers come, and a person who turns out to sit near the target's cut is asked more
        (docs/adaptive.md, "Questions left").
        """
        if state.stopped is not None:
            return np.zeros(len(OUTLOOK_QUANTILES))
        # Only the area just answered changes: the others' counts are kept from the last call.
        key = (state.shown, state.self_ratings)
        kept = self._outlook.get(state.area_id)
        if kept is not None and kept[0] == key:
            return kept[1]
        counted = self._count_remaining(state)
        counted.setflags(write=False)  # handed out again while the area is unchanged
        self._outlook[state.area_id] = (key, counted)
        return counted

    def _count_remaining(self, state: AreaState) -> NDArray[np.float64]:
        rules = self.rules
        minimum = max(0, rules.self_ratings - state.self_ratings) if self.candidates(
            state.area_id, "self").size else 0
        rows = self.candidates(state.area_id, "shown")
        room = rules.max_per_area - state.shown
        if rows.size == 0 or room <= 0:
            return np.full(len(OUTLOOK_QUANTILES), float(minimum))
        weights = state.posterior.weights()
        where = GRID[np.searchsorted(np.cumsum(weights), OUTLOOK_QUANTILES).clip(0, GRID.size - 1)]
        pos = (where - GRID[0]) / GRID_STEP
        lo = np.minimum(pos.astype(np.intp), GRID.size - 2)
        share = pos - lo
        table = self.bank.info[rows]
        info = (table[:, lo] * (1.0 - share) + table[:, lo + 1] * share).T
        info = -np.sort(-info, axis=1)[:, :room]  # (quantiles, next questions), best first
        gained = np.cumsum(info, axis=1)
        w = weights * np.exp(-0.5 * gained[:, :, None] * (GRID - where[:, None, None]) ** 2)
        w /= w.sum(axis=2, keepdims=True)
        mean = w @ GRID
        sd = np.sqrt(np.einsum("qjg,qjg->qj", w, (GRID - mean[:, :, None]) ** 2))
        stop = (sd < rules.sd_target) | ((w @ self.bank.band).max(axis=2) >= rules.level_certainty)
        if state.below is not None:
            p_below = w @ state.below
            stop |= (np.maximum(p_below, 1.0 - p_below) >= rules.decision_certainty) & (sd < rules.sd_decided)
        # The check asks no question worth less than min_information: the area stops after the one
        # before it.
        stop[:, :-1] |= info[:, 1:] < rules.min_information
        stop &= state.shown + np.arange(1, info.shape[1] + 1) >= rules.min_shown
        stop[:, -1] = True
        asked = np.argmax(stop, axis=1) + 1.0
        if state.shown >= rules.min_shown:
            asked[info[:, 0] < rules.min_information] = 0.0  # the area stops without asking
        opening = OPENING_EXTRA if state.shown < rules.min_shown else 0.0
        # Never more than the questions the area still has to ask.
        return np.asarray(minimum + np.minimum(asked + opening, info.shape[1]))


def attitude_areas(bank: ItemBank, area_ids: list[str], budget: int, rng: random.Random) -> list[str]:
    """The areas whose attitude question this quiz asks: a random few, so a group covers them all."""
    with_items = [a for a in area_ids if bank.attitude_rows.get(a)]
    rng.shuffle(with_items)
    return with_items[: max(0, budget)]
