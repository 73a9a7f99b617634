"""The window opened by a regional analyst (a PostgreSQL role that may only read), on a real server: the
coordinator's screens work, and a write is refused once, in words that are true.

Changing the text size or the language in Settings showed the same "read-only role … Nothing was changed"
message three times (once a setting), while the window's text had in fact just grown."""

from __future__ import annotations

import itertools
import os
from argparse import Namespace
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.coordinator.login import PasswordDialog
from digigram.ui.person_dialog import NewPerson, PersonDialog
from digigram.ui.settings_dialog import Settings, SettingsDialog
from tests.ui.conftest import MINI
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_coordinator import PEOPLE, SECRET

_SUFFIX = itertools.count(1)


@pytest.fixture
def region(postgresql: Any) -> Iterator[tuple[str, str]]:
    """A set-up regional database with people in it, and the address its analyst role opens it with."""
    from digigram.services.workspace import Workspace

    name, url = postgresql.database()
    analyst = f"digigram_analyst_ui{os.getpid()}_{next(_SUFFIX)}"
    with Workspace.open(database_url=url, framework_path=MINI) as owner:
        seed_trainees(owner, PEOPLE)
        owner.set_coordinator_password(SECRET)
    with postgresql.cluster.admin(name) as conn:
        conn.execute(f"CREATE ROLE {analyst} LOGIN")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {analyst}")
    try:
        yield url, url.replace("://digigram_test@", f"://{analyst}@", 1)
    finally:
        postgresql.drop(name)
        with postgresql.cluster.admin() as conn:
            conn.execute(f"DROP ROLE IF EXISTS {analyst}")


@pytest.fixture
def ws(region: tuple[str, str], data_dir: Path) -> Iterator[Any]:
    """The workspace the app opens for `digigram --database URL` as the analyst."""
    from digigram import app

    workspace = app.open_workspace(Namespace(database=region[1], data_dir=data_dir))
    yield workspace
    workspace.close()


def _rows(url: str, table: str) -> int:
    from digigram.store.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_the_analyst_reads_the_board_and_a_refused_write_is_said_once_and_truly(
        qtbot: Any, window: Any, region: tuple[str, str], messages: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    owner_url = region[0]
    settings_before = _rows(owner_url, "setting")
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, **_: ("", SECRET)))
    window.coordinator_action.trigger()
    board = window.stack.currentWidget()
    assert isinstance(board, DashboardView)
    qtbot.waitUntil(lambda: board.model.rowCount() == len(PEOPLE))
    assert messages == []

    bigger = Settings(language="en", text_scale=200, high_contrast=window.settings.high_contrast)
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, parent, current: bigger))
    window.edit_settings()
    assert len(messages) == 1, messages  # once, not once for each of the three settings
    assert "apply until Digigram is closed" in messages[0] and "read-only role" in messages[0]
    assert window.settings.text_scale == 200  # the looks the analyst chose stay for this session
    assert _rows(owner_url, "setting") == settings_before

    messages.clear()
    window.go_home()
    # The form, filled in, then offered again after the refusal: the analyst closes it.
    filled = iter([NewPerson("Оксана Петренко", None, "librarian", None, True), None])
    monkeypatch.setattr(PersonDialog, "ask", classmethod(lambda cls, parent, **_: next(filled)))
    window.home.create_person()
    assert len(messages) == 1 and "read-only role" in messages[0]
    assert _rows(owner_url, "person") == len(PEOPLE)


def test_deleting_from_a_regional_database_speaks_of_its_backups_not_a_file_on_this_computer(
        qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The question before deleting a trainee said the data is wiped from "the database file" and that
    "older backups on this computer" keep it: on a regional server there is no such file or backup."""
    from digigram.ui.coordinator.files import Ask

    asked: list[str] = []
    monkeypatch.setattr(Ask, "confirm", classmethod(lambda cls, parent, *, title, text: asked.append(text)
                                                    and False))
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, **_: ("", SECRET)))
    window.coordinator_action.trigger()
    board = window.stack.currentWidget()
    assert isinstance(board, DashboardView)
    qtbot.waitUntil(lambda: board.model.rowCount() == len(PEOPLE))
    board.table.selectRow(0)
    board.delete_selected()
    assert len(asked) == 1
    assert "regional database" in asked[0] and "region's database administrator" in asked[0]
    assert "database file" not in asked[0] and "this computer" not in asked[0]
