"""The terminal quiz chooses a new person's hub from the list, as the app does; it never makes one up."""

from __future__ import annotations

import io

import pytest

from digigram.cli.main import main
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.store.conftest import SMALL

NAME = "Центральна бібліотека"


def _quiz(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: Target, *args: str,
          lang: str = "en", stdin: str = "yes\n") -> tuple[int, str, str]:
    """The quiz for Olena with `args`; the input agrees, then ends before the first rating (nothing more)."""
    where = ["--data-dir", str(target.data_dir)] if target.is_sqlite else ["--database", target.url]
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["quiz", "--person", "Olena", "--framework", str(SMALL), *where, "--lang", lang, *args])
    out, err = capsys.readouterr()
    return code, out, err


def _open(target: Target) -> Workspace:
    return Workspace.open(**target.open_kwargs(), framework_path=SMALL)


def _hubs(target: Target) -> dict[str, str]:
    with _open(target) as ws:
        made = {"lviv": ws.add_hub(NAME, region_id="UA-46").id,
                "kharkiv": ws.add_hub(NAME, region_id="UA-63").id,
                "irpin": ws.add_hub("Хаб в Ірпені", region_id="UA-32").id}
    return made


def _stored(target: Target) -> tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]:
    with _open(target) as ws:
        return ([(h.name, h.region_id) for h in ws.hubs()],
                [(p.name, ws.person(p.id).hub_id) for p in ws.people()])


def test_a_new_person_joins_the_listed_hub_named_by_name_region_or_id(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: Target) -> None:
    made = _hubs(target)
    code, _out, err = _quiz(monkeypatch, capsys, target, "--hub", "хаб в ірпені")  # letter case aside
    assert (code, err) == (0, "")
    hubs, people = _stored(target)
    assert people == [("Olena", made["irpin"])] and len(hubs) == 3

    # Olena exists now: --hub does not move her, and says so.
    code, out, _ = _quiz(monkeypatch, capsys, target, "--hub", NAME, "--region", "UA-46", stdin="")
    assert code == 0 and "--hub is used only when a person is added" in out
    assert _stored(target)[1] == [("Olena", made["irpin"])]

    for args, hub in ((["--hub", NAME, "--region", "Харківська область"], "kharkiv"),
                      (["--hub", made["lviv"]], "lviv")):
        monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
        where = ["--data-dir", str(target.data_dir)] if target.is_sqlite else ["--database", target.url]
        person = f"Тарас {hub}"
        code = main(["quiz", "--person", person, "--framework", str(SMALL), *where, "--lang", "uk", *args])
        assert code == 0
        capsys.readouterr()
        assert (person, made[hub]) in _stored(target)[1]
    assert len(_stored(target)[0]) == 3  # no hub was added by any of it


def test_an_unknown_or_shared_hub_name_is_refused_with_the_list_and_nothing_is_stored(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: Target) -> None:
    made = _hubs(target)
    before = _stored(target)
    code, out, err = _quiz(monkeypatch, capsys, target, "--hub", "Бібліотека в Бучі")
    assert code == 2 and "agree" not in out  # refused before consent is even asked
    assert err.startswith("There is no hub 'Бібліотека в Бучі' on this computer. Hubs to choose from")
    assert f"  {NAME} (Lviv Oblast) — {made['lviv']}" in err
    assert f"  Хаб в Ірпені (Kyiv Oblast) — {made['irpin']}" in err
    assert "coordinator mode (Hubs…)" in err

    code, _out, err = _quiz(monkeypatch, capsys, target, "--hub", "Бібліотека в Бучі", lang="uk")
    assert code == 2 and err.startswith("На цьому компʼютері немає хабу «Бібліотека в Бучі».")
    assert f"  {NAME} (Львівська область) — {made['lviv']}" in err and "«Хаби…»" in err

    code, _out, err = _quiz(monkeypatch, capsys, target, "--hub", NAME)
    assert code == 2 and err.startswith(f"Several hubs are called '{NAME}':")
    assert "Kharkiv Oblast" in err and "Lviv Oblast" in err and "Kyiv Oblast" not in err and "--region" in err

    code, _out, err = _quiz(monkeypatch, capsys, target, "--hub", NAME, "--region", "UA-32")
    assert code == 2 and err.startswith(f"There is no hub '{NAME}' in Kyiv Oblast on this computer.")
    assert "Хаб в Ірпені" in err and "Lviv Oblast" not in err  # the hubs of that region are listed

    code, _out, err = _quiz(monkeypatch, capsys, target, "--hub", NAME, "--region", "Атлантида")
    assert code == 2 and "Unknown region 'Атлантида'" in err
    code, _out, err = _quiz(monkeypatch, capsys, target, "--region", "UA-46")
    assert code == 2 and "--region goes with --hub" in err
    assert _stored(target) == before and before[1] == []


def test_with_no_hubs_the_refusal_says_how_a_coordinator_adds_one(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: Target) -> None:
    code, _out, err = _quiz(monkeypatch, capsys, target, "--hub", "Мій хаб", lang="uk")
    assert code == 2 and err.startswith("На цьому компʼютері ще немає хабів, тож «Мій хаб» обрати не можна.")
    assert "«Хаби…», потім «Додати хаб…»" in err and "не вказуйте --hub" in err
    assert _stored(target) == ([], [])
    code, _out, err = _quiz(monkeypatch, capsys, target)  # without --hub: added without a hub
    assert code == 0 and _stored(target) == ([], [("Olena", None)])
