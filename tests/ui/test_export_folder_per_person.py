"""On a shared PC a save dialog opened in the folder the previous person chose, listing her plan under her
name. Each person's exports now start from her own last folder (else Documents), and coordinator mode
from its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from digigram.ui import folders, plan_view


def test_the_next_person_is_not_offered_the_folder_where_the_last_plan_went(
        window: Any, ws: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    QSettings().remove(folders.GROUP)
    QSettings().setValue(folders.SHARED, str(tmp_path))  # as an earlier version left it: everyone's folder
    oksana, petro = ws.create_person("Оксана Коваль"), ws.create_person("Петро Гнатюк")
    window.home.refresh()
    hers = tmp_path / "оксана"
    hers.mkdir()
    offered: list[Path] = []

    def save_in(folder: Path) -> None:
        def ask(parent: Any, suggested: str) -> str:
            offered.append(Path(suggested))
            return str(folder / Path(suggested).name)

        monkeypatch.setattr(plan_view, "ask_pdf_path", ask)

    def export(person: Any) -> Any:
        assert window.home.choose(person.id)
        window.show_plan(person.id)
        plan = window.view("plan")
        plan.export_pdf()
        return plan

    save_in(hers)
    plan = export(oksana)
    assert offered[-1].parent != tmp_path  # the folder every person shared is no longer offered
    assert (hers / "Оксана Коваль.pdf").exists()
    assert "shared computer" in plan.state.text()  # she is told to take it away or delete it
    window.go_home()

    save_in(tmp_path)
    export(petro)
    assert offered[-1].parent != hers and offered[-1].name == "Петро Гнатюк.pdf"
    window.go_home()

    save_in(hers)
    export(oksana)
    assert offered[-1] == hers / "Оксана Коваль.pdf"  # her own folder, for her
    assert QSettings().value(folders.SHARED) is None
    QSettings().remove(folders.GROUP)
