"""Calibrating a framework's items from stored answers: per area, shown answers and self-ratings apart."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from digigram.core.calibration.diagnostics import ItemDiagnostics, diagnose
from digigram.core.calibration.em import GRID, DimensionData, DimensionFit, Priors, fit_area
from digigram.core.errors import DigigramError, QuizError
from digigram.core.framework import Framework, Item
from digigram.core.i18n import N_
from digigram.core.irt import DEFAULT_SLOPES, ItemParams
from digigram.core.itembank import Choice, bank_for, normalise_choice, score_answer

DEFAULT_MIN_RESPONSES = 200
# Fewer anchors than this and mean/sigma linking is too shaky: the latent N(0, 1) keeps the scale.
MIN_ANCHORS = 5
DIMENSIONS = ("shown", "self")


@dataclass(frozen=True, slots=True)
class Response:
    """One stored answer to a shown question of a finished check."""

    attempt: str
    item_id: str
    choice: Choice
    language: str | None = None


@dataclass(frozen=True)
class ItemCalibration:
    """One item's outcome: old and new parameters with SEs, fit and flags."""

    item_id: str
    area_id: str
    kind: str
    dimension: str  # "shown" (knowledge and scenario) or "self" (self-ratings)
    n: int
    calibrated: bool  # False: too few answers, the parameters are kept
    old: ItemParams
    new: ItemParams
    se_a: float | None
    se_b: tuple[float, ...] | None  # b, or each threshold
    diagnostics: ItemDiagnostics | None

    @property
    def flags(self) -> tuple[str, ...]:
        return () if self.diagnostics is None else self.diagnostics.flags

    def badness(self) -> tuple[int, int, float]:
        """Sort key, worst first: flagged calibrated items, by number of flags and misfit size."""
        rmsd = 0.0 if self.diagnostics is None else self.diagnostics.rmsd
        return (0 if self.calibrated else 1, -len(self.flags), -rmsd)


@dataclass(frozen=True)
class Linking:
    """How the new estimates were put on the current scale in one dimension."""

    area_id: str
    dimension: str
    method: str  # "fixed-latent" or "mean-sigma"
    anchors: int
    slope: float  # theta_current = slope * theta_new + shift
    shift: float


@dataclass(frozen=True)
class CalibrationResult:
    framework_id: str
    framework_version: str
    min_responses: int
    attempts: int
    responses: int
    skipped: int  # answers to items the framework no longer has, or that no longer fit them
    languages: dict[str, int]
    items: tuple[ItemCalibration, ...]
    linking: tuple[Linking, ...]
    fits: dict[tuple[str, str], tuple[int, bool]] = field(default_factory=dict)  # iterations, converged
    # per area: how strongly its shown latent goes with what the other areas predict (the regression's β)
    regressions: dict[str, float] = field(default_factory=dict)

    def worst_first(self) -> list[ItemCalibration]:
        return sorted(self.items, key=lambda r: r.badness())

    @property
    def calibrated(self) -> list[ItemCalibration]:
        return [r for r in self.items if r.calibrated]

    def new_params(self) -> dict[str, ItemParams]:
        """Parameters to write for the calibrated items (kept items are left as they are)."""
        return {r.item_id: r.new for r in self.items if r.calibrated}


Row = tuple[str, Item, int, Choice, str | None]  # attempt, item, category, choice, language


def _dimension_of(item: Item) -> str:
    return "self" if item.kind == "self_rating" else "shown"


def _psi(params: ItemParams) -> np.ndarray:
    loc = (params.b,) if params.thresholds is None else params.thresholds
    return np.array([np.log(params.a), *loc], dtype=float)


def _params(psi: np.ndarray, c: float, dichotomous: bool) -> ItemParams:
    a = float(np.exp(psi[0]))
    if dichotomous:
        return ItemParams(a=a, b=float(psi[1]), c=c)
    return ItemParams(a=a, thresholds=tuple(float(x) for x in psi[1:]))


def _scored_answers(
    framework: Framework, responses: Iterable[Response]
) -> tuple[list[Row], int]:
    """(attempt, item, category, choice, language) per usable answer, and how many were skipped."""
    out = []
    skipped = 0
    for r in responses:
        if not framework.has_item(r.item_id):
            skipped += 1
            continue
        item = framework.item(r.item_id)
        if not item.scored:
            continue
        try:
            choice = normalise_choice(framework, item, r.choice)
        except QuizError:  # stored under an older version whose options differed
            skipped += 1
            continue
        category = score_answer(framework, item, choice).category
        assert category is not None
        out.append((r.attempt, item, category, choice, r.language))
    return out, skipped


def _mean_sigma(anchor_old: Sequence[float], anchor_new: Sequence[float]) -> tuple[float, float]:
    """theta_old = A * theta_new + B matching the anchors' difficulty mean and SD."""
    old, new = np.asarray(anchor_old), np.asarray(anchor_new)
    sd_new = float(new.std())
    if sd_new < 1e-9:
        return 1.0, float(old.mean() - new.mean())
    slope = float(old.std()) / sd_new
    return slope, float(old.mean() - slope * new.mean())


def _transform(psi: np.ndarray, slope: float, shift: float) -> np.ndarray:
    out = psi.copy()
    out[0] = psi[0] - np.log(slope)
    out[1:] = slope * psi[1:] + shift
    return out


def calibrate(
    framework: Framework,
    responses: Iterable[Response],
    *,
    min_responses: int = DEFAULT_MIN_RESPONSES,
    priors: Priors | None = None,
    max_iter: int = 2000,
    anchors: Collection[str] | None = None,
    together: bool = True,
    pool_slopes: bool = True,
    across_areas: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> CalibrationResult:
    """Fit every area's items to the answers; items with fewer than `min_responses` keep their parameters.

    The scale: each dimension's latent distribution is fixed at N(0, 1), the quiz's own prior, so a
    first calibration stays on the scale the quiz already assumes. When the file already holds at
    least MIN_ANCHORS calibrated items in a dimension that are re-estimated now, those are anchors and
    the new estimates are moved onto their current scale by mean/sigma linking, so level cuts keep
    their meaning even when the people answering differ from last time.

    `anchors`: the items whose current parameters are trusted measurements (default: those with an
    `irt` in the file); a sparse anchor is held at its values, a sparse other item is estimated
    (not written) so that its provisional guess does not bend the others.

    `together`: fit an area's self-ratings and shown answers as two correlated dimensions (the
    default, and the right model for the quiz's data); False fits each alone, for comparisons.

    `pool_slopes`: empirical Bayes for the slopes. A first fit under the weak priors gives every
    well-answered item's slope and SE; per kind (self-rating, knowledge, scenario) over the whole
    framework, their mean and their spread net of estimation noise become the slope prior of a second
    fit that starts where the first ended. A slope is learnt only from how answers to different
    items go together across people, and each person gives few answers per area, so a lone slope is
    noisy; the bank's own spread says how far to trust it (see docs/adaptive.md).

    `across_areas`: a last fit, started where the fits before ended, in which each area's shown
    dimension is regressed on what the other areas' shown answers predict of it
    (other_areas_predictors): a latent regression, so over people the latent keeps mean 0 and
    variance 1 while each person's prior narrows to what the rest of the check says.
    Each person answers few questions in an area but about 35 in all, and areas go together
    (about 0.6); a per-area model that ignores them sees blurrier people, and slopes come out noisier.
    """
    if min_responses < 1:
        raise DigigramError(N_("--min-responses must be at least 1, not {n}.", n=min_responses))
    priors = priors or Priors()
    trusted = {it.id for it in framework.items if it.irt is not None} if anchors is None else set(anchors)
    bank = bank_for(framework)
    answers, skipped = _scored_answers(framework, responses)
    n_by_item = Counter(item.id for _, item, _, _, _ in answers)
    languages = Counter(lang or "unknown" for *_, lang in answers)
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in answers:
        groups[(row[1].area_id, _dimension_of(row[1]))].append(row)
    results: list[ItemCalibration] = []
    linkings: list[Linking] = []
    fits: dict[tuple[str, str], tuple[int, bool]] = {}
    areas: list[_AreaFit] = []
    steps = (1 + pool_slopes + across_areas) * len(framework.areas)
    for done, area in enumerate(framework.areas):
        if progress is not None:
            progress(done, steps, area.id)
        parts = []
        for dim in DIMENSIONS:
            items = [it for it in framework.items_in_area(area.id) if it.scored and _dimension_of(it) == dim]
            if items:
                # The parameters as the file (or the labels) gives them: not the quiz's widened curves
                # of guessed items in a partly calibrated bank (itembank.py), which no file holds.
                parts.append(_Part(dim, items, {it.id: bank.given[bank.row[it.id]] for it in items},
                                   groups.get((area.id, dim), []), n_by_item, min_responses, trusted))
        fitted = [p for p in parts if p.rows]
        if not any(any(p.written) for p in fitted):
            results += [_kept(it, p.dim, n_by_item[it.id], p.old[it.id]) for p in parts for it in p.items]
            continue
        people: dict[str, int] = {}
        for p in fitted:
            p.person = np.array([people.setdefault(a, len(people)) for a, *_ in p.rows], dtype=np.intp)
        datas = [p.data(len(people)) for p in fitted]
        areas.append(_AreaFit(area.id, parts, fitted, datas,
                              _fit(datas, priors=priors, max_iter=max_iter, together=together), people))
    if pool_slopes:
        pooled = pooled_slope_priors(areas, priors)
        for done, af in enumerate(areas):
            if progress is not None:
                progress(len(framework.areas) + done, steps, af.area_id)
            if not any(kind in pooled for d in af.datas for kind in d.kinds):
                continue
            # Refit from the first fit's estimates with each kind's prior from the whole bank.
            af.datas = [d.with_slope_priors(pooled, start=f.psi, priors=priors)
                        for d, f in zip(af.datas, af.fits, strict=True)]
            af.fits = _fit(af.datas, priors=priors, max_iter=max_iter, together=together)
    if across_areas and len(areas) > 1:
        predictors = other_areas_predictors(areas)
        for done, af in enumerate(areas):
            if progress is not None:
                progress((1 + pool_slopes) * len(framework.areas) + done, steps, af.area_id)
            if all(x is None for x in predictors[af.area_id]):
                continue  # the other areas say nothing about these people: the fit so far stands
            # Refit from the estimates so far, each person's shown latent now given the other areas.
            af.datas = [replace(d, covariate=x, start=[p.copy() for p in f.psi])
                        for d, f, x in zip(af.datas, af.fits, predictors[af.area_id], strict=True)]
            af.fits = _fit(af.datas, priors=priors, max_iter=max_iter, together=together)
    regressions: dict[str, float] = {}
    for af in areas:
        fits[(af.area_id, "+".join(p.dim for p in af.fitted))] = (af.fits[0].iterations, af.fits[0].converged)
        for p, f in zip(af.fitted, af.fits, strict=True):
            if p.dim == "shown" and f.regression is not None:
                regressions[af.area_id] = f.regression
        for p in af.parts:
            if p not in af.fitted:
                results += [_kept(it, p.dim, n_by_item[it.id], p.old[it.id]) for it in p.items]
                continue
            fit = af.fits[af.fitted.index(p)]
            link = _linking(af.area_id, p.dim, p.items, fit,
                            [w and it.id in trusted for w, it in zip(p.written, p.items, strict=True)], p.old)
            linkings.append(link)
            results += p.outcomes(framework, fit, link, n_by_item)
    if progress is not None:
        progress(steps, steps, "")
    return CalibrationResult(
        framework.id, framework.version, min_responses, len({a for a, *_ in answers}), len(answers),
        skipped, dict(languages), tuple(results), tuple(linkings), fits, regressions,
    )


# The regression on the other areas needs at least this many of an area's people seen elsewhere too:
# fewer give no covariance worth the name (one gives none at all).
MIN_PREDICTED = 5

# Empirical Bayes slope priors: at least this many well-answered items of a kind, else the weak prior
# stays; the spread is kept between these bounds (on a), so the prior never pins a slope down.
POOL_MIN_ITEMS = 5
POOL_SPREAD = (0.2, 1.0)


@dataclass
class _AreaFit:
    area_id: str
    parts: list[_Part]
    fitted: list[_Part]
    datas: list[DimensionData]
    fits: list[DimensionFit]
    people: dict[str, int]  # attempt -> row in the area's posteriors


def other_areas_predictors(areas: Sequence[_AreaFit]) -> dict[str, list[np.ndarray | None]]:
    """Per area, for its shown dimension: what the other areas' shown answers predict of it, one
    standardised number per person of the area, in the area's row order (None for a self-ratings
    dimension, or where the other areas say nothing about the area's people).

    The prediction is the linear combination of the other areas' posterior means (from fits that
    used each area's own answers only, so no answer counts twice) that best predicts this area's
    posterior mean. A person absent from some other area counts there at the latent's mean, 0; a
    person absent from every other area gets NaN, no prediction, and keeps the N(0, 1) prior. Only
    the combination's direction matters: the fit that uses it estimates how strongly it goes with
    the latent (em.fit_area). Self-ratings get none: their dimension follows the shown one through
    the area's correlation, and a second conditional factor on it would count the other areas twice.
    """
    attempts = sorted({a for af in areas for a in af.people})
    row = {a: i for i, a in enumerate(attempts)}
    shown: dict[str, np.ndarray] = {}
    present: dict[str, np.ndarray] = {}
    where = {af.area_id: _rows_of(af, row) for af in areas}
    for af in areas:
        rows, at = where[af.area_id]
        for p, fit in zip(af.fitted, af.fits, strict=True):
            if p.dim == "shown":
                shown[af.area_id] = np.zeros(len(attempts))
                shown[af.area_id][rows] = (fit.posterior @ fit.grid)[at]
                present[af.area_id] = np.zeros(len(attempts), dtype=bool)
                present[af.area_id][rows] = True
    out: dict[str, list[np.ndarray | None]] = {}
    for af in areas:
        others = [area for area in shown if area != af.area_id]
        known = np.any([present[a] for a in others], axis=0) if others else None
        out[af.area_id] = [
            None if p.dim != "shown" or known is None
            else _prediction(*where[af.area_id], [shown[a] for a in others], shown[af.area_id], known)
            for p in af.fitted
        ]
    return out


def _rows_of(af: _AreaFit, row: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """The area's people: their rows among all attempts, and their rows in the area's posteriors."""
    return (np.array([row[a] for a in af.people], dtype=np.intp),
            np.fromiter(af.people.values(), dtype=np.intp, count=len(af.people)))


def _prediction(rows: np.ndarray, at: np.ndarray, others: list[np.ndarray], own: np.ndarray,
                known: np.ndarray) -> np.ndarray | None:
    """The area's people's standardised prediction from the other areas' columns, NaN where unknown.
    `rows`, `at`: the people's rows among all attempts and in the area's posteriors (_rows_of)."""
    both = np.zeros(len(own), dtype=bool)
    both[rows] = known[rows]
    if both.sum() < MIN_PREDICTED:
        return None
    cov = np.cov(np.array([*others, own])[:, both])
    if not np.all(np.isfinite(cov)):
        return None
    # Least squares, not solve: an area that tells nothing (everyone at the mean) would make the
    # system singular.
    weights = np.linalg.lstsq(cov[:-1, :-1], cov[:-1, -1], rcond=None)[0]
    x = weights @ np.array(others)
    spread = float(x[both].std())
    if not spread > 1e-12:
        return None
    x = np.where(known, (x - float(x[both].mean())) / spread, np.nan)
    out = np.empty(len(at))
    out[at] = x[rows]
    return out


def _fit(datas: list[DimensionData], *, priors: Priors, max_iter: int, together: bool) -> list[DimensionFit]:
    if together:
        return fit_area(datas, priors=priors, grid=GRID, max_iter=max_iter)
    return [fit_area([d], priors=priors, grid=GRID, max_iter=max_iter)[0] for d in datas]


def pooled_slope_priors(areas: Sequence[_AreaFit], priors: Priors) -> dict[str, tuple[float, float]]:
    """Per kind: (centre, SD) on a for the second fit, from the first fit's well-answered items.

    The centre is their mean slope and the SD their spread, kept within POOL_SPREAD; on the EM's own
    scale, before any linking, where the fits live. The spread is taken as it is, noise included: net
    of the SEs it came out narrower than the true spread (the cross-product SEs run a little large),
    and a prior narrower than the bank would hide the slopes the data clearly show. So this shrinks
    less than full empirical Bayes would.
    """
    slopes: dict[str, list[float]] = defaultdict(list)
    for af in areas:
        for d, fit in zip(af.datas, af.fits, strict=True):
            for j, kind in enumerate(d.kinds):
                se = fit.se[j]
                kept = d.written is not None and bool(d.written[j]) and bool(d.free[j])
                if not kept or se is None or not np.isfinite(se[0]):
                    continue
                slopes[kind].append(float(np.exp(fit.psi[j][0])))
    out = {}
    low, high = POOL_SPREAD
    for kind, values in slopes.items():
        if len(values) < POOL_MIN_ITEMS:
            continue
        spread = float(np.clip(np.std(values, ddof=1), low, min(high, priors.slope_sd)))
        out[kind] = (float(np.mean(values)), spread)
    return out


class _Part:
    """One dimension of an area: its items, their current parameters and the answers to them."""

    def __init__(self, dim: str, items: Sequence[Item], old: dict[str, ItemParams | None], rows: list[Row],
                 n_by_item: Counter[str], min_responses: int, trusted: set[str]) -> None:
        self.dim, self.items, self.old, self.rows = dim, list(items), old, rows
        self.written = [n_by_item[it.id] >= min_responses for it in items]
        # Sparse items are estimated too (their priors keep them sane) but not written: held at wrong
        # provisional values they would bend every person's posterior and so the other items'
        # estimates. Sparse items calibrated earlier are trusted and held where they are.
        self.free = [w or (n_by_item[it.id] > 0 and it.id not in trusted)
                     for w, it in zip(self.written, items, strict=True)]
        index = {it.id: j for j, it in enumerate(items)}
        self.item = np.array([index[it.id] for _, it, *_ in rows], dtype=np.intp)
        self.category = np.array([k for _, _, k, _, _ in rows], dtype=np.intp)
        self.person = np.zeros(len(rows), dtype=np.intp)

    def data(self, n_persons: int) -> DimensionData:
        starts, cs, ms = [], [], []
        for it in self.items:
            p = self.old[it.id]
            assert p is not None
            starts.append(_psi(p))
            cs.append(p.c)
            ms.append(p.n_categories - 1)
        return DimensionData(
            item_ids=tuple(it.id for it in self.items), m=np.array(ms, dtype=np.intp), start=starts,
            c=np.array(cs, dtype=float), free=np.array(self.free, dtype=bool),
            slope_prior=np.log(np.array([DEFAULT_SLOPES[it.kind] for it in self.items])),
            person=self.person, item=self.item, category=self.category, n_persons=n_persons,
            kinds=tuple(it.kind for it in self.items), written=np.array(self.written, dtype=bool),
        )

    def outcomes(
        self, framework: Framework, fit: DimensionFit, link: Linking, n_by_item: Counter[str]
    ) -> list[ItemCalibration]:
        langs = self._by_language(fit)
        choices: dict[int, Counter[Choice]] = defaultdict(Counter)
        for (*_, choice, _), j in zip(self.rows, self.item, strict=True):
            if isinstance(choice, tuple):  # select many: count each ticked option
                choices[int(j)].update(choice)
            else:
                choices[int(j)][choice] += 1
        out = []
        for j, it in enumerate(self.items):
            params = self.old[it.id]
            assert params is not None
            if not self.written[j]:
                out.append(_kept(it, self.dim, n_by_item[it.id], params))
                continue
            psi = _transform(fit.psi[j], link.slope, link.shift)
            new = _params(psi, params.c, it.dichotomous)
            se = fit.se[j]
            se_a = None if se is None else float(new.a * se[0])
            se_b = None if se is None else tuple(float(link.slope * s) for s in se[1:])
            diag = diagnose(
                framework, it, new_params=new, em_psi=fit.psi[j], c=params.c, counts=fit.counts[j],
                grid=fit.grid, by_language=langs.get(j, {}), choices=choices.get(j, Counter()),
                n=n_by_item[it.id],
            )
            out.append(ItemCalibration(it.id, it.area_id, it.kind, self.dim, n_by_item[it.id], True, params,
                                       new, se_a, se_b, diag))
        return out

    def _by_language(self, fit: DimensionFit) -> dict[int, dict[str, np.ndarray]]:
        """Pseudo-counts per language from the final posteriors, for the uk-vs-en comparison."""
        langs: dict[int, dict[str, np.ndarray]] = defaultdict(dict)
        lang_of = np.array([lang or "" for *_, lang in self.rows])
        for lang in ("uk", "en"):
            mask = lang_of == lang
            for j in np.unique(self.item[mask]):
                sel = mask & (self.item == j)
                counts = np.zeros_like(fit.counts[int(j)])
                np.add.at(counts, self.category[sel], fit.posterior[self.person[sel]])
                langs[int(j)][lang] = counts
        return langs


def _kept(item: Item, dim: str, n: int, params: ItemParams | None) -> ItemCalibration:
    assert params is not None
    return ItemCalibration(item.id, item.area_id, item.kind, dim, n, False, params, params, None, None, None)


def _linking(
    area_id: str, dim: str, items: Sequence[Item], fit: DimensionFit, is_anchor: Sequence[bool],
    old: dict[str, ItemParams | None],
) -> Linking:
    """Anchors: trusted items (calibrated before) re-estimated now on enough answers."""
    anchors = [j for j in range(len(items)) if is_anchor[j]]
    if len(anchors) < MIN_ANCHORS:
        return Linking(area_id, dim, "fixed-latent", len(anchors), 1.0, 0.0)
    old_loc = [float(np.mean(_psi(p)[1:])) for j in anchors if (p := old[items[j].id]) is not None]
    new_loc = [float(np.mean(fit.psi[j][1:])) for j in anchors]
    slope, shift = _mean_sigma(old_loc, new_loc)
    return Linking(area_id, dim, "mean-sigma", len(anchors), slope, shift)
