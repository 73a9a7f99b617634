"""The terminal quiz and the people, export and restore commands, driven through piped input."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from digigram.cli.main import main
from digigram.core import paths
from digigram.core.answer_order import display_order
from digigram.core.loader import load_framework
from digigram.store import backup
from tests.conftest import Target
from tests.store.conftest import SMALL

FW = load_framework(SMALL)
ITEM = re.compile(r"\[([A-Z0-9.\-]+)\]")
PINNED_ATTEMPT = "6f1c2a9e-3b47-4d85-9e0a-5c7d1b2e4f60"


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path,
         *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main([*args, "--data-dir", str(data_dir), "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def _quiz(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path,
          stdin: str, person: str = "Olena") -> tuple[int, str]:
    code, out, _ = _cli(monkeypatch, capsys, data_dir, "quiz", "--person", person,
                        "--framework", str(SMALL), stdin=stdin)
    return code, out


def _valid_line(item_id: str) -> str:
    item = FW.item(item_id)
    if item.select == "many" and not item.on_scale:
        return "1,3"
    return "2"


class Responder(io.TextIOBase):
    """Standard input that answers what the quiz has just printed, as a person at the keyboard would."""

    def __init__(self, capsys: pytest.CaptureFixture[str], policy: Callable[[str], list[str]]) -> None:
        self.capsys, self.policy = capsys, policy
        self.transcript = ""
        self.queue: list[str] = []

    def readline(self, size: int | None = -1) -> str:
        if not self.queue:
            new = self.capsys.readouterr().out
            self.transcript += new
            self.queue = self.policy(new)
        return self.queue.pop(0) + "\n" if self.queue else ""


def _with_bad_lines(new: str) -> list[str]:
    """Answer everything validly, each after a few lines the quiz must refuse and explain."""
    if "Do you agree" in new:
        return ["maybe", "yes"]
    if "How would you now rate" in new:
        return ["8"]
    if "How would you rate" in new:
        return ["eleven", "7"]
    found = ITEM.findall(new)
    if found:
        item_id = found[-1]
        many = FW.item(item_id).select == "many"
        return ["", "abc", "99", "1,1,1" if many else "1,2", _valid_line(item_id)]
    return []


def test_the_terminal_quiz_end_to_end_with_invalid_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: Target
) -> None:
    where = ["--data-dir", str(target.data_dir)] if target.is_sqlite else ["--database", target.url]
    # The options' order comes from the attempt's id. A random id leaves every shown question's second
    # option where the file has it about once in a few hundred runs, and the check of stored positions
    # below proves nothing then; this id shuffles them.
    monkeypatch.setattr("digigram.store.repo.attempts.new_id", lambda: PINNED_ATTEMPT)
    stdin = Responder(capsys, _with_bad_lines)
    monkeypatch.setattr("sys.stdin", stdin)
    code = main(["quiz", "--person", "Olena", "--framework", str(SMALL), *where, "--lang", "en"])
    out = stdin.transcript + capsys.readouterr().out
    assert code == 0
    assert "Type yes or no." in out
    assert "Please give a number from 1 to 10." in out
    assert "Type the number of your answer." in out
    assert "Please type answer numbers as digits." in out
    assert "The number must be from" in out
    assert "Only one answer is wanted here." in out or "A number was given twice." in out
    shown = ITEM.findall(out)
    assert len(shown) == len(set(shown)) > 0  # each question shown once, asked again after a bad line
    for area in FW.areas:
        assert re.search(rf"  {area.id} .*: level \w+ \(band [\w–]+\), target \w+, gap \d; you said \w+", out)
    assert ("What you said about yourself fits what your answers showed." in out
            or "Over all areas together, what you said about yourself is close to what your answers showed. "
               "The two levels differ in: “" in out
            or "Overall you rated yourself higher than your answers showed." in out
            or "Overall your answers showed more than you gave yourself credit for." in out)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["export", "--person", "Olena", "--framework", str(SMALL), *where, "--lang", "en"])
    data = json.loads(capsys.readouterr().out)
    (attempt,) = data["attempts"]
    assert attempt["status"] == "finished"
    assert [a["item_id"] for a in attempt["answers"]] == shown
    # Lines "2" and "1,3" name printed positions; the options were printed in the attempt's own order
    # (scale points in theirs), and what is stored is the option's place in the file.
    def stored(item_id: str) -> object:
        item = FW.item(item_id)
        order = list(range(5)) if item.on_scale else display_order(attempt["id"], item)
        return sorted([order[0], order[2]]) if item.select == "many" and not item.on_scale else order[1]

    assert attempt["id"] == PINNED_ATTEMPT
    assert [a["choice"] for a in attempt["answers"]] == [stored(i) for i in shown]
    assert any(stored(i) != 1 for i in shown if not FW.item(i).on_scale)
    assert (attempt["rating_before"], attempt["rating_after"]) == (7, 8)
    assert [a["area_id"] for a in attempt["areas"]] == [a.id for a in FW.areas]


def test_q_and_end_of_input_pause_and_a_rerun_resumes_at_the_same_question(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out = _quiz(monkeypatch, capsys, data_dir, "yes\n5\n2\n2\nq\n")
    assert code == 0 and "paused" in out
    waiting = ITEM.findall(out)[-1]
    code, out = _quiz(monkeypatch, capsys, data_dir, "")  # end of input pauses too
    assert "Resuming the check: 2 answered so far." in out
    assert "agree" not in out and "rate" not in out  # consent and rating are not asked again
    assert ITEM.findall(out) == [waiting]
    code, out = _quiz(monkeypatch, capsys, data_dir, _valid_line(waiting) + "\nq\n")
    assert ITEM.findall(out)[0] == waiting and len(ITEM.findall(out)) == 2
    code, out, _ = _cli(monkeypatch, capsys, data_dir, "export", "--person", "Olena",
                        "--framework", str(SMALL))
    (attempt,) = json.loads(out)["attempts"]
    assert attempt["n_answers"] == 3 and attempt["status"] == "in_progress"


def test_without_consent_nothing_is_stored(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out = _quiz(monkeypatch, capsys, data_dir, "no\n")
    assert code == 1
    code, out, _ = _cli(monkeypatch, capsys, data_dir, "people", "--framework", str(SMALL))
    assert "Nobody is stored yet." in out


def test_people_lists_and_export_refuses_an_unknown_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    _quiz(monkeypatch, capsys, data_dir, "yes\n\n1\nq\n", person="Андрій")
    code, out, _ = _cli(monkeypatch, capsys, data_dir, "people", "--framework", str(SMALL))
    assert code == 0 and "Андрій: role Librarian, 0 finished, 1 unfinished" in out  # the role's name
    code, out, err = _cli(monkeypatch, capsys, data_dir, "export", "--person", "Nobody",
                          "--framework", str(SMALL))
    assert code == 2 and "There is nobody named 'Nobody'" in err


def test_a_damaged_database_points_to_restore_which_brings_the_data_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    _quiz(monkeypatch, capsys, data_dir, "yes\n\n1\nq\n")
    _cli(monkeypatch, capsys, data_dir, "people", "--framework", str(SMALL))  # backs the answer up
    db = paths.database_path(data_dir)
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    db.write_bytes(b"\x00garbage" * 1000)
    code, out, err = _cli(monkeypatch, capsys, data_dir, "people", "--framework", str(SMALL))
    assert code == 2 and "digigram restore" in err and "Traceback" not in err
    code, out, _ = _cli(monkeypatch, capsys, data_dir, "restore")
    assert code == 0 and "1. " in out and "digigram restore N" in out
    code, out, _ = _cli(monkeypatch, capsys, data_dir, "restore", "1")
    assert code == 0 and "kept as" in out
    kept = list(data_dir.glob("digigram.sqlite3.aside-*"))
    assert [k.read_bytes() for k in kept if not k.name.endswith(("-wal", "-shm"))] == [b"\x00garbage" * 1000]
    code, out, _ = _cli(monkeypatch, capsys, data_dir, "people", "--framework", str(SMALL))
    assert "Olena: role Librarian, 0 finished, 1 unfinished" in out
    assert backup.list_backups(paths.backup_dir(data_dir))


def test_terminal_says_how_to_pause_and_finds_names_in_any_case(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out = _quiz(monkeypatch, capsys, data_dir, "yes\n\nq\n", person="Олена Ґудзь")
    assert "q — pause (answers are kept; go on later)" in out  # said before the first answer is typed
    code, out, err = _cli(monkeypatch, capsys, data_dir, "export", "--person", "олена ҐУДЗЬ",
                          "--framework", str(SMALL))
    assert code == 0, err
    assert json.loads(out)["person"]["name"] == "Олена Ґудзь"


def test_help_is_ukrainian_under_lang_uk(capsys: pytest.CaptureFixture[str]) -> None:
    from digigram.cli.help_uk import translate_parser
    from digigram.cli.main import build_parser

    assert translate_parser(build_parser()) == []  # every help line of every command has a translation
    for args in (["--help"], ["quiz", "--help"], ["bundle", "export", "--help"]):
        with pytest.raises(SystemExit):
            main([*args, "--lang", "uk"])
        out = capsys.readouterr().out
        assert out.startswith("використання: digigram")
        assert "show this help" not in out and "параметри:" in out


def test_the_backup_list_is_in_ukrainian(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """`digigram --lang uk restore` listed «start … KB»: why and how big, now in the reader's words."""
    _quiz(monkeypatch, capsys, data_dir, "yes\n\n1\nq\n")
    _cli(monkeypatch, capsys, data_dir, "people", "--framework", str(SMALL))  # backs the answer up
    assert main(["--lang", "uk", "restore", "--data-dir", str(data_dir)]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  1. ")]
    assert len(listed) == 1 and "під час запуску" in listed[0] and " КБ  " in listed[0]
    assert "start " not in listed[0] and " KB" not in listed[0]


def test_delete_and_export_refuse_a_name_two_hubs_share_until_the_hub_is_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A coordinator's PC holds several hubs: `delete --person` erased the earlier of two namesakes."""
    from digigram.services.workspace import Workspace

    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.set_coordinator_password("пароль координатора")
        first = ws.create_person("Ярослав Шевчук", hub="Волинська обл., хаб 01")
        second = ws.create_person("Ярослав Шевчук", hub="Київ, хаб 40")
    monkeypatch.setattr("sys.stdin", io.StringIO("пароль координатора\n"))
    assert main(["--lang", "uk", "delete", "--person", "ярослав шевчук", "--data-dir", str(data_dir)]) == 2
    said = capsys.readouterr().err
    assert "Імʼя «ярослав шевчук» мають кілька людей (2; хаби: Волинська обл., хаб 01; Київ, хаб 40)" in said
    assert "Додайте --hub" in said
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert {p.id for p in ws.people()} == {first.id, second.id}  # nobody was erased
    monkeypatch.setattr("sys.stdin", io.StringIO("пароль координатора\n"))
    assert main(["--lang", "uk", "delete", "--person", "Ярослав Шевчук", "--hub", "Київ, хаб 40",
                 "--data-dir", str(data_dir)]) == 0
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert [p.id for p in ws.people()] == [first.id]
    # the rebuild of a region's file takes a while: said before it starts, not only when it is done
    assert capsys.readouterr().err.endswith(
        "Видалення й перезапис даних у файлі бази даних (у великій базі це може тривати хвилину)…\n")
    assert main(["--lang", "en", "export", "--person", "Ярослав Шевчук", "--data-dir", str(data_dir),
                 "--framework", str(SMALL)]) == 0
    assert json.loads(capsys.readouterr().out)["person"]["id"] == first.id


def test_delete_and_export_tell_apart_namesakes_in_hubs_of_one_name_by_region(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Two regions each with a «Центральна бібліотека», a namesake in each: --hub named both, and the
    refusal asked for --hub again, so neither could be erased or exported from the command line."""
    from digigram.services.workspace import Workspace

    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.set_coordinator_password("пароль координатора")
        kyiv = ws.add_hub("Центральна бібліотека", region_id="UA-32")
        lviv = ws.add_hub("Центральна бібліотека", region_id="UA-46")
        first = ws.create_person("Ярослав Шевчук", hub_id=kyiv.id)
        ws.create_person("Ярослав Шевчук", hub_id=lviv.id)
    hub = ["--hub", "Центральна бібліотека"]
    monkeypatch.setattr("sys.stdin", io.StringIO("пароль координатора\n"))
    assert main(["--lang", "uk", "delete", "--person", "Ярослав Шевчук", *hub,
                 "--data-dir", str(data_dir)]) == 2
    said = capsys.readouterr().err
    assert "UA-32, UA-46" in said and "--region" in said and "Додайте --hub" not in said
    monkeypatch.setattr("sys.stdin", io.StringIO("пароль координатора\n"))
    assert main(["--lang", "uk", "delete", "--person", "Ярослав Шевчук", *hub, "--region", "UA-46",
                 "--data-dir", str(data_dir)]) == 0
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert [p.id for p in ws.people()] == [first.id]
    capsys.readouterr()
    assert main(["--lang", "en", "export", "--person", "Ярослав Шевчук", *hub, "--region", "UA-46",
                 "--data-dir", str(data_dir), "--framework", str(SMALL)]) == 2
    said = capsys.readouterr().err
    assert "Nobody named 'Ярослав Шевчук' is in the hub 'Центральна бібліотека (UA-46)'" in said
    assert main(["--lang", "en", "export", "--person", "Ярослав Шевчук", *hub, "--region", "UA-32",
                 "--data-dir", str(data_dir), "--framework", str(SMALL)]) == 0
    assert json.loads(capsys.readouterr().out)["person"]["id"] == first.id


def test_namesakes_in_one_hub_are_listed_by_id_and_chosen_by_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Two people of one name in one hub: the refusal asked for --hub, which named them both, so neither
    could be erased or exported. It now lists each by id with what tells them apart, and --person takes
    the id. A PIN holder's checks stay theirs to tell, as in `digigram people`."""
    from digigram.services.workspace import Workspace

    hub = "Київ, хаб 40"
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.set_coordinator_password("пароль координатора")
        checked = ws.create_person("Ярослав Шевчук", hub=hub)
        ws.start_quiz(checked.id, mode="quick")
        ws.start_quiz(checked.id, mode="quick")
        new = ws.create_person("Ярослав Шевчук", hub=hub)
        pinned = ws.create_person("Ярослав Шевчук", hub=hub, pin="2468")
        ws.start_quiz(pinned.id, mode="quick")
    for lang, lines in (("uk", {checked.id: "2 перевірки, перша — ", new.id: "перевірок ще не було",
                                pinned.id: "захищено PIN"}),
                        ("en", {checked.id: "2 checks, the first on ", new.id: "no checks yet",
                                pinned.id: "protected by a PIN"})):
        for command in (["delete"], ["export", "--framework", str(SMALL)]):
            monkeypatch.setattr("sys.stdin", io.StringIO("пароль координатора\n"))
            assert main(["--lang", lang, *command, "--person", "Ярослав Шевчук", "--hub", hub,
                         "--data-dir", str(data_dir)]) == 2
            said = capsys.readouterr().err
            assert "--person" in said and "--hub" not in said, said
            listed = {line.split()[0]: line for line in said.splitlines() if line.startswith("  ")}
            assert set(listed) == set(lines), said
            for person_id, about in lines.items():
                assert about in listed[person_id], said
            assert "2 checks" not in listed[pinned.id] and "1 check" not in listed[pinned.id]
    assert main(["--lang", "en", "export", "--person", new.id, "--data-dir", str(data_dir),
                 "--framework", str(SMALL)]) == 0
    assert json.loads(capsys.readouterr().out)["person"]["id"] == new.id
    monkeypatch.setattr("sys.stdin", io.StringIO("пароль координатора\n"))
    assert main(["--lang", "uk", "delete", "--person", f" {checked.id} ", "--data-dir", str(data_dir)]) == 0
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert {p.id for p in ws.people()} == {new.id, pinned.id}
