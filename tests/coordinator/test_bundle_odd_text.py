"""Text with the characters a database load reads specially (tab, newline, backslash, and more) arrives
exactly as the hub wrote it, on SQLite and on a real PostgreSQL server (where it travels as COPY text)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from digigram.services.bundles.importer import export_bundle, import_bundle
from digigram.services.bundles.rows import json_text
from digigram.services.bundles.stage import _words_json, copy_line_maker, copy_text
from digigram.services.workspace import Workspace
from tests.conftest import Target
from tests.coordinator.test_bundle_support import KEY, SMALL, make_hub

# Each one a value a load could break: the COPY format's own characters, its NULL and end-of-data marks
# written as text, other control characters, Cyrillic, emoji (one joined by zero-width joiners), and the
# empty text, which must stay empty rather than become NULL.
ODD = ["таб\tтут", "рядок\nдругий", "повернення\r\nкаретки", "скісна \\ риска", "\\N", "\\.", "\\\\t",
       "верт\x0bикальна\x0cподача\x08", "Київ — Ірпінь «хаб»", "емодзі 🙂 👩\u200d👩\u200d👧", "",
       " пробіли ", "кінець\\"]


def _make_odd_hub(folder: Path) -> None:
    make_hub(folder, people=len(ODD) // 2 + 1)
    con = sqlite3.connect(folder / "digigram.sqlite3")
    try:
        people = [r[0] for r in con.execute("SELECT id FROM person WHERE name LIKE 'Слухач%' ORDER BY id")]
        for n, pid in enumerate(people):
            con.execute("UPDATE person SET name = ?, group_tag = ?, profile_id = NULL WHERE id = ?",
                        (ODD[(2 * n) % len(ODD)] or "x", ODD[(2 * n + 1) % len(ODD)], pid))
        steps = [r[0] for r in con.execute("SELECT id FROM plan_step ORDER BY id")]
        for n, sid in enumerate(steps):
            con.execute("UPDATE plan_step SET goal = ?, notes = ?, coordinator_comment = ?, "
                        "resource_id = NULL, due = NULL WHERE id = ?",
                        (ODD[n % len(ODD)], ODD[(n + 1) % len(ODD)], ODD[(n + 2) % len(ODD)], sid))
        con.commit()
    finally:
        con.close()


def _texts(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return sorted(rows, key=repr)


def test_odd_text_and_nulls_arrive_byte_for_byte(tmp_path: Path, target: Target) -> None:
    source = tmp_path / "hub"
    _make_odd_hub(source)
    bundle = tmp_path / "hub.zip"
    with Workspace.open(data_dir=source, framework_path=SMALL) as ws:
        export_bundle(ws, bundle, key=KEY)
    with Workspace.open(**target.open_kwargs(), framework_path=SMALL) as ws:
        report = import_bundle(ws, bundle, key=KEY)
    assert report.added["people"] > 0 and report.added["plan_steps"] > 0
    people = "SELECT id, name, group_tag, profile_id FROM person WHERE name != 'Незавершена'"
    steps = "SELECT id, goal, notes, coordinator_comment, resource_id, due FROM plan_step"
    con = sqlite3.connect(source / "digigram.sqlite3")
    try:
        mine = {q: _texts(con.execute(q).fetchall()) for q in (people, steps)}
    finally:
        con.close()
    engine = target.engine()
    with engine.connect() as conn:
        theirs = {q: _texts([tuple(r) for r in conn.execute(text(q))]) for q in (people, steps)}
    engine.dispose()
    for query in (people, steps):
        assert theirs[query] == mine[query]
    found = {value for row in theirs[people] + theirs[steps] for value in row}
    assert set(ODD) - {""} <= found and "" in found and None in found


def test_copy_text_escapes_what_the_format_reads_specially() -> None:
    assert copy_text("a\\b\tc\nd\re") == "a\\\\b\\tc\\nd\\re"
    line = copy_line_maker("plan_steps")({
        "id": "00000000-0000-4000-8000-000000000004", "plan_id": "00000000-0000-4000-8000-000000000003",
        "position": 0, "competence_id": "DOC.1", "goal": "\\N", "resource_id": None, "due": None,
        "status": "planned", "notes": "рядок\nдругий 🙂", "coordinator_comment": ""})
    assert line == ("00000000-0000-4000-8000-000000000004\t00000000-0000-4000-8000-000000000003\t0\tDOC.1\t"
                    "\\\\N\t\\N\t\\N\tplanned\tрядок\\nдругий 🙂\t\n")


def test_lists_of_words_are_written_as_the_repository_writes_them() -> None:
    for words in ([], ["B1"], ["B1", "C1"], ["a b", "~"], ['q"'], ["b\\"], ["\x7f"], ["Ї"], ["\t"],
                  ["z", "a"]):
        for name in ("band", "excluded"):
            assert _words_json(name, words) == json_text(name, words), (name, words)
