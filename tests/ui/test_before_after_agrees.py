"""The Before/after tab and the group report give the same mean change in levels for the same trainees:
the tab showed «▲ +0,4» where the report printed «+0,36»."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from digigram.charts.group_report import GroupReport, write_group_pdf
from digigram.core.coordination import BeforeAfter
from digigram.ui.coordinator.pages import BeforeAfterPanel


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_tab_and_the_group_report_write_the_change_in_levels_alike(
        qtbot: Any, ws: Any, tmp_path: Path, lang: str) -> None:
    area = ws.framework.areas[0]
    panel = BeforeAfterPanel()
    qtbot.addWidget(panel)
    panel.show(BeforeAfter(people=1824, share_high_first=794 / 1824, share_high_latest=1125 / 1824,
                           level_change={area.id: 0.36}, high_first=794, rated_first=1824,
                           high_latest=1125, rated_latest=1824), ws.framework, lang)
    shown = panel.table.item(0, 1).text().split()[-1]  # «▲ +0,4»: the figure after the mark
    name = area.name.get(lang)
    report = GroupReport(
        date=date(2026, 12, 2), framework_title="Рамка", selection="", trainees=1824, checked=1824,
        need_help=0, weak_areas=[], hard=[], ba_people=1824, share_high_first=794 / 1824,
        share_high_latest=1125 / 1824, level_change=[(name, 0.36)], columns=[], names=[], gaps=[],
        flags=[], total_rows=1824, ba_high_first=(794, 1824), ba_high_latest=(1125, 1824))
    text = re.sub(r"\s+", " ", "\n".join(
        page.extract_text() for page in PdfReader(write_group_pdf(tmp_path / "group.pdf", report,
                                                                  lang=lang)).pages))
    printed = re.search(re.escape(name.split()[-1]) + r" ([+-]\S+)", text)
    assert printed is not None, text
    assert printed.group(1) == shown, (printed.group(1), shown)
    # The shares beside their counts read alike too: «(44 %)», «(62 %)».
    shares = re.findall(r"\(\d[^)]*%\)", re.sub(r"\s+", " ", panel.summary.text()))
    assert shares == re.findall(r"\(\d[^)]*%\)", text), (shares, text)
