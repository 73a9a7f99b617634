"""Result bundles: export and import times, peak memory and sizes, on SQLite and on PostgreSQL.

Uses the coordinator data set (benchmarks/coordinator_dataset.py; 25,391 trainees unless
`--trainees N` is given), working on a copy so the cached set is never changed. Measures: export of
one hub and of everything, import into an empty database, the same import again (nothing to add), and
the bundle and database sizes. Each step runs in a fresh interpreter, so its peak memory (RSS) is its own.
PostgreSQL runs on a throwaway cluster made for the run (tests/pgcluster.py).
`--baseline DIR[=ENGINES]` (repeatable) runs each export and each first import again with the Digigram
source tree in DIR (an older version, e.g. `git archive <commit> | tar -x -C DIR`), on the engines named
(default sqlite), in the same run, and prints the ratio: on a shared machine only figures measured side
by side compare. Each version imports the bundle it exported itself from the same data (an older
version may not read today's bundle fields). An older version may not read today's framework either:
`--data-from DIR` then builds the data set with DIR's own code (its framework and schema), only DIR's
code exports it, and every version imports that one bundle (migrating a national data set from an old
schema is a study of its own). `--first-only` leaves out the second import of the same bundle.
`--bundle FILE` skips the exports: every version imports that one bundle (an export of the same data
set, kept from an earlier run), which saves the exports' minutes when only the import is studied.
`--no-unchecked` leaves out the import without the recompute (its cost is then not shown).
`--without-keys` imports into PostgreSQL once more, into a database whose answer, area and competence
rows have no foreign key to their check: what the keys' per-row checks cost, at most.
Run: `python -m benchmarks.bundles [--trainees N] [--engines sqlite,postgresql] [--only all|hub|everything]
[--baseline DIR[=sqlite,postgresql]]... [--data-from DIR] [--first-only] [--bundle FILE]
[--no-unchecked] [--without-keys]`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.coordinator_dataset import TRAINEES, ensure_dataset

MB = 1024 * 1024
STEP = Path(__file__).resolve().parent / "_bundle_step.py"


_BASELINES: list[tuple[str, tuple[str, ...]]] = []  # (source tree, engines it is measured on)


def _run(code: str | None, args: tuple[Any, ...]) -> tuple[float, float, Any]:
    env = dict(os.environ)
    # This tree's own code comes first too: an editable install may point at another checkout.
    first = code if code is not None else str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = first + os.pathsep + env.get("PYTHONPATH", "")
    # A step into PostgreSQL: its server's CPU is counted beside the step's own. (Asking whether that
    # CPU so far is nonzero, as before, said no before the run's first import had ended a backend: the
    # first step's CPU went unprinted.)
    on_server = bool(_CLUSTERS) and str(args[1]).startswith("postgresql")
    if on_server:
        _settle_server()
    server = _server_cpu()
    done = subprocess.run([sys.executable, str(STEP), json.dumps(args)], env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    expected = code if code is not None else str(Path(__file__).resolve().parents[1])
    if Path(found["code"]).resolve() != Path(expected).resolve():
        raise RuntimeError(f"the step ran Digigram from {found['code']}, not {expected}")
    _CHILD_PEAK[0] = float(found.get("child_peak_mb", 0.0))
    waited = float(found.get("settled", found["seconds"])) - float(found["seconds"])
    _SETTLED[0] = f"\n      then its WAL copied into the file: {found['settled']:.2f} s from the start" \
        if waited >= 0.05 else ""
    if "cpu" in found:
        if on_server:
            time.sleep(0.5)  # the step's server processes end as it does; the server then counts them
        _CPU[0] = (f"\n      CPU: Digigram {found['cpu']:.2f} s, its child {found['child_cpu']:.2f} s, "
                   f"PostgreSQL server {_server_cpu() - server:.2f} s" if on_server else "")
    return float(found["seconds"]), float(found["peak_mb"]), found["detail"]


_SETTLED = [""]  # the last step's deferred checkpoint, when it went on after the step returned
_CHILD_PEAK = [0.0]  # the last step's forked child's peak RSS (the recompute of a PostgreSQL import)
_CPU = [""]  # the last step's CPU seconds: the step, its child, the PostgreSQL server (when one runs)


def _settle_server() -> None:
    """The run's PostgreSQL server with the last step's writes on disk, before a step is timed: a
    national import leaves about a gigabyte of dirty pages and WAL, and the checkpoint that writes them
    then fell inside the next step. A baseline, always measured second, paid for the first version's
    import so (13-15 s of server CPU against 10; 31-33 s against 28 for the same code)."""
    with _CLUSTERS[0].admin() as conn:
        conn.execute("CHECKPOINT")


def _server_cpu() -> float:
    """CPU seconds of the run's PostgreSQL server so far: its ended backends count into the postmaster's
    children's time (Linux /proc); 0 without a server."""
    if not _CLUSTERS:
        return 0.0
    pid = (Path(_CLUSTERS[0].data) / "postmaster.pid").read_text().split()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _child() -> str:
    return f" (+ child {_CHILD_PEAK[0]:.0f} MB)" if _CHILD_PEAK[0] >= 1 else ""


def _measure(label: str, args: tuple[Any, ...], baseline_args: Callable[[str], tuple[Any, ...] | None]
             | None = None, *, engine: str = "sqlite") -> tuple[float, float, Any]:
    """The step with this code and, with --baseline, the same step with each baseline's code (given the
    baseline's tree, `baseline_args` says its arguments; None skips it)."""
    seconds, peak, detail = _run(None, args)
    print(f"  {label:<58} {seconds:8.2f} s   peak RSS {peak:6.0f} MB{_child()}{_CPU[0]}{_SETTLED[0]}",
          flush=True)
    for code, engines in _BASELINES:
        if baseline_args is None or engine not in engines:
            continue
        theirs = baseline_args(code)
        if theirs is None:
            continue
        name = f"    baseline {Path(code).name}, same step"
        try:
            old, old_peak, _ = _run(code, theirs)
        except RuntimeError as exc:
            print(f"  {name:<58} failed: {exc}", flush=True)
            continue
        print(f"  {name:<58} {old:8.2f} s   peak RSS {old_peak:6.0f} MB   speed-up {old / seconds:5.1f}x, "
              f"memory {old_peak / peak:4.1f}x{_child()}{_CPU[0]}{_SETTLED[0]}", flush=True)
    return seconds, peak, detail


def _busiest_hub(db: Path) -> tuple[str, int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        query = "SELECT hub_id, count(*) FROM person GROUP BY hub_id ORDER BY 2 DESC LIMIT 1"
        hub, n = con.execute(query).fetchone()
        return str(hub), int(n)
    finally:
        con.close()


def _targets(engines: list[str], work: Path) -> list[tuple[str, Callable[[str], tuple[str, str | None]]]]:
    """(engine, a function giving a fresh empty database's URL and data folder for a label)."""
    made: list[tuple[str, Callable[[str], tuple[str, str | None]]]] = []
    if "sqlite" in engines:
        def sqlite_target(label: str) -> tuple[str, str | None]:
            folder = work / f"region-{label}"
            folder.mkdir()
            return f"sqlite:///{folder / 'digigram.sqlite3'}", str(folder)
        made.append(("SQLite", sqlite_target))
    if "postgresql" in engines:
        from tests.pgcluster import Cluster

        cluster = Cluster()
        cluster.start()
        _CLUSTERS.append(cluster)

        def pg_target(label: str) -> tuple[str, str | None]:
            return cluster.url(cluster.create_database()), None
        made.append(("PostgreSQL", pg_target))
    return made


_CLUSTERS: list[Any] = []
# The rows a check's import writes by the million, each checked against its check by a foreign key.
# check_answers from revision 0013 (an imported check's answers, one row per check on PostgreSQL).
_ROW_KEYS = ("answer", "check_answers", "area_result", "competence_result")  # the last until revision 0012


def _drop_row_keys(url: str) -> None:
    """Migrate the empty database at `url`, then drop the foreign keys from a check's rows to it: an
    upper bound on what the keys' per-row checks cost an import (never a set-up to use)."""
    from sqlalchemy.engine import make_url

    from digigram.store import migrate

    migrate.upgrade(url)
    with _CLUSTERS[0].admin(make_url(url).database) as conn:
        for table, name in conn.execute(
                "SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE contype = 'f' "
                "AND conrelid::regclass::text = ANY(%s)", (list(_ROW_KEYS),)).fetchall():
            conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')


def _dataset_from(code: str, trainees: int) -> Path:
    """The data set built by the Digigram in `code` (cached in its own benchmarks/out)."""
    subprocess.run([sys.executable, "-m", "benchmarks.coordinator_dataset", "--trainees", str(trainees)],
                   cwd=code, env={**os.environ, "PYTHONPATH": code}, check=True, capture_output=True)
    return Path(code) / "benchmarks" / "out" / f"coordinator-{trainees}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=TRAINEES)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--only", choices=("all", "hub", "everything"), default="all")
    parser.add_argument("--baseline", action="append", default=[])
    parser.add_argument("--data-from", type=Path, default=None)
    parser.add_argument("--first-only", action="store_true")
    parser.add_argument("--bundle", type=Path, default=None)
    parser.add_argument("--no-unchecked", action="store_true")
    parser.add_argument("--without-keys", action="store_true")
    args = parser.parse_args()
    for spec in args.baseline:
        tree, _, engines = spec.partition("=")
        _BASELINES.append((str(Path(tree).resolve()), tuple((engines or "sqlite").split(","))))
    origin = None if args.data_from is None else str(args.data_from.resolve())
    cached = ensure_dataset(args.trainees) if origin is None else _dataset_from(origin, args.trainees)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            copies = iter(range(1_000_000))

            def source(code: str | None) -> tuple[str, str]:
                # A copy per version: opening a database migrates it, and an older version then refuses it.
                folder = work / f"hub-{next(copies)}"
                folder.mkdir()
                shutil.copyfile(cached / "digigram.sqlite3", folder / "digigram.sqlite3")
                return f"sqlite:///{folder / 'digigram.sqlite3'}", str(folder)

            hub, hub_people = _busiest_hub(cached / "digigram.sqlite3")
            print(f"data set: {args.trainees} trainees{'' if origin is None else ', built by ' + origin}, "
                  f"database {(cached / 'digigram.sqlite3').stat().st_size / MB:.1f} MB")
            # (label, this version's bundle, each baseline's own bundle)
            bundles: list[tuple[str, Path, dict[str, Path]]] = []
            if args.bundle is not None:  # every version imports this one bundle; nothing is exported
                bundles.append((f"the bundle {args.bundle.name}", args.bundle.resolve(),
                                dict.fromkeys((code for code, _ in _BASELINES), args.bundle.resolve())))
            for label, wanted_hub, stem in (("one hub", hub, "hub"), ("everything", None, "all")):
                if args.bundle is not None:
                    break
                if args.only not in ("all", "hub" if stem == "hub" else "everything"):
                    continue
                mine = work / f"{stem}.zip"
                by_code: dict[str, Path] = {}

                def theirs(code: str, stem: str = stem, hub: str | None = wanted_hub,
                           by_code: dict[str, Path] = by_code) -> tuple[Any, ...]:
                    by_code[code] = work / f"{stem}-{len(by_code)}.zip"
                    return ("export", *source(code), str(by_code[code]), hub)

                what = f"export one hub ({hub_people} people)" if stem == "hub" else "export everything"
                if origin is not None:  # one bundle, exported by the version that built the data
                    mine = work / f"{stem}-origin.zip"
                    seconds, peak, detail = _run(origin, ("export", *source(origin), str(mine), wanted_hub))
                    print(f"  {what + ' (by ' + Path(origin).name + ')':<58} {seconds:8.2f} s   "
                          f"peak RSS {peak:6.0f} MB", flush=True)
                    by_code = dict.fromkeys((code for code, _ in _BASELINES), mine)
                else:
                    _, _, detail = _measure(what, ("export", *source(None), str(mine), wanted_hub), theirs)
                if stem == "all":
                    print(f"  bundle, everything: {detail[0]} people, {detail[1]} checks, {detail[2]} "
                          f"answers, {detail[3]} plans, {mine.stat().st_size / MB:.2f} MB")
                bundles.append((label, mine, by_code))
            for engine, fresh in _targets(args.engines.split(","), work):
                for label, bundle, by_code in bundles:
                    step_label = label.replace(" ", "-")
                    url, folder = fresh(step_label)
                    counter = iter(range(1000))

                    def again(code: str, step_label: str = step_label, by_code: dict[str, Path] = by_code,
                              fresh: Callable[[str], tuple[str, str | None]] = fresh,
                              counter: Any = counter) -> tuple[Any, ...] | None:
                        if code not in by_code or not by_code[code].exists():  # its export failed
                            return None
                        target = fresh(f"{step_label}-baseline-{next(counter)}")
                        return ("import", *target, str(by_code[code]), None)

                    steps = ("into an empty database",) if args.first_only else (
                        "into an empty database", "again (nothing new)")
                    for step in steps:
                        seconds, _, detail = _measure(f"{engine}: import {label} {step}",
                                                      ("import", url, folder, str(bundle), None),
                                                      again if step == "into an empty database" else None,
                                                      engine=engine.lower())
                        if step == "into an empty database" and len(detail) > 2 and detail[2] and \
                                not args.no_unchecked:
                            url2, folder2 = fresh(f"{step_label}-unchecked")
                            plain, _, _ = _measure(f"{engine}: the same, stored results not recomputed",
                                                   ("import-unchecked", url2, folder2, str(bundle), None))
                            n, batches, extra = detail[2], detail[3], seconds - plain
                            print(f"  {engine}: recompute of {n} finished checks: {batches:.2f} s in "
                                  f"batches, {batches / n * 1000:.3f} ms per check; the import takes "
                                  f"{extra:+.2f} s with it, {extra / seconds:.1%} of the import (target: a "
                                  "few %)", flush=True)
                        if step == "into an empty database" and args.without_keys and engine == "PostgreSQL":
                            bare, _ = fresh(f"{step_label}-without-keys")
                            _drop_row_keys(bare)
                            keyless, _, _ = _measure(f"{engine}: the same, rows' keys to their check dropped",
                                                     ("import", bare, None, str(bundle), None))
                            saved = seconds - keyless
                            print(f"  {engine}: the keys' checks cost the import at most {saved:+.2f} s "
                                  f"({saved / seconds:.1%})", flush=True)
                    if folder is not None:
                        size = (Path(folder) / "digigram.sqlite3").stat().st_size
                        print(f"  {engine}: database after importing {label}: {size / MB:.1f} MB")
    finally:
        for cluster in _CLUSTERS:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
