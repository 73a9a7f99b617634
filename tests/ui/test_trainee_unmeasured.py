"""The coordinator's trainee page after a check whose area had only a self-rating: that area reads "not
measured", with no level and no gap, in words, in the chart and in the history, and one line says why."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_coordinator import PEOPLE, typed  # noqa: F401
from tests.ui.test_trainee_plan_marks import open_trainee


@pytest.fixture
def ws(self_rated_ws: Any) -> Any:
    """INF has only self-ratings: no answer measures it."""
    return self_rated_ws


@pytest.mark.parametrize(("lang", "info", "words", "why"), [
    ("uk", "Інформація", "не виміряно", "Не виміряно: «Інформація»."),
    ("en", "Information", "not measured", "Not measured: “Information”."),
])
def test_the_trainee_page_says_not_measured(qtbot: Any, window: Any, ws: Any,
                                            typed: dict[str, Any], lang: str, info: str,  # noqa: F811
                                            words: str, why: str) -> None:
    person = seed_trainees(ws, PEOPLE[:1], checks=1)[0]
    trainee = open_trainee(window, ws, person.id, lang)
    said = trainee.said.text().splitlines()
    # it read «Інформація: B1 · Середній, said A1», a level nobody showed, beside Safety's measured one
    assert f"{info}: {words}, " in "\n".join(said)
    assert not [line for line in said if line.startswith(f"{info}: B1") or line.startswith(f"{info}: A1")]
    assert any(line.startswith(why) for line in said)
    described = trainee.chart.accessibleDescription()
    parts = described.split("; ")
    assert parts[0] == f"{info}: {words}"
    assert parts[1].startswith(("Безпека", "Safety"))  # the next area: no gap, no "target reached" between
    history = trainee.history.item(0, 4).text()
    assert f"{info}: {words}" in history
    figure = trainee.chart.figure
    figure.canvas.draw()
    (axes,) = [ax for ax in figure.axes if ax.get_gid() == "gap-chart"]
    assert not [a for a in [*axes.lines, *axes.patches] if str(a.get_gid()).endswith(":INF")]
