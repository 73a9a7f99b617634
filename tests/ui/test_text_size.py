"""Larger text never cuts words off: every wrapping label is as tall as its text at 100, 150 and 200 %."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import create_person


def clipped_labels(root: QWidget) -> list[str]:
    """Visible word-wrapped labels shorter than their text needs at their current width."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.wordWrap() or not label.text():
            continue
        needed = label.heightForWidth(label.width())
        if label.height() < needed:
            found.append(f"{label.text()[:40]!r}: {label.height()} px of {needed}")
    return found


def settle() -> None:
    for _ in range(3):  # a wrapped label's new height can take a second layout pass
        QApplication.processEvents()


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_wrapped_texts_are_never_cut_off(qtbot: Any, window: Any, scale: int) -> None:
    win = window
    win.resize(1100, 760)
    win.apply_settings(Settings(language="uk", text_scale=scale), store=False)
    settle()
    assert clipped_labels(win) == [], "home"
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    settle()
    assert clipped_labels(win) == [], "question"
    # Changing the size while a screen is open re-wraps its texts too.
    win.apply_settings(Settings(language="uk", text_scale=100 if scale > 100 else 200), store=False)
    settle()
    assert clipped_labels(win) == [], "question after a size change"


def test_high_contrast_text_follows_the_size_setting(qtbot: Any, window: Any) -> None:
    win = window
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    win.apply_settings(Settings(language="uk", text_scale=150, high_contrast=True), store=False)
    settle()
    size = QApplication.font().pointSizeF()
    assert win.quiz.where.font().pointSizeF() == size  # plain text grew with the setting
    assert win.quiz.stem.font().pointSizeF() == size * 1.3  # the question stays larger still
    assert clipped_labels(win) == []


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_answer_boxes_grow_with_the_text(qtbot: Any, window: Any, contrast: bool) -> None:
    # A check box or radio circle left at its 100 % size is a small target beside 200 % text.
    from PySide6.QtWidgets import QAbstractButton, QStyle, QStyleOptionButton

    win = window
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)

    def indicator_width() -> int:
        settle()
        button = next(b for b in win.quiz.buttons if isinstance(b, QAbstractButton) and b.isVisible())
        option = QStyleOptionButton()
        option.initFrom(button)
        element = QStyle.SubElement.SE_CheckBoxIndicator
        return button.style().subElementRect(element, option, button).width()

    win.apply_settings(Settings(language="uk", text_scale=100, high_contrast=contrast), store=False)
    small = indicator_width()
    win.apply_settings(Settings(language="uk", text_scale=200, high_contrast=contrast), store=False)
    large = indicator_width()
    assert large >= 1.7 * small, (small, large)
