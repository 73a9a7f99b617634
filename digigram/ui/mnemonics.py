"""Alt-key mnemonics that work whichever keyboard layout is active, and a check for clashing ones.

The Ukrainian interface underlines Cyrillic letters (Alt+П). With the Latin layout active the same
physical key sends Alt+G, which Qt does not match to «П»; the filter here does, by key position. The
other way too: with the Ukrainian layout active, X11 sends Alt+Т for the key of the English "&New
person…". In an open menu a plain letter does the same, in both directions.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QMenu,
    QRadioButton,
    QTabBar,
    QWidget,
)

# The Ukrainian (ЙЦУКЕН) letter on each key of a QWERTY keyboard.
_LATIN_TO_UK = dict(zip("qwertyuiop[]asdfghjkl;'zxcvbnm,.", "йцукенгшщзхїфівапролджєячсмитьбю", strict=True))
_KEYS = {getattr(Qt.Key, f"Key_{c.upper()}"): uk for c, uk in _LATIN_TO_UK.items() if c.isalpha()}
_KEYS.update({Qt.Key.Key_BracketLeft: "х", Qt.Key.Key_BracketRight: "ї", Qt.Key.Key_Semicolon: "ж",
              Qt.Key.Key_Apostrophe: "є", Qt.Key.Key_Comma: "б", Qt.Key.Key_Period: "ю"})
# The other way: the Latin letter on the key that types each Ukrainian one.
_UK_TO_LATIN = {uk: c for c, uk in _LATIN_TO_UK.items() if c.isalpha()}


def mnemonic(text: str) -> str:
    """The letter after a single '&' in `text`, lower-cased; "" when there is none."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1  # "&&" is a literal ampersand
        i += 1
    return ""


def latin_key(letter: str) -> str:
    """The Latin letter on the key that types the Ukrainian `letter` ("н" -> "y"); "" for any other."""
    return _UK_TO_LATIN.get(letter.lower(), "")


def _targets(window: QWidget, letter: str) -> list[tuple[QWidget, int]]:
    """Visible widgets whose mnemonic is `letter`: buttons, labels with a buddy, and tabs (a tab bar with
    the tab's index; -1 for the others)."""
    found: list[tuple[QWidget, int]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled() or widget.window() is not window:
            continue
        if isinstance(widget, QTabBar):
            found += [(widget, index) for index in range(widget.count())
                      if widget.isTabEnabled(index) and mnemonic(widget.tabText(index)) == letter]
            continue
        labelled = isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None)
        if labelled and mnemonic(widget.text()) == letter:  # type: ignore[attr-defined]
            found.append((widget, -1))
    return found


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Letters used by more than one visible mnemonic in `window`, with the texts that use them."""
    used: dict[str, list[str]] = {}
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QTabBar):  # tabs answer Alt and their letter too
            for index in range(widget.count()):
                letter = mnemonic(widget.tabText(index))
                if letter:
                    used.setdefault(letter, []).append(widget.tabText(index))
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            letter = mnemonic(widget.text())
            if letter:
                used.setdefault(letter, []).append(widget.text())
    return {letter: texts for letter, texts in used.items() if len(texts) > 1}


def _on_the_same_key(key: int) -> str:
    """The other layout's letter on the key that sent `key` (a Qt key code), or "".

    A Latin key gives its Ukrainian letter; a Ukrainian letter (Qt reports it by its upper-case code
    point, as X11 does with the Ukrainian layout active) gives the Latin letter on its key.
    """
    if key in _KEYS:
        return _KEYS[Qt.Key(key)]
    if 0x0400 <= key <= 0x04FF:
        return _UK_TO_LATIN.get(chr(key).lower(), "")
    return ""


def latin_layout_mnemonic(watched: QObject, event: QKeyEvent) -> bool:
    """Alt+<key> as the mnemonic of the other layout's letter on the same key, when nothing else took it.

    True when a widget was triggered; the application's filter (ui/app_filter.py) asks this for
    every key press.
    """
    if event.type() != QEvent.Type.KeyPress:
        return False
    if isinstance(watched, QMenu):
        return _menu_item_on_the_same_key(watched, event)
    if event.modifiers() != Qt.KeyboardModifier.AltModifier:
        return False
    letter = _on_the_same_key(event.key())
    if not letter:
        return False
    window = QApplication.activeWindow()
    if window is None or watched is not QApplication.focusWidget():
        return False  # the event passes through each parent; act once, for the focused widget
    targets = _targets(window, letter)
    if not targets:
        return False
    target, tab = targets[0]
    if isinstance(target, QTabBar):
        # As Qt's own Alt+letter does for a tab: the tab is shown (the focus stays where it was).
        target.setCurrentIndex(tab)
    elif isinstance(target, QLabel):
        buddy = target.buddy()
        if buddy is not None:
            buddy.setFocus(Qt.FocusReason.ShortcutFocusReason)
    elif isinstance(target, (QCheckBox, QRadioButton)):
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.click()
    elif isinstance(target, QAbstractButton):
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.animateClick()
    return True


def _menu_item_on_the_same_key(menu: QMenu, event: QKeyEvent) -> bool:
    """In an open menu a plain letter chooses the item it underlines, and Qt compares the letter typed:
    with the Latin layout active «Ха&би» was out of reach, and so was «Таблиця в &CSV…» with the
    Ukrainian one. The letter on the same key in the other layout chooses the item, when no item
    underlines the typed letter itself (Qt's own match comes first)."""
    if event.modifiers() not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        return False
    typed = event.text().lower()
    other = _LATIN_TO_UK.get(typed) if typed.isascii() else _UK_TO_LATIN.get(typed)
    if len(typed) != 1 or other is None:
        return False
    shown = [a for a in menu.actions() if a.isVisible() and a.isEnabled() and not a.isSeparator()]
    if any(mnemonic(a.text()) == typed for a in shown):
        return False
    found = [a for a in shown if mnemonic(a.text()) == other]
    if len(found) != 1:
        return False  # none, or a clash Qt would cycle through: leave it to the arrow keys
    menu.setActiveAction(found[0])
    QApplication.sendEvent(menu, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                           Qt.KeyboardModifier.NoModifier))
    return True
