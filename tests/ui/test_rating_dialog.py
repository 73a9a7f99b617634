"""The 1–10 self-rating before and after a check: the programme's headline figure is made of these."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from digigram.ui.rating_dialog import RatingDialog


@pytest.fixture
def dialog(qtbot: Any) -> RatingDialog:
    shown = RatingDialog(None, after=False)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    shown.spin.setFocus()
    return shown


def test_enter_straight_away_records_no_rating_nobody_gave(dialog: RatingDialog) -> None:
    """The box started at 5 with OK as the default button: Enter pressed at once stored a 5 the person
    never chose, and it counted in the share rating themselves 7–10."""
    assert dialog.spin.text() == "—" and not dialog.ok.isEnabled() and dialog.hint.isVisible()
    QTest.keyClick(dialog.spin, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


@pytest.mark.parametrize(("typed", "rating"), [("7", 7), ("10", 10)])
def test_a_number_typed_is_the_rating(dialog: RatingDialog, typed: str, rating: int) -> None:
    QTest.keyClicks(dialog.spin, typed)
    assert dialog.ok.isEnabled() and not dialog.hint.isVisible()
    QTest.keyClick(dialog.spin, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.spin.value() == rating


def test_the_up_arrow_starts_at_one(dialog: RatingDialog) -> None:
    QTest.keyClick(dialog.spin, Qt.Key.Key_Up)
    assert dialog.spin.value() == 1 and dialog.ok.isEnabled()


def test_the_hint_is_read_out_with_the_box(dialog: RatingDialog) -> None:
    """A screen reader, where the focus is, read the box's name only: not how to answer or skip."""
    assert dialog.spin.accessibleDescription() == dialog.hint.text() != ""
