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


BY_AREA = "✓ target reached by the area's level; the answers here have not shown it yet"
NOT_SHOWN = "▼ not shown yet: no question here was answered right"


def _competence(gap: int | None, *answers: tuple[str, float, int | None]) -> Any:
    from digigram.core.scoring import CompetenceResult, Evidence

    evidence = tuple(Evidence(f"X-{i}", "X.1", "X", kind, 0, score, category, ())
                     for i, (kind, score, category) in enumerate(answers))
    return CompetenceResult("X.1", "X", "B1", gap, evidence)


@pytest.mark.parametrize(("answers", "line"), [
    # the one scenario answered with the middling action: the tick is the area's, not this answer's
    ((("scenario", 0.5, 1),), BY_AREA),
    # self-ratings alone say, they do not show (the level rests on shown answers)
    ((("self_rating", 1.0, 2),), BY_AREA),
    # an attitude is never scored: nothing here shows the target
    ((("attitude", 1.0, None),), BY_AREA),
    # every shown answer fully right, whatever was said
    ((("scenario", 1.0, 2), ("knowledge", 1.0, 1), ("self_rating", 0.0, 0)), "✓ target reached"),
    # every shown answer the lowest
    ((("scenario", 0.0, 0), ("self_rating", 0.0, 0)), NOT_SHOWN),
    # every shown answer the lowest beside the top self-rating: saying so does not show it (it read
    # «✓ target reached» and the plan left the competence out)
    ((("self_rating", 1.0, 4), ("knowledge", 0.0, 0), ("knowledge", 0.0, 0)), NOT_SHOWN),
    # the lowest self-rating alone: nothing shown either way, the tick is the area's
    ((("self_rating", 0.0, 0),), BY_AREA),
])
def test_a_competence_at_its_target_says_what_shows_it(qapp: Any, answers: Any, line: str) -> None:
    from digigram.ui import appearance
    from digigram.ui.texts import competence_gap_text

    appearance.install_language("en")  # its plural forms: "2 levels"

    assert competence_gap_text(_competence(0, *answers)) == line
    # below the target, or with none, the area's words stand
    assert competence_gap_text(_competence(2, *answers)) == "▼ 2 levels below the target"
    assert competence_gap_text(_competence(None, *answers)) == "no target set"


def test_the_column_beside_competences_and_questions_is_headed_for_both(qtbot: Any, window: Any) -> None:
    """A competence's row holds its result (e.g. «▼ на 1 рівень нижче від цілі»), a question's row the
    answer; headed «Ваша відповідь», the competence's result read as an answer of its own."""
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window)
    tree = window.view("results").evidence
    top = tree.topLevelItem(0)
    assert top.text(1).startswith(("✓", "▼")) and top.childCount() > 0
    headings = {}
    for lang in ("en", "uk"):
        window.apply_settings(Settings(language=lang), store=False)
        headings[lang] = [tree.headerItem().text(c) for c in range(tree.columnCount())]
    assert headings == {"en": ["Competence and question", "Result and answer"],
                        "uk": ["Компетентність і питання", "Результат і відповідь"]}


def test_not_shown_yet_says_in_ukrainian_that_no_question_was_answered_right(qapp: Any) -> None:
    """«тут немає жодної правильної відповіді» read as "these questions have no right answer"; the
    line means that none of them was answered right yet."""
    from digigram.ui import appearance
    from digigram.ui.texts import competence_gap_text

    appearance.install_language("uk")
    try:
        line = competence_gap_text(_competence(0, ("knowledge", 0.0, 0)))
    finally:
        appearance.install_language("en")
    assert line == "▼ ще не показано: на жодне питання тут ще не відповіли правильно"
