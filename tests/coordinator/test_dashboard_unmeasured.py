"""The coordinator's group views with an area no shown answer measured (core.records.measured): its level
and gap are the prior's, so the table, its sorting, "needs help", the CSV and the programme's figures give
it no level and no gap, and leave it out of what they count."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from digigram.core.coordination import DashboardFilter, TraineeOrder
from digigram.services.coordinator.exports import csv_text
from digigram.services.coordinator.mode import Coordinator
from digigram.services.workspace import Workspace
from tests.coordinator.conftest import add_check

WHEN = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def _group(ws: Workspace) -> dict[str, str]:
    """Олена: DOC at target, NET's stored level two below its target C but measured by no answer (a
    framework whose NET items are only self-ratings). Андрій: NET measured, one level below."""
    olena = ws.create_person("Олена Коваль", hub="Хаб Ірпінь")
    andrii = ws.create_person("Андрій Мельник", hub="Хаб Ірпінь")
    add_check(ws, olena, when=WHEN, levels={"DOC": ("B", "B"), "NET": ("A", "C")}, unmeasured=("NET",),
              answers=[("DOC.1-04", 1)])
    add_check(ws, andrii, when=WHEN, levels={"DOC": ("B", "B"), "NET": ("B", "C")},
              answers=[("DOC.1-04", 1), ("NET.1-08", 1)])
    return {"olena": olena.id, "andrii": andrii.id}


def test_the_table_says_not_measured_and_never_needs_help_for_it(ws: Workspace, co: Coordinator) -> None:
    ids = _group(ws)
    whole = co.dashboard(DashboardFilter())
    page = co.dashboard(DashboardFilter(), limit=10)  # the screen's first page, counted in SQL
    for board in (whole, page):
        rows = {r.person_id: r for r in board.rows}
        olena = rows[ids["olena"]].areas["NET"]
        assert (olena.measured, olena.level, olena.gap, olena.target) == (False, None, None, "C")
        assert rows[ids["olena"]].areas["DOC"].measured
        assert not rows[ids["olena"]].needs_help  # her only "gap" is the prior's
        assert rows[ids["andrii"]].areas["NET"].gap == 1 and rows[ids["andrii"]].areas["NET"].measured
    assert page.needing_help == whole.needing_help == 1  # Андрій: one of his two areas below target
    # Sorted by NET's gap, she goes with those without one, below Андрій's gap of 1, both ways.
    for descending in (False, True):
        order = TraineeOrder("area:NET", descending)
        sql = [r.name for r in co.dashboard(DashboardFilter(), order=order, limit=10).rows]
        python = [r.name for r in co.dashboard(DashboardFilter(), order=order).rows]
        expected = ["Андрій Мельник", "Олена Коваль"] if descending else ["Олена Коваль", "Андрій Мельник"]
        assert sql == python == expected


def test_the_csv_says_not_measured_with_no_gap(ws: Workspace, co: Coordinator) -> None:
    _group(ws)
    board = co.dashboard(DashboardFilter())
    for lang, words, no in (("uk", "не виміряно", "ні"), ("en", "not measured", "no")):
        text = csv_text(board, ws.framework, lang=lang, separator=";")
        lines = [line.split(";") for line in text.splitlines()]
        olena = next(line for line in lines if line[0] == "Олена Коваль")
        # name, hub, region, group, role, checks, last check; then DOC and NET (level, target, gap); help
        assert olena[7:] == ["B", "B", "0", words, "C", "", no]


def test_the_programme_leaves_it_out_of_levels_and_gaps(ws: Workspace, co: Coordinator) -> None:
    _group(ws)
    p = ws.programme()
    assert dict(p.levels["NET"]) == {"B": 1}  # Андрій's only; Олена's prior's "A" is no one's level
    assert dict(p.levels["DOC"]) == {"B": 2}
    gaps = {g.area_id: (g.share.count, g.share.n) for g in p.gaps}
    assert gaps["NET"] == (1, 1)
    assert dict(p.unmeasured) == {"NET": 1}
    from digigram.core.programme import definitions

    said = [m.render("en") for m in definitions(p, {"NET": "Network"}, "en")]
    assert said[0].startswith("Not measured, so left out of the shown levels")
    assert "“Network” (1)" in said[0]


def test_the_group_pdf_says_not_measured_and_why_not_none_below(
        ws: Workspace, co: Coordinator, tmp_path: Path) -> None:
    from tests.coordinator.test_exports import _pdf_text

    olena = ws.create_person("Олена Коваль", hub="Хаб Ірпінь")
    add_check(ws, olena, when=WHEN, levels={"DOC": ("B", "B"), "NET": ("A", "C")}, unmeasured=("NET",),
              answers=[("DOC.1-04", 1)])
    for lang, words, why in (
            ("uk", "не виміряно", "Не виміряно: «Мережа». Перевірка не ставила тут питань"),
            ("en", "not measured", "Not measured: “Networks”. The check asked no question there")):
        text = _pdf_text(co.export_group_pdf(tmp_path / f"group-{lang}.pdf", DashboardFilter(), lang=lang))
        net = ws.framework.area("NET").name.get(lang)
        # The weakest areas said "0 / 0" for it, as if nobody were below the target there.
        assert f"{net} {words}" in text and f"{net} 0 / 0" not in text
        assert text.count(why) == 2  # under the weakest areas, and under the heatmap's key
