"""A regional database that cannot be reached is told as such, in uk and en, with nothing to leak."""

from __future__ import annotations

import pytest

from digigram.core.errors import DigigramError
from digigram.store.startup import open_store

# Nothing listens on port 1: the connection is refused at once, as on a hub PC that is offline.
ADDRESS = "postgresql+psycopg://owner:s3cret-word@127.0.0.1:1/digigram_rivne"


def test_an_unreachable_server_gets_advice_about_the_server_not_a_folder() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(DigigramError) as caught:
        open_store(database_url=ADDRESS)
    uk, en = caught.value.message("uk"), caught.value.message("en")
    assert uk.startswith("Не вдалося зʼєднатися з базою даних postgresql+psycopg://owner:***@127.0.0.1:1/")
    assert "refused the connection" in en and "server is running" in en
    # The driver's English ("connection failed: … Connection refused") is not inside the Ukrainian.
    assert "сервер відмовив у зʼєднанні" in uk and "Connection refused" not in uk and "failed" not in uk
    for text in (uk, en):
        assert "s3cret-word" not in text
        assert "sqlalche.me" not in text and "Background on this error" not in text
        assert "folder" not in text and "теки" not in text  # there is no folder to check


@pytest.mark.parametrize(("driver_says", "meant"), [
    # libpq's own words for a root certificate the client cannot find or that does not match
    ('connection failed: root certificate file "/home/k/.postgresql/root.crt" does not exist\nEither provide '
     "the file, use the system's trusted roots with sslrootcert=system, or change sslmode to disable server "
     "certificate verification.", "certificate settings"),
    ("connection failed: SSL error: certificate verify failed", "certificate settings"),
    # a web server (or anything else) on the port: it fails the TLS negotiation with no certificate involved
    ("connection failed: received invalid response to SSL negotiation: H", "not as a PostgreSQL server"),
])
def test_a_certificate_problem_and_a_port_that_is_not_postgresql_are_told_apart(
        driver_says: str, meant: str) -> None:
    from digigram.store.startup import _cannot_connect

    said = _cannot_connect("postgresql+psycopg://u@db.region.example/digigram", OSError(driver_says))
    assert meant in said.message("en")
    assert "no such database" not in said.message("en")


def test_a_service_no_service_file_describes_points_to_the_service_file(
        tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/regional.md's address `?service=rivne-analyst` before the service file was written: the
    Ukrainian message carried libpq's «connection is bad: definition of service … not found»."""
    pytest.importorskip("psycopg")
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path) + "/pg_service.conf")
    for service_file in (False, True):
        if service_file:
            with open(str(tmp_path) + "/pg_service.conf", "w", encoding="utf-8") as handle:
                handle.write("[rivne-import]\nhost=db.region.example\n")
        with pytest.raises(DigigramError) as caught:
            open_store(database_url="postgresql+psycopg:///?service=rivne-analyst")
        uk = caught.value.message("uk")
        assert "адреса називає службу, якої немає в жодному файлі служб" in uk, uk
        assert "~/.pg_service.conf" in uk and "docs/regional.md (розділ 4)" in uk
        assert "definition" not in uk and "not found" not in uk
