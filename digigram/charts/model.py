"""Plain inputs for the charts and the report, and their conversion from a quiz result; no matplotlib."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from digigram.core.framework import Framework
from digigram.core.i18n import N_, NOT_MEASURED, Percent, format_percent
from digigram.core.records import measured


@dataclass(frozen=True)
class AreaBar:
    """One area's row in the gap chart; levels are 0-based indices into the framework's levels."""

    area_id: str
    label: str
    level_index: int
    band_lo_index: int
    band_hi_index: int
    target_index: int | None = None
    theta: float | None = None
    sd: float | None = None
    said_index: int | None = None  # the level the person's self-ratings point to
    level_probability: float | None = None  # how likely the level at level_index is
    p_below_target: float | None = None  # the chance of being below the target
    measured: bool = True  # False: no shown answers, the level is the prior's (core.records.measured)

    def __post_init__(self) -> None:
        if not self.band_lo_index <= self.band_hi_index:
            raise ValueError(f"band of {self.area_id} ends below its start")

    @property
    def gap(self) -> int | None:
        """Levels still missing to reach the target (0 when reached), None without a target or a
        measured level."""
        if self.target_index is None or not self.measured:
            return None
        return max(0, self.target_index - self.level_index)


@dataclass(frozen=True)
class HistoryPoint:
    """An area's level at one check."""

    when: date
    level_index: int
    band_lo_index: int | None = None
    band_hi_index: int | None = None
    at: datetime | None = None  # the check's local time: checks on one day are told apart by it


@dataclass(frozen=True)
class HistorySeries:
    """An area's checks, in any order (the chart sorts them by date)."""

    area_id: str
    label: str
    points: Sequence[HistoryPoint]
    target_index: int | None = None


@dataclass(frozen=True)
class PlanLine:
    """One step of a development plan, with every label already in the reader's language."""

    competence: str
    goal: str
    resource: str
    due: date | None
    status: str
    notes: str = ""


@dataclass(frozen=True)
class ResultRow:
    """One line of the report's result table, as the reader sees it."""

    area: str
    level: str
    band: str
    target: str
    gap: str
    said: str = "—"
    level_chance: str = ""  # how likely the level is, "50 %"; empty when not known
    below_chance: str = ""  # the chance of being below the target, where it says something
    measured: bool = True  # False: the level cell says "not measured" (core.records.measured)


_REACHED = N_("reached")


def below_chance(gap: int | None, p_below: float | None, lang: str) -> str:
    """ "20 % chance below": said at the target with a chance of 10 % or more of being below it, or below
    it with 90 % or less; near sure either way it would only add words."""
    if gap is None or p_below is None or (p_below < 0.1 if gap <= 0 else p_below > 0.9):
        return ""
    return N_("{percent} chance below", percent=Percent(p_below)).render(lang)


def rows_from_bars(bars: Iterable[AreaBar], levels: Sequence[str], *, lang: str) -> list[ResultRow]:
    """The result table for the report, derived from the chart's bars."""
    rows = []
    for bar in bars:
        lo, hi = levels[bar.band_lo_index], levels[bar.band_hi_index]
        band = lo if lo == hi else f"{lo}–{hi}"
        target = "—" if bar.target_index is None else levels[bar.target_index]
        gap = bar.gap
        gap_text = "—" if gap is None else (_REACHED.render(lang) if gap == 0 else str(gap))
        said = "—" if bar.said_index is None else levels[bar.said_index]
        if not bar.measured:  # no level, no range, no gap: the prior's would read as a finding
            rows.append(ResultRow(bar.label, NOT_MEASURED.render(lang), "—", target, gap_text, said,
                                  measured=False))
            continue
        chance = "" if bar.level_probability is None else format_percent(bar.level_probability, lang)
        rows.append(ResultRow(bar.label, levels[bar.level_index], band, target, gap_text, said, chance,
                              below_chance(gap, bar.p_below_target, lang)))
    return rows


def _band_codes(band: Any) -> tuple[str, str]:
    # The engine's band may be a (lo, hi) pair or an object with .lo and .hi.
    if hasattr(band, "lo") and hasattr(band, "hi"):
        return str(band.lo), str(band.hi)
    lo, hi = band
    return str(lo), str(hi)


def bars_from_result(
    result: Any, framework: Framework, *, lang: str, area_ids: Sequence[str] | None = None
) -> list[AreaBar]:
    """Chart rows from a quiz result (`result.areas[area_id]` with level, band, target, theta, sd).

    Rows follow the framework's area order; areas the result does not cover are left out.
    """
    wanted = list(area_ids) if area_ids is not None else [a.id for a in framework.areas]
    bars = []
    for area_id in wanted:
        if area_id not in result.areas:
            continue
        res = result.areas[area_id]
        lo, hi = _band_codes(res.band)
        target = getattr(res, "target", None)
        said = getattr(res, "said", None)
        bars.append(
            AreaBar(
                area_id=area_id,
                label=framework.area(area_id).name.get(lang),
                level_index=framework.level_index(res.level),
                band_lo_index=framework.level_index(lo),
                band_hi_index=framework.level_index(hi),
                target_index=None if target is None else framework.level_index(target),
                theta=getattr(res, "theta", None),
                sd=getattr(res, "sd", None),
                said_index=None if said is None else framework.level_index(said.level),
                level_probability=getattr(res, "level_probability", None),
                p_below_target=getattr(res, "p_below_target", None),
                measured=measured(res),
            )
        )
    return bars


def level_codes(framework: Framework) -> list[str]:
    """The framework's level codes, lowest first: the chart axis."""
    return [lv.code for lv in sorted(framework.levels, key=lambda lv: lv.index)]
