"""At 200 % text a button's text keeps room beside its edges and a spin box's arrows are as large as the
text: at 200 % «Головна» nearly touched its button's edge and the text size's arrows stayed tiny."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyle, QStyleOptionSpinBox

from digigram.ui.settings_dialog import Settings, SettingsDialog
from tests.ui.helpers import create_person, settle


def _arrow_box(dialog: SettingsDialog) -> Any:
    spin = dialog.scale
    option = QStyleOptionSpinBox()
    spin.initStyleOption(option)
    return spin.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option,
                                       QStyle.SubControl.SC_SpinBoxDown, spin)


def _ink_height(dialog: SettingsDialog) -> int:
    """How many pixel rows of the down arrow's box hold dark ink: the drawn arrow's height."""
    image = dialog.scale.grab().toImage()
    box = _arrow_box(dialog)
    return sum(any(QColor(image.pixel(x, y)).lightness() < 100 for x in range(box.left(), box.right() + 1))
               for y in range(box.top(), box.bottom() + 1))


def test_spin_box_arrows_and_button_room_grow_with_the_text(qtbot: Any, window: Any) -> None:
    create_person(qtbot, window)
    button = window.home.history
    seen = {}
    for scale in (100, 200):
        window.apply_settings(Settings(language="uk", text_scale=scale), store=False)
        settle()
        dialog = SettingsDialog(window, current=Settings(language="uk", text_scale=150))
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        text = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
        seen[scale] = (_arrow_box(dialog).width(), _ink_height(dialog),
                       button.sizeHint().width() - text, button.fontMetrics().height())
        dialog.close()
    (box1, ink1, room1, line1), (box2, ink2, room2, line2) = seen[100], seen[200]
    grew = line2 / line1
    assert box2 >= box1 * grew * 0.8, f"the arrows' box grew from {box1} to only {box2} px"
    assert ink2 >= ink1 * grew * 0.8, f"the drawn arrow grew from {ink1} to only {ink2} px high"
    assert room2 >= room1 * grew * 0.8, f"the room beside the text grew from {room1} to only {room2} px"
