"""The regional roles of docs/regional.md on a real PostgreSQL: the owner migrates, the importer adds
results, the analyst reads and is told plainly when a write is refused."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from digigram.cli.main import main
from digigram.core.bundle.format import RECORD_FILES
from digigram.core.errors import StorageError
from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.workspace import Workspace
from digigram.store.startup import open_store
from tests.conftest import PostgreSQL, Target
from tests.coordinator.test_bundle_support import KEY, SMALL, make_hub, members

POSTGRESQL_ONLY = pytest.mark.parametrize("engine_name", ["postgresql"])  # roles are the server's
_SUFFIX = itertools.count(1)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two hubs' bundles."""
    base = tmp_path_factory.mktemp("roles")
    for n in (1, 2):
        make_hub(base / f"hub{n}", people=2, hub=f"Хаб {n}", seed=n)
        with Workspace.open(data_dir=base / f"hub{n}", framework_path=SMALL) as ws:
            export_bundle(ws, base / f"hub{n}.zip", key=KEY)
    return base / "hub1.zip", base / "hub2.zip"


def _as(url: str, role: str) -> str:
    return url.replace("://digigram_test@", f"://{role}@", 1)


@POSTGRESQL_ONLY
def test_owner_migrates_importer_adds_analyst_reads_and_a_refused_write_is_plain(
        new_target: Callable[..., Target], postgresql: PostgreSQL, bundles: tuple[Path, Path]) -> None:
    target = new_target(migrated=False)
    n = next(_SUFFIX)
    owner, importer, analyst = (f"digigram_{role}_{n}" for role in ("owner", "importer", "analyst"))
    database = target.url.split("@/", 1)[1].split("?", 1)[0]
    with postgresql.cluster.admin(database) as conn:  # docs/regional.md, section 2
        for role in (owner, importer, analyst):
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f'ALTER DATABASE "{database}" OWNER TO {owner}')
        conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {importer}, {analyst}")
        conn.execute(f"GRANT ALL ON SCHEMA public TO {owner}")
        conn.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {importer}')
        conn.execute(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC')
    open_store(database_url=_as(target.url, owner)).close()  # the owner's first run migrates
    with postgresql.cluster.admin(database) as conn:
        conn.execute(f"SET ROLE {owner}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {analyst}, {importer}")
        conn.execute("GRANT INSERT ON person, framework_snapshot, attempt, answer, check_answers, "
                     f"area_result, plan, plan_step, hub, check_summary TO {importer}")
        conn.execute(f"GRANT UPDATE ON plan, check_summary, person TO {importer}")
        conn.execute(f"GRANT UPDATE (region_set_at) ON hub TO {importer}")  # as docs/regional.md
        conn.execute(f"GRANT DELETE ON plan_step TO {importer}")

    report = import_bundle(open_store(database_url=_as(target.url, importer)), bundles[0], key=KEY,
                           framework_dir=SMALL.parent)
    assert report.added["attempts"] > 0

    engine = target.engine()
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM person")).scalar_one()
    with Workspace.open(database_url=_as(target.url, analyst), framework_path=SMALL) as ws:
        assert len(ws.people()) == before > 0  # reading works
        with pytest.raises(StorageError) as typed:
            ws.create_person("Нова людина", hub="Хаб Ірпінь")
        assert sum(import_bundle(ws, bundles[0], key=KEY).added.values()) == 0  # nothing new: no write
        with pytest.raises(StorageError) as imported:
            import_bundle(ws, bundles[1], key=KEY)
    for caught in (typed, imported):
        assert "read-only role" in caught.value.message("en")
        assert "лише для читання" in caught.value.message("uk")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM person")).scalar_one() == before
    engine.dispose()


def _roles(postgresql: PostgreSQL, target: Target) -> tuple[str, str, str]:
    """Owner, importer and analyst roles of docs/regional.md on a fresh database, migrated by the owner."""
    n = next(_SUFFIX)
    owner, importer, analyst = (f"digigram_{role}_{n}" for role in ("owner", "importer", "analyst"))
    database = target.url.split("@/", 1)[1].split("?", 1)[0]
    with postgresql.cluster.admin(database) as conn:
        for role in (owner, importer, analyst):
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f'ALTER DATABASE "{database}" OWNER TO {owner}')
        conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {importer}, {analyst}")
        conn.execute(f"GRANT ALL ON SCHEMA public TO {owner}")
    open_store(database_url=_as(target.url, owner)).close()
    with postgresql.cluster.admin(database) as conn:
        conn.execute(f"SET ROLE {owner}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {analyst}, {importer}")
        conn.execute("GRANT INSERT ON person, framework_snapshot, attempt, answer, check_answers, "
                     f"area_result, plan, plan_step, hub, check_summary TO {importer}")
        conn.execute(f"GRANT UPDATE ON plan, check_summary, person TO {importer}")
        conn.execute(f"GRANT UPDATE (region_set_at) ON hub TO {importer}")  # as docs/regional.md
        conn.execute(f"GRANT DELETE ON plan_step TO {importer}")
    return owner, importer, analyst


@POSTGRESQL_ONLY
def test_the_analyst_sees_the_dashboard_and_the_programme_and_nothing_is_written(
        new_target: Callable[..., Target], postgresql: PostgreSQL, bundles: tuple[Path, Path],
        tmp_path: Path) -> None:
    target = new_target(migrated=False)
    owner, importer, analyst = _roles(postgresql, target)
    for bundle in bundles:
        import_bundle(open_store(database_url=_as(target.url, importer)), bundle, key=KEY,
                      framework_dir=SMALL.parent)
    engine = target.engine()
    with engine.connect() as conn:
        people = conn.execute(text("SELECT count(*) FROM person")).scalar_one()
        checks = conn.execute(text("SELECT count(*) FROM attempt WHERE status = 'finished'")).scalar_one()
        assert conn.execute(text("SELECT count(*) FROM check_summary")).scalar_one() == 0
    with Workspace.open(database_url=_as(target.url, owner), framework_path=SMALL) as ws:
        ws.set_coordinator_password("пароль-аналітика")

    with Workspace.open(database_url=_as(target.url, analyst), framework_path=SMALL) as ws:
        co = ws.unlock_coordinator("пароль-аналітика")
        heard: list[tuple[int, int]] = []
        co.prepare_summaries(lambda done, total: heard.append((done, total)))
        assert heard == []  # the role could store none: not worked out for nothing before the first page
        board = co.dashboard()
        assert len(board.rows) == people and sum(r.checks for r in board.rows) == checks
        assert board.note is not None and "only read" in board.note.render("en")
        # The table's pages too, worked out in memory the same way, counted whole.
        page = co.dashboard(offset=1, limit=2, figures=False)
        assert page.rows == board.rows[1:3] and page.total == people and page.note == board.note
        assert page.needing_help == sum(r.needs_help for r in board.rows)
        assert "лише читати" in board.note.render("uk")
        picture = ws.programme(min_answers=1)
        assert picture.trainees == people and picture.checks == checks and picture.hardest
    for name in ("programme.pdf", "programme.csv"):  # the report command as the analyst
        assert main(["report", "--database", _as(target.url, analyst), "--framework", str(SMALL),
                     "--out", str(tmp_path / name), "--lang", "en"]) == 0
        assert (tmp_path / name).stat().st_size > 0
    with engine.connect() as conn:  # the analyst wrote nothing
        assert conn.execute(text("SELECT count(*) FROM check_summary")).scalar_one() == 0

    # An account that may write stores the summaries once; the same figures come from them.
    with Workspace.open(database_url=_as(target.url, importer), framework_path=SMALL) as ws:
        stored = ws.unlock_coordinator("пароль-аналітика").dashboard()
    assert stored.note is None and stored.rows == board.rows and stored.hard_questions == board.hard_questions
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM check_summary")).scalar_one() == checks
    engine.dispose()


@POSTGRESQL_ONLY
def test_the_importer_carries_a_corrected_hub_region(
        new_target: Callable[..., Target], postgresql: PostgreSQL, tmp_path: Path) -> None:
    from tests.coordinator.conftest import PASSWORD

    target = new_target(migrated=False)
    _owner, importer, _analyst = _roles(postgresql, target)
    with Workspace.open(data_dir=tmp_path / "pc", framework_path=SMALL) as pc:
        pc.set_coordinator_password(PASSWORD)
        hub = pc.add_hub("Хаб у Бучі", region_id="UA-46")
        person = pc.create_person("Ольга Левицька", hub_id=hub.id)
        export_bundle(pc, tmp_path / "wrong.zip", key=KEY)
        pc.unlock_coordinator(PASSWORD).set_hub_region(hub.id, "UA-32")
        export_bundle(pc, tmp_path / "right.zip", key=KEY)
    database = target.url.split("@/", 1)[1].split("?", 1)[0]
    with postgresql.cluster.admin(database) as conn:  # the right hub is there already, from before 0008
        conn.execute("INSERT INTO hub (id, name, region_id) VALUES "
                     "('00000000-0000-4000-8000-0000000000aa', 'Хаб у Бучі', 'UA-32')")
    store = open_store(database_url=_as(target.url, importer))
    try:  # with the rights docs/regional.md grants the importer, the correction lands
        import_bundle(store, tmp_path / "wrong.zip", key=KEY, framework_dir=SMALL.parent)
        report = import_bundle(store, tmp_path / "right.zip", key=KEY, framework_dir=SMALL.parent, lang="en")
    finally:
        store.close()
    assert any("is now in Kyiv Oblast for 1 person" in w for w in report.warnings)
    engine = target.engine()
    with engine.connect() as conn:
        moved = conn.execute(text("SELECT h.id, h.region_id, h.region_set_at FROM person p JOIN hub h "
                                  "ON h.id = p.hub_id WHERE p.id = :id"), {"id": person.id}).one()
    engine.dispose()
    assert moved[:2] == ("00000000-0000-4000-8000-0000000000aa", "UA-32")
    assert moved[2] is not None  # the hub now has the correction's date: older bundles cannot undo it


@POSTGRESQL_ONLY
def test_an_account_without_rights_on_the_tables_is_told_whom_to_ask_not_shown_a_traceback(
        new_target: Callable[..., Target], postgresql: PostgreSQL, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = new_target(migrated=False)
    _roles(postgresql, target)  # the roles of docs/regional.md, the schema migrated
    database = target.url.split("@/", 1)[1].split("?", 1)[0]
    n = next(_SUFFIX)
    nobody, forgotten = f"digigram_nobody_{n}", f"digigram_forgotten_{n}"
    with postgresql.cluster.admin(database) as conn:
        conn.execute(f"CREATE ROLE {nobody} LOGIN")  # CONNECT only: no USAGE on the schema
        conn.execute(f"CREATE ROLE {forgotten} LOGIN")
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {forgotten}")  # the GRANT of SELECT forgotten
    for role in (nobody, forgotten):
        url = _as(target.url, role)
        en, uk = _refused_at_open(url)
        assert "does not let this account read Digigram's tables" in en and "docs/regional.md" in en
        assert "не дає цьому обліковому запису читати таблиці Digigram" in uk
        for command in (["report", "--out", str(tmp_path / "r.csv")], ["people"]):
            capsys.readouterr()
            assert main([*command, "--database", url, "--framework", str(SMALL), "--lang", "uk"]) == 2
            said = capsys.readouterr()
            assert "Traceback" not in said.err + said.out
            assert "адміністратора" in said.err and "docs/regional.md" in said.err
            assert "Error" not in said.err  # no driver class names
            assert not (tmp_path / "r.csv").exists()
    with target.engine().connect() as conn:  # nothing was created in the schema by the refused roles
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


def _refused_at_open(url: str) -> tuple[str, str]:
    """The refusal opening `url` gives, in English and Ukrainian."""
    with pytest.raises(StorageError) as refused:
        open_store(database_url=url)
    return refused.value.message("en"), refused.value.message("uk")


@POSTGRESQL_ONLY
@pytest.mark.parametrize("kind", ["no CREATE", "read-only transactions"])
def test_an_account_that_may_only_read_is_told_to_have_the_owner_set_up_an_empty_database(
        new_target: Callable[..., Target], postgresql: PostgreSQL,
        capsys: pytest.CaptureFixture[str], kind: str) -> None:
    """Before the owner's first run (or after an update of Digigram, before the owner's) the importer's or
    analyst's command tried the migration itself and ended in a traceback. A role whose transactions are
    read-only (default_transaction_read_only) may hold every right and still not create a table."""
    target = new_target(migrated=False)
    database = target.url.split("@/", 1)[1].split("?", 1)[0]
    reader = f"digigram_reader_{next(_SUFFIX)}"
    with postgresql.cluster.admin(database) as conn:
        conn.execute(f"CREATE ROLE {reader} LOGIN")
        if kind == "no CREATE":
            conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
            conn.execute(f"GRANT USAGE ON SCHEMA public TO {reader}")
        else:
            conn.execute(f"GRANT ALL ON SCHEMA public TO {reader}")
            conn.execute(f"ALTER ROLE {reader} SET default_transaction_read_only = on")
    url = _as(target.url, reader)
    en, uk = _refused_at_open(url)
    assert "must first be brought up to date" in en and "owner role" in en
    assert "спершу треба оновити" in uk
    assert main(["people", "--database", url, "--framework", str(SMALL), "--lang", "en"]) == 2
    said = capsys.readouterr()
    assert "owner role" in said.err and "Traceback" not in said.err + said.out


@POSTGRESQL_ONLY
def test_a_role_that_may_not_write_is_told_so_when_a_bundle_brings_a_hub_the_region_lacks(
        new_target: Callable[..., Target], postgresql: PostgreSQL, bundles: tuple[Path, Path]) -> None:
    """The analyst may stage (TEMPORARY, as PUBLIC has it): the new hub's INSERT is refused on the staging
    connection while the next batch is queued behind it, and that batch's "transaction is aborted" was
    said instead of the refusal."""
    target = new_target(migrated=False)
    _owner, importer, analyst = _roles(postgresql, target)
    import_bundle(open_store(database_url=_as(target.url, importer)), bundles[0], key=KEY,
                  framework_dir=SMALL.parent)
    engine = target.engine()
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM hub")).scalar_one()
    with pytest.raises(StorageError) as refused:
        import_bundle(open_store(database_url=_as(target.url, analyst)), bundles[1], key=KEY,
                      framework_dir=SMALL.parent)
    assert "read-only role" in refused.value.message("en")
    assert "лише для читання" in refused.value.message("uk")
    assert "InFailedSqlTransaction" not in refused.value.message("en")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM hub")).scalar_one() == before
    engine.dispose()


@POSTGRESQL_ONLY
def test_an_importer_without_temporary_tables_imports_in_two_passes_the_same_rows(
        new_target: Callable[..., Target], postgresql: PostgreSQL, bundles: tuple[Path, Path],
        tmp_path: Path) -> None:
    """A region may leave TEMPORARY out of the importer's rights: the import then verifies, compares and
    writes in two passes, as on SQLite, packing each check's answers all the same. What it stores reads
    back as the bundle has it, and importing again adds nothing."""
    target = new_target(migrated=False)
    _owner, importer, _analyst = _roles(postgresql, target)
    database = target.url.split("@/", 1)[1].split("?", 1)[0]
    with postgresql.cluster.admin(database) as conn:
        conn.execute(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC')
    store = open_store(database_url=_as(target.url, importer))
    try:
        first = import_bundle(store, bundles[0], key=KEY, framework_dir=SMALL.parent)
        again = import_bundle(store, bundles[0], key=KEY, framework_dir=SMALL.parent)
        export_bundle(store, tmp_path / "back.zip", key=KEY)
    finally:
        store.close()
    counts = json.loads(members(bundles[0])["manifest.json"])["counts"]
    assert first.added["attempts"] > 0 and sum(again.added.values()) == 0
    for kind in ("people", "attempts", "answers", "results", "plans", "plan_steps"):
        assert first.added[kind] == counts[kind], kind  # every row counted once, as the server added it
    engine = target.engine()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM answer")).scalar_one() == 0  # packed, not rows
        packed = conn.execute(text("SELECT count(*) FROM check_answers")).scalar_one()
    engine.dispose()
    assert packed == first.added["attempts"]
    sent, back = members(bundles[0]), members(tmp_path / "back.zip")
    for kind in ("attempts", "answers", "results"):
        assert back[RECORD_FILES[kind]] == sent[RECORD_FILES[kind]], kind
