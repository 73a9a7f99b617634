"""A realistic coordinator data set: 25,391 trainees (the 2024 national figure) over about 1,000 hubs.

Each trainee has one to three finished checks on the shipped framework. The answers and per-area
results are real: a pool of checks is first taken through the adaptive engine by simulated people
of graded ability, and every stored check copies one of them, a later check usually from a stronger
person (trainees improve), its stored results with it (the record, engine version and every area
column, as a check is stored at its finish). Rows are then written in bulk with the app's own schema.
The database is cached in benchmarks/out/ (git-ignored); `ensure_dataset()` builds it only when it is
missing.

Run alone: `python -m benchmarks.coordinator_dataset [--trainees N] [--rebuild]`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from competency_framework import shipped_framework_path
from digigram.core import paths
from digigram.core.engine import Quiz
from digigram.core.irt import category_probs
from digigram.core.itembank import bank_for
from digigram.core.regions import REGIONS as UA_REGIONS
from digigram.core.result_record import result_to_record
from digigram.core.simulation import choice_for
from digigram.services.quiz import outcomes
from digigram.services.workspace import Workspace

TRAINEES = 25_391
# 2: checks carry their stored results (revision 0004), so import has them to recompute and compare.
# 3: 2,000 simulated checks per profile instead of 120, so a question's answers come from many people
#    (with 120, each was copied from a handful of checks, and the dashboard's hardest questions all
#    showed 100 % wrong).
# 4: no competence rows (revision 0012), so no benchmark spends its time migrating them away.
VERSION = 4
OUT = Path(__file__).resolve().parent / "out"
POOL_PER_PROFILE = 2000
REGIONS = (
    "Вінницька", "Волинська", "Дніпропетровська", "Донецька", "Житомирська", "Закарпатська", "Запорізька",
    "Івано-Франківська", "Київська", "Кіровоградська", "Луганська", "Львівська", "Миколаївська", "Одеська",
    "Полтавська", "Рівненська", "Сумська", "Тернопільська", "Харківська", "Херсонська", "Хмельницька",
    "Черкаська", "Чернівецька", "Чернігівська", "м. Київ",
)
FIRST = ("Олена", "Ірина", "Наталія", "Оксана", "Тетяна", "Світлана", "Людмила", "Галина", "Юлія", "Марія",
         "Ганна", "Віра", "Надія", "Лариса", "Ольга", "Катерина", "Інна", "Валентина", "Любов", "Софія",
         "Андрій", "Олександр", "Сергій", "Володимир", "Микола", "Іван", "Петро", "Богдан", "Ярослав", "Юрій")
LAST = ("Коваленко", "Бондаренко", "Шевченко", "Мельник", "Ткаченко", "Кравченко", "Олійник", "Шевчук",
        "Поліщук", "Бойко", "Лисенко", "Руденко", "Савченко", "Петренко", "Марченко", "Мороз", "Павленко",
        "Клименко", "Гончаренко", "Кузьменко", "Ґудзь", "Їжакевич", "Яковенко", "Левченко", "Романюк",
        "Захарчук", "Гнатюк", "Дячук", "Остапчук", "Федорук", "Стасюк", "Карпенко", "Вовк", "Гриценко")
GROUPS = ("Весна 2024", "Осінь 2024", "Весна 2025", "Осінь 2025")
COLUMNS = {
    "hub": ("id", "name", "region_id"),
    "person": ("id", "name", "hub", "hub_id", "group_tag", "profile_id", "pin_hash", "consent_at",
               "created_at"),
    "attempt": ("id", "person_id", "framework_id", "framework_version", "framework_hash", "profile_id",
                "mode", "seed", "excluded", "status", "started_at", "finished_at", "rating_before",
                "rating_after", "result", "engine_version", "params_source"),
    "answer": ("attempt_id", "sequence", "item_id", "choice", "answered_at", "seconds"),
    "area_result": ("attempt_id", "area_id", "position", "theta", "sd", "level", "band", "target",
                    "p_below_target", "gap", "n_items", "level_probabilities", "said_theta", "said_sd",
                    "said_level"),
    "plan": ("id", "person_id", "attempt_id", "updated_at"),
    "plan_step": ("id", "plan_id", "position", "competence_id", "goal", "resource_id", "due", "status",
                  "notes", "coordinator_comment"),
}


@dataclass(frozen=True)
class Template:
    """One check taken through the engine: its answers and stored per-area results."""

    ability: float
    profile: str
    answers: list[tuple[str, str]]  # (item id, choice as stored JSON)
    areas: list[tuple[Any, ...]]  # the area_result columns after attempt_id and position
    record: tuple[str, str, str]  # the stored result as JSON text, its engine version, its parameters' source


def data_dir(trainees: int = TRAINEES) -> Path:
    return OUT / f"coordinator-{trainees}-v{VERSION}"


def _pool(framework: object, profile: str, n: int, rng: np.random.Generator) -> list[Template]:
    from digigram.core.framework import Framework

    assert isinstance(framework, Framework)
    bank = bank_for(framework)
    pick = random.Random(profile)
    pool = []
    for k, ability in enumerate(np.linspace(-2.2, 2.2, n)):
        quiz = Quiz(framework, profile=profile, mode="full", seed=10_000 + k)
        # each area near the person's overall ability, as abilities across areas correlate
        theta = {a.id: ability + 0.5 * rng.standard_normal() for a in framework.areas}
        answers = []
        while (item := quiz.next_item()) is not None:
            params = bank.params[bank.row[item.id]]
            if params is None:
                cat = pick.randrange(bank.n_categories(item))
            else:
                probs = category_probs(params, theta[item.area_id])[:, 0]
                cat = min(int(np.searchsorted(np.cumsum(probs), rng.random())), len(probs) - 1)
            choice = choice_for(framework, item, cat, pick)
            quiz.answer(item.id, choice)
            answers.append((item.id, json.dumps(list(choice) if isinstance(choice, tuple) else choice)))
        result = quiz.result()
        areas = [(o.area_id, o.theta, o.sd, o.level, json.dumps(list(o.band)), o.target, o.p_below_target,
                  o.gap, o.n_items, json.dumps(dict(o.level_probabilities)), o.said_theta, o.said_sd,
                  o.said_level) for o in outcomes(result)]
        record = result_to_record(result)
        pool.append(Template(float(ability), profile, answers, areas, (
            json.dumps(record, ensure_ascii=False, separators=(",", ":")), record["engine_version"],
            record["params_source"])))
    return pool


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S.%f")


def build(folder: Path, trainees: int = TRAINEES, *, seed: int = 2024) -> dict[str, int]:
    """Create the data set in `folder` (replacing it); returns the record counts."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    with Workspace.open(data_dir=folder, framework_path=shipped_framework_path()) as ws:
        fw = ws.framework  # the schema is made and the framework snapshot stored by opening
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    profiles = [p.id for p in fw.profiles]
    pools = {p: _pool(fw, p, POOL_PER_PROFILE, rng) for p in profiles}
    hubs = [f"{REGIONS[k % len(REGIONS)]} обл., хаб {k // len(REGIONS) + 1:02d}" for k in range(1000)]
    # Each hub is a row in its region (ISO code), as revision 0005 keeps them.
    codes = {name: next(r[0] for r in UA_REGIONS if r[1].startswith(name) or r[1] == name.removeprefix("м. "))
             for name in REGIONS}
    # ids from the names, so the people and checks drawn below are the same as before hubs had rows
    hub_rows = [(str(uuid.uuid5(uuid.NAMESPACE_URL, f"digigram-hub:{name}")), name,
                 codes[REGIONS[k % len(REGIONS)]]) for k, name in enumerate(hubs)]
    hub_id = {name: row[0] for name, row in zip(hubs, hub_rows, strict=True)}
    start = datetime(2024, 2, 1, 9, 0)
    people, attempts, answers, results, plans, steps = [], [], [], [], [], []
    comps = [c.id for c in fw.competences]
    for _ in range(trainees):
        pid = str(uuid.UUID(int=pyrng.getrandbits(128), version=4))
        # half the trainees come from a few busy hubs, the rest spread evenly
        busy = pyrng.random() < 0.5
        hub = hubs[min(int(rng.pareto(1.2) * 40), len(hubs) - 1) if busy else pyrng.randrange(len(hubs))]
        profile = profiles[0] if pyrng.random() < 0.85 or len(profiles) == 1 else profiles[1]
        created = start + timedelta(days=pyrng.randrange(480), minutes=pyrng.randrange(600))
        name = f"{pyrng.choice(FIRST)} {pyrng.choice(LAST)}"
        people.append((pid, name, hub, hub_id[hub], pyrng.choice(GROUPS), profile, None, _stamp(created),
                       _stamp(created)))
        n_checks = pyrng.choices((1, 2, 3), weights=(40, 35, 25))[0]
        level = pyrng.random()
        when = created
        last_attempt = None
        for _check in range(n_checks):
            pool = pools[profile]
            index = int(min(max(level + 0.08 * rng.standard_normal(), 0.0), 0.999) * len(pool))
            tpl = pool[index]
            aid = str(uuid.UUID(int=pyrng.getrandbits(128), version=4))
            finished = when + timedelta(minutes=len(tpl.answers) // 2 + 5)
            rating = min(max(round(3 + 6 * level + pyrng.gauss(0, 1.2)), 1), 10)
            attempts.append((aid, pid, fw.id, fw.version, fw.content_hash, profile, "full", 10_000 + index,
                             "[]", "finished", _stamp(when), _stamp(finished), rating, min(rating + 1, 10),
                             *tpl.record))
            for seq, (item_id, choice) in enumerate(tpl.answers):
                answers.append((aid, seq, item_id, choice, _stamp(when + timedelta(seconds=20 * seq)), 20.0))
            for pos, area in enumerate(tpl.areas):
                results.append((aid, area[0], pos, *area[1:]))
            last_attempt = aid
            level = min(level + pyrng.uniform(0.0, 0.3), 1.0)  # training helps, more or less
            when = finished + timedelta(days=pyrng.randrange(30, 180))
        if pyrng.random() < 0.3:
            plan_id = str(uuid.uuid4())
            plans.append((plan_id, pid, last_attempt, _stamp(when)))
            for pos, comp in enumerate(pyrng.sample(comps, 3)):
                steps.append((str(uuid.uuid4()), plan_id, pos, comp, f"Досягти цілі: {comp}", None, None,
                              "planned", "", ""))
    db = paths.database_path(folder)
    con = sqlite3.connect(db)
    try:
        with con:
            for table, rows in (("hub", hub_rows), ("person", people), ("attempt", attempts),
                                ("answer", answers), ("area_result", results), ("plan", plans),
                                ("plan_step", steps)):
                names = ", ".join(COLUMNS[table])
                marks = ", ".join("?" * len(COLUMNS[table]))
                con.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    finally:
        con.close()
    _derived(db)
    con = sqlite3.connect(db)
    try:
        con.execute("ANALYZE")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    return {"people": len(people), "attempts": len(attempts), "answers": len(answers),
            "area_results": len(results), "plans": len(plans), "hubs": len({p[2] for p in people}),
            "regions": len({row[2] for row in hub_rows})}


def _derived(db: Path) -> None:
    """What Digigram writes beside each person and check since revision 0007 (the name's sort key, the
    competence rows until 0012; since 0009 the hub's and group's keys), made by those revisions' own data
    steps, as an upgraded database holds them."""
    import importlib

    import sqlalchemy as sa

    from digigram.store import migrate

    if "0007" not in migrate.known_revisions():
        return
    step = importlib.import_module("digigram.store.migrations.versions.0007_competence_results")
    keys = (importlib.import_module("digigram.store.migrations.versions.0009_hub_group_sort_keys")
            if "0009" in migrate.known_revisions() else None)
    engine = sa.create_engine(f"sqlite:///{db}")
    try:
        with engine.begin() as conn:
            step.fill_sort_names(conn)
            if "0012" not in migrate.known_revisions():  # an older tree's data set (`--data-from`)
                step.fill_competences(conn)
            if keys is not None:
                keys.fill_sort_keys(conn)
    finally:
        engine.dispose()


def ensure_dataset(trainees: int = TRAINEES, *, rebuild: bool = False) -> Path:
    """The data folder with the data set, built first when missing (a marker file says it is whole)."""
    folder = data_dir(trainees)
    marker = folder / "complete.json"
    if rebuild or not marker.exists():
        started = time.perf_counter()
        counts = build(folder, trainees)
        counts["build_seconds"] = round(time.perf_counter() - started)
        marker.write_text(json.dumps(counts), encoding="utf-8")
    return folder


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=TRAINEES)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    folder = ensure_dataset(args.trainees, rebuild=args.rebuild)
    print(folder, (folder / "complete.json").read_text(encoding="utf-8"))


if __name__ == "__main__":
    cli()
