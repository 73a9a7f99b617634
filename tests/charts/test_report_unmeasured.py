"""The personal PDF after a check whose area had only a self-rating: that area reads "not measured", with
no level, range or gap, and the report says why in one line."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from digigram.charts.person_report import write_person_report
from digigram.core.engine import Quiz
from digigram.core.loader import load_framework
from digigram.core.records import Person

SAID_ONLY = Path(__file__).resolve().parents[1] / "frameworks" / "self-rated-area.yaml"


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.parametrize(("lang", "info", "words", "why"), [
    ("uk", "Інформація", "не виміряно", "Не виміряно: «Інформація». Перевірка не ставила тут питань"),
    ("en", "Information", "not measured", "Not measured: “Information”. The check asked no question there"),
])
def test_the_report_says_not_measured_and_why(tmp_path: Path, lang: str, info: str, words: str,
                                              why: str) -> None:
    fw = load_framework(SAID_ONLY)
    quiz = Quiz(fw, profile="librarian", seed=1)
    while (item := quiz.next_item()) is not None:
        quiz.answer(item.id, 0)
    person = Person("p1", "Оксана Петренко", "", "librarian", False, None, datetime(2026, 1, 1, tzinfo=UTC))
    path = write_person_report(tmp_path / "r.pdf", person, quiz.result(), [], fw, day=date(2026, 12, 1),
                               lang=lang)
    text = _text(path)
    # the row read "Information B1, 42 % A1–C1 B1 reached": a level and a target met, from no answer
    table = text[text.index("Results by area" if lang == "en" else "Результати за сферами"):]
    # area, level, likely range, target, levels to target, said: the target stays, the gap goes
    assert f"{info} {words} — B1 — A1 " in table
    assert why in text
    assert f"{info} ({words})" in text  # the chart's label; its row has no mark (tests/charts/test_gap.py)
