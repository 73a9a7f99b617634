"""The results' levels per area with the shipped framework's names on a 1024×600 netbook at 200 % text:
every column in the table's width, no sideways scroll, and no word of a head or cell cut to "…"."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.settings_dialog import Settings
from tests.store.helpers import without_roles
from tests.ui.conftest import MINI
from tests.ui.helpers import answer_to_the_end, create_person, cut_cells, settle


@pytest.fixture
def ws(shipped_ws: Any) -> Any:
    """The shipped framework: its areas' and levels' names are as long as a person meets."""
    return shipped_ws


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 200), ((1366, 768), 100)])
def test_every_column_of_the_levels_fits_without_a_sideways_scroll(
        qtbot: Any, window: Any, lang: str, size: tuple[int, int], scale: int) -> None:
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window, limit=120)
    window.resize(*size)
    window.apply_settings(Settings(language=lang, text_scale=scale), store=False)
    view = window.view("results")
    assert window.stack.currentWidget() is view
    settle(16)
    table = view.table
    assert table.rowCount() == len(view.result.areas) > 3
    # The last column («Що ви сказали про себе») was past the right edge, a sideways scroll away.
    assert table.horizontalHeader().length() <= table.viewport().width(), "columns wider than the table"
    assert not table.horizontalScrollBar().isVisible(), "the table scrolls sideways"
    assert not cut_cells(table), cut_cells(table)[:3]  # every head and cell whole, none ending in "…"
    assert not window.scroller.horizontalScrollBar().isVisible(), "the screen is wider than the window"


@pytest.mark.parametrize(("lang", "words"), [("uk", ("✓ — ціль досягнуто", "▼ — нижче від цілі")),
                                             ("en", ("✓ target reached", "▼ below the target"))])
@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 200), ((1366, 768), 100)])
def test_the_levels_say_what_their_marks_mean(
        qtbot: Any, window: Any, lang: str, words: tuple[str, ...], size: tuple[int, int],
        scale: int) -> None:
    """✓ and ▼ stood in the table and the chart with no key, while the coordinator's before/after page
    uses ▼ for a fall between two checks. A line under the table says what they mean, whole."""
    create_person(qtbot, window)
    qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
    answer_to_the_end(qtbot, window, limit=120)
    window.resize(*size)
    window.apply_settings(Settings(language=lang, text_scale=scale), store=False)
    view = window.view("results")
    settle(16)
    marks = view.marks
    assert marks.isVisible(), "no key to the marks"
    for said in words:
        assert said in marks.text(), said
    assert marks.geometry().top() >= view.table.geometry().bottom(), "the key is not under the table"
    assert marks.parentWidget().rect().contains(marks.geometry()), "the key is cut by the page's edge"
    assert marks.height() >= marks.heightForWidth(marks.width()), "the key's last line is cut"
    assert marks.width() <= view.overview_scroll.viewport().width(), "the key is wider than the page"


def test_without_targets_there_is_no_key_to_marks_that_are_not_there(
        qtbot: Any, tmp_path: Path, dialogs: dict[str, Any], messages: list[str]) -> None:
    """A framework with no roles has no targets: its results show levels without ✓ or ▼, and the key
    to those marks must not stand under them."""
    from digigram.app import build_window, qapplication
    from digigram.services.workspace import Workspace

    framework = without_roles(MINI, tmp_path / "no-roles.yaml")
    shutil.copytree(MINI.parent / "handouts", tmp_path / "handouts")  # its resources' files
    dialogs["person"] = dataclasses.replace(dialogs["person"], profile_id=None)  # there is no role to choose
    ws = Workspace.open(data_dir=tmp_path / "data", framework_path=framework)
    try:
        qapplication()
        window = build_window(ws, language="en")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        create_person(qtbot, window)
        qtbot.mouseClick(window.home.full, Qt.MouseButton.LeftButton)
        answer_to_the_end(qtbot, window, limit=120)
        view = window.view("results")
        assert window.stack.currentWidget() is view, messages
        settle(8)
        assert all(res.target is None for res in view.result.areas.values())
        assert view.table.isVisible() and not view.marks.isVisible(), "a key to marks no row shows"
        shown = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())
                 if not view.table.isColumnHidden(c)]
        assert shown == ["Area", "Level, how likely (likely range)", "What you said about yourself"], shown
        # By competence: each competence's line said «no target set», on every one, under its answers' head
        tops = [view.evidence.topLevelItem(i) for i in range(view.evidence.topLevelItemCount())]
        assert tops and all(top.text(1) == "" and top.childCount() for top in tops), [t.text(1) for t in tops]
        qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)  # the plan opens too, with no target
        settle(4)
        assert window.stack.currentWidget() is window.view("plan") and not messages, messages
        window.close()
    finally:
        ws.close()
