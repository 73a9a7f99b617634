"""The results' levels per area say how likely the level is and, where it says something, the chance of
being below the target: after a quick check «C1 · Просунутий» alone read surer than its 50 %."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.core.i18n import format_percent
from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import answer_to_the_end, create_person, settle

BELOW = {"uk": "нижче — з імовірністю", "en": "chance below"}


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_level_says_how_likely_it_is_and_the_chance_below_the_target(
        qtbot: Any, window: Any, lang: str, monkeypatch: Any) -> None:
    window.apply_settings(Settings(language=lang, text_scale=100), store=False)
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.quick, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)
    view = window.view("results")
    assert window.stack.currentWidget() is view
    settle()
    table, result = view.table, view.result
    areas = [a for a in window.ws.framework.areas if a.id in result.areas]
    assert table.rowCount() == len(areas) > 1
    # the quick check as stored: every level with its own probability beside it
    for row, area in enumerate(areas):
        res = result.areas[area.id]
        assert res.level_probability < 1
        text = table.item(row, 1).text()
        assert f", {format_percent(res.level_probability, lang)}" in text
        # the range beside it, unless it is the level alone ("(B1)" beside B1 would add nothing)
        assert ("(" in text) == (tuple(res.band) != (res.level, res.level))

    # one area at its target with a 20 % chance of being below it, one below it and not sure of that: the
    # chance is said beside both
    first, second = (result.areas[a.id] for a in areas[:2])
    codes = [level.code for level in window.ws.framework.levels]

    def show(**changed: Any) -> None:
        crafted = dataclasses.replace(result, areas=MappingProxyType({**result.areas, **changed}))
        monkeypatch.setattr(window.ws, "results_for", lambda attempt_id: crafted)
        view.show_attempt(view.attempt_id)
        settle()

    show(**{first.area_id: dataclasses.replace(first, level_probability=0.5, target=first.level, gap=0,
                                               p_below_target=0.2, band=(codes[0], codes[-1])),
            second.area_id: dataclasses.replace(second, level_probability=0.4, gap=1, p_below_target=0.6)})
    level, reached = table.item(0, 1).text(), table.item(0, 3).text()
    assert f", {format_percent(0.5, lang)} ({codes[0]}–{codes[-1]})" in level
    assert reached.startswith("✓ ") and format_percent(0.2, lang) in reached and BELOW[lang] in reached
    below = table.item(1, 3).text()
    assert below.startswith("▼ ") and format_percent(0.6, lang) in below and BELOW[lang] in below
    # the screen reader's summary reads the same
    summary = view.chart.accessibleDescription()
    assert f"{areas[0].name.get(lang)}: {level}; {reached}" in summary
    assert f"{areas[1].name.get(lang)}: {table.item(1, 1).text()}; {below}" in summary
    # near sure either way, the chance would only add words: at the target and 4 % below, under it and 96 %
    show(**{first.area_id: dataclasses.replace(first, target=first.level, gap=0, p_below_target=0.04),
            second.area_id: dataclasses.replace(second, gap=1, p_below_target=0.96)})
    assert table.item(0, 3).text().startswith("✓ ") and BELOW[lang] not in table.item(0, 3).text()
    assert table.item(1, 3).text().startswith("▼ ") and BELOW[lang] not in table.item(1, 3).text()
    # the head says what the figure is
    head = table.horizontalHeaderItem(1).text()
    assert head == {"uk": "Рівень, його ймовірність (імовірний діапазон)",
                    "en": "Level, how likely (likely range)"}[lang]
