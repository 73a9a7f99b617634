"""The group report writes its counts as the screens do: «3 000» in Ukrainian, «3,000» in English. It wrote
«Слухачів: 3000», «521 / 3000» and «2354» beside a screen reading «3 000» and «2 354»."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from digigram.charts.group_report import GroupReport, write_group_pdf


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.parametrize(("lang", "k3", "k2", "k1"), [("uk", "3 000", "2 354", "1 824"),
                                                     ("en", "3,000", "2,354", "1,824")])
def test_a_region_s_counts_are_grouped_as_the_language_groups_them(
        tmp_path: Path, lang: str, k3: str, k2: str, k1: str) -> None:
    report = GroupReport(
        date=date(2026, 12, 2), framework_title="Рамка", selection="", trainees=3000, checked=3000,
        need_help=1433, weak_areas=[("Безпека", 1521, 3000)], hard=[("Питання?", 2354, 2207)],
        ba_people=1824, share_high_first=794 / 1824, share_high_latest=1125 / 1824,
        level_change=[("Безпека", 0.36)], columns=[("SAF", "Безпека")], names=["Оксана Петренко"],
        gaps=[[1]], flags=[False], total_rows=3000, ba_high_first=(794, 1824), ba_high_latest=(1125, 1824))
    text = _text(write_group_pdf(tmp_path / "group.pdf", report, lang=lang))
    for number in (k3, k2, k1, "1 433" if lang == "uk" else "1,433", "2 207" if lang == "uk" else "2,207",
                   "1 521" if lang == "uk" else "1,521", "1 125" if lang == "uk" else "1,125"):
        assert number in text, (number, text)
    assert not re.search(r"\b(3000|2354|1824|1433|2207|1521|1125)\b", text), text
