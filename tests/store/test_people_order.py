"""Everyone in Ukrainian reading order from the stored name keys (both engines, both read paths)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from digigram.core.names import sort_key
from digigram.services.workspace import Workspace
from digigram.store import light
from digigram.store.db import transaction
from tests.conftest import Target

MINI = Path(__file__).resolve().parents[1] / "frameworks" / "minimal.yaml"
NAMES = ["Ярина Бондар", "Ігор Коваль", "Ґанна Мороз", "ганна мороз", "Anna Smith", "Єва Кравець",
         "Ірина Гнатюк", "Андрій Іваненко", "Ганна Мороз", "Ігор Коваль", "Марʼяна Лис", "Мар'яна Лис"]


def _expected(ws: Workspace) -> list[str]:
    made = sorted(ws.people(), key=lambda p: (sort_key(p.name), p.created_at))
    return [p.id for p in made]


def test_everyone_comes_in_reading_order_without_a_key_worked_out_per_person(
        target: Target, monkeypatch: pytest.MonkeyPatch) -> None:
    """Home lists everyone by the Ukrainian alphabet (Ґ after Г, Є after Е, І after И, any letter case),
    namesakes oldest first. The order comes from the key stored with each name: working the key out
    again for each of a region's 25,000 people took a fifth of a second at every return to Home."""
    import digigram.services.workspace as workspace_module

    with Workspace.open(**target.open_kwargs(), framework_path=MINI) as ws:
        made = [ws.create_person(name).id for name in NAMES]
        expected = _expected(ws)
        assert len(expected) == len(made)
        worked_out: list[str] = []

        def counted(name: str) -> Any:
            worked_out.append(name)
            return sort_key(name)

        monkeypatch.setattr(workspace_module, "sort_key", counted)
        monkeypatch.setattr(light, "sort_key", counted)
        assert [p.id for p in ws.people()] == expected
        if target.is_sqlite:  # the light path, before the ORM is in use, gives the same
            assert ws.database_path is not None
            assert [p.id for p in light.list_people(ws.database_path)] == expected
        assert worked_out == []


def test_a_person_without_a_stored_key_still_takes_their_place(target: Target) -> None:
    """A row written without the key (before revision 0007 filled it) is put in its place by the name."""
    with Workspace.open(**target.open_kwargs(), framework_path=MINI) as ws:
        for name in NAMES:
            ws.create_person(name)
        expected = _expected(ws)
        with transaction(ws.store.sessions) as session:
            session.execute(text("UPDATE person SET sort_name = NULL WHERE name = 'Ярина Бондар'"))
        assert [p.id for p in ws.people()] == expected
        if target.is_sqlite:
            assert ws.database_path is not None
            assert [p.id for p in light.list_people(ws.database_path)] == expected
