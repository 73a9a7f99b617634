"""Revision 0011: summaries made before an area no shown answer measured was told apart are made again.

Such a summary wrote the area's stored level and gap, the prior's (core.records.measured), so the dashboard
showed a gap nobody measured and counted it towards "needs help". On SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from digigram.core.coordination import DashboardFilter
from digigram.services.coordinator import dashboard
from digigram.services.workspace import Workspace
from digigram.store import migrate
from digigram.store.db import make_engine
from tests.conftest import Target

SMALL = Path(__file__).resolve().parents[1] / "frameworks" / "store_small.yaml"
STAMP = "'2025-03-10 10:00:00'"


def _old_rows(target: Target, framework_hash: str, items: int) -> None:
    """At revision 0010: Олена's check with NET measured by no answer (its level A two below her target
    C, the prior's) and Андрій's with both areas measured, each summarised as that release did."""
    engine = make_engine(target.url)
    with engine.begin() as conn:
        conn.execute(text(f"INSERT INTO framework_snapshot VALUES (:h, 'store-small', '1', 'x.yaml', 'text', "
                          f"{STAMP})"), {"h": framework_hash})
        for person, name, net, shown, areas, help_ in (
                ("p1", "Олена", "A", 0, "B|B|0;A|C|2", True), ("p2", "Андрій", "C", 2, "B|B|0;C|C|0", False)):
            conn.execute(text("INSERT INTO person (id, name, hub, group_tag, profile_id, pin_hash, "
                              "consent_at, created_at) VALUES (:p, :n, 'Хаб 1', '', 'librarian', NULL, "
                              f"{STAMP}, {STAMP})"),
                         {"p": person, "n": name})
            attempt = "a" + person
            conn.execute(text("INSERT INTO attempt (id, person_id, framework_id, framework_version, "
                              "framework_hash, profile_id, mode, seed, excluded, status, started_at, "
                              "finished_at) VALUES (:a, :p, 'store-small', '1', :h, 'librarian', 'full', 7, "
                              f"'[]', 'finished', {STAMP}, {STAMP})"),
                         {"a": attempt, "p": person, "h": framework_hash})
            for position, (area, level, target_level, gap, n) in enumerate(
                    (("DOC", "B", "B", 0, 3), ("NET", net, "C", 2 if net == "A" else 0, shown))):
                conn.execute(text("INSERT INTO area_result (attempt_id, area_id, position, theta, sd, level, "
                                  "band, target, p_below_target, gap, n_items) VALUES (:a, :area, :pos, 0.1, "
                                  "0.5, :lv, '[\"A\", \"C\"]', :t, 0.5, :gap, :n)"),
                             {"a": attempt, "area": area, "pos": position, "lv": level, "t": target_level,
                              "gap": gap, "n": n})
            conn.execute(text("INSERT INTO check_summary (attempt_id, framework_hash, marks, areas, "
                              "needs_help, gaps) VALUES (:a, :h, :m, :areas, :help, :gaps)"),
                         {"a": attempt, "h": framework_hash, "m": b"\x00" * items, "areas": areas,
                          "help": help_, "gaps": b"\x01\x01\x02\x02" if help_ else b"\x01\x01\x01\x01"})
    engine.dispose()


def _summaries(target: Target) -> dict[str, tuple[object, ...]]:
    engine = make_engine(target.url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT attempt_id, areas, needs_help, gaps FROM check_summary")).all()
    engine.dispose()
    return {r[0]: (r[1], None if r[2] is None else bool(r[2]), None if r[3] is None else bytes(r[3]))
            for r in rows}


def test_revision_0011_has_summaries_with_an_area_not_measured_made_again(
        new_target: Callable[..., Target]) -> None:
    target = new_target(migrated=False)
    migrate.upgrade(target.url, to="0010")
    with Workspace.open(data_dir=target.data_dir / "probe", framework_path=SMALL) as probe:
        framework_hash, items = probe.framework.content_hash, len(probe.framework.items)
    _old_rows(target, framework_hash, items)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        # Marked incomplete, as an older release's summary: the one measured in full is left alone.
        assert _summaries(target) == {"ap1": ("B|B|0;A|C|2", None, None),
                                      "ap2": ("B|B|0;C|C|0", False, b"\x01\x01\x01\x01")}
        board = dashboard.build(ws._sessions, ws.framework, DashboardFilter(), limit=10)
        olena = next(r for r in board.rows if r.name == "Олена")
        assert not olena.areas["NET"].measured and olena.areas["NET"].gap is None
        assert not olena.needs_help and board.needing_help == 0
    # The dashboard summarised it again: NET without a level or gap, not needing help.
    assert _summaries(target)["ap1"][:2] == ("B|B|0;|C|", False)
