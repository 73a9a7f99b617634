"""Item fit, information at the profiles' targets, unused options and Ukrainian-vs-English DIF."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from digigram.core.calibration.em import GRID
from digigram.core.calibration.models import P_FLOOR, Array, probabilities
from digigram.core.framework import Framework, Item
from digigram.core.i18n import N_, NP_
from digigram.core.irt import ItemParams, LevelScale, information
from digigram.core.itembank import Choice

# Flag thresholds, explained in docs/adaptive.md.
MIN_SLOPE = 0.4
MAX_RMSD = 0.1  # root mean squared gap between observed and model curves, on the 0..1 score scale
FIT_RANGE = (0.7, 1.3)  # infit and outfit mean squares outside this misfit
UNUSED_SHARE = 0.01  # an option chosen by fewer than 1 % of the answers is one nobody chooses
MIN_TARGET_INFORMATION = 0.02  # the quiz's own floor: below it a question is never worth asking
DIF_MIN_GROUP = 50  # answers per language before comparing them
MAX_DIF = 0.1  # standardised difference in expected score (0..1) between uk and en at equal ability

FLAGS = ("low_slope", "misfit", "unused_option", "low_information", "dif")
FLAG_WORDS = {
    "low_slope": N_("low slope"),
    "misfit": N_("misfit"),
    "unused_option": N_("option nobody chooses"),
    "low_information": N_("little information at the targets"),
    "dif": N_("uk/en difference"),
}


def option_numbers(unused: Sequence[str]) -> str:
    """The options nobody chooses by their place in the item's list in the file, counted from 1 as a
    reader counts them (ItemDiagnostics keeps them from 0): "1, 3"."""
    return ", ".join(str(int(u) + 1) if u.isdigit() else u for u in unused)


def flag_words(flags: tuple[str, ...] | list[str], lang: str | None, unused: Sequence[str] = ()) -> str:
    """The flags as words in the user's language, separated by semicolons; given `unused`, the option
    nobody chooses is named, so that the reader knows which distractor to replace."""
    words = []
    for f in flags:
        if f == "unused_option" and unused:
            words.append(NP_("nobody chooses option {options}", "nobody chooses options {options}",
                             len(unused), options=option_numbers(unused)).render(lang))
        else:
            words.append(FLAG_WORDS[f].render(lang) if f in FLAG_WORDS else f)
    return "; ".join(words)


@dataclass(frozen=True)
class ItemDiagnostics:
    infit: float
    outfit: float
    rmsd: float
    info_at_targets: float | None  # the most information the item gives at any target cut; None: no targets
    unused: tuple[str, ...]  # options or scale points (almost) nobody chose: "1", "3", …
    dif: float | None  # expected-score difference en − uk at equal ability; None when not measurable
    dif_note: str  # "" when measured, else "no language data" or "too few answers in one language"
    flags: tuple[str, ...]


def curve_fit(psi: Array, c: float, counts: Array, grid: Array = GRID) -> tuple[float, float, float]:
    """Infit, outfit and RMSD from the posterior pseudo-counts (m+1, Q) of the item's respondents.

    Each person's squared residual is averaged over their posterior, not taken at a point estimate:
    with a handful of adaptive answers per person a point estimate is shrunk, which would bias infit
    and outfit; averaged over the posterior both are 1 in expectation when the model holds.
    """
    probs = np.clip(probabilities(psi[None], np.array([c]), grid)[0], P_FLOOR, None)
    k = np.arange(probs.shape[0], dtype=float)[:, None]
    expected = (k * probs).sum(axis=0)
    variance = np.clip((k**2 * probs).sum(axis=0) - expected**2, P_FLOOR, None)
    n_q = counts.sum(axis=0)
    n = float(n_q.sum())
    resid2 = (counts * (k - expected[None, :]) ** 2).sum(axis=0)
    outfit = float((resid2 / variance).sum() / n)
    infit = float(resid2.sum() / (n_q * variance).sum())
    m = probs.shape[0] - 1
    seen = n_q > 1e-9
    observed = (k * counts).sum(axis=0)[seen] / n_q[seen]
    gap = (observed - expected[seen]) / m
    rmsd = float(np.sqrt((n_q[seen] / n * gap**2).sum()))
    return infit, outfit, rmsd


def language_difference(by_language: dict[str, Array]) -> tuple[float | None, str]:
    """Standardised DIF: at each ability node, English minus Ukrainian observed mean score (0..1),
    weighted by where the English answers are; ability comes from each person's posterior."""
    if not by_language:
        return None, "no language data"
    if any(lang not in by_language or by_language[lang].sum() < DIF_MIN_GROUP for lang in ("uk", "en")):
        return None, "too few answers in one language"
    uk, en = by_language["uk"], by_language["en"]
    m = uk.shape[0] - 1
    k = np.arange(m + 1, dtype=float)[:, None]
    n_uk, n_en = uk.sum(axis=0), en.sum(axis=0)
    both = (n_uk > 0.5) & (n_en > 0.5)  # nodes both groups really reach
    if not both.any():
        return None, "too few answers in one language"
    mean_uk = (k * uk).sum(axis=0)[both] / n_uk[both] / m
    mean_en = (k * en).sum(axis=0)[both] / n_en[both] / m
    weight = n_en[both] / n_en[both].sum()
    return float((weight * (mean_en - mean_uk)).sum()), ""


def target_cuts(framework: Framework, item: Item) -> list[float]:
    """The ability cuts where the profiles' targets for this item's competence begin."""
    scale = LevelScale.from_levels(framework.levels)
    cuts = set()
    for profile in framework.profiles:
        t = framework.level_index(profile.target_for(item.competence_id, item.area_id))
        if t > 0:
            cuts.add(scale.cuts[t - 1])
    return sorted(cuts)


def unused_options(framework: Framework, item: Item, choices: Counter[Choice], n: int) -> tuple[str, ...]:
    if item.on_scale:
        assert item.scale is not None
        labels = range(len(framework.scales[item.scale].points))
    else:
        labels = range(len(item.options))
    return tuple(str(i) for i in labels if choices.get(i, 0) < UNUSED_SHARE * n)


def diagnose(
    framework: Framework,
    item: Item,
    *,
    new_params: ItemParams,
    em_psi: Array,
    c: float,
    counts: Array,
    grid: Array = GRID,
    by_language: dict[str, Array],
    choices: Counter[Choice],
    n: int,
) -> ItemDiagnostics:
    infit, outfit, rmsd = curve_fit(em_psi, c, counts, grid)
    cuts = target_cuts(framework, item)
    info = float(information(new_params, np.array(cuts)).max()) if cuts else None
    unused = unused_options(framework, item, choices, n)
    dif, note = language_difference(by_language)
    flags = []
    if new_params.a < MIN_SLOPE:
        flags.append("low_slope")
    low, high = FIT_RANGE
    if rmsd > MAX_RMSD or not low <= infit <= high or not low <= outfit <= high:
        flags.append("misfit")
    if unused:
        flags.append("unused_option")
    if info is not None and info < MIN_TARGET_INFORMATION:
        flags.append("low_information")
    if dif is not None and abs(dif) > MAX_DIF:
        flags.append("dif")
    return ItemDiagnostics(infit, outfit, rmsd, info, unused, dif, note, tuple(flags))
