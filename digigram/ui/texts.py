"""Words for results shown on several screens: level names, gaps and answers, in the UI language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from digigram.core.i18n import NOT_MEASURED
from digigram.core.records import measured
from digigram.core.scoring import UNSURE, CompetenceResult, not_shown_yet, shown_at_target
from digigram.ui.appearance import current_language

translate = QCoreApplication.translate


class Texts(QObject):
    """The "Texts" context's plurals: PySide6 6.11's lupdate finds a plural only in a class's self.tr."""

    def levels_below(self, gap: int) -> str:
        # English takes its "level"/"levels" from digigram_en.ts (plural forms only), Ukrainian its three.
        return self.tr("%n level(s) below the target", "", gap)


def area_name(framework: Any, area_id: str, lang: str) -> str:
    """The area's name in the UI language; its id when the framework no longer has it."""
    try:
        return str(framework.area(area_id).name.get(lang))
    except KeyError:
        return area_id


def level_label(framework: Any, code: str, lang: str) -> str:
    """ "B1 · Intermediate": the code and the framework's name for the level."""
    try:
        return f"{code} · {framework.level(code).name.get(lang)}"
    except KeyError:
        return code


def gap_text(res: Any) -> str:
    """The gap in words with a symbol, so that nothing depends on colour."""
    gap = getattr(res, "gap", None)
    if gap is None:
        return translate("Texts", "no target set")
    if gap <= 0:
        return "✓ " + translate("Texts", "target reached")
    return "▼ " + Texts().levels_below(gap)


def level_chance_text(framework: Any, res: Any, lang: str) -> str:
    """ "C1 · Advanced, 50% (B2–C2)": the most likely level, how likely it is, and the range holding 80 % of
    the likelihood. After a quick check the level alone read surer than it is."""
    from digigram.core.i18n import format_percent

    if not measured(res):  # the prior's level, resting on no shown answer, is no finding
        return NOT_MEASURED.render(lang)
    band = tuple(res.band)
    span = band[0] if band[0] == band[-1] else f"{band[0]}–{band[-1]}"
    chance = getattr(res, "level_probability", None)
    text = level_label(framework, res.level, lang)
    if chance is not None:
        text += f", {format_percent(chance, lang)}"
    return text if span == res.level else f"{text} ({span})"  # "(B1)" beside B1 would add nothing


def below_chance_text(res: Any, lang: str) -> str:
    """The gap, with the chance of being below the target where that says something: at the target with a
    chance of 10 % or more of being below it, or below it with a chance of 10 % or more of being there."""
    from digigram.core.i18n import format_percent

    if not measured(res):  # no level, so no gap and no "target reached"
        return "—"
    text, gap, below = gap_text(res), getattr(res, "gap", None), getattr(res, "p_below_target", None)
    if gap is None or below is None or (below < UNSURE if gap <= 0 else below > 1 - UNSURE):
        return text
    chance = translate("Texts", "%1 chance below").replace("%1", format_percent(below, lang))
    return f"{text} ({chance})"


def competence_gap_text(res: CompetenceResult, *, area_measured: bool = True) -> str:
    """A competence's line under "By competence": the area's gap, unless its own answers say otherwise.

    Levels are estimated per area, so the gap comes from the whole area's level. At the target, the line
    says "target reached" only when the competence's own shown answers (knowledge, scenario) were all
    fully right; when every one was the lowest (a wrong answer, "I don't know") it has not shown the
    target at all, however high the person rated themselves; in between (a half-right answer,
    self-ratings alone) the tick is the area's, and the line says so. In an area not measured
    (records.measured) there is no level to compare, and the line says that.
    """
    if not area_measured:
        return NOT_MEASURED.render(current_language())
    if not_shown_yet(res):
        return "▼ " + translate("Texts", "not shown yet: no question here was answered right")
    if res.gap == 0 and not shown_at_target(res):
        return "✓ " + translate("Texts", "target reached by the area's level; the answers here have not "
                                         "shown it yet")
    return gap_text(res)


def answer_text(framework: Any, item: Any, choice: Any, lang: str) -> str:
    """What the person chose, in words."""
    if choice is None:
        return translate("Texts", "I don't know")
    chosen = list(choice) if isinstance(choice, (list, tuple)) else [choice]
    if item.on_scale:
        points = framework.scales[item.scale].points
        return "; ".join(points[i].label.get(lang) for i in chosen if 0 <= i < len(points))
    if not chosen:
        return translate("Texts", "(nothing chosen)")
    return "; ".join(item.options[i].text.get(lang) for i in chosen if 0 <= i < len(item.options))


def said_text(framework: Any, res: Any, lang: str) -> str:
    """The level an area's self-ratings point to, or a dash when none were asked."""
    said = getattr(res, "said", None)
    return "—" if said is None else level_label(framework, said.level, lang)


def said_vs_shown_text(result: Any, *, about_self: bool, framework: Any, lang: str) -> str:
    """Said versus shown over all areas, in plain and kind words: to the person, or to the coordinator."""
    from digigram.core.i18n import quoted_names

    person = getattr(result, "self_vs_shown", None)
    if person is None:
        return ""
    if not person.flag:
        # Over all areas together: said plainly beside areas whose said and shown levels differ, "fits"
        # denied what the table showed. Those areas are named, as the personal report names them.
        differ = [area_name(framework, area_id, lang) for area_id, res in result.areas.items()
                  if getattr(res, "said", None) is not None and measured(res) and res.said.level != res.level]
        if differ:
            text = (translate("Texts", "Over all areas together, what you said about yourself is close to "
                              "what your answers showed. The two levels differ in: %1.") if about_self else
                    translate("Texts", "Over all areas together, their self-ratings are close to what their "
                              "answers showed. The two levels differ in: %1."))
            return text.replace("%1", quoted_names(differ, lang))
        if about_self:
            return translate("Texts", "What you said about yourself fits what your answers showed.")
        return translate("Texts", "Their self-ratings fit what their answers showed.")
    if person.difference > 0:
        if about_self:
            return translate(
                "Texts",
                "Overall you rated yourself higher than your answers showed. Most people do, so this is "
                "nothing to worry about; your levels come from your answers, and the plan starts there.",
            )
        return translate(
            "Texts",
            "Rated themselves higher than their answers showed, over all areas together. This is common; "
            "a friendly talk about the answers to review may help.",
        )
    if about_self:
        return translate(
            "Texts",
            "Overall your answers showed more than you gave yourself credit for. You may know more than "
            "you think.",
        )
    return translate(
        "Texts",
        "Their answers showed more than they gave themselves credit for, over all areas together. "
        "Encouragement may help.",
    )
