"""What a person must tell apart stays visible: the keyboard's place on a tool button (both themes), and in
high contrast the open tab and the edges of drop-down lists and date fields."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard


def _shot(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _count(image: QImage, colour: QColor, area: QRect | None = None) -> int:
    area = area or image.rect()
    want = colour.rgb()
    return sum(1 for x in range(area.left(), area.right() + 1) for y in range(area.top(), area.bottom() + 1)
               if image.pixel(x, y) == want)


def _light_share(image: QImage, area: QRect) -> float:
    light = sum(1 for x in range(area.left(), area.right() + 1) for y in range(area.top(), area.bottom() + 1)
                if QColor(image.pixel(x, y)).lightness() > 200)
    return light / max(1, area.width() * area.height())


def _dashboard(window: Any, ws: Any, *, scale: int, contrast: bool) -> Any:
    view = netbook_dashboard(window, ws, lang="uk", scale=100, size=(1366, 740))
    window.apply_settings(Settings(language="uk", text_scale=scale, high_contrast=contrast), store=False)
    settle()
    return view


@pytest.mark.parametrize("contrast", [False, True])
@pytest.mark.parametrize("scale", [100, 200])
def test_a_focused_tool_button_is_marked(window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
                                         scale: int, contrast: bool) -> None:
    view = _dashboard(window, ws, scale=scale, contrast=contrast)
    manage = view.manage  # «Керування» on the toolbar
    view.table.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    mark = QApplication.palette().color(QPalette.ColorRole.Highlight)
    at_rest = _count(_shot(manage), mark)
    manage.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    assert manage.hasFocus()
    focused = _count(_shot(manage), mark)
    # A frame round the button: at least its two long sides in the selection colour.
    assert focused - at_rest >= 2 * manage.width(), "no mark shows the keyboard is on «Керування»"


@pytest.mark.parametrize("scale", [100, 200])
def test_the_open_tab_stands_out_in_high_contrast(window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
                                                  scale: int) -> None:
    view = _dashboard(window, ws, scale=scale, contrast=True)
    bar = view.tabs.tabBar()
    view.tabs.setCurrentIndex(1)
    settle()
    image = _shot(bar)
    inner = [bar.tabRect(i).adjusted(4, 4, -4, -4) for i in range(bar.count())]
    assert _light_share(image, inner[1]) > 0.5, "the open tab is not drawn light"
    for index in (0, 2, 3, 4):
        assert _light_share(image, inner[index]) < 0.3, f"tab {index} looks like the open one"


@pytest.mark.parametrize("scale", [100, 200])
def test_drop_down_lists_and_dates_have_a_white_edge_in_high_contrast(
        window: Any, ws: Any, typed: dict[str, Any], scale: int) -> None:  # noqa: F811
    view = _dashboard(window, ws, scale=scale, contrast=True)
    if not view.filters_toggle.isChecked():
        view.filters_toggle.click()
        settle()
    view.table.setFocus()
    settle()
    white = QColor("#ffffff")
    for field in (view.region, view.group, view.profile):
        image = _shot(field)
        left = QRect(0, 0, 2, image.height())
        assert _count(image, white, left) >= image.height(), f"{field.currentText()!r} has no white edge"
    for field in (view.date_from, view.date_to):  # turned off until their tick box is ticked: grey
        image = _shot(field)
        left = QRect(0, 0, 2, image.height())
        assert _count(image, QColor("#a0a0a0"), left) + _count(image, white, left) >= image.height()


def _widest_run(image: QImage, colour: QColor, area: QRect) -> int:
    """The longest row of `colour` pixels in `area`: how wide a mark drawn in that colour is."""
    want, widest = colour.rgb(), 0
    for y in range(area.top(), area.bottom() + 1):
        run = 0
        for x in range(area.left(), area.right() + 1):
            run = run + 1 if image.pixel(x, y) == want else 0
            widest = max(widest, run)
    return widest


def _arrow_width(field: QWidget) -> int:
    """How wide the white arrow of a drop-down list (or a calendar date field) is, in pixels: the widest
    white row inside its arrow's place, a few pixels in from that place's edge."""
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    option.initFrom(field)
    if isinstance(field, QComboBox):
        option.editable = field.isEditable()
    place = field.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxArrow, field)
    return _widest_run(_shot(field), QColor("#ffffff"), place.adjusted(3, 3, -3, -3))


@pytest.mark.parametrize("scale", [100, 200])
def test_a_drop_down_lists_arrow_is_white_and_grows_with_the_text_in_high_contrast(
        window: Any, ws: Any, typed: dict[str, Any], scale: int) -> None:  # noqa: F811
    """The arrow had the style's 8 pixels in faded grey, on black: the lists read as plain text, at 200 %
    too. It is white now, as wide as half the text is high."""
    from PySide6.QtWidgets import QDateEdit

    from digigram.ui.settings_dialog import SettingsDialog

    view = _dashboard(window, ws, scale=scale, contrast=True)
    if not view.filters_toggle.isChecked():
        view.filters_toggle.click()
        settle()
    settings = SettingsDialog(window, current=Settings(language="uk", text_scale=scale, high_contrast=True))
    settings.show()
    settle()
    lists = [view.region, view.group, view.profile, settings.language]
    dates = [d for d in (view.date_from, view.date_to) if isinstance(d, QDateEdit) and d.calendarPopup()]
    try:
        for field in lists + dates:
            if not field.isEnabled():
                continue  # (a date turned off until its tick box is ticked is drawn in grey)
            wide = _arrow_width(field)
            assert wide >= field.fontMetrics().height() // 2, f"{field.objectName() or field}: {wide} px wide"
    finally:
        settings.close()


@pytest.mark.parametrize("contrast", [False, True])
def test_dialog_buttons_keep_their_words_and_lose_the_dark_icons_in_high_contrast(
        window: Any, contrast: bool) -> None:
    """The OK and Cancel icons were dark green and red on black. High contrast leaves the words only; the
    usual look keeps the style's icons (on X; the offscreen platform's theme asks for none)."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton, QStyle

    from digigram.ui.message_box import MessageBox
    from digigram.ui.person_dialog import PersonDialog
    from digigram.ui.settings_dialog import SettingsDialog

    window.apply_settings(Settings(language="uk", text_scale=200, high_contrast=contrast), store=False)
    settle()
    hint = QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons
    base_says_icons = bool(QApplication.style().styleHint(hint))
    person = PersonDialog(window, profiles=[("librarian", "Бібліотекар")], lang="uk")
    settings = SettingsDialog(window, current=Settings(language="uk", text_scale=200, high_contrast=contrast))
    box = MessageBox(window)
    box.setText("Нічого не змінено.")
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    try:
        for dialog in (person, settings, box):
            dialog.show()
            settle()
            (buttons,) = dialog.findChildren(QDialogButtonBox)
            shown = [b for b in buttons.findChildren(QPushButton) if b.isVisible()]
            assert len(shown) >= 2 and all(b.text().replace("&", "") for b in shown)
            with_icons = [not b.icon().isNull() for b in shown]
            if contrast:
                assert not any(with_icons), [b.text() for b in shown]
            else:
                assert with_icons == [base_says_icons] * len(shown)
    finally:
        for dialog in (person, settings, box):
            dialog.close()


@pytest.mark.parametrize("scale", [100, 200])
def test_menu_buttons_and_the_sort_arrow_are_white_in_high_contrast(
        window: Any, ws: Any, typed: dict[str, Any], scale: int) -> None:  # noqa: F811
    """«Показати лише…» and «Керування» showed a few grey pixels for their arrow, and the table's sort
    arrow too: in high contrast they are drawn solid white."""
    view = _dashboard(window, ws, scale=scale, contrast=True)
    white = QColor("#ffffff")
    toggle = view.filters_toggle
    arrow_place = QRect(0, 0, toggle.height(), toggle.height())  # the arrow sits before the words
    assert _widest_run(_shot(toggle), white, arrow_place.adjusted(3, 3, 0, -3)) >= 4
    header = view.table.horizontalHeader()
    quarter = header.sectionSize(0) // 4  # the arrow's end of the column, right of the centred name
    arrow_end = QRect(header.sectionViewportPosition(0) + 3 * quarter, 2, quarter - 2, header.height() - 4)
    assert _widest_run(_shot(header), white, arrow_end) >= 4  # the sort arrow beside «Ім'я», in white


@pytest.mark.parametrize("scale", [100, 200])
def test_a_menu_buttons_arrow_is_as_large_as_a_lists_and_beside_its_words_in_high_contrast(
        window: Any, ws: Any, typed: dict[str, Any], scale: int) -> None:  # noqa: F811
    """«Файли» had a few pixels for its arrow, and on the toolbar «Керування»'s sat over its last letter."""
    from digigram.ui.appearance import list_arrow_room

    view = _dashboard(window, ws, scale=scale, contrast=True)
    white = QColor("#ffffff")
    for button in (view.files_button, view.manage):
        words = button.fontMetrics()
        arrow = list_arrow_room(words.height())[0]
        shot = _shot(button)
        # the room right of the words (the button is laid out to hold them with its padding)
        after_words = QRect(button.width() - arrow - 12, 3, arrow + 8, button.height() - 6)
        assert _widest_run(shot, white, after_words) >= arrow // 2, button.text()
        assert button.width() >= words.horizontalAdvance(button.text().replace("&", "")) + arrow + 16
