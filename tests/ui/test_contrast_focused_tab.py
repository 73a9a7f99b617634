"""High contrast: the page tab the keyboard is on has a yellow edge, and nothing is drawn across its words.
The sheet's yellow edge never applied (its selector matched nothing), and the general focus outline was
drawn round the words instead: yellow on the open tab's white (1.1 : 1), over the first and last letters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QTabWidget, QWidget

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle
from tests.ui.test_focus_shown import marked

YELLOW = QColor("#ffff00").rgb()


def test_the_focused_tab_is_edged_yellow_and_its_words_are_clear(window: Any) -> None:
    window.apply_settings(Settings(language="uk", text_scale=100, high_contrast=True), store=False)
    tabs = QTabWidget(window)
    for name in ("&Слухачі", "&Картина групи", "Скл&адні питання"):
        tabs.addTab(QWidget(), name)
    tabs.resize(600, 200)
    tabs.show()
    bar = tabs.tabBar()
    bar.setCurrentIndex(1)
    bar.setFocus(Qt.FocusReason.ShortcutFocusReason)  # as the keyboard gives it
    settle()
    assert marked(bar)
    image = bar.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    tab = bar.tabRect(1)
    top = [image.pixel(x, tab.top() + 1) for x in range(tab.left() + 4, tab.right() - 4)]
    assert sum(p == YELLOW for p in top) > len(top) // 2, "the focused tab's edge is not yellow"
    inside = tab.adjusted(5, 5, -6, -5)
    crossing = sum(1 for x in range(inside.left(), inside.right() + 1)
                   for y in range(inside.top(), inside.bottom() + 1) if image.pixel(x, y) == YELLOW)
    assert crossing == 0, f"{crossing} yellow pixels drawn over the tab's words"
