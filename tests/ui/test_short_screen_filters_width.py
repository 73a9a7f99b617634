"""On a netbook at 200 % text the dashboard's filters, once opened, fit the window's width: the date
check boxes' words made the screen wider than the window, which scrolled sideways, and the role list
and the name field were cut at its right edge."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

from tests.ui.helpers import settle
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_short_screen_dashboard import netbook_dashboard


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_opened_filters_fit_a_netbook_at_200_percent(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], lang: str) -> None:  # noqa: F811
    view = netbook_dashboard(window, ws, lang=lang, scale=200)
    assert not view.filters_toggle.isChecked()  # folded on a short screen
    qtbot.mouseClick(view.filters_toggle, Qt.MouseButton.LeftButton)
    settle()
    assert view.filters.isVisible()
    port = window.scroller.viewport()
    assert window.scroller.horizontalScrollBar().maximum() == 0, (
        f"the screen is {window.scroller.widget().width()} px wide in a window {port.width()} px wide")
    for field in (view.profile, view.name, view.group):
        right = field.mapTo(port, field.rect().topRight()).x()
        assert right < port.width(), f"{field.accessibleName()} cut at the window's right edge"
    # ...and the lists still show their choice whole: «Усі регіони», «Усі хаби», «Усі групи», «Усі ролі».
    for combo in (view.region, view.hub, view.group, view.profile):
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, combo).width()
        needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert room >= needed, f"«{combo.currentText()}» cut: {room} px for {needed}"
