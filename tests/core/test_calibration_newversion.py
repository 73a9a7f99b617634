"""NEW.yaml after a calibration: only `version` and `irt` blocks differ from FILE, and it loads."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("ruamel.yaml")

from competency_framework import shipped_framework_path
from digigram.core.calibration.newversion import new_version_text, next_version
from digigram.core.calibration.recovery import scored_params, shift
from digigram.core.errors import DigigramError
from digigram.core.irt import ItemParams
from digigram.core.loader import load_framework, load_framework_text

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"

# Comments after an item with no `resources`, an `irt` block in block style, an item without one.
SMALL = """\
# A framework whose layout must survive a calibration.
format: digigram-framework/1
id: layout
version: '3.9'   # quoted with single quotes on purpose
title: {uk: "Рамка", en: "Framework"}
languages: [uk, en]
levels:
  - {code: A1, name: {uk: "Початковий", en: "Beginner"}}
  - {code: B1, name: {uk: "Середній", en: "Intermediate"}}
scales:
  skills:
    - label: {uk: "Ні", en: "No"}
    - label: {uk: "Трохи", en: "A bit"}
    - label: {uk: "Так", en: "Yes"}
areas:
  - id: INF
    name: {uk: "Інформація", en: "Information"}
    competences:
      - id: INF.1
        name: {uk: "Пошук", en: "Searching"}
items:
  # ---- self-ratings ----
  - id: S1
    competence: INF.1
    kind: self_rating
    level: A1       # an end-of-line comment stays on its line
    stem: {uk: "Я вмію", en: "I can"}
    scale: skills

  # ---- knowledge ----
  - id: K1
    competence: INF.1
    kind: knowledge
    level: B1
    stem:
      uk: >-
        Довге питання, яке автор переніс
        на другий рядок.
      en: >-
        A long question the author wrapped
        onto a second line.
    options:
      - {text: {uk: "Так", en: "Yes"}, score: 1}
      - {text: {uk: "Ні", en: "No"}, score: 0}
    irt:
      a: 1.0
      b: 0.0
      c: 0.25
  - id: K2
    competence: INF.1
    kind: knowledge
    level: A1
    stem: {uk: "Ще питання", en: "Another question"}
    options:
      - {text: {uk: "Так", en: "Yes"}, score: 1}
      - {text: {uk: "Ні", en: "No"}, score: 0}
# a comment at the end of the file
"""

NEW = {
    "S1": ItemParams(a=1.23456, thresholds=(-0.5004, -0.5001)),  # rounds to a tie: must stay increasing
    "K1": ItemParams(a=0.71, b=-1.2345, c=0.25),
}


def without_irt_and_version(text: str) -> list[str]:
    """The file's lines minus its `version` line and every `irt` block (its key line and deeper lines)."""
    out: list[str] = []
    skip_deeper_than: int | None = None
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None and line.strip() and indent > skip_deeper_than:
            continue
        skip_deeper_than = None
        if re.match(r"\s*irt:", line):
            skip_deeper_than = indent
            continue
        if line.startswith("version:"):
            continue
        out.append(line)
    return out


def test_only_version_and_irt_blocks_change() -> None:
    new = new_version_text(SMALL, version="3.10", params=NEW)
    assert without_irt_and_version(new) == without_irt_and_version(SMALL)
    changed = [line for line in difflib.unified_diff(SMALL.splitlines(), new.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert "-version: '3.9'   # quoted with single quotes on purpose" in changed
    # The comment keeps its column.
    assert "+version: '3.10'  # quoted with single quotes on purpose" in changed
    assert "+    irt: {a: 1.235, thresholds: [-0.5, -0.499]}" in changed
    # The block-style block keeps its style; only changed values show.
    assert {"-      a: 1.0", "+      a: 0.71", "-      b: 0.0", "+      b: -1.234"} <= set(changed)
    assert len(changed) == 2 + 1 + 4


def test_the_new_irt_is_placed_before_the_comment_that_introduces_the_next_item() -> None:
    lines = new_version_text(SMALL, version="4", params=NEW).splitlines()
    at = lines.index("    irt: {a: 1.235, thresholds: [-0.5, -0.499]}")
    assert lines[at - 1] == "    scale: skills"
    assert lines[at + 1 : at + 3] == ["", "  # ---- knowledge ----"]


def test_an_item_at_the_end_gets_its_irt_before_the_closing_comment() -> None:
    params = {**NEW, "K2": ItemParams(a=1.0, b=0.5, c=0.2)}
    lines = new_version_text(SMALL, version="4", params=params).splitlines()
    assert lines[-3:] == [
        "      - {text: {uk: \"Ні\", en: \"No\"}, score: 0}",
        "    irt: {a: 1.0, b: 0.5, c: 0.2}",
        "# a comment at the end of the file",
    ]


def test_new_version_loads_with_the_new_parameters() -> None:
    framework = load_framework_text(new_version_text(SMALL, version="3.10", params=NEW))
    assert framework.version == "3.10"
    s1, k1, k2 = framework.item("S1").irt, framework.item("K1").irt, framework.item("K2").irt
    assert s1 is not None and s1.a == 1.235 and s1.thresholds == (-0.5, -0.499)
    assert k1 is not None and (k1.a, k1.b, k1.c) == (0.71, -1.234, 0.25)
    assert k2 is None


def test_shipped_framework_new_version_passes_validation(tmp_path: Path) -> None:
    source = shipped_framework_path()
    framework = load_framework(source)
    moved = {k: shift(p, by=0.3, slope_factor=1.1) for k, p in scored_params(framework).items()}
    text = source.read_text(encoding="utf-8")
    new = new_version_text(text, version=next_version(framework.version), params=moved)
    assert without_irt_and_version(new) == without_irt_and_version(text)
    # Next to its handouts, as a calibrated file is kept.
    shutil.copytree(source.parent / "handouts", tmp_path / "handouts")
    (tmp_path / "NEW.yaml").write_text(new, encoding="utf-8")
    loaded = load_framework(tmp_path / "NEW.yaml")
    assert loaded.version == "2026.2"
    irt = loaded.item("INF.1-05").irt
    assert irt is not None and irt.b == round(moved["INF.1-05"].b, 3)


def test_unusual_layout_is_refused_rather_than_rewritten() -> None:
    odd = SMALL.replace("    - label", "       - label")  # 7-space sequence indent nobody reproduces
    with pytest.raises(DigigramError) as info:
        new_version_text(odd, version="2", params=NEW)
    assert "відступ" in info.value.message("uk") and "indent" in info.value.message("en")


@pytest.mark.parametrize(
    ("old", "new"), [("2026.1", "2026.2"), ("1.9", "1.10"), ("v3", "v4"), ("beta", "beta+cal")]
)
def test_next_version(old: str, new: str) -> None:
    assert next_version(old) == new
