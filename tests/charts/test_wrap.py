"""Wrapping settles most lines by the characters' summed advances, and still breaks every line exactly
where measuring each one through FreeType would."""

from __future__ import annotations

import unicodedata

import pytest

from competency_framework import shipped_framework_path
from digigram.charts import _style
from digigram.core.loader import load_framework


def _texts() -> list[str]:
    framework = load_framework(shipped_framework_path())
    found: list[str] = []
    for lang in ("uk", "en"):
        found += [item.stem.get(lang) for item in framework.items[::12]]  # questions of every kind
        found += [a.name.get(lang) for a in framework.areas]
        found += [c.name.get(lang) for a in framework.areas for c in a.competences]
    # Decomposed letters (й as и and a combining breve) draw marks with no advance of their own.
    found += [unicodedata.normalize("NFD", t) for t in found[:20]]
    found += ["HUB.1 Навчання дорослих і людей старшого віку: 24 % (6111/25391) — 23 % – 25 %",
              "«Ґанок» і ʼєднання: WWW…MMM ||| ііі", "W" * 60, "ї" * 80,
              # Characters the font lacks (typed into a hub's or a group's name) come from another font.
              "Хаб 📚📚📚 у Бучі " + "漢字" * 12, "漢" * 40]
    return [t for t in found if t]


@pytest.mark.parametrize(("width", "size", "bold"), [(6.87, 10.0, False), (1.3, 10.0, False),
                                                     (2.6, 8.5, True)])
def test_wrapped_lines_are_the_ones_measuring_every_line_gives(monkeypatch: pytest.MonkeyPatch,
                                                               width: float, size: float,
                                                               bold: bool) -> None:
    texts = _texts()
    fast = [_style.wrap(t, width, size, bold=bold) for t in texts]
    monkeypatch.setattr(_style, "_surely_fits", lambda *_args: False)  # measure every candidate line
    measured = [_style.wrap(t, width, size, bold=bold) for t in texts]
    assert fast == measured
    assert any(len(lines) > 1 for lines in fast)  # the widths do make lines break


def test_summed_advances_never_claim_a_line_fits_that_does_not() -> None:
    for text in _texts():
        for size, bold in ((8.0, False), (10.0, False), (13.0, True)):
            measured = _style.text_width_in(text, size, bold=bold)
            # Just too narrow for the line: the advances must leave the verdict to measuring.
            assert not _style._surely_fits(text, measured - 1e-6, size, bold), (text, size, bold)
