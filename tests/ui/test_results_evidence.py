"""The results' answers per competence: each question and answer read whole, wrapped, never "…"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle, QTreeWidgetItemIterator

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import answer_to_the_end, create_person, settle

LONG = Path(__file__).resolve().parents[1] / "frameworks" / "long-texts.yaml"


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Any]:
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=LONG)
    yield workspace
    workspace.close()


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 200), ((1366, 768), 100)])
def test_every_question_and_answer_is_read_whole(qtbot: Any, window: Any, lang: str, size: tuple[int, int],
                                                 scale: int) -> None:
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)
    window.resize(*size)
    window.apply_settings(Settings(language=lang, text_scale=scale), store=False)
    results = window.view("results")
    assert window.stack.currentWidget() is results
    tree = results.evidence
    results.tabs.setCurrentWidget(tree)
    settle(16)
    metrics = tree.fontMetrics()
    inset = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)
    cut, seen = [], 0
    it = QTreeWidgetItemIterator(tree)
    while it.value() is not None:
        item = it.value()
        for column in range(tree.columnCount()):
            rect = tree.visualRect(tree.indexFromItem(item, column))
            need = metrics.boundingRect(QRect(0, 0, rect.width() - inset, 100_000),
                                        int(Qt.TextFlag.TextWordWrap), item.text(column))
            seen += 1
            if need.width() > rect.width() - inset or need.height() > rect.height():
                cut.append(f"«{item.text(column)[:40]}»: {need.width()}×{need.height()} px in "
                           f"{rect.width()}×{rect.height()}")
        it += 1
    assert seen > 4, "the case is not tested: no answers listed"
    assert not cut, cut[:3]
    # An answer starts level with its question, not centred beside a question many lines long.
    top = int(Qt.AlignmentFlag.AlignTop)
    answers = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
               for j in range(tree.topLevelItem(i).childCount())]
    assert answers and all(int(a.textAlignment(c)) & top for a in answers for c in (0, 1))
    assert tree.horizontalScrollBar().maximum() == 0, "the answers scroll sideways"
