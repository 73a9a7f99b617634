"""Many finished checks' results from their answers at once: engine 2's figures, vectorised with numpy.

One check through `Quiz.restore(...).result()` costs about 13 ms, mostly Python around 61-point arrays;
a region imports tens of thousands of checks. Here the log-likelihood rows of a whole batch of checks
are summed per (check, area) with one `np.add.reduceat`, and every posterior summary (mean, SD, level
probabilities, the 80 % band, P(below target), the said estimate, said versus shown) is taken over all
of them as matrix operations. The figures are the same as `core.scoring.build_result` gives, up to the
rounding of a different summation order; `Quiz.restore` stays the reference (see `exact_record`).

What is produced is the stored record (`core.result_record.result_to_record`) without the two fields
that describe how the quiz went rather than what it found: `finished` and each area's `stopped`.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from digigram.core.errors import QuizError
from digigram.core.framework import Framework, Profile
from digigram.core.i18n import N_
from digigram.core.irt import GRID, GRID_STEP, LOG_PRIOR, Array
from digigram.core.itembank import Choice, ItemBank, bank_for, normalise_choice, score_answer
from digigram.core.result_record import RECORD_FORMAT
from digigram.core.scoring import BAND_SHARE, COMPARE_PRIOR_SD, ENGINE_VERSION, disagrees

# Engine versions this release recomputes. A stored result names the version that made it; only these
# can be checked against their answers (docs/bundles.md says what happens to the others).
RECOMPUTABLE = frozenset({ENGINE_VERSION})
# Fields of a stored record that say how the quiz went, not what it found; never compared.
NOT_RESULTS = frozenset({"finished", "stopped"})

# How close two figures must be to count as tied (rounding differs by ~1e-15 between summation orders).
TIE = 1e-9

_EDGES: Array = np.concatenate([GRID - GRID_STEP / 2, [GRID[-1] + GRID_STEP / 2]])
_TAIL = (1.0 - BAND_SHARE) / 2


@dataclass(frozen=True)
class CheckAnswers:
    """What a finished check's results follow from: its framework, profile, mode and answers in order."""

    framework: Framework
    profile: str | None
    mode: str
    answers: Sequence[tuple[str, Choice]]
    # The stored record, if any: where two levels (or a band's edge, or a said-versus-shown flag) are
    # tied within rounding, the one it holds is taken, as the quiz's own arithmetic may have gone either
    # way. It never overrides a value the answers decide.
    stored: Mapping[str, Any] | None = None


class _Table:
    """One bank's log-likelihood rows stacked, each answer's scoring remembered (a few thousand distinct)."""

    def __init__(self, bank: ItemBank) -> None:
        self.bank = bank
        fw = bank.framework
        self.area_pos = {a.id: n for n, a in enumerate(fw.areas)}
        self.competence_pos = {c.id: n for n, c in enumerate(c for a in fw.areas for c in a.competences)}
        start: dict[int, int] = {}
        rows: list[Array] = [np.zeros(GRID.size)]  # row 0: a placeholder for unscored answers
        for row, table in enumerate(bank.loglik):
            if table is not None:
                start[row] = len(rows)
                rows.extend(table)
        self.loglik: Array = np.vstack(rows)
        self.start = start
        # (item, choice) -> (loglik row or -1, area position, 1 self / 2 shown / 0 neither, evidence)
        self.scored: dict[tuple[str, Any], tuple[int, int, int, dict[str, Any]]] = {}
        # For P(below target): column t holds each grid cell's share below the cut where level t begins.
        cols = [np.zeros(GRID.size)] + [bank.scale.below_fraction(c) for c in bank.scale.cuts]
        self.below: Array = np.stack(cols, axis=1)
        self.cuts: Array = np.asarray(bank.scale.cuts)

    def score(self, item_id: str, choice: Choice) -> tuple[int, int, int, dict[str, Any]]:
        key = (item_id, tuple(choice) if isinstance(choice, list) else choice)
        found = self.scored.get(key)
        if found is None:
            bank, fw = self.bank, self.bank.framework
            row = bank.row.get(item_id)
            if row is None:
                raise QuizError(N_("The stored question {item} is not part of this check or comes twice.",
                                   item=item_id))
            item = bank.items[row]
            value = normalise_choice(fw, item, choice)
            s = score_answer(fw, item, value)
            kind = 0 if s.category is None else 1 if item.kind == "self_rating" else 2
            line = -1 if s.category is None else self.start[row] + s.category
            evidence = {"item": item.id, "competence": item.competence_id, "area": item.area_id,
                        "kind": item.kind, "choice": list(value) if isinstance(value, tuple) else value,
                        "score": s.score, "category": s.category, "correct": list(s.correct)}
            found = self.scored[key] = (line, self.area_pos[item.area_id], kind, evidence)
        return found


_TABLES: weakref.WeakKeyDictionary[ItemBank, _Table] = weakref.WeakKeyDictionary()


def _table(framework: Framework) -> _Table:
    bank = bank_for(framework)
    found = _TABLES.get(bank)
    if found is None:
        found = _TABLES[bank] = _Table(bank)
    return found


@dataclass
class _Summary:
    """Posterior summaries of many (check, area) pairs, one entry per pair."""

    mean: Array
    sd: Array
    w: Array

    def moments(self) -> tuple[list[float], list[float]]:
        return self.mean.tolist(), self.sd.tolist()


def _summaries(log: Array) -> _Summary:
    # The same operations as Posterior.weights and mean_sd, row by row.
    w = np.exp(log - log.max(axis=1, keepdims=True))
    w /= w.sum(axis=1, keepdims=True)
    mean = w @ GRID
    var = np.einsum("ij,ij->i", w, (GRID[None, :] - mean[:, None]) ** 2)
    return _Summary(mean, np.sqrt(var), w)


def _quantile(w: Array, q: float) -> Array:
    """Posterior.quantile for every row: the cdf over cell edges, interpolated at q."""
    cdf = np.concatenate([np.zeros((w.shape[0], 1)), np.cumsum(w, axis=1)], axis=1)
    j = np.clip((cdf <= q).sum(axis=1) - 1, 0, GRID.size - 1)
    rows = np.arange(w.shape[0])
    lo, hi = cdf[rows, j], cdf[rows, j + 1]
    span = np.where(hi > lo, hi - lo, 1.0)
    return np.asarray(_EDGES[j] + (q - lo) / span * GRID_STEP)


def _band(w: Array) -> tuple[Array, Array]:
    return _quantile(w, _TAIL), _quantile(w, 1 - _TAIL)


def _hint(stored: Any, *path: str | int) -> Any:
    """A value of the stored record, or None where it has none (it may be anything: it is being checked)."""
    for step in path:
        try:
            stored = stored[step]
        except (KeyError, IndexError, TypeError):
            return None
    return stored


def records(checks: Sequence[CheckAnswers]) -> list[dict[str, Any]]:
    """Each check's stored-result record (without `finished` and `stopped`), in the order given.

    Raises QuizError (naming the question) when an answer cannot belong to its check: an unknown
    question or option, a question of another area, or one asked twice.
    """
    out: list[dict[str, Any] | None] = [None] * len(checks)
    groups: dict[int, list[int]] = {}
    frameworks: dict[int, Framework] = {}
    for n, check in enumerate(checks):
        groups.setdefault(id(check.framework), []).append(n)
        frameworks[id(check.framework)] = check.framework
    for key, members in groups.items():
        for n, record in zip(members, _records(frameworks[key], [checks[n] for n in members]), strict=True):
            out[n] = record
    return [r for r in out if r is not None]


def _area_ids(fw: Framework, mode: str) -> list[str]:
    ids = [a.id for a in fw.areas]
    if mode in ("full", "quick"):
        return ids
    if mode in ids:
        return [mode]
    raise QuizError(N_("Unknown quiz mode {mode!r}: use full, quick or an area id ({join}).",
                       mode=mode, join=", ".join(ids)))


def _records(fw: Framework, checks: Sequence[CheckAnswers]) -> list[dict[str, Any]]:
    table = _table(fw)
    bank = table.bank
    n_areas = len(fw.areas)
    groups = len(checks) * n_areas
    lines: list[int] = []
    group_of: list[int] = []
    kind_of: list[int] = []
    evidence: list[list[dict[str, Any]]] = []
    for n, check in enumerate(checks):
        allowed = {table.area_pos[a] for a in _area_ids(fw, check.mode)}
        asked: set[str] = set()
        found = []
        for item_id, choice in check.answers:
            line, area, kind, ev = table.score(item_id, choice)
            if area not in allowed or item_id in asked:
                raise QuizError(N_("The stored question {item} is not part of this check or comes twice.",
                                   item=item_id))
            asked.add(item_id)
            found.append(ev)
            if kind:
                lines.append(line)
                group_of.append(n * n_areas + area)
                kind_of.append(kind)
        evidence.append(found)
    line_arr = np.asarray(lines, dtype=np.intp)
    group_arr = np.asarray(group_of, dtype=np.intp)
    kind_arr = np.asarray(kind_of, dtype=np.int8)
    sums = {k: _sum(table.loglik, line_arr[kind_arr == k], group_arr[kind_arr == k], groups) for k in (1, 2)}
    wide = LOG_PRIOR / COMPARE_PRIOR_SD**2
    shown = _summaries(LOG_PRIOR[None, :] + sums[2])
    said = _summaries(LOG_PRIOR[None, :] + sums[1])
    figures = _Figures(
        counts={k: np.bincount(group_arr[kind_arr == k], minlength=groups).tolist() for k in (1, 2)},
        shown=_Posteriors(table, shown, bank.band), said=_Posteriors(table, said, bank.band),
        said_wide=_summaries(wide[None, :] + sums[1]).moments(),
        shown_wide=_summaries(wide[None, :] + sums[2]).moments(),
        below=(shown.w @ table.below).tolist(), codes=bank.scale.codes)
    return [_record(fw, table, checks[n], evidence[n], n * n_areas, figures) for n in range(len(checks))]


def _sum(loglik: Array, lines: NDArray[np.intp], groups_of: NDArray[np.intp], groups: int) -> Array:
    """The log-likelihood rows summed per group (rows of groups with none stay zero)."""
    out = np.zeros((groups, GRID.size))
    if lines.size == 0:
        return out
    order = np.argsort(groups_of, kind="stable")  # keeps each group's answers in the order given
    sorted_groups = groups_of[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    out[sorted_groups[starts]] = np.add.reduceat(loglik[lines[order]], starts, axis=0)
    return out


class _Posteriors:
    """Every figure of many posteriors as plain lists (indexing numpy arrays one value at a time is slow):
    mean, SD, level probabilities and the band's edges, each edge with the levels just below and above
    it (they differ only where the edge lies on a cut, within rounding)."""

    def __init__(self, table: _Table, s: _Summary, band: Array) -> None:
        self.mean, self.sd = s.moments()
        self.probs: list[list[float]] = (s.w @ band).tolist()
        self.edges = []
        for q in _band(s.w):
            self.edges.append(tuple(np.searchsorted(table.cuts, v, side="right").tolist()
                                    for v in (q, q - TIE, q + TIE)))


@dataclass
class _Figures:
    counts: dict[int, list[int]]
    shown: _Posteriors
    said: _Posteriors
    said_wide: tuple[list[float], list[float]]
    shown_wide: tuple[list[float], list[float]]
    below: list[list[float]]
    codes: tuple[str, ...]


def _level(values: list[float], codes: Sequence[str], hint: Any) -> int:
    """The most probable level; the stored one when it is tied with it."""
    best = values.index(max(values))  # the first of equals, as np.argmax
    if isinstance(hint, str) and hint in codes and hint != codes[best]:
        k = codes.index(hint)
        if values[k] >= values[best] - TIE:
            return k
    return best


def _edge(p: _Posteriors, side: int, g: int, codes: Sequence[str], hint: Any) -> str:
    """The level a band's edge falls in; the stored one when the edge lies on a cut."""
    found, below, above = p.edges[side]
    code: str = codes[found[g]]
    if hint != code and isinstance(hint, str) and hint in codes and codes.index(hint) in (below[g], above[g]):
        return str(hint)
    return code


def _flag(difference: float, sd: float, hint: Any) -> bool:
    """disagrees(); the stored flag when the difference lies on a threshold."""
    found = disagrees(difference, sd)
    if isinstance(hint, bool) and hint != found:
        near = {disagrees(difference * (1 + s * TIE), sd * (1 - s * TIE)) for s in (-1, 1)}
        if hint in near:
            return hint
    return found


_Targets = tuple[str | None, int | None, list[list[dict[str, Any]]]]
_TARGETS: weakref.WeakKeyDictionary[Framework, dict[tuple[str | None, str], _Targets]] = \
    weakref.WeakKeyDictionary()


def _targets(fw: Framework, profile: str | None, area_id: str) -> _Targets:
    """The area's target and its index, and for each level of the area the records of its competences
    (target and gap), under a profile: they depend on nothing else, so they are made once."""
    cache = _TARGETS.setdefault(fw, {})
    found = cache.get((profile, area_id))
    if found is None:
        p: Profile | None = None if profile is None else fw.profile(profile)
        target = p.area_target(area_id) if p is not None else None
        by_level: list[list[dict[str, Any]]] = []
        for level in range(len(fw.levels)):
            comps = []
            for comp in fw.area(area_id).competences:
                c_target = p.target_for(comp.id, area_id) if p is not None else None
                comps.append({"competence": comp.id, "area": area_id, "target": c_target,
                              "gap": None if c_target is None else max(0, fw.level_index(c_target) - level)})
            by_level.append(comps)
        found = cache[(profile, area_id)] = (target, None if target is None else fw.level_index(target),
                                             by_level)
    return found


def _record(fw: Framework, table: _Table, check: CheckAnswers, evidence: list[dict[str, Any]], base: int,
            f: _Figures) -> dict[str, Any]:
    codes = f.codes
    areas = []
    competences: list[dict[str, Any]] = []
    svs_all: list[tuple[float, float]] = []
    stored_areas = {a.get("area"): a for a in _hint(check.stored, "areas") or () if isinstance(a, dict)}
    for area_id in _area_ids(fw, check.mode):
        g = base + table.area_pos[area_id]
        hint = stored_areas.get(area_id)
        target, t_index, comps = _targets(fw, check.profile, area_id)
        probs = f.shown.probs[g]
        level = _level(probs, codes, _hint(hint, "level"))
        said = None
        n_said, n_shown = f.counts[1][g], f.counts[2][g]
        if n_said:
            sp = f.said
            s_level = _level(sp.probs[g], codes, _hint(hint, "said", "level"))
            said = {"theta": sp.mean[g], "sd": sp.sd[g], "level": codes[s_level], "level_index": s_level,
                    "band": [_edge(sp, 0, g, codes, _hint(hint, "said", "band", 0)),
                             _edge(sp, 1, g, codes, _hint(hint, "said", "band", 1))],
                    "items": n_said}
        svs = None
        if n_said and n_shown:
            m1, s1 = f.said_wide[0][g], f.said_wide[1][g]
            m2, s2 = f.shown_wide[0][g], f.shown_wide[1][g]
            sd = float((s1**2 + s2**2) ** 0.5)
            svs = {"theta_self": m1, "sd_self": s1, "theta_shown": m2, "sd_shown": s2,
                   "flag": _flag(m1 - m2, sd, _hint(hint, "self_vs_shown", "flag"))}
            svs_all.append((m1 - m2, sd))
        areas.append({
            "area": area_id, "theta": f.shown.mean[g], "sd": f.shown.sd[g], "level": codes[level],
            "level_index": level, "level_probability": probs[level],
            "level_probabilities": dict(zip(codes, probs, strict=True)),
            "band": [_edge(f.shown, 0, g, codes, _hint(hint, "band", 0)),
                     _edge(f.shown, 1, g, codes, _hint(hint, "band", 1))],
            "target": target,
            "p_below_target": None if t_index is None else (0.0 if t_index == 0 else f.below[g][t_index]),
            "gap": None if t_index is None else max(0, t_index - level), "items": n_shown,
            "said": said, "self_vs_shown": svs,
        })
        competences.extend(comps[level])
    person = None
    if svs_all:
        weights = [1.0 / sd**2 for _, sd in svs_all]
        total = sum(weights)
        difference = sum(w * d for w, (d, _) in zip(weights, svs_all, strict=True)) / total
        sd = total**-0.5
        person = {"difference": difference, "sd": sd, "areas": len(svs_all),
                  "flag": _flag(difference, sd, _hint(check.stored, "self_vs_shown", "flag"))}
    return {
        "format": RECORD_FORMAT, "engine_version": ENGINE_VERSION, "params_source": table.bank.params_source,
        "framework": [fw.id, fw.version], "profile": check.profile, "mode": check.mode,
        "asked": len(evidence), "areas": areas, "competences": competences, "self_vs_shown": person,
        # Grouped by competence in the framework's order, each in the order asked (as result_to_record).
        "evidence": sorted(evidence, key=lambda e: table.competence_pos[e["competence"]]),
    }


def exact_record(check: CheckAnswers, *, seed: int, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The record the way the quiz itself makes it (`Quiz.restore`), one check at a time: the reference."""
    from digigram.core.engine import Quiz
    from digigram.core.result_record import result_to_record

    quiz = Quiz.restore(check.framework, profile=check.profile, mode=check.mode, seed=seed, exclude=exclude,
                        answers=check.answers)
    return result_to_record(quiz.result())


def area_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-area rows (the `area_result` table, a bundle's results.jsonl) a record stands for."""
    rows = []
    for position, a in enumerate(record["areas"]):
        said = a["said"]
        rows.append({
            "area_id": a["area"], "position": position, "theta": a["theta"], "sd": a["sd"],
            "level": a["level"],
            "band": list(a["band"]), "target": a["target"], "p_below_target": a["p_below_target"],
            "gap": a["gap"], "n_items": a["items"], "level_probabilities": a["level_probabilities"],
            "said_theta": None if said is None else said["theta"],
            "said_sd": None if said is None else said["sd"],
            "said_level": None if said is None else said["level"],
        })
    return rows


_NAMES = ("area", "area_id", "competence", "item")


def difference(computed: Any, stored: Any, *, where: str = "", tolerance: float = 1e-6,
               ) -> tuple[str, Any, Any] | None:
    """The first place where a stored record (or area rows) departs from the recomputed one: (where, stored,
    computed), or None when they agree. Numbers agree within `tolerance`; `finished` and `stopped` are
    not compared (they describe how the quiz went, and nothing shows them)."""
    found = _difference(computed, stored, tolerance)
    if found is None:
        return None
    path, value, expected = found
    text = where
    for step in reversed(path):
        text += f"[{step}]" if isinstance(step, int) or not isinstance(step, str) or step.startswith("#") \
            else f"{'.' if text else ''}{step}"
    return text.replace("[#", "[") or "record", value, expected


def _difference(computed: Any, stored: Any, tolerance: float) -> tuple[list[Any], Any, Any] | None:
    """As `difference`, with the path built (backwards) only when something differs."""
    if computed == stored:  # the usual case for all but floats summed in another order: C speed
        return None
    if isinstance(computed, dict):
        if not isinstance(stored, dict):
            return [], stored, computed
        keys = computed.keys() - NOT_RESULTS
        if stored.keys() - NOT_RESULTS != keys:
            odd = sorted((stored.keys() ^ keys) - NOT_RESULTS)[0]
            return [odd], stored.get(odd), computed.get(odd)
        for key, value in computed.items():
            if key not in NOT_RESULTS:
                found = _difference(value, stored[key], tolerance)
                if found is not None:
                    found[0].append(key)
                    return found
        return None
    if isinstance(computed, list):
        if not isinstance(stored, list) or len(stored) != len(computed):
            return [], _short(stored), _short(computed)
        for n, (c, s) in enumerate(zip(computed, stored, strict=True)):
            found = _difference(c, s, tolerance)
            if found is not None:
                name = next((c[k] for k in _NAMES if isinstance(c, dict) and k in c), None)
                found[0].append(n if name is None else f"#{name}")
                return found
        return None
    if isinstance(computed, float) and not isinstance(stored, bool) and isinstance(stored, int | float):
        if abs(computed - stored) <= tolerance * max(1.0, abs(computed)):
            return None
        return [], stored, computed
    if type(computed) is not type(stored) and not (
            isinstance(computed, int | float) and isinstance(stored, int | float)
            and not isinstance(computed, bool) and not isinstance(stored, bool)):
        return [], stored, computed
    return [], stored, computed  # equal values returned above


def _short(value: Any) -> Any:
    return f"{len(value)} entries" if isinstance(value, list) else value
