"""Several processes answering at once on one data folder: how many writes succeed, and the longest wait.

Each writer is a real process with its own Workspace: it starts a check (a read, then a write) and
stores answers one by one, all writers released at the same moment. For comparison the same run
measures the earlier transaction pattern (plain BEGIN, read, then write; raw sqlite3, same busy
timeout), which SQLite refuses at once when another writer holds the lock.

"median ms" and "longest ms" are the time one call takes to return (for the Workspace: the wait for
the lock, the durable commit and the choice of the next question), over every call of every writer.

Run: `python -m benchmarks concurrent_writers` (or `python benchmarks/concurrent_writers.py
[--writers 2 4 8] [--answers N]`).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ANSWERS = 20


def _worker_workspace(data_dir: str, person_id: str, answers: int) -> dict[str, Any]:
    from digigram.core.errors import DigigramError
    from digigram.services.workspace import Workspace

    ok = failed = 0
    waits: list[float] = []
    errors: list[str] = []
    rng = random.Random(person_id)
    with Workspace.open(data_dir=data_dir) as ws:
        print("ready", flush=True)
        sys.stdin.readline()
        began = time.perf_counter()
        try:
            session = ws.start_quiz(person_id, mode="full")
            ok += 1
        except DigigramError as exc:
            return {"ok": ok, "failed": 1 + answers, "waits": [time.perf_counter() - began],
                    "errors": [exc.message("en")]}
        waits.append(time.perf_counter() - began)
        for _ in range(answers):
            item = session.current_item
            if item is None:
                break
            choice: object = 0 if item.select != "many" or item.on_scale else [0]
            if not item.on_scale and rng.random() < 0.5:
                choice = [1] if item.select == "many" else 1
            began = time.perf_counter()
            try:
                session.answer(choice)
                ok += 1
            except DigigramError as exc:
                failed += 1
                errors.append(exc.message("en"))
            waits.append(time.perf_counter() - began)
    return {"ok": ok, "failed": failed, "waits": waits, "errors": errors[:3]}


def _worker_plain_begin(db: str, person_id: str, answers: int) -> dict[str, Any]:
    """The earlier pattern: a deferred transaction that reads, then writes."""
    con = sqlite3.connect(db, isolation_level=None, timeout=5.0)
    con.execute("PRAGMA busy_timeout=5000")
    ok = failed = 0
    waits: list[float] = []
    errors: list[str] = []
    print("ready", flush=True)
    sys.stdin.readline()
    for seq in range(answers + 1):
        began = time.perf_counter()
        try:
            con.execute("BEGIN")
            (count,) = con.execute("SELECT count(*) FROM setting WHERE key LIKE ?",
                                   (f"{person_id}%",)).fetchone()
            con.execute("INSERT INTO setting (key, value) VALUES (?, '0')", (f"{person_id}-{seq}-{count}",))
            con.execute("COMMIT")
            ok += 1
        except sqlite3.OperationalError as exc:
            if con.in_transaction:
                con.execute("ROLLBACK")
            failed += 1
            errors.append(str(exc))
        waits.append(time.perf_counter() - began)
    con.close()
    return {"ok": ok, "failed": failed, "waits": waits, "errors": errors[:3]}


def _prepare(folder: Path, writers: int) -> list[str]:
    from digigram.services.workspace import Workspace

    with Workspace.open(data_dir=folder) as ws:
        return [ws.create_person(f"Людина {k}").id for k in range(writers)]


def _run(mode: str, writers: int, answers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        people = _prepare(folder, writers)
        target = str(folder) if mode == "workspace" else str(folder / "digigram.sqlite3")
        procs = [subprocess.Popen(
            [sys.executable, "-m", "benchmarks.concurrent_writers", "--worker", mode, target, person,
             "--answers", str(answers)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        ) for person in people]
        for proc in procs:  # every writer has opened the data before any is let go
            assert proc.stdout is not None
            line = proc.stdout.readline().strip()
            if line != "ready":
                raise RuntimeError(f"a writer did not start: {proc.communicate()[1]}")
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        reports = []
        for proc in procs:
            out, err = proc.communicate(timeout=600)
            if proc.returncode != 0:
                raise RuntimeError(f"a writer crashed: {err}")
            reports.append(json.loads(out.strip().splitlines()[-1]))
    waits = [w for r in reports for w in r["waits"]]
    return {
        "writers": writers,
        "writes": sum(r["ok"] + r["failed"] for r in reports),
        "ok": sum(r["ok"] for r in reports),
        "processes_ok": sum(r["failed"] == 0 for r in reports),
        "longest": max(waits),
        "median": sorted(waits)[len(waits) // 2],
        "errors": sorted({e for r in reports for e in r["errors"]})[:2],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, nargs="+", default=[2, 4, 8])
    parser.add_argument("--answers", type=int, default=ANSWERS)
    parser.add_argument("--worker", nargs=3, metavar=("MODE", "TARGET", "PERSON"), help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.worker:
        mode, target, person = args.worker
        fn = _worker_workspace if mode == "workspace" else _worker_plain_begin
        print(json.dumps(fn(target, person, args.answers)), flush=True)
        return 0
    print(f"{args.answers} answers per writer after starting a check; every writer a separate process")
    print(f"{'pattern':<30}{'writers':>8}{'writes':>8}{'ok':>6}{'procs ok':>10}{'median ms':>11}"
          f"{'longest ms':>12}")
    for mode, label in (("workspace", "Workspace (BEGIN IMMEDIATE)"), ("plain", "plain BEGIN (earlier)")):
        for n in args.writers:
            r = _run(mode, n, args.answers)
            print(f"{label:<30}{r['writers']:>8}{r['writes']:>8}{r['ok']:>6}{r['processes_ok']:>7}/{n:<2}"
                  f"{r['median'] * 1000:>11.1f}{r['longest'] * 1000:>12.1f}", flush=True)
            for error in r["errors"]:
                print(f"    e.g. {error[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
