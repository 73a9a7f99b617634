"""Geometry checks for a shown window: nothing clipped, nothing out of reach, the window inside the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QWidget,
)

from digigram.ui.widgets import screen_of

# Widgets whose own text is what a person reads: each must get at least the room it asks for.
# A field may be a pixel or two short of its hint under a real X server (the hint counts its frame's
# margin); its text still shows whole. A label's text is checked exactly.
SLACK = 2
_TEXT_WIDGETS = (QLabel, QAbstractButton, QComboBox, QLineEdit, QTabBar)


def settle(rounds: int = 4) -> None:
    """Let wrapped labels and deferred chart redraws take their final size."""
    for _ in range(rounds):
        QApplication.processEvents()


def _inside_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _scroller(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose viewport holds `widget`: out-of-view parts are reachable there."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def _visible_rect(widget: QWidget) -> QRect:
    """The part of `widget` its ancestors up to the window let show (in window coordinates)."""
    window = widget.window()
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def problems(window: QWidget) -> list[str]:
    """Everything a person could not see or reach in `window` as laid out now, in words."""
    found: list[str] = []
    found_screen = screen_of(window)
    assert found_screen is not None
    screen = found_screen.availableGeometry()
    frame = window.frameGeometry()
    if frame.width() > screen.width() or frame.height() > screen.height():
        found.append(f"window {frame.width()}×{frame.height()} larger than the screen "
                     f"{screen.width()}×{screen.height()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window or isinstance(widget, QScrollBar):
            continue
        if _inside_item_view(widget) or type(widget).__module__.startswith("matplotlib"):
            continue
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own parts of a compound widget (a spin box's line edit): the whole is checked
        name = f"{type(widget).__name__} {_describe(widget)}"
        if isinstance(widget, _TEXT_WIDGETS):
            hint = widget.minimumSizeHint()
            if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
                needed = widget.heightForWidth(widget.width())
                if widget.height() < needed:
                    found.append(f"{name}: {widget.height()} px high, its text needs {needed}")
            elif hint.isValid() and (widget.width() < hint.width() - SLACK
                                     or widget.height() < hint.height() - SLACK):
                found.append(f"{name}: {widget.width()}×{widget.height()}, needs "
                             f"{hint.width()}×{hint.height()}")
        if _scroller(widget) is not None:
            continue  # the rest of it is reachable by scrolling
        shown = _visible_rect(widget)
        if shown.size() != widget.size() and widget.width() > 0 and widget.height() > 0:
            found.append(f"{name}: only {shown.width()}×{shown.height()} of "
                         f"{widget.width()}×{widget.height()} on screen and no way to scroll to the rest")
    return found


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()
    return repr((text or widget.accessibleName() or widget.objectName())[:40])


def scroll_areas_reach_everything(window: QWidget) -> list[str]:
    """A scroll area whose content is larger than its viewport must offer a scroll bar for the rest."""
    found = []
    for area in window.findChildren(QScrollArea):
        if not area.isVisible() or area.widget() is None:
            continue
        content, view = area.widget().size(), area.viewport().size()
        for over, bar in ((content.height() > view.height(), area.verticalScrollBar()),
                          (content.width() > view.width(), area.horizontalScrollBar())):
            if over and not bar.isVisible():
                found.append(f"scroll area {_describe(area)}: content beyond the view with no scroll bar")
    return found
