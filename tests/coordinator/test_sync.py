"""`digigram sync`: a coordinator PC pushes to the regional PostgreSQL; a connection killed midway changes
nothing, and running it again completes without adding anything twice."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.conftest import PASSWORD
from tests.coordinator.test_bundle_support import SMALL, make_hub

POSTGRESQL_ONLY = pytest.mark.parametrize("engine_name", ["postgresql"])  # the regional tier
APP = "digigram-sync-test"


def _sync(data_dir: Path, url: str) -> subprocess.Popen[str]:
    secret = data_dir.parent / "password.txt"  # standard input from a file: the password as if typed
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    with secret.open("rb") as stdin:
        return subprocess.Popen(
            [sys.executable, "-m", "digigram", "sync", "--data-dir", str(data_dir), "--database", url,
             "--framework", str(SMALL), "--lang", "en"],
            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def _counts(target: Target) -> dict[str, int]:
    engine = target.engine()
    with engine.connect() as conn:
        found = {t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
                 for t in ("person", "attempt", "answer", "area_result", "plan", "plan_step")}
    engine.dispose()
    return found


@POSTGRESQL_ONLY
def test_a_killed_connection_changes_nothing_and_a_rerun_completes_once(
        new_target: Callable[..., Target], tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    make_hub(hub, people=3)
    with Workspace.open(data_dir=hub, framework_path=SMALL) as ws:
        ws.set_coordinator_password(PASSWORD)
    region = new_target()
    url = f"{region.url}&application_name={APP}"

    gate = region.engine()  # holds the sync at its first write, so the kill lands inside its transaction
    with gate.connect() as conn:
        conn.execute(text("LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE"))
        proc = _sync(hub, url)
        killed, deadline = False, time.monotonic() + 240
        while not killed and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            with gate.connect() as probe:
                killed = bool(probe.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = :app AND wait_event_type = 'Lock'"), {"app": APP}).scalar_one())
        conn.commit()
    gate.dispose()
    out, err = proc.communicate(timeout=120)
    assert killed, err
    assert proc.returncode == 2, out + err
    assert "rolled back" in err and "Nothing was imported" in err
    assert set(_counts(region).values()) == {0}  # the region is as it was

    again = _sync(hub, url)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "answers: " in err  # progress was shown
    first = _counts(region)
    assert first["attempt"] > 0 and first["answer"] > 0

    once_more = _sync(hub, url)
    out, err = once_more.communicate(timeout=300)
    assert once_more.returncode == 0, err
    assert "answers: 0 new" in out
    assert _counts(region) == first  # nothing twice


@pytest.mark.parametrize(("url", "fault"), [
    ("postgresql+psycopg://digigram:s3cret@db.region.ua/digigram", "password"),
    ("sqlite:///elsewhere.sqlite3", "postgresql+psycopg://"),
    ("not a url at all", "not a database address"),
])
def test_an_address_with_a_password_or_not_postgresql_is_refused_before_anything_is_sent(
        url: str, fault: str) -> None:
    from digigram.core.errors import DigigramError
    from digigram.services.sync import check_url

    with pytest.raises(DigigramError) as caught:
        check_url(url)
    assert fault in caught.value.message("en")
    assert caught.value.message("uk") != caught.value.message("en")
    good = "postgresql+psycopg://digigram@/digigram?service=rivne-import"
    assert check_url(f"  {good} ") == good
