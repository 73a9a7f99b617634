"""Frameworks FRAMEWORK-FORMAT allows but the shipped one does not use: no roles, one language, …"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel

from digigram.ui.person_dialog import PersonDialog


def test_a_framework_without_roles_asks_no_role_for_a_new_person(qtbot: Any) -> None:
    """With no profiles in the framework the new-person form showed «Role:» over an empty list that
    offered nothing to choose. There is no role to ask about, so the form does not ask."""
    dialog = PersonDialog(None, profiles=[])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = [w for w in dialog.findChildren(QLabel) if w.isVisible()]
    assert not any("Role" in w.text() for w in shown), [w.text() for w in shown]
    assert not any(c.isVisible() and c.count() == 0 for c in dialog.findChildren(QComboBox))
    dialog.name.setText("Олена")
    assert dialog.value().profile_id is None


def test_a_framework_with_roles_still_asks_for_one(qtbot: Any) -> None:
    dialog = PersonDialog(None, profiles=[("librarian", "Librarian"), ("coordinator", "Coordinator")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.profile.isVisible() and dialog.profile.count() == 2
    assert any(w.isVisible() and w.text() == "&Role:" for w in dialog.findChildren(QLabel))
