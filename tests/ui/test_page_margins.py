"""A scrolling screen's content stands off the focus ring drawn round it: on the history of checks the
title, the Home button and the table touched the ring, and the screen seemed to have no margin."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import box_in, create_person, settle
from tests.ui.test_plan_suggest import finish_check_with_gaps


def _gap_to_ring(page: Any, widget: QWidget) -> int:
    """The fewest pixels between `widget` and the page's edges, where its focus ring is drawn."""
    box, edge = box_in(page, widget), page.rect()
    return min(box.left() - edge.left(), box.top() - edge.top(), edge.right() - box.right())


@pytest.mark.parametrize("scale", [100, 200])
def test_history_content_stands_off_the_focus_ring(qtbot: Any, window: Any, scale: int) -> None:
    person = create_person(qtbot, window)
    finish_check_with_gaps(qtbot, window)
    window.apply_settings(Settings(language="uk", text_scale=scale), store=False)
    window.show_history(person.id)
    history = window.view("history")
    history.page.setFocus()
    settle()
    page = history.page
    assert page.hasFocus()
    for widget in (history.heading, history.home_button, history.open_button, history.table):
        assert _gap_to_ring(page, widget) >= 2, f"{type(widget).__name__} touches the ring"
