"""Shared pieces for the bundle tests: a hub's data, content dumps, and re-sealing altered bundles."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from digigram.core.bundle.format import MANIFEST, RECORD_FILES, SIGNATURE, regional_key, sha256, sign
from digigram.core.records import PlanStep
from digigram.services.workspace import Workspace
from digigram.store.db import make_engine, make_sessions
from digigram.store.models import ANSWERS, Base
from digigram.store.startup import Store
from tests.conftest import Target
from tests.store.helpers import some_choice

SMALL = Path(__file__).resolve().parents[1] / "frameworks" / "store_small.yaml"
KEY = regional_key("Рівненська обласна бібліотека 2025")
OTHER_KEY = regional_key("зовсім інша фраза для ключа")


def make_hub(folder: Path, *, people: int = 4, hub: str = "Хаб Ірпінь", seed: int = 1,
             framework: Path = SMALL) -> dict[str, Any]:
    """A data folder with people who took checks (some twice) and saved plans; returns their results."""
    results: dict[str, Any] = {}
    with Workspace.open(data_dir=folder, framework_path=framework) as ws:
        for n in range(people):
            person = ws.create_person(f"Слухач {n} «{hub}»", hub=hub if n % 3 else "Хаб Буча",
                                      group=f"група {n % 2}", pin="1234" if n == 0 else None)
            for round_ in range(1 + n % 2):
                quiz = ws.start_quiz(person.id, seed=seed * 100 + n * 10 + round_, rating_before=3 + n % 5)
                rng = random.Random(seed + n + round_)
                while (item := quiz.current_item) is not None:
                    quiz.answer(some_choice(ws.framework, item, rng), seconds=2.5 + n)
                quiz.finish(rating_after=8)
                results[quiz.attempt_id] = ws.results_for(quiz.attempt_id)
            plan = ws.suggest_plan(quiz.attempt_id, lang="uk")
            if plan.steps:
                first = plan.steps[0]
                steps = (PlanStep(competence_id=first.competence_id, goal=first.goal + " ✓",
                                  resource_id=first.resource_id, status="in_progress", notes="нотатка"),
                         *plan.steps[1:])
                plan = type(plan)(person_id=plan.person_id, steps=steps, attempt_id=plan.attempt_id)
            ws.save_plan(person.id, plan)
        ws.start_quiz(ws.create_person("Незавершена").id, seed=5)  # an unfinished check stays home
    return results


def open_plain_store(folder: Path) -> Store:
    """The data folder's database without the start-up backup, for tests that open it many times."""
    db = folder / "digigram.sqlite3"
    engine = make_engine(f"sqlite:///{db}")
    return Store(engine, make_sessions(engine), f"sqlite:///{db}", db, folder / "backups")


def dump(folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted: equal dumps mean equal content, whatever the file's layout."""
    con = sqlite3.connect(f"file:{folder / 'digigram.sqlite3'}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def dump_target(target: Target, *, skip: dict[str, tuple[str, ...]] | None = None,
                ) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows as typed values through the models, sorted: comparable across engines.

    "answer" is every stored answer, as the app reads them (the view of `answer` and the packed
    `check_answers`, revision 0013); "check_answers" is that table's own rows.
    """
    engine = target.engine()
    try:
        with engine.connect() as conn:
            out = {}
            for name, table in Base.metadata.tables.items():
                source = ANSWERS if name == "answer" else table
                cols = [source.c[c.name] for c in table.c if c.name not in (skip or {}).get(name, ())]
                out[name] = sorted((tuple(r) for r in conn.execute(select(*cols))), key=repr)
            return out
    finally:
        engine.dispose()


def backups(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "backups").glob("*"))


def copy_folder(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def lines(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def as_jsonl(records: Iterable[Any]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def reseal(files: dict[str, bytes], *, key: bytes | None = KEY,
           manifest: dict[str, Any] | None = None) -> dict[str, bytes]:
    """Hashes, counts and signature made to fit the (altered) files, as a forger holding the key could."""
    meta = manifest if manifest is not None else json.loads(files[MANIFEST])
    for kind, name in RECORD_FILES.items():
        if name in files:
            meta["files"][name] = sha256(files[name])
            meta["counts"][kind] = files[name].count(b"\n")
    meta["signed"] = key is not None
    out = dict(files)
    out[MANIFEST] = json.dumps(meta, ensure_ascii=False).encode("utf-8")
    out.pop(SIGNATURE, None)
    if key is not None:
        out[SIGNATURE] = sign(out[MANIFEST], key).encode("ascii")
    return out


def write_zip(path: Path, entries: Iterable[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def child_left_of_killed_import(script: str, *args: str | Path, folder: Path) -> int:
    """Runs `script` (given `args` and then a file to write a child's pid into) in a Python of its own,
    which must end killed by SIGKILL; returns that child's pid."""
    said = folder / "child"
    command = [sys.executable, "-c", script, *map(str, args), str(said)]
    with (folder / "stderr").open("w") as err:  # a file, not a pipe a left-behind child would hold open
        done = subprocess.run(command, cwd=Path(__file__).resolve().parents[2], stdout=subprocess.DEVNULL,
                              stderr=err, timeout=120)
    assert done.returncode == -signal.SIGKILL, (folder / "stderr").read_text()
    return int(said.read_text())


def ends_soon(pid: int, *, within: float = 20) -> bool:
    """Whether process `pid` stops running within `within` seconds; if not, it is killed here."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.1)
    if not _running(pid):
        return True
    os.kill(pid, signal.SIGKILL)
    return False


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie is reaped by init, not by the test)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
