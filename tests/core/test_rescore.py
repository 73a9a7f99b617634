"""Many checks' results at once give what the quiz itself stores, and a changed figure is found."""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import random
from pathlib import Path
from typing import Any

import pytest

from competency_framework import shipped_framework_path
from digigram.core import rescore
from digigram.core.engine import Quiz
from digigram.core.errors import QuizError
from digigram.core.framework import Framework
from digigram.core.loader import load_framework
from digigram.core.scoring import ENGINE_VERSION
from tests.store.helpers import some_choice


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(shipped_framework_path())


def _checks(fw: Framework, n: int) -> list[tuple[rescore.CheckAnswers, int]]:
    """Checks in every mode and profile, some finished early, each with its seed."""
    out = []
    for k in range(n):
        profile = fw.profiles[k % len(fw.profiles)].id
        mode = ("full", "quick", fw.areas[k % len(fw.areas)].id)[k % 3]
        quiz = Quiz(fw, profile=profile, mode=mode, seed=k)
        rng = random.Random(k)
        stop = rng.randrange(3, 60)
        while (item := quiz.next_item()) is not None and quiz.asked < stop:
            quiz.answer(item.id, some_choice(fw, item, rng))
        out.append((rescore.CheckAnswers(fw, profile, mode, quiz.answers), k))
    return out


def _stored(check: rescore.CheckAnswers, seed: int) -> dict[str, Any]:
    """The record as the database keeps it: through JSON, as the quiz made it at the finish."""
    return dict(json.loads(json.dumps(rescore.exact_record(check, seed=seed))))


def test_many_checks_at_once_give_the_records_the_quiz_stores(framework: Framework) -> None:
    checks = _checks(framework, 120)
    stored = [_stored(c, seed) for c, seed in checks]
    computed = rescore.records([dataclasses.replace(c, stored=s) for (c, _), s in zip(checks, stored,
                                                                                        strict=True)])
    for record, mine in zip(computed, stored, strict=True):
        assert rescore.difference(record, mine) is None
        assert rescore.difference(rescore.area_rows(record), rescore.area_rows(mine)) is None
    # without the stored record to break ties, the only differences are tied levels, band edges on a
    # cut or flags on a threshold: never a number beyond rounding
    for record, mine in zip(rescore.records([c for c, _ in checks]), stored, strict=True):
        found = rescore.difference(record, mine)
        assert found is None or found[0].endswith(("level", "band[0]", "band[1]", "flag")), found


def test_a_changed_figure_is_found_and_the_stored_record_never_outvotes_the_answers(
        framework: Framework) -> None:
    check, seed = next((c, s) for c, s in _checks(framework, 30) if c.mode == "full" and len(c.answers) > 20)
    stored = _stored(check, seed)
    forged = copy.deepcopy(stored)
    area = forged["areas"][0]
    other = next(lv.code for lv in framework.levels if lv.code != area["level"])
    area["level"] = other
    record = rescore.records([dataclasses.replace(check, stored=forged)])[0]
    assert record["areas"][0]["level"] == stored["areas"][0]["level"]  # the answers decide, not the hint
    found = rescore.difference(record, forged)
    assert found is not None and found[0] == f"areas[{area['area']}].level", found
    forged = copy.deepcopy(stored)
    forged["areas"][1]["sd"] += 1e-3
    assert rescore.difference(record, forged) == (
        f"areas[{stored['areas'][1]['area']}].sd", forged["areas"][1]["sd"], record["areas"][1]["sd"])
    forged = copy.deepcopy(stored)
    forged["areas"][0]["stopped"] = "anything"  # how the quiz went is not a result
    forged["finished"] = not stored["finished"]
    assert rescore.difference(record, forged) is None


def test_answers_that_cannot_belong_to_the_check_are_refused(framework: Framework) -> None:
    check = next(c for c, _ in _checks(framework, 12) if c.mode not in ("full", "quick") and c.answers)
    elsewhere = next(i for i in framework.items if i.area_id != check.mode and i.on_scale)
    for answers in ([*check.answers, (elsewhere.id, 0)], [*check.answers, check.answers[0]],
                    [*check.answers, ("NO.SUCH-01", 0)]):
        with pytest.raises(QuizError):
            rescore.records([dataclasses.replace(check, answers=answers)])


def test_a_result_stored_by_an_earlier_build_of_engine_2_recomputes_to_itself() -> None:
    """The committed check of tests/store/fixtures (stored by engine 2 when it was new). Should scoring
    change without a new ENGINE_VERSION, every region would refuse every genuine bundle: this fails first.
    Its framework is all guessed, where engine 3 computes as 2 did: only the version it writes differs."""
    from digigram.core.loader import load_framework_text

    fixture = json.loads((Path(__file__).parents[1] / "store" / "fixtures" / "attempts_engine2.json")
                         .read_text("utf-8"))
    tables = fixture["tables"]
    snapshot = tables["framework_snapshot"][0]
    fw = load_framework_text(snapshot["text"], name=snapshot["file_name"], base_dir=Path("."),
                             files_required=False)
    finished = [a for a in tables["attempt"] if a["result"] is not None]
    assert finished
    for attempt in finished:
        answers = sorted((a for a in tables["answer"] if a["attempt_id"] == attempt["id"]),
                         key=lambda a: a["sequence"])
        stored = json.loads(attempt["result"])
        assert stored["engine_version"] in rescore.RECOMPUTABLE
        pairs = [(a["item_id"], json.loads(a["choice"])) for a in answers]
        check = rescore.CheckAnswers(fw, attempt["profile_id"], attempt["mode"], pairs, stored=stored,
                                     engine_version=stored["engine_version"])
        assert rescore.difference(rescore.records([check])[0], stored) is None
        assert rescore.difference(rescore.exact_record(check, seed=attempt["seed"]), stored) is None
        now = dataclasses.replace(check, engine_version=ENGINE_VERSION)
        assert rescore.difference(rescore.records([now])[0], stored) == (
            "engine_version", "2", ENGINE_VERSION)


def test_a_stored_text_is_matched_to_the_byte_and_any_changed_figure_is_not(framework: Framework) -> None:
    """On the computer that took them, the batch's figures are the quiz's to the last bit, so the
    stored text itself (as the database keeps it) is compared, without parsing it. Any other text is
    left to the full comparison, which decides."""
    from digigram.core.result_record import record_text

    checks = _checks(framework, 120)
    texts = [record_text(rescore.exact_record(c, seed=seed)) for c, seed in checks]
    found = rescore.recompute([c for c, _ in checks])
    for recomputed, stored in zip(found, texts, strict=True):
        assert recomputed.matches(stored), stored[:200]
    recomputed, stored = next((r, t) for r, t in zip(found, texts, strict=True) if '"said":{' in t)
    record = json.loads(stored)
    # how the quiz went is free: any finished flag or stop reason
    record["finished"] = not record["finished"]
    record["areas"][0]["stopped"] = "anything"
    assert recomputed.matches(record_text(record))
    changed = [json.loads(stored) for _ in range(5)]
    changed[0]["areas"][0]["theta"] = math.nextafter(changed[0]["areas"][0]["theta"], 9.0)  # one bit
    changed[1]["areas"][0]["said"]["sd"] *= 1 + 1e-15
    changed[2]["evidence"][0]["score"] += 0.5
    probs = changed[3]["areas"][-1]["level_probabilities"]
    probs[framework.levels[0].code] = math.nextafter(probs[framework.levels[0].code], -1.0)
    changed[4]["asked"] += 1
    for record in changed:
        assert not recomputed.matches(record_text(record))
    assert not recomputed.matches(stored.replace(":", ": ", 1))  # another layout: parsed instead
    assert not recomputed.matches(stored[:-1])
    # the area rows' figures are the ones the stored text writes
    rows = rescore.area_rows(json.loads(stored))
    assert [(a.area_id, json.loads(a.theta), json.loads(a.sd), json.loads(a.level),
             json.loads(a.p_below_target), [json.loads(p) for p in a.level_probabilities])
            for a in recomputed.area_texts()] == [
        (r["area_id"], r["theta"], r["sd"], r["level"], r["p_below_target"],
         list(r["level_probabilities"].values())) for r in rows]
