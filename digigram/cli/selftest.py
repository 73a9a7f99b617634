"""`digigram --self-test`: check an installed copy end to end on a throw-away database; no display needed."""

from __future__ import annotations

import datetime as dt
import io
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from digigram import __version__

PDF_MIN_BYTES = 5_000  # a report with a chart and embedded Cyrillic fonts is far larger than this
ABILITY = -1.8  # the simulated person's ability in every area: low enough to leave gaps for a plan
SEED = 20240601

MARK = {"uk": ("ok", "ПОМИЛКА"), "en": ("ok", "FAILED")}
WORDS = {
    "uk": {
        "title": "Digigram {version}: самоперевірка",
        "program": "Програма",
        "framework": "Рамка компетентностей",
        "handouts": "Роздаткові матеріали",
        "database": "Тимчасова база даних",
        "quiz": "Повна перевірка (імітовані відповіді)",
        "stored": "Збережені відповіді",
        "plan": "План розвитку",
        "pdf": "Звіт PDF",
        "backup": "Резервна копія",
        "qt": "Бібліотеки Qt і переклад інтерфейсу",
        "passed": "Усе гаразд: пройдено перевірок — {n}, за {s:.1f} с.",
        "failed": "Не пройдено перевірок: {bad} з {n}. Перевстановіть програму або зверніться по допомогу.",
        "frozen": "зібрана програма",
        "source": "з джерельного коду",
    },
    "en": {
        "title": "Digigram {version}: self-test",
        "program": "Program",
        "framework": "Competence framework",
        "handouts": "Handouts",
        "database": "Temporary database",
        "quiz": "Full check (simulated answers)",
        "stored": "Stored answers",
        "plan": "Development plan",
        "pdf": "PDF report",
        "backup": "Backup",
        "qt": "Qt libraries and interface translation",
        "passed": "All good: {n} checks passed in {s:.1f} s.",
        "failed": "{bad} of {n} checks failed. Reinstall Digigram or ask for help.",
        "frozen": "built program",
        "source": "from source",
    },
}


def uk_count(n: int, one: str, few: str, many: str) -> str:
    """A number with its Ukrainian noun form: 1 питання, 2 питання, 5 питань, 11 питань, 21 питання."""
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} {one}"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} {few}"
    return f"{n} {many}"


class Failed(Exception):
    """A check found something wrong; the message is already in the reader's language."""


class _Run:
    """Runs the checks in order, prints one line each, remembers what later checks need."""

    def __init__(self, lang: str, out: TextIO) -> None:
        self.lang = lang if lang in WORDS else "en"
        self.words = WORDS[self.lang]
        self.out = out
        self.results: list[bool] = []
        self.state: dict[str, Any] = {}

    def t(self, uk: str, en: str) -> str:
        return uk if self.lang == "uk" else en

    def check(self, key: str, body: Callable[[], str], *, needs: tuple[str, ...] = ()) -> None:
        missing = [n for n in needs if n not in self.state]
        try:
            if missing:
                raise Failed(self.t("пропущено: не вдалася попередня перевірка",
                                    "skipped: an earlier check failed"))
            detail, ok = body(), True
        except Failed as exc:
            detail, ok = str(exc), False
        except Exception as exc:  # the self-test reports every fault as a line, never a traceback
            message = exc.message(self.lang) if hasattr(exc, "message") else str(exc)
            detail, ok = f"{type(exc).__name__}: {message}", False
        self.results.append(ok)
        mark = MARK[self.lang][0 if ok else 1]
        self.out.write(f"[{mark}] {self.words[key]}: {detail}\n")
        self.out.flush()


def _simulated_choice(framework: Any, item: Any, rng: random.Random, np_rng: Any) -> Any:
    """An answer a person of ability ABILITY would plausibly give (attitudes: any scale point)."""
    import numpy as np

    from digigram.core.irt import category_probs
    from digigram.core.itembank import bank_for
    from digigram.core.simulation import choice_for

    bank = bank_for(framework)
    params = bank.params[bank.row[item.id]]
    if params is None:
        category = rng.randrange(bank.n_categories(item))
    else:
        probs = np.asarray(category_probs(params, ABILITY), dtype=float).ravel()
        category = int(np_rng.choice(len(probs), p=probs / probs.sum()))
    return choice_for(framework, item, category, rng)


def _checks(run: _Run, work: Path) -> None:
    t = run.t
    st = run.state

    def program() -> str:
        kind = run.words["frozen"] if getattr(sys, "frozen", False) else run.words["source"]
        return (f"Digigram {__version__}, {kind}, Python {platform.python_version()}, "
                f"{platform.system()} {platform.release()} {platform.machine()}")

    def framework() -> str:
        from competency_framework import shipped_framework_path
        from digigram.core.loader import load_framework

        fw = load_framework(shipped_framework_path())
        scored = sum(1 for i in fw.items if i.scored)
        n_comp = len(tuple(fw.competences))
        st["framework"] = fw
        return t(f"{fw.id} {fw.version}: {uk_count(len(fw.areas), 'сфера', 'сфери', 'сфер')}, "
                 f"{uk_count(n_comp, 'компетентність', 'компетентності', 'компетентностей')}, "
                 f"{uk_count(len(fw.items), 'питання', 'питання', 'питань')} (оцінюються {scored})",
                 f"{fw.id} {fw.version}: {len(fw.areas)} areas, {n_comp} competences, "
                 f"{len(fw.items)} items ({scored} scored)")

    def handouts() -> str:
        fw = st["framework"]
        files = [r.path for r in fw.resources if r.path is not None]
        missing = [p.name for p in files if not p.is_file() or p.stat().st_size == 0]
        if not files:
            raise Failed(t("у рамці немає жодного файлу", "the framework names no files"))
        if missing:
            raise Failed(t("бракує файлів: ", "missing files: ") + ", ".join(sorted(missing)))
        return t(f"усі файли на місці ({uk_count(len(files), 'файл', 'файли', 'файлів')})",
                 f"all {len(files)} files present")

    def database() -> str:
        from digigram.services.workspace import Workspace

        ws = Workspace.open(data_dir=work / "data")
        st["workspace"] = ws
        path = ws.database_path
        if path is None or not path.is_file():
            raise Failed(t("файл бази не створено", "no database file was created"))
        return t(f"створено й оновлено до поточної схеми ({path.stat().st_size // 1024} КБ)",
                 f"created and migrated to the current schema ({path.stat().st_size // 1024} KB)")

    def quiz() -> str:
        import numpy as np

        ws = st["workspace"]
        person = ws.create_person(t("Перевірка Самоперевірка", "Self Test"), hub="self-test")
        session = ws.start_quiz(person.id, mode="full", seed=SEED)
        rng, np_rng = random.Random(SEED), np.random.default_rng(SEED)
        while (item := session.current_item) is not None:
            session.answer(_simulated_choice(session.framework, item, rng, np_rng), seconds=1.0)
        session.finish()
        result = session.result()
        n_areas = len(session.framework.areas)
        if len(result.areas) != n_areas:
            raise Failed(t(f"результат має {len(result.areas)} сфер замість {n_areas}",
                           f"the result covers {len(result.areas)} areas instead of {n_areas}"))
        st.update(person=person, attempt_id=session.attempt_id, result=result)
        levels = ", ".join(f"{a.area_id} {a.level}" for a in result.areas.values())
        return t(f"{uk_count(result.asked, 'питання', 'питання', 'питань')}, рівні: {levels}",
                 f"{result.asked} questions, levels: {levels}")

    def stored() -> str:
        from digigram.services.workspace import Workspace

        st["workspace"].close()
        ws = Workspace.open(data_dir=work / "data")  # reopened: the answers must come from the file
        st["workspace"] = ws
        again = ws.results_for(st["attempt_id"])
        before = st["result"]
        same = {a: r.level for a, r in again.areas.items()} == {
            a: r.level for a, r in before.areas.items()}
        attempts = ws.history(st["person"].id)
        if not same or again.asked != before.asked:
            raise Failed(t("після повторного відкриття бази результат інший",
                           "the result differs after reopening the database"))
        if [a.status for a in attempts] != ["finished"]:
            raise Failed(t("спробу не позначено завершеною", "the attempt is not marked finished"))
        return t(f"після повторного відкриття бази: "
                 f"{uk_count(again.asked, 'відповідь', 'відповіді', 'відповідей')}, той самий результат",
                 f"after reopening the database: {again.asked} answers, the same result")

    def plan() -> str:
        ws = st["workspace"]
        person = st["person"]
        draft = ws.suggest_plan(st["attempt_id"], lang=run.lang)
        ws.save_plan(person.id, draft)
        saved = ws.plan_for(person.id)
        if saved is None or len(saved.steps) != len(draft.steps):
            raise Failed(t("план не збережено", "the plan was not saved"))
        gaps = [c for c in st["result"].competences.values() if c.gap]
        if gaps and not saved.steps:
            raise Failed(t("план порожній, хоча є прогалини", "the plan is empty although there are gaps"))
        st["plan"] = saved
        return t(f"збережено {uk_count(len(saved.steps), 'крок', 'кроки', 'кроків')}",
                 f"{len(saved.steps)} steps saved")

    def pdf() -> str:
        from digigram.charts import report
        from digigram.charts.model import PlanLine, bars_from_result, level_codes
        from digigram.core.plan import goal_text

        fw = st["framework"]
        bars = bars_from_result(st["result"], fw, lang=run.lang)
        steps = [
            PlanLine(competence=fw.competence(s.competence_id).name.get(run.lang),
                     goal=goal_text(s.goal, fw, competence_id=s.competence_id, profile_id=None,
                                    lang=run.lang),
                     resource=s.resource_id or "", due=s.due, status=s.status)
            for s in st["plan"].steps
        ] if "plan" in st else []
        target = work / "report.pdf"
        started = time.perf_counter()
        report.write_report_pdf(
            target, person_name=st["person"].name, hub="self-test", date=dt.date.today(),
            framework_title=fw.title.get(run.lang), lang=run.lang, bars=bars,
            levels=level_codes(fw), plan_steps=steps,
        )
        took = time.perf_counter() - started
        head = target.read_bytes()[:5]
        size = target.stat().st_size
        if head != b"%PDF-":
            raise Failed(t("файл не є PDF", "the file is not a PDF"))
        if size < PDF_MIN_BYTES:
            raise Failed(t(f"файл підозріло малий ({size} Б)", f"the file is suspiciously small ({size} B)"))
        return t(f"{size // 1024} КБ за {took:.1f} с", f"{size // 1024} KB in {took:.1f} s")

    def backup() -> str:
        made = st["workspace"].backup_now("self-test")
        if made is None or not made.is_file() or made.stat().st_size == 0:
            raise Failed(t("копію не створено", "no backup was made"))
        return t(f"створено ({made.stat().st_size // 1024} КБ)", f"made ({made.stat().st_size // 1024} KB)")

    run.check("program", program)
    run.check("framework", framework)
    run.check("handouts", handouts, needs=("framework",))
    run.check("database", database)
    run.check("quiz", quiz, needs=("workspace",))
    run.check("stored", stored, needs=("attempt_id",))
    run.check("plan", plan, needs=("attempt_id",))
    run.check("pdf", pdf, needs=("framework", "result"))
    run.check("backup", backup, needs=("workspace",))
    run.check("qt", lambda: _qt_check(run))


def _qt_check(run: _Run) -> str:
    """The desktop app's libraries load and its Ukrainian translation is readable; no window is opened.

    Qt is probed by name at run time, not imported: the command line must keep working where Qt is
    missing, and there this check alone fails, which is exactly what the report should say.
    """
    import importlib

    modules = {name: importlib.import_module(name) for name in (
        "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg",
        "matplotlib.backends.backend_qtagg")}
    qt_core = modules["PySide6.QtCore"]
    # The same place digigram.ui.translations reads it from, in a checkout and in the bundle.
    qm = Path(__file__).resolve().parents[1] / "ui" / "translations" / "digigram_uk.qm"
    translator = qt_core.QTranslator()
    if not qm.is_file() or not translator.load(str(qm)):
        raise Failed(run.t(f"не вдалося прочитати переклад {qm.name}",
                           f"could not read the translation {qm.name}"))
    return f"Qt {qt_core.qVersion()}, {qm.name}"


def run(lang: str = "uk", *, out: TextIO | None = None) -> int:
    """Run every check; 0 when all pass, 1 otherwise. Nothing outside a temporary folder is touched."""
    # A windowed Windows build has no standard output: the exit code then still tells the result.
    stream = out if out is not None else (sys.stdout or io.StringIO())
    state = _Run(lang, stream)
    stream.write(state.words["title"].format(version=__version__) + "\n")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="digigram-selftest-", ignore_cleanup_errors=True) as tmp:
        try:
            _checks(state, Path(tmp))
        finally:
            ws = state.state.get("workspace")
            if ws is not None:
                ws.close()
    n, bad = len(state.results), state.results.count(False)
    if bad:
        stream.write(state.words["failed"].format(bad=bad, n=n) + "\n")
        return 1
    stream.write(state.words["passed"].format(n=n, s=time.perf_counter() - started) + "\n")
    return 0
