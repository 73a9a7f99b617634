"""The facts register: `review_by` on items and resources; `digigram validate` warns once one has passed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from digigram.core.errors import FrameworkError
from digigram.core.loader import load_framework_text

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "tests" / "frameworks" / "minimal.yaml").read_text(encoding="utf-8")
ITEM_ANCHOR = "    resources: [R-1]\n"


def _with_review(item: str, resource: str | None = None) -> str:
    text = MINIMAL.replace(ITEM_ANCHOR, ITEM_ANCHOR + f"    review_by: {item}\n", 1)
    if resource is not None:
        anchor = "resources:\n  - id: R-1\n"
        text = text.replace(anchor, f"{anchor}    review_by: {resource}\n", 1)
    return text


def test_items_and_resources_carry_their_review_date() -> None:
    assert "resources:\n  - id: R-1\n" in MINIMAL
    text = _with_review("2027-06-30", '"2028-01-15"')
    fw = load_framework_text(text, base_dir=ROOT / "tests" / "frameworks")
    assert fw.item("INF.1-02").review_by == date(2027, 6, 30)
    assert fw.resource("R-1").review_by == date(2028, 1, 15)
    assert fw.item("SAF.1-01").review_by is None


@pytest.mark.parametrize("value", ["2027-02-30", "30.06.2027", "soon", "2027"])
def test_a_review_date_that_is_not_a_date_is_an_error_in_both_languages(value: str) -> None:
    with pytest.raises(FrameworkError) as info:
        load_framework_text(_with_review(value), base_dir=ROOT / "tests" / "frameworks")
    [problem] = info.value.problems
    assert problem.path == "items[1].review_by"
    assert "YYYY-MM-DD" in problem.message("en") and "РРРР-ММ-ДД" in problem.message("uk")


def _validate(path: Path, lang: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env.pop("LANGUAGE", None)
    return subprocess.run([sys.executable, "-m", "digigram", "validate", "--lang", lang, str(path)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)


def test_validate_warns_about_a_passed_review_date_and_still_succeeds(tmp_path: Path) -> None:
    (tmp_path / "handouts").mkdir()
    for handout in (ROOT / "tests" / "frameworks" / "handouts").iterdir():
        (tmp_path / "handouts" / handout.name).write_bytes(handout.read_bytes())
    stale = tmp_path / "stale.yaml"
    stale.write_text(_with_review("2020-01-01", "2999-12-31"), encoding="utf-8")
    result = _validate(stale, "en")
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout
    line = _with_review("2020-01-01").splitlines().index("    review_by: 2020-01-01") + 1
    assert result.stderr.splitlines() == [
        f"{stale}:{line}: warning review-overdue INF.1-02: The review date 2020-01-01 has passed. "
        "(the review date of a dated fact has passed: the fact may be out of date)"
    ]
    uk = _validate(stale, "uk")
    assert uk.returncode == 0 and "Дату перевірки 2020-01-01 минуло" in uk.stderr
