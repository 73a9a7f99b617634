"""Many finished checks' results from their answers at once: engine 2's figures, vectorised with numpy.

One check through `Quiz.restore(...).result()` costs about 13 ms, mostly Python around 61-point arrays;
a region imports tens of thousands of checks. Here the posteriors of a whole batch of checks are built
and summarised as matrix operations, with the quiz's own arithmetic: each area's log-likelihood rows are
added to its prior one at a time in the order answered (as `Posterior.add`), and every product is the
same BLAS call the quiz makes for one posterior (a stack of 1-row matrix products), so on one computer
the figures are the quiz's to the last bit. `Quiz.restore` stays the reference (see `exact_record`):
another computer's BLAS may round a product differently, and a stored record that is not equal to the
last bit is compared within a tolerance, then against the quiz's own arithmetic.

What is produced is the stored record (`core.result_record.result_to_record`) without the two fields
that describe how the quiz went rather than what it found: `finished` and each area's `stopped`. It is
made on demand: `Recomputed.matches` compares a stored record's text (`result_record.record_text`) with
the recomputed figures written the same way, without parsing it or building the record, which is what a
genuine bundle needs; the record itself is built only when the text differs.
"""

from __future__ import annotations

import json
import operator
import re
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from digigram.core.errors import QuizError
from digigram.core.framework import Framework, Profile
from digigram.core.i18n import N_
from digigram.core.irt import GRID, GRID_STEP, LOG_PRIOR, Array
from digigram.core.itembank import Choice, ItemBank, bank_for, normalise_choice, score_answer
from digigram.core.records import AreaOutcome
from digigram.core.result_record import RECORD_FORMAT
from digigram.core.scoring import BAND_SHARE, COMPARE_PRIOR_SD, ENGINE_VERSION, disagrees

# Engine versions this release recomputes. A stored result names the version that made it; only these
# can be checked against their answers (docs/bundles.md says what happens to the others).
RECOMPUTABLE = frozenset({"2", ENGINE_VERSION})
# Fields of a stored record that say how the quiz went, not what it found; never compared.
NOT_RESULTS = frozenset({"finished", "stopped"})

# How close two figures must be to count as tied (rounding differs by ~1e-15 between summation orders).
TIE = 1e-9

_EDGES: Array = np.concatenate([GRID - GRID_STEP / 2, [GRID[-1] + GRID_STEP / 2]])
_TAIL = (1.0 - BAND_SHARE) / 2
_WIDE_PRIOR: Array = LOG_PRIOR / COMPARE_PRIOR_SD**2
_UNIT_PRIOR: Array = LOG_PRIOR / 1.0**2  # as scoring._posterior_of makes it (the same values as LOG_PRIOR)
# A stored record's text the way `result_record.record_text` writes it.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# What may stand where the text holds `finished` or an area's `stopped` (never compared): a JSON literal
# or a plain string. Anything else there sends the record to the full comparison.
_FREE = re.compile(r'true|false|null|"[^"\\\x00-\x1f]*"')


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
    # The engine whose rules computed (or are to compute) the result: one of RECOMPUTABLE.
    engine_version: str = ENGINE_VERSION


_Targets = tuple[str | None, int | None, list[list[dict[str, Any]]], str]


class _Scored:
    """One (question, choice) pair as it counts in a check, worked out once per framework."""

    __slots__ = ("area", "competence", "evidence", "kind", "line", "text")

    def __init__(self, line: int, area: int, kind: int, evidence: dict[str, Any], competence: int) -> None:
        self.line, self.area, self.kind, self.evidence = line, area, kind, evidence
        self.text = _JSON(evidence)  # its entry in the stored text
        self.competence = competence  # position of its competence: the evidence is grouped by it


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
        self.scored: dict[tuple[str, Any], _Scored] = {}
        # For P(below target): entry t - 1 holds each grid cell's share below the cut where level t begins,
        # made as the quiz makes it (a contiguous vector, so the product is the quiz's own).
        self.below: list[Array] = [bank.scale.below_fraction(c) for c in bank.scale.cuts]
        self.cuts: Array = np.asarray(bank.scale.cuts)
        codes = bank.scale.codes
        self.code_text = [_JSON(c) for c in codes]
        self.level_at = {text: k for k, text in enumerate(self.code_text)}  # a level's place by its text
        # level_probabilities as the area_result row holds them (json.dumps of the dict), for each code
        self.code_key = [json.dumps(c) + ": " for c in codes]
        self.area_text = {a.id: _JSON(a.id) for a in fw.areas}
        self.head: dict[tuple[str | None, str], str] = {}
        self.targets: dict[tuple[str | None, str], _Targets] = {}  # see _targets
        self.competence_text: dict[tuple[str | None, str, int], str] = {}  # see _competence_text

    def score(self, item_id: str, choice: Choice) -> _Scored:
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
            found = self.scored[key] = _Scored(line, self.area_pos[item.area_id], kind, evidence,
                                               self.competence_pos[item.competence_id])
        return found

    def record_head(self, profile: str | None, mode: str) -> str:
        """The stored text up to `finished`, the same for every check of a profile and mode."""
        found = self.head.get((profile, mode))
        if found is None:
            fw, bank = self.bank.framework, self.bank
            found = self.head[(profile, mode)] = (
                f'{{"format":{RECORD_FORMAT},"engine_version":{_JSON(bank.engine_version)},'
                f'"params_source":{_JSON(bank.params_source)},"framework":{_JSON([fw.id, fw.version])},'
                f'"profile":{_JSON(profile)},"mode":{_JSON(mode)},"finished":')
        return found


_TABLES: weakref.WeakKeyDictionary[ItemBank, _Table] = weakref.WeakKeyDictionary()


def _table(framework: Framework, engine_version: str) -> _Table:
    bank = bank_for(framework, engine_version)
    found = _TABLES.get(bank)
    if found is None:
        found = _TABLES[bank] = _Table(bank)
    return found


def _stack_dot(w: Array, v: Array) -> Array:
    """Each row of `w` times `v`, as one-row products: numpy then calls BLAS for each row exactly as for
    the quiz's `w @ v` on one posterior (a 2-D product would sum in another order). `v` is a vector or a
    matrix."""
    if v.ndim == 1:
        return np.asarray(np.matmul(w[:, None, :], v[:, None])[:, 0, 0])
    return np.asarray(np.matmul(w[:, None, :], v)[:, 0, :])


def _row_dots(w: Array, v: Array) -> Array:
    """Each row of `w` times the same row of `v`, one BLAS product per row (as `_stack_dot`)."""
    return np.asarray(np.matmul(w[:, None, :], v[:, :, None])[:, 0, 0])


def _interp(q: float, cdf: Array) -> Array:
    """np.interp(q, cdf_row, edges) for every row, by numpy's own formula (Posterior.quantile)."""
    n = cdf.shape[1]
    j = (cdf <= q).sum(axis=1) - 1  # the last cell edge at or below q (cdf is non-decreasing)
    j = np.clip(j, 0, n - 1)
    rows = np.arange(cdf.shape[0])
    inner = np.minimum(j, n - 2)
    lo, hi = cdf[rows, inner], cdf[rows, inner + 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (_EDGES[inner + 1] - _EDGES[inner]) / (hi - lo)
        value = slope * (q - lo) + _EDGES[inner]
        again = slope * (q - hi) + _EDGES[inner + 1]
    value = np.where(np.isnan(value), np.where(np.isnan(again) & (_EDGES[inner] == _EDGES[inner + 1]),
                                               _EDGES[inner], again), value)
    value = np.where(lo == q, _EDGES[inner], value)
    return np.asarray(np.where(j >= n - 1, _EDGES[n - 1], value))


class _Posteriors:
    """Every figure of many posteriors as plain lists (indexing numpy arrays one value at a time is slow):
    mean, SD, level probabilities and the band's edges, each edge with the levels just below and above
    it (they differ only where the edge lies on a cut, within rounding). The arithmetic is the quiz's:
    Posterior.weights, mean_sd and quantile, scoring.summarise."""

    def __init__(self, table: _Table, log: Array, *, levels: bool = True) -> None:
        w = np.exp(log - log.max(axis=1, keepdims=True))
        w = w / w.sum(axis=1, keepdims=True)
        self.w = w
        mean = _stack_dot(w, GRID)
        var = _row_dots(w, (GRID[None, :] - mean[:, None]) ** 2)
        self.mean: list[float] = mean.tolist()
        self.sd: list[float] = [v**0.5 for v in var.tolist()]
        self._arrays = [mean, var]
        if not levels:
            return
        probs = _stack_dot(w, table.bank.band)
        self._arrays.append(probs)
        self.probs: list[list[float]] = probs.tolist()
        cdf = np.concatenate([np.zeros((w.shape[0], 1)), np.cumsum(w, axis=1)], axis=1)
        self.edges: list[tuple[list[int], ...]] = []
        for q in (_TAIL, 1 - _TAIL):
            at = _interp(q, cdf)
            self.edges.append(tuple(np.searchsorted(table.cuts, v, side="right").tolist()
                                    for v in (at, at - TIE, at + TIE)))

    def arrays(self) -> list[Array]:
        return self._arrays


def _sums(table: _Table, lines: NDArray[np.intp], groups_of: NDArray[np.intp], groups: int,
          priors: Sequence[Array]) -> list[Array]:
    """For each prior, every group's log-posterior: the prior plus the group's rows added one at a time
    in the order given, as Posterior.add does (a sum in another order rounds differently)."""
    out = [np.tile(prior, (groups, 1)) for prior in priors]
    if lines.size == 0:
        return out
    order = np.argsort(groups_of, kind="stable")  # keeps each group's answers in the order given
    g, rows = groups_of[order], lines[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    rank = np.arange(g.size) - np.repeat(starts, np.diff(np.r_[starts, g.size]))
    for k in range(int(rank.max()) + 1):
        at = rank == k  # at most one row per group: each group gets its k-th row added
        step = table.loglik[rows[at]]
        for log in out:
            log[g[at]] += step
    return out


def records(checks: Sequence[CheckAnswers]) -> list[dict[str, Any]]:
    """Each check's stored-result record (without `finished` and `stopped`), in the order given.

    Raises QuizError (naming the question) when an answer cannot belong to its check: an unknown
    question or option, a question of another area, or one asked twice.
    """
    return [found.record() for found in recompute(checks)]


def recompute(checks: Sequence[CheckAnswers]) -> list[Recomputed]:
    """Each check's recomputed figures, in the order given (QuizError as `records`)."""
    out: list[Recomputed | None] = [None] * len(checks)
    groups: dict[tuple[int, str], list[int]] = {}
    frameworks: dict[int, Framework] = {}
    for n, check in enumerate(checks):
        groups.setdefault((id(check.framework), check.engine_version), []).append(n)
        frameworks[id(check.framework)] = check.framework
    for (key, version), members in groups.items():
        batch = _Batch(frameworks[key], [checks[n] for n in members], version)
        for k, n in enumerate(members):
            out[n] = Recomputed(batch, k)
    return [r for r in out if r is not None]


def _area_ids(fw: Framework, mode: str) -> list[str]:
    ids = [a.id for a in fw.areas]
    if mode in ("full", "quick"):
        return ids
    if mode in ids:
        return [mode]
    raise QuizError(N_("Unknown quiz mode {mode!r}: use full, quick or an area id ({join}).",
                       mode=mode, join=", ".join(ids)))


class _Batch:
    """The figures of many checks taken on one framework, worked out together."""

    def __init__(self, fw: Framework, checks: Sequence[CheckAnswers], engine_version: str) -> None:
        self.fw, self.checks = fw, checks
        table = self.table = _table(fw, engine_version)
        n_areas = self.n_areas = len(fw.areas)
        groups = len(checks) * n_areas
        lines: list[int] = []
        group_of: list[int] = []
        kind_of: list[int] = []
        self.evidence: list[list[_Scored]] = []
        self.areas: list[list[str]] = []
        known = table.scored
        for n, check in enumerate(checks):
            area_ids = _area_ids(fw, check.mode)
            allowed = {table.area_pos[a] for a in area_ids}
            asked: set[str] = set()
            found = []
            for item_id, choice in check.answers:
                # the remembered scoring looked up here: a national bundle has two million answers
                key = (item_id, tuple(choice) if isinstance(choice, list) else choice)
                scored = known.get(key)
                if scored is None:
                    scored = table.score(item_id, choice)
                if scored.area not in allowed or item_id in asked:
                    raise QuizError(N_("The stored question {item} is not part of this check or comes "
                                       "twice.", item=item_id))
                asked.add(item_id)
                found.append(scored)
                if scored.kind:
                    lines.append(scored.line)
                    group_of.append(n * n_areas + scored.area)
                    kind_of.append(scored.kind)
            self.evidence.append(found)
            self.areas.append(area_ids)
        line_arr = np.asarray(lines, dtype=np.intp)
        group_arr = np.asarray(group_of, dtype=np.intp)
        kind_arr = np.asarray(kind_of, dtype=np.int8)
        said = kind_arr == 1
        shown = kind_arr == 2
        said_log, said_wide = _sums(table, line_arr[said], group_arr[said], groups,
                                    (_UNIT_PRIOR, _WIDE_PRIOR))
        shown_log, shown_wide = _sums(table, line_arr[shown], group_arr[shown], groups,
                                      (LOG_PRIOR, _WIDE_PRIOR))
        self.counts = {1: np.bincount(group_arr[said], minlength=groups).tolist(),
                       2: np.bincount(group_arr[shown], minlength=groups).tolist()}
        self.shown = _Posteriors(table, shown_log)
        self.said = _Posteriors(table, said_log)
        self.said_wide = _Posteriors(table, said_wide, levels=False)
        self.shown_wide = _Posteriors(table, shown_wide, levels=False)
        below = [_stack_dot(self.shown.w, cut) for cut in table.below]
        self.below = [b.tolist() for b in below]
        self.texts: dict[int, tuple[list[str], list[AreaText]]] = {}  # each check's, once written
        # Texts write floats by repr; JSON would write a non-finite one otherwise (never met: the grid
        # posteriors are proper), so then only the full comparison is used.
        self.finite = all(np.isfinite(x).all() for p in (self.shown, self.said, self.said_wide,
                                                         self.shown_wide) for x in p.arrays()) and \
            all(np.isfinite(x).all() for x in below)


class Recomputed:
    """One check's recomputed results: its record, or whether a stored text says the same."""

    __slots__ = ("batch", "n")

    def __init__(self, batch: _Batch, n: int) -> None:
        self.batch, self.n = batch, n

    def record(self, stored: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The stored-result record (without `finished` and `stopped`); where levels, band edges or flags
        are tied within rounding, `stored` (else the check's own) says which."""
        check = self.batch.checks[self.n]
        return _record(self.batch, self.n, check.stored if stored is None else stored)

    def matches(self, text: str) -> bool:
        """Whether a stored record's text is this record written by `result_record.record_text`, with any
        `finished` and `stopped`: then it is equal to the record, and nothing else need be compared."""
        if not self.batch.finite:
            return False
        parts = _texts(self.batch, self.n)[0]
        at = 0
        for part in parts[:-1]:
            if not text.startswith(part, at):
                return False
            free = _FREE.match(text, at + len(part))
            if free is None:
                return False
            at = free.end()
        return len(text) - at == len(parts[-1]) and text.endswith(parts[-1])

    def text(self, finished: bool, stopped: Sequence[str | None]) -> str | None:
        """The record's text as `result_record.record_text` writes the quiz's own result, given what the
        quiz says of how it went: `finished`, and why each area stopped asking (in the record's order of
        areas). None when a figure is not finite: only the quiz's own record is written then."""
        if not self.batch.finite:
            return None
        parts = _texts(self.batch, self.n)[0]
        if len(stopped) != len(parts) - 2:
            raise ValueError("one reason to stop per area of the check")
        free = [_JSON(finished), *map(_JSON, stopped)]
        return "".join([part + value for part, value in zip(parts, free, strict=False)]) + parts[-1]

    def area_texts(self) -> list[AreaText]:
        """Per area in order, its figures as JSON writes them (what an area_result row holds)."""
        return _texts(self.batch, self.n)[1]

    def competences(self) -> list[dict[str, Any]]:
        """The record's competences (target and gap of each, at its area's level), as `record()` has
        them, without making the rest of the record."""
        b, check = self.batch, self.batch.checks[self.n]
        level_at = b.table.level_at
        found: list[dict[str, Any]] = []
        for area in self.area_texts():
            by_level = _targets(b.table, check.profile, area.area_id)[2]
            found.extend(by_level[level_at[area.level]])
        return found


class AreaText(NamedTuple):
    """One area's figures written as JSON writes them (numbers by repr, strings quoted, None as null)."""

    area_id: str  # not quoted
    area: str
    theta: str
    sd: str
    level: str
    band: tuple[str, str]
    target: str
    p_below_target: str
    gap: str
    items: str
    level_probabilities: tuple[str, ...]  # in the order of `codes`
    codes: tuple[str, ...]  # the level codes (not quoted)
    said_theta: str
    said_sd: str
    said_level: str

    def outcome(self) -> AreaOutcome:
        """The figures as the quiz's result gives them (`services.quiz.outcomes`)."""
        return AreaOutcome(
            area_id=self.area_id, theta=float(self.theta), sd=float(self.sd), level=json.loads(self.level),
            band=(json.loads(self.band[0]), json.loads(self.band[1])), target=json.loads(self.target),
            p_below_target=_number(self.p_below_target), gap=None if self.gap == "null" else int(self.gap),
            n_items=int(self.items),
            level_probabilities=tuple(zip(self.codes, map(float, self.level_probabilities), strict=True)),
            said_theta=_number(self.said_theta), said_sd=_number(self.said_sd),
            said_level=json.loads(self.said_level))


def _number(text: str) -> float | None:
    return None if text == "null" else float(text)


def in_file_order(areas: Sequence[AreaText]) -> list[tuple[int, AreaText]]:
    """A check's areas as its area-result lines come in a bundle (by area id), each with its place among
    the check's areas (the row's position)."""
    return sorted(enumerate(areas), key=_area_id)


def _area_id(item: tuple[int, AreaText]) -> str:
    return item[1].area_id


def _p_below(b: _Batch, g: int, t_index: int) -> float:
    return 0.0 if t_index == 0 else b.below[t_index - 1][g]


def _flag_text(flag: bool) -> str:
    return "true" if flag else "false"


# Floats as written (repr), by value: writing one costs about a microsecond and a half, and answers are
# few per area, so the same posterior figures come back check after check (a said level rests on two
# or three self-ratings). Bounded: emptied when full.
_WRITTEN_MAX = 50_000


class _Written(dict[float, str]):
    """repr of each value asked for, remembered: looking one up is a single call (`_write`), which
    matters at a region's millions of figures. -0.0 and 0.0 share an entry: a text differing only in
    that sign is then sent to the full comparison, which takes them as equal."""

    def __missing__(self, value: float) -> str:
        if len(self) >= _WRITTEN_MAX:
            self.clear()
        found = self[value] = repr(value)
        return found


_WRITTEN = _Written()
_write: Callable[[float], str] = _WRITTEN.__getitem__


def _texts(b: _Batch, n: int) -> tuple[list[str], list[AreaText]]:
    found = b.texts.get(n)
    if found is None:
        found = b.texts[n] = _make_texts(b, n)
    return found


def _make_texts(b: _Batch, n: int) -> tuple[list[str], list[AreaText]]:
    """Check n's stored text, cut where `finished` and each area's `stopped` go, and its areas' figures
    as text. Floats are written by repr, as JSON does: the batch checked they are all finite."""
    table, check = b.table, b.checks[n]
    codes, code_text = table.bank.scale.codes, table.code_text
    parts = [table.record_head(check.profile, check.mode)]
    text = [f',"asked":{len(b.evidence[n])},"areas":[']
    competences: list[str] = []
    svs_all: list[tuple[float, float]] = []
    areas = []
    shown, said_p = b.shown, b.said
    write = _write
    for k, area_id in enumerate(b.areas[n]):
        g = n * b.n_areas + table.area_pos[area_id]
        _, t_index, _, target_text = _targets(b.table, check.profile, area_id)
        probs = shown.probs[g]
        level = probs.index(max(probs))  # the first of equals, as np.argmax (_level without a stored one)
        n_said, n_shown = b.counts[1][g], b.counts[2][g]
        said = "null"
        said_theta = said_sd = said_level = "null"
        if n_said:
            s_level = _level(said_p.probs[g], codes, None)
            said_theta = write(said_p.mean[g])
            said_sd = write(said_p.sd[g])
            said_level = code_text[s_level]
            said = (f'{{"theta":{said_theta},"sd":{said_sd},"level":{said_level},"level_index":{s_level},'
                    f'"band":[{code_text[said_p.edges[0][0][g]]},{code_text[said_p.edges[1][0][g]]}],'
                    f'"items":{n_said}}}')
        svs = "null"
        if n_said and n_shown:
            m1, s1 = b.said_wide.mean[g], b.said_wide.sd[g]
            m2, s2 = b.shown_wide.mean[g], b.shown_wide.sd[g]
            sd = float((s1**2 + s2**2) ** 0.5)
            svs = (f'{{"theta_self":{write(m1)},"sd_self":{write(s1)},'
                   f'"theta_shown":{write(m2)},"sd_shown":{write(s2)},'
                   f'"flag":{_flag_text(disagrees(m1 - m2, sd))}}}')
            svs_all.append((m1 - m2, sd))
        p_text = tuple(map(write, probs))
        figures = AreaText(
            area_id, table.area_text[area_id], write(shown.mean[g]),
            write(shown.sd[g]), code_text[level],
            (code_text[shown.edges[0][0][g]], code_text[shown.edges[1][0][g]]), target_text,
            "null" if t_index is None else _write(_p_below(b, g, t_index)),
            "null" if t_index is None else str(max(0, t_index - level)), str(n_shown), p_text, codes,
            said_theta, said_sd, said_level)
        areas.append(figures)
        probs_text = ",".join([f"{c}:{p}" for c, p in zip(code_text, p_text, strict=True)])
        text.append(
            f'{"," if k else ""}{{"area":{figures.area},"theta":{figures.theta},"sd":{figures.sd},'
            f'"level":{figures.level},"level_index":{level},"level_probability":{p_text[level]},'
            f'"level_probabilities":{{{probs_text}}},"band":[{figures.band[0]},{figures.band[1]}],'
            f'"target":{figures.target},"p_below_target":{figures.p_below_target},"gap":{figures.gap},'
            f'"items":{n_shown},"said":{said},"self_vs_shown":{svs},"stopped":')
        parts.append("".join(text))
        text = ["}"]
        competences.append(_competence_text(b.table, check.profile, area_id, level))
    person = "null"
    if svs_all:
        weights = [1.0 / sd**2 for _, sd in svs_all]
        total = sum(weights)
        difference = sum(w * d for w, (d, _) in zip(weights, svs_all, strict=True)) / total
        sd = total**-0.5
        person = (f'{{"difference":{_write(difference)},"sd":{_write(sd)},'
                  f'"flag":{_flag_text(disagrees(difference, sd))},"areas":{len(svs_all)}}}')
    evidence = ",".join([e.text for e in sorted(b.evidence[n], key=_BY_COMPETENCE)])
    text.append(f'],"competences":[{",".join(c for c in competences if c)}],"self_vs_shown":{person},'
                f'"evidence":[{evidence}]}}')
    parts.append("".join(text))
    return parts, areas


def _by_competence(scored: _Scored) -> int:
    return scored.competence


_BY_COMPETENCE = operator.attrgetter("competence")


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




def _targets(table: _Table, profile: str | None, area_id: str) -> _Targets:
    """The area's target and its index, for each level of the area the records of its competences
    (target and gap), and the target as JSON writes it, under a profile: they depend on nothing else,
    so they are made once."""
    cache = table.targets
    found = cache.get((profile, area_id))
    if found is None:
        fw = table.bank.framework
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
                                             by_level, _JSON(target))
    return found


def _competence_text(table: _Table, profile: str | None, area_id: str, level: int) -> str:
    """The area's competence entries of the stored text at a level (made once)."""
    cache = table.competence_text
    found = cache.get((profile, area_id, level))
    if found is None:
        found = cache[(profile, area_id, level)] = ",".join(
            _JSON(c) for c in _targets(table, profile, area_id)[2][level])
    return found


def _record(b: _Batch, n: int, stored: Mapping[str, Any] | None) -> dict[str, Any]:
    fw, table, check = b.fw, b.table, b.checks[n]
    codes = table.bank.scale.codes
    areas = []
    competences: list[dict[str, Any]] = []
    svs_all: list[tuple[float, float]] = []
    stored_areas = {a.get("area"): a for a in _hint(stored, "areas") or () if isinstance(a, dict)}
    for area_id in b.areas[n]:
        g = n * b.n_areas + table.area_pos[area_id]
        hint = stored_areas.get(area_id)
        target, t_index, comps, _ = _targets(table, check.profile, area_id)
        probs = b.shown.probs[g]
        level = _level(probs, codes, _hint(hint, "level"))
        said = None
        n_said, n_shown = b.counts[1][g], b.counts[2][g]
        if n_said:
            sp = b.said
            s_level = _level(sp.probs[g], codes, _hint(hint, "said", "level"))
            said = {"theta": sp.mean[g], "sd": sp.sd[g], "level": codes[s_level], "level_index": s_level,
                    "band": [_edge(sp, 0, g, codes, _hint(hint, "said", "band", 0)),
                             _edge(sp, 1, g, codes, _hint(hint, "said", "band", 1))],
                    "items": n_said}
        svs = None
        if n_said and n_shown:
            m1, s1 = b.said_wide.mean[g], b.said_wide.sd[g]
            m2, s2 = b.shown_wide.mean[g], b.shown_wide.sd[g]
            sd = float((s1**2 + s2**2) ** 0.5)
            svs = {"theta_self": m1, "sd_self": s1, "theta_shown": m2, "sd_shown": s2,
                   "flag": _flag(m1 - m2, sd, _hint(hint, "self_vs_shown", "flag"))}
            svs_all.append((m1 - m2, sd))
        areas.append({
            "area": area_id, "theta": b.shown.mean[g], "sd": b.shown.sd[g], "level": codes[level],
            "level_index": level, "level_probability": probs[level],
            "level_probabilities": dict(zip(codes, probs, strict=True)),
            "band": [_edge(b.shown, 0, g, codes, _hint(hint, "band", 0)),
                     _edge(b.shown, 1, g, codes, _hint(hint, "band", 1))],
            "target": target,
            "p_below_target": None if t_index is None else _p_below(b, g, t_index),
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
                  "flag": _flag(difference, sd, _hint(stored, "self_vs_shown", "flag"))}
    return {
        "format": RECORD_FORMAT, "engine_version": table.bank.engine_version,
        "params_source": table.bank.params_source,
        "framework": [fw.id, fw.version], "profile": check.profile, "mode": check.mode,
        "asked": len(b.evidence[n]), "areas": areas, "competences": competences, "self_vs_shown": person,
        # Grouped by competence in the framework's order, each in the order asked (as result_to_record).
        "evidence": [e.evidence for e in sorted(b.evidence[n], key=_by_competence)],
    }


def _hint(stored: Any, *path: str | int) -> Any:
    """A value of the stored record, or None where it has none (it may be anything: it is being checked)."""
    for step in path:
        try:
            stored = stored[step]
        except (KeyError, IndexError, TypeError):
            return None
    return stored


def exact_record(check: CheckAnswers, *, seed: int, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The record the way the quiz itself makes it (`Quiz.restore`), one check at a time: the reference."""
    from digigram.core.engine import Quiz
    from digigram.core.result_record import result_to_record

    quiz = Quiz.restore(check.framework, profile=check.profile, mode=check.mode, seed=seed, exclude=exclude,
                        answers=check.answers, engine_version=check.engine_version)
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
