"""A trainee table sorted by role, when the language changes: roles follow their names as shown."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import settle
from tests.ui.test_coordinator import typed  # noqa: F401 - the password dialog's answer


@pytest.fixture
def ws(data_dir: Any) -> Any:  # the shipped framework here, not the small test one
    """The shipped framework: its two roles are named in an order in English and the other in Ukrainian."""
    from competency_framework import shipped_framework_path
    from digigram.services.workspace import Workspace

    workspace = Workspace.open(data_dir=data_dir, framework_path=shipped_framework_path())
    yield workspace
    workspace.close()


def test_a_table_by_role_is_read_again_in_the_order_of_the_new_languages_role_names(
        window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Roles follow their names as shown: "Digital Education Hub coordinator" before "Librarian", but
    «Бібліотекар» before «Координатор…». Kept from before the switch, the rows read so far stood in the
    old order, and the further pages, read in the new one, showed some trainees twice and others never."""
    from digigram.ui.coordinator import dashboard as dashboard_module
    from digigram.ui.settings_dialog import Settings
    from tests.ui.test_coordinator import SECRET

    monkeypatch.setattr(dashboard_module, "PAGE", 3)  # pages of 3 rows: a region's 200, made small
    for k in range(10):
        ws.create_person(f"Бібліотекар {k:02}", profile_id="librarian")
        ws.create_person(f"Координатор {k:02}", profile_id="hub-coordinator")
    ws.set_coordinator_password(SECRET)
    window.apply_settings(Settings(language="en"), store=False)
    window.coordinator_action.trigger()
    view = window.stack.currentWidget()
    role = view.model.column_of("role")
    view.table.sortByColumn(role, Qt.SortOrder.AscendingOrder)
    settle()
    assert view.model.rows[0].name.startswith("Координатор")  # "Digital Education Hub coordinator" first

    window.apply_settings(Settings(language="uk"), store=False)
    settle()
    while view.model.canFetchMore():
        view.model.fetchMore()
    names = [r.name for r in view.model.rows]
    shown = [view.model.text(r, role) for r in view.model.rows]
    assert len(names) == len(set(names)) == 20, f"{len(names)} rows, {len(set(names))} people"
    assert shown == sorted(shown) and shown[0] == "Бібліотекар"
