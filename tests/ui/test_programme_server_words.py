"""The Programme tab on a regional PostgreSQL server that fails under it: said in the user's language, with
none of the driver's English inside the sentence.

The tab had said «Не вдалося прочитати з бази цифри програми (OperationalError: (psycopg.OperationalError)
connection failed: connection to server at "127.0.0.1", port 55437 failed: Connection refused). Нічого не
змінено. …»."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from digigram.ui.coordinator.programme import ProgrammePage
from tests.ui.conftest import MINI
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_coordinator import SECRET, typed  # noqa: F401 - the password dialog's answer
from tests.ui.test_programme_tab import _page

PEOPLE = [("Оксана Петренко", "Хаб у Бучі", "Весна", None), ("Іван Мельник", "Хаб у Львові", "Осінь", None)]
DRIVER_WORDS = ("psycopg", "OperationalError", "LockNotAvailable", "lock timeout", "canceling", "Connection",
                "connection to server", "No such file")


@pytest.fixture
def server(postgresql: Any) -> Iterator[tuple[Any, str]]:
    """A PostgreSQL server of this module's own (a test stops it), with one migrated database."""
    from digigram.store import migrate
    from tests.pgcluster import Cluster

    cluster = Cluster()  # `postgresql`: only where the suite's server runs (it skips the test elsewhere)
    cluster.start()
    try:
        name = cluster.create_database()
        migrate.upgrade(cluster.url(name))
        yield cluster, name
    finally:
        cluster.stop()


@pytest.fixture
def ws(server: tuple[Any, str], data_dir: Path) -> Iterator[Any]:
    """The window's workspace on the region's server (the `window` fixture opens over it)."""
    from digigram.services.workspace import Workspace

    cluster, name = server
    workspace = Workspace.open(database_url=cluster.url(name), data_dir=data_dir, framework_path=MINI)
    yield workspace
    workspace.close()


def _programme(qtbot: Any, window: Any, ws: Any) -> ProgrammePage:
    ws.add_hub("Хаб у Бучі", region_id="UA-32")
    ws.add_hub("Хаб у Львові", region_id="UA-46")
    seed_trainees(ws, PEOPLE)
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    return _page(qtbot, window)


def _in_ukrainian(window: Any) -> None:
    from digigram.ui.settings_dialog import Settings

    window.apply_settings(Settings(language="uk"), store=False)


def _asked_again(qtbot: Any, page: ProgrammePage, messages: list[str]) -> str:
    """«Show the figures» pressed; the one message it brought."""
    messages.clear()
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.show_button.isEnabled() and bool(messages), timeout=30000)
    (said,) = messages
    return said


def test_a_server_that_holds_the_tables_locked_is_said_without_the_drivers_words(
        qtbot: Any, window: Any, ws: Any, server: tuple[Any, str], messages: list[str],
        typed: dict[str, Any]) -> None:  # noqa: F811
    """Maintenance on the server (a VACUUM FULL, a migration) holds the tables while the region's lock
    timeout runs out: the server refuses the reading, and the tab says so in the user's words."""
    page = _programme(qtbot, window, ws)
    _in_ukrainian(window)
    cluster, name = server
    with cluster.admin(name) as admin:
        admin.execute(f'ALTER DATABASE "{name}" SET lock_timeout = 300')
        # The window's connections end; the ones it opens next take the region's lock timeout.
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        with admin.transaction():
            admin.execute("LOCK TABLE person, attempt, area_result, check_summary IN ACCESS EXCLUSIVE MODE")
            said = _asked_again(qtbot, page, messages)
    assert said == ("Не вдалося прочитати з бази цифри програми. Нічого не змінено. Спробуйте ще раз; "
                    "якщо це повториться, перевірте зʼєднання з базою."), said
    assert not any(word.lower() in said.lower() for word in DRIVER_WORDS), said
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)  # the tables free again: the figures come
    qtbot.waitUntil(lambda: page.show_button.isEnabled(), timeout=30000)
    assert page.picture is not None and page.picture.trainees == 2 and len(messages) == 1


def test_a_server_that_has_stopped_is_said_as_a_lost_connection_and_the_next_try_works(
        qtbot: Any, window: Any, ws: Any, server: tuple[Any, str], messages: list[str],
        typed: dict[str, Any]) -> None:  # noqa: F811
    """The walk's case: the server stopped while the tab is open, then «Show the figures» pressed."""
    page = _programme(qtbot, window, ws)
    _in_ukrainian(window)
    # The figures drawn again in Ukrainian (they name the regions) before the server stops.
    qtbot.waitUntil(lambda: not page._stale, timeout=20000)
    cluster, _ = server
    cluster.halt()
    try:
        said = _asked_again(qtbot, page, messages)
    finally:
        cluster.resume()
    assert said.startswith("Зʼєднання із сервером бази даних"), said
    assert "спробуйте ще раз" in said, said
    assert not any(word.lower() in said.lower() for word in DRIVER_WORDS), said
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.show_button.isEnabled(), timeout=30000)
    assert page.picture is not None and page.picture.trainees == 2 and len(messages) == 1
