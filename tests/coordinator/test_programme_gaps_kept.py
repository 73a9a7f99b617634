"""Revision 0010: each check summary keeps its competences' gaps, and the programme report counts from them.

The counts must not depend on where they come from: the bytes kept with each summary, or the stored
results of checks whose summary has none (made before 0010, or naming a competence the framework lacks).
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from sqlalchemy import text

from digigram.core.programme import Share
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.test_bundle_support import some_choice
from tests.coordinator.test_programme_competences import _checks, _expected
from tests.store.test_sort_keys import _downgrade


def _gaps(ws: Workspace) -> dict[str, bytes | None]:
    with ws._sessions() as session:
        return {a: None if g is None else bytes(g) for a, g in session.execute(
            text("SELECT attempt_id, gaps FROM check_summary"))}


def _shares(ws: Workspace, **filters: str) -> dict[str, Share]:
    picture = ws.programme(ws.programme_filter(**filters)) if filters else ws.programme()
    return {c.competence_id: c.share for c in picture.competence_gaps}


def _latest_checks(ws: Workspace) -> dict[str, str]:
    """Each person's latest finished check."""
    with ws._sessions() as session:
        return dict(session.execute(text(
            "SELECT person_id, id FROM attempt a WHERE status = 'finished' AND finished_at = "
            "(SELECT max(finished_at) FROM attempt b WHERE b.person_id = a.person_id)")).all())


def _one_more_check(ws: Workspace) -> str:
    """A new person's finished check; returns the person."""
    person = ws.create_person("Ще одна", profile_id=ws.framework.profiles[0].id)
    quiz = ws.start_quiz(person.id, seed=99)
    rng = random.Random(99)
    while (item := quiz.current_item) is not None:
        quiz.answer(some_choice(ws.framework, item, rng))
    quiz.finish(rating_after=5)
    return person.id


def test_each_finished_check_keeps_its_gaps_in_framework_order(ws: Workspace) -> None:
    found = _checks(ws)
    latest: dict[str, dict[str, tuple[str | None, int | None]]] = found["latest"]  # type: ignore[assignment]
    order = [c.id for a in ws.framework.areas for c in a.competences]
    kept = _gaps(ws)
    assert kept and all(g is not None and len(g) == len(order) for g in kept.values())
    # Each person's latest check, byte by byte: 0 no target, 1 at or above it, 2 below it.
    last = _latest_checks(ws)
    for person_id, competences in latest.items():
        want = bytes(0 if c not in competences or competences[c][0] is None else 2 if competences[c][1] else 1
                     for c in order)
        assert kept[last[person_id]] == want
    assert any(b == 2 for g in kept.values() if g for b in g) and any(b == 1 for g in kept.values() if g
                                                                    for b in g)


def test_gaps_counted_from_stored_results_where_a_summary_has_none_are_the_same(ws: Workspace) -> None:
    found = _checks(ws)
    latest: dict[str, dict[str, tuple[str | None, int | None]]] = found["latest"]  # type: ignore[assignment]
    region_of: dict[str, str] = found["region_of"]  # type: ignore[assignment]
    want = _expected(latest, set(latest))
    want_lviv = _expected(latest, {p for p, r in region_of.items() if r == "UA-46"})
    assert _shares(ws) == want
    # Latest checks (the ones counted) in each region: from before 0010 (NULL) in Lviv and Kyiv, and one
    # whose check names a competence the framework lacks (empty) in Lviv, beside kept bytes; then none
    # kept at all.
    latest_check = _latest_checks(ws)
    lviv = sorted(latest_check[p] for p, r in region_of.items() if r == "UA-46")
    kyiv = sorted(latest_check[p] for p, r in region_of.items() if r == "UA-30")
    assert len(lviv) >= 3 and len(kyiv) >= 2
    with ws._sessions() as session, session.begin():
        session.execute(text("UPDATE check_summary SET gaps = NULL WHERE attempt_id IN (:a, :b)"),
                        {"a": lviv[0], "b": kyiv[0]})
        session.execute(text("UPDATE check_summary SET gaps = :g WHERE attempt_id = :a"),
                        {"g": b"", "a": lviv[1]})
    assert _shares(ws) == want
    assert _shares(ws, region="UA-46") == want_lviv
    with ws._sessions() as session, session.begin():
        session.execute(text("UPDATE check_summary SET gaps = NULL"))
    assert _shares(ws) == want
    # The next finished check fills in every summary on this framework version that lacks its gaps, and
    # is counted with the rest.
    person = _one_more_check(ws)
    assert all(g is not None and len(g) for a, g in _gaps(ws).items() if a != lviv[1])
    latest[person] = {c.competence_id: (c.target, c.gap)
                      for c in ws.results_for(_latest_checks(ws)[person]).competences.values()}
    assert _shares(ws) == _expected(latest, set(latest))


def test_summaries_from_before_0010_count_the_same_and_are_filled_later(
        new_target: Callable[..., Target]) -> None:
    """A database with checks summarised at 0009 (no gaps column), upgraded: the report's figures are
    the same before and after the first finish fills the gaps in."""
    from tests.coordinator.conftest import SMALL

    target = new_target()
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        found = _checks(ws)
    latest: dict[str, dict[str, tuple[str | None, int | None]]] = found["latest"]  # type: ignore[assignment]
    _downgrade(target, "0009")
    engine = target.engine()
    try:
        with engine.connect() as conn:
            columns = {r[1] for r in conn.execute(text("PRAGMA table_info(check_summary)"))} \
                if target.is_sqlite else set(conn.execute(text(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'check_summary'")
                ).scalars())
            assert "gaps" not in columns and conn.execute(text("SELECT count(*) FROM check_summary")).scalar()
    finally:
        engine.dispose()
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:  # migrates to the head
        assert set(_gaps(ws).values()) == {None}
        assert _shares(ws) == _expected(latest, set(latest))
        _one_more_check(ws)
        assert None not in _gaps(ws).values()
        shares = _shares(ws)
    assert sum(s.n for s in shares.values()) > sum(s.n for s in _expected(latest, set(latest)).values())


def test_the_dashboards_summarising_fills_in_missing_gaps(ws: Workspace) -> None:
    from digigram.services.coordinator.dashboard import refresh_summaries

    found = _checks(ws)
    latest: dict[str, dict[str, tuple[str | None, int | None]]] = found["latest"]  # type: ignore[assignment]
    before = _gaps(ws)
    with ws._sessions() as session, session.begin():
        session.execute(text("UPDATE check_summary SET gaps = NULL"))
        session.execute(text("DELETE FROM check_summary WHERE attempt_id = :a"), {"a": min(before)})
    assert len(refresh_summaries(ws._sessions, ws.framework)[0]) == 1
    assert _gaps(ws) == before
    assert _shares(ws) == _expected(latest, set(latest))


def test_a_finished_check_fills_in_old_gaps_a_batch_at_a_time(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a coordinator's PC with a region's checks, finishing a check must not wait while every old
    summary gets its gaps: each finish fills in one batch, the first by id."""
    from digigram.services import summaries

    _checks(ws)
    with ws._sessions() as session, session.begin():
        session.execute(text("UPDATE check_summary SET gaps = NULL"))
    old = sorted(_gaps(ws))
    monkeypatch.setattr(summaries, "BATCH", 3)
    person = _one_more_check(ws)
    new = _latest_checks(ws)[person]
    gaps = _gaps(ws)
    assert [a for a in old if gaps[a] is not None] == old[:3]
    assert gaps[new] is not None
    _one_more_check(ws)
    assert [a for a in old if _gaps(ws)[a] is not None] == old[:6]


def test_a_regions_stored_results_read_by_either_parser_give_the_same_gaps(ws: Workspace) -> None:
    """A batch of stored results (a region's summarising, or the report's count for checks without kept
    gaps) is parsed by the server extra's parser when installed, one check's by the standard library's:
    the states are the same either way, a key given twice included, and finishing one check uses the
    standard parser (a library PC's install has no other)."""
    import json

    from digigram.services.summaries import competence_states, loads_for

    _checks(ws)
    with ws._sessions() as session:
        texts = session.execute(text("SELECT result FROM attempt WHERE result IS NOT NULL")).scalars().all()
    assert loads_for(1) is json.loads
    fast = loads_for(len(texts) + 50)
    assert fast is not json.loads  # the tests install the server extra
    record = json.loads(texts[0])
    true = record.pop("competences")
    forged = [{**c, "gap": (c["gap"] or 0) - 5, "target": c["target"] or "A1"} for c in true]
    twice = (f'{{"competences":{json.dumps(forged)},{json.dumps(record)[1:-1]},'
             f'"\\u0063ompetences":{json.dumps(true)}}}')
    cases = [*texts, twice, "{not json", '{"format": 1}', json.dumps({**record, "competences": true})]
    for case in cases:
        assert competence_states(case, fast) == competence_states(case)
    assert competence_states(twice) == competence_states(json.dumps({**record, "competences": true}))
    assert any(state == 2 for t in texts for _, _, state in competence_states(t))
