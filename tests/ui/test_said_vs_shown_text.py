"""Said versus shown in words on the results screen and the coordinator's trainee page: "fits" is said over
all areas together, and never beside a table whose said and shown levels differ without naming them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from digigram.ui.settings_dialog import Settings
from digigram.ui.texts import said_vs_shown_text


def _result(framework: Any, said: list[str | None]) -> Any:
    """A check whose said and shown levels fit over all areas together; area k said `said[k]`, shown B2
    (a level not said for the areas after)."""
    areas = {a.id: SimpleNamespace(level="B2", items=3, said=None if s is None else SimpleNamespace(level=s))
             for a, s in zip(framework.areas, said, strict=False)}
    return SimpleNamespace(self_vs_shown=SimpleNamespace(flag=False, difference=0.2), areas=areas)


@pytest.mark.parametrize(("lang", "about_self", "said"), [
    ("uk", True, "За всіма сферами разом те, що ви сказали про себе, близьке до того, що показали ваші "
                 "відповіді. Ці два рівні різняться тут: «{0}», «{1}»."),
    ("en", True, "Over all areas together, what you said about yourself is close to what your answers "
                 "showed. The two levels differ in: “{0}”, “{1}”."),
    ("uk", False, "За всіма сферами разом їхня самооцінка близька до того, що показали відповіді. Ці два "
                  "рівні різняться тут: «{0}», «{1}»."),
    ("en", False, "Over all areas together, their self-ratings are close to what their answers showed. "
                  "The two levels differ in: “{0}”, “{1}”."),
])
def test_a_fit_over_all_areas_names_the_areas_whose_levels_differ(
        window: Any, ws: Any, lang: str, about_self: bool, said: str) -> None:
    window.apply_settings(Settings(language=lang), store=False)
    fw = ws.framework
    names = [a.name.get(lang) for a in fw.areas]
    result = _result(fw, ["C1", "B1", None])  # a third area, if any, asked no self-ratings: no level said
    assert said_vs_shown_text(result, about_self=about_self, framework=fw, lang=lang) == said.format(*names)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_fit_in_every_area_is_said_as_before(window: Any, ws: Any, lang: str) -> None:
    window.apply_settings(Settings(language=lang), store=False)
    fw = ws.framework
    text = said_vs_shown_text(_result(fw, ["B2", "B2"]), about_self=True, framework=fw, lang=lang)
    assert text == {"uk": "Те, що ви сказали про себе, збігається з тим, що показали ваші відповіді.",
                    "en": "What you said about yourself fits what your answers showed."}[lang]
