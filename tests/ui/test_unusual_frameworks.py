"""Frameworks FRAMEWORK-FORMAT allows but the shipped one does not use: no roles, one language, …"""

from __future__ import annotations

import shutil
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel

from digigram.ui.person_dialog import PersonDialog
from tests.store.helpers import without_roles
from tests.ui.test_coordinator import SECRET, dashboard, typed  # noqa: F401  (typed: a fixture)


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


def test_the_group_picture_of_a_framework_without_roles_says_it_has_no_targets(
        qtbot: Any, window: Any, tmp_path: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """Without roles there are no targets and so no gaps. The group picture drew a «—» for every trainee
    in every area, keyed «“—” = no data», beside trainees with finished checks; its description in words
    said «0 of 1 below the target». It now says why there is nothing to picture and where the levels are."""
    from digigram.app import finish_opening
    from digigram.services.workspace import Workspace
    from tests.ui.conftest import MINI
    from tests.ui.coordinator_seed import finish_check

    framework = without_roles(MINI, tmp_path / "no-roles.yaml")
    shutil.copytree(MINI.parent / "handouts", tmp_path / "handouts")
    window.ws.close()
    with Workspace.open(data_dir=tmp_path / "roles-free", framework_path=framework) as ws:
        assert not ws.framework.profiles
        finish_check(ws, ws.create_person("Олена").id, seed=1, mode="full")
        finish_opening(window, ws, language="en")
        ws.set_coordinator_password(SECRET)
        window.coordinator_action.trigger()
        view = dashboard(window)
        view.tabs.setCurrentWidget(view.heatmap)
        qtbot.waitUntil(lambda: view.heatmap.note.text() != "")
        page = view.heatmap
        assert "no roles" in page.note.text() and "Trainees" in page.note.text(), page.note.text()
        assert not page.chart.isVisible()
        assert "below the target" not in page.chart.accessibleDescription()
        window.go_home()


def test_the_dashboard_of_a_framework_without_roles_offers_no_role_and_no_help_mark(
        qtbot: Any, window: Any, tmp_path: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    """Without roles there are no target levels. The dashboard's Role filter offered only «All roles»,
    the «Needs help» and «Role» columns stood empty beside finished checks, the count said «needing
    help: 0» and the key under the table explained targets the table never showed. Now neither the filter
    nor those columns are shown, and the key and the count say why no one is marked."""
    from PySide6.QtCore import Qt

    from digigram.app import finish_opening
    from digigram.services.workspace import Workspace
    from tests.ui.conftest import MINI
    from tests.ui.coordinator_seed import finish_check

    framework = without_roles(MINI, tmp_path / "no-roles.yaml")
    shutil.copytree(MINI.parent / "handouts", tmp_path / "handouts")
    window.ws.close()
    with Workspace.open(data_dir=tmp_path / "roles-free", framework_path=framework) as ws:
        finish_check(ws, ws.create_person("Олена", hub="Хаб у Бучі").id, seed=1, mode="full")
        finish_opening(window, ws, language="en")
        ws.set_coordinator_password(SECRET)
        window.coordinator_action.trigger()
        view = dashboard(window)
        if not view.filters_toggle.isChecked():
            view.filters_toggle.click()
        qtbot.waitUntil(view.filters.isVisible, timeout=2000)
        assert not view.profile.isVisible(), "a Role filter with nothing but «All roles»"
        assert not any(w.isVisible() and w.buddy() is view.profile for w in view.findChildren(QLabel))
        model = view.table.model()
        heads = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
                 for c in range(model.columnCount())]
        assert "Needs help" not in heads and "Role" not in heads, heads
        assert heads[0] == "Name" and "Hub" in heads and "Group" in heads, heads
        assert "needing help" not in view.count.text(), view.count.text()
        assert "no roles" in view.marks.text() and "target" in view.marks.text(), view.marks.text()
        window.go_home()
