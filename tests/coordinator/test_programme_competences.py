"""Gap prevalence per competence in the programme's picture, the CSV and the PDF, from real checks."""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from pathlib import Path

from digigram.core.programme import Share
from digigram.services.programme_report import write_report
from digigram.services.workspace import Workspace
from tests.coordinator.test_bundle_support import some_choice


def _checks(ws: Workspace) -> dict[str, dict[str, str]]:
    """Six people in two regions take real checks (two of them twice); returns each person's latest
    check's {competence: (target, gap)} by region."""
    lviv = ws.add_hub("Хаб Львів", region_id="UA-46")
    kyiv = ws.add_hub("Хаб Київ", region_id="UA-30")
    latest: dict[str, dict[str, object]] = {}
    region_of: dict[str, str] = {}
    profiles = [p.id for p in ws.framework.profiles]
    for n in range(6):
        hub = lviv if n % 2 else kyiv
        person = ws.create_person(f"Слухач {n}", hub_id=hub.id, profile_id=profiles[n % len(profiles)])
        region_of[person.id] = str(hub.region_id)
        for round_ in range(1 + n % 3 // 2):
            quiz = ws.start_quiz(person.id, seed=n * 10 + round_)
            rng = random.Random(n * 7 + round_)
            while (item := quiz.current_item) is not None:
                quiz.answer(some_choice(ws.framework, item, rng))
            quiz.finish(rating_after=6)
            latest[person.id] = {c.competence_id: (c.target, c.gap)
                                 for c in ws.results_for(quiz.attempt_id).competences.values()}
    return {"latest": latest, "region_of": region_of}  # type: ignore[dict-item]


def _expected(latest: dict[str, dict[str, tuple[str | None, int | None]]],
              people: set[str]) -> dict[str, Share]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for person_id in people:
        for competence, (target, gap) in latest[person_id].items():
            if target is not None:
                counts[competence][0] += 1 if gap else 0
                counts[competence][1] += 1
    return {c: Share(below, n) for c, (below, n) in counts.items()}


def test_gaps_per_competence_follow_each_persons_latest_check(ws: Workspace, tmp_path: Path) -> None:
    found = _checks(ws)
    latest: dict[str, dict[str, tuple[str | None, int | None]]] = found["latest"]  # type: ignore[assignment]
    region_of: dict[str, str] = found["region_of"]  # type: ignore[assignment]
    p = ws.programme()
    got = {c.competence_id: c.share for c in p.competence_gaps}
    assert got == _expected(latest, set(latest))
    assert any(s.count for s in got.values()) and any(s.count < s.n for s in got.values())
    # In the framework's order, each competence with its own area.
    order = [c.id for a in ws.framework.areas for c in a.competences]
    assert [c.competence_id for c in p.competence_gaps] == [c for c in order if c in got]
    areas = {c.id: a.id for a in ws.framework.areas for c in a.competences}
    assert all(c.area_id == areas[c.competence_id] for c in p.competence_gaps)
    # One region: only its people's latest checks.
    lviv = ws.programme(ws.programme_filter(region="UA-46"))
    assert {c.competence_id: c.share for c in lviv.competence_gaps} == _expected(
        latest, {pid for pid, region in region_of.items() if region == "UA-46"})

    target = write_report(tmp_path / "report.csv", p, ws.framework, ws.regions(), ws.hubs(), lang="en")
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    lines = {r[1]: r for r in rows if r[0] == "Below target, by competence"}
    assert set(lines) == set(got)
    some = p.competence_gaps[0]
    names = {c.id: c.name.get("en") for a in ws.framework.areas for c in a.competences}
    name = names[some.competence_id]
    assert lines[some.competence_id][2:5] == [f"{some.competence_id} {name}", str(some.share.count),
                                             str(some.share.n)]
    low, high = some.share.interval or (0.0, 0.0)
    assert lines[some.competence_id][6:8] == [f"{100 * low:.1f}", f"{100 * high:.1f}"]
    uk = write_report(tmp_path / "звіт.csv", p, ws.framework, ws.regions(), ws.hubs(), lang="uk")
    assert any(line.startswith("Нижче цілі, за компетентностями;")
               for line in uk.read_text("utf-8-sig").splitlines())
    pdf = write_report(tmp_path / "report.pdf", p, ws.framework, ws.regions(), ws.hubs(), lang="uk")
    assert pdf.read_bytes().startswith(b"%PDF")
