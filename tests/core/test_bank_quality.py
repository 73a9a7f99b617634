"""The shipped item bank measures rather than rewards guessing: the lint rules hold on the file we ship."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from competency_framework import shipped_framework_path
from digigram.core.framework import Framework
from digigram.core.lint import APOSTROPHE, LONGEST_SHARE, POSITION_SHARE, Report, lint_file
from digigram.core.loader import load_framework


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(shipped_framework_path())


@pytest.fixture(scope="module")
def report() -> Report:
    # A fixed day, so a review date passing never turns this test red: `validate` warns about those.
    return lint_file(shipped_framework_path(), today=date(2026, 11, 30))


def test_the_shipped_bank_lints_without_errors(report: Report) -> None:
    errors = [f.format("librarians.yaml", "en") for f in report.findings if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_key_is_rarely_the_longest_option(report: Report, lang: str) -> None:
    stats = report.stats[lang]
    assert stats.single >= 100
    assert stats.longest_share <= LONGEST_SHARE, f"{stats.longest} of {stats.single}"


def test_keys_are_spread_over_the_option_positions(report: Report) -> None:
    positions = report.stats["uk"].positions
    total = sum(positions.values())
    assert max(positions.values()) / total <= POSITION_SHARE, positions
    assert positions[0] / total < 0.3  # the key used to be first in 74 % of items


def test_select_many_items_do_not_reward_ticking_everything(fw: Framework) -> None:
    for item in fw.items:
        if item.select != "many":
            continue
        right = sum(o.score >= 0.5 for o in item.options)
        assert max(right, len(item.options) - right) / len(item.options) <= 0.5 + 1e-9, item.id
        # The app states the instruction itself, in one wording; stems don't repeat it.
        assert "Позначте" not in item.stem.get("uk") and "apply" not in item.stem.get("en"), item.id


def test_every_resource_can_be_opened(fw: Framework) -> None:
    assert [r.id for r in fw.resources if r.url is None and r.path is None] == []
    placeholders = [r.id for r in fw.resources if r.kind == "workshop" or "Практикум" in r.title.get("uk")]
    assert placeholders == []


def test_dated_facts_carry_a_review_date(fw: Framework) -> None:
    for item_id in ("SAF.1-08", "COM.5-07", "HUB.2-07"):
        review = fw.item(item_id).review_by
        assert review is not None and review > date(2026, 11, 30), item_id


def test_known_errors_stay_fixed(fw: Framework) -> None:
    bullying = fw.item("SAF.5-06")
    tell_no_one = [o for o in bullying.options
                   if "розповідати" in o.text.get("uk") and "нічого" in o.text.get("uk")]
    assert [o.score for o in tell_no_one] == [0]
    a3 = " ".join(o.text.get("uk") for o in fw.item("CRE.4-09").options)
    assert "1,4" in a3 and "удвічі" not in a3
    test = fw.resource("R-HUB-03")
    assert test.url == "https://osvita.diia.gov.ua/digigram"
    texts = [t for item in fw.items for t in (item.stem.get("uk"), *(o.text.get("uk") for o in item.options))]
    assert not any("Цифрограма" in t or "замоч" in t for t in texts)


def test_one_apostrophe_in_ukrainian(fw: Framework) -> None:
    data = shipped_framework_path().read_text(encoding="utf-8")
    assert data.count(APOSTROPHE) > 150
    assert re.findall(r"[\u0400-\u04ff](?:''?|\u2019)[\u0400-\u04ff]", data) == []


def test_no_two_items_test_the_same_thing(report: Report) -> None:
    # CRE.3-06 (what CC BY-NC allows) and CRE.3-08 (which licence an adaptation of CC BY-SA takes)
    # share licence names, not their point.
    pairs = Counter(f.item for f in report.findings if f.rule == "enemy-items")
    assert set(pairs) <= {"CRE.3-08"}


def test_every_competence_is_mapped_to_digcomp_and_the_national_areas(fw: Framework) -> None:
    mapping = (Path(__file__).resolve().parents[2] / "docs" / "framework-mapping.md").read_text("utf-8")
    rows = {line.split()[1]: line for line in mapping.splitlines()
            if line.startswith("| ") and "." in line[:9]}
    for c in fw.competences:
        assert c.id in rows, f"{c.id} has no row in docs/framework-mapping.md"
        cells = [cell.strip() for cell in rows[c.id].strip("|").split("|")]
        assert re.fullmatch(r"[1-5]\.[1-6]", cells[1]), (c.id, cells[1])
        assert re.fullmatch(r"N[1-6](, N[1-6])*", cells[3]), (c.id, cells[3])
