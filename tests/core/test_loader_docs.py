"""The example in the framework authoring guide is a valid framework."""

from __future__ import annotations

import re
from pathlib import Path

from digigram.core.loader import load_framework_text

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "framework-authoring.md"


def test_guide_example_is_a_valid_framework() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) == 1
    fw = load_framework_text(blocks[0], name="framework-authoring.md", base_dir=GUIDE.parent)
    assert fw.id == "library-safety"
    assert {i.kind for i in fw.items} == {"self_rating", "knowledge", "scenario", "attitude"}
