"""`digigram --self-test`: check an installed copy end to end on a throw-away database; no display needed."""

from __future__ import annotations

import datetime as dt
import gettext
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
from digigram.core import i18n
from digigram.core.i18n import N_, NP_, Message, format_count, format_number, normalise, rendered

PDF_MIN_BYTES = 5_000  # a report with a chart and embedded Cyrillic fonts is far larger than this
ABILITY = -1.8  # the simulated person's ability in every area: low enough to leave gaps for a plan
SEED = 20240601

MARK = {"uk": ("ok", "ПОМИЛКА"), "en": ("ok", "FAILED")}
WORDS = {
    "title": N_("Digigram {{version}}: self-test"),
    "program": N_("Program"),
    "framework": N_("Competence framework"),
    "handouts": N_("Handouts"),
    "database": N_("Temporary database"),
    "quiz": N_("Full check (simulated answers)"),
    "stored": N_("Stored answers"),
    "plan": N_("Development plan"),
    "pdf": N_("PDF report"),
    "backup": N_("Backup"),
    "qt": N_("Qt libraries and interface translation"),
    "passed": N_("All good: {{n}} checks passed in {{s}} s."),
    "failed": N_("{{bad}} of {{n}} checks failed. Reinstall Digigram or ask for help."),
    "frozen": N_("built program"),
    "source": N_("from source"),
}


class Failed(Exception):
    """A check found something wrong; the message is already in the reader's language."""


class _Run:
    """Runs the checks in order, prints one line each, remembers what later checks need."""

    def __init__(self, lang: str, out: TextIO) -> None:
        self.lang = normalise(lang)
        self.words = rendered(WORDS, self.lang)
        self.out = out
        self.results: list[bool] = []
        self.state: dict[str, Any] = {}

    def t(self, text: Message) -> str:
        return text.render(self.lang)

    def check(self, key: str, body: Callable[[], str], *, needs: tuple[str, ...] = ()) -> None:
        missing = [n for n in needs if n not in self.state]
        try:
            if missing:
                raise Failed(self.t(N_("skipped: an earlier check failed")))
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
    params = bank.given[bank.row[item.id]]  # the file's parameters, as `digigram simulate` answers
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
        return t(N_("{id} {version}: {areas}, {competences}, {items} ({scored} scored)",
                    id=fw.id, version=fw.version, scored=scored,
                    areas=NP_("{count} area", "{count} areas", len(fw.areas)),
                    competences=NP_("{count} competence", "{count} competences", n_comp),
                    items=NP_("{count} item", "{count} items", len(fw.items))))

    def handouts() -> str:
        fw = st["framework"]
        files = [r.path for r in fw.resources if r.path is not None]
        missing = [p.name for p in files if not p.is_file() or p.stat().st_size == 0]
        if not files:
            raise Failed(t(N_("the framework names no files")))
        if missing:
            raise Failed(t(N_("missing files: ")) + ", ".join(sorted(missing)))
        return t(NP_("the {count} file is present", "all {count} files present", len(files)))

    def database() -> str:
        from digigram.services.workspace import Workspace

        ws = Workspace.open(data_dir=work / "data")
        st["workspace"] = ws
        path = ws.database_path
        if path is None or not path.is_file():
            raise Failed(t(N_("no database file was created")))
        return t(N_("created and migrated to the current schema ({value} KB)",
                    value=path.stat().st_size // 1024))

    def quiz() -> str:
        import numpy as np

        ws = st["workspace"]
        person = ws.create_person(t(N_("Self Test")), hub="self-test")
        session = ws.start_quiz(person.id, mode="full", seed=SEED)
        rng, np_rng = random.Random(SEED), np.random.default_rng(SEED)
        while (item := session.current_item) is not None:
            session.answer(_simulated_choice(session.framework, item, rng, np_rng), seconds=1.0)
        session.finish()
        result = session.result()
        n_areas = len(session.framework.areas)
        if len(result.areas) != n_areas:
            raise Failed(t(N_("the result covers {count} areas instead of {n_areas}",
                              count=len(result.areas), n_areas=n_areas)))
        st.update(person=person, attempt_id=session.attempt_id, result=result)
        levels = ", ".join(f"{a.area_id} {a.level}" for a in result.areas.values())
        return t(NP_("{count} question, levels: {levels}", "{count} questions, levels: {levels}",
                     result.asked, levels=levels))

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
            raise Failed(t(N_("the result differs after reopening the database")))
        if [a.status for a in attempts] != ["finished"]:
            raise Failed(t(N_("the attempt is not marked finished")))
        return t(NP_("after reopening the database: {count} answer, the same result",
                     "after reopening the database: {count} answers, the same result", again.asked))

    def plan() -> str:
        ws = st["workspace"]
        person = st["person"]
        draft = ws.suggest_plan(st["attempt_id"], lang=run.lang)
        ws.save_plan(person.id, draft)
        saved = ws.plan_for(person.id)
        if saved is None or len(saved.steps) != len(draft.steps):
            raise Failed(t(N_("the plan was not saved")))
        gaps = [c for c in st["result"].competences.values() if c.gap]
        if gaps and not saved.steps:
            raise Failed(t(N_("the plan is empty although there are gaps")))
        st["plan"] = saved
        return t(NP_("{count} step saved", "{count} steps saved", len(saved.steps)))

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
            raise Failed(t(N_("the file is not a PDF")))
        if size < PDF_MIN_BYTES:
            raise Failed(t(N_("the file is suspiciously small ({size} B)", size=size)))
        return t(N_("{value} KB in {took} s", value=format_count(size // 1024, run.lang),
                     took=format_number(took, run.lang)))

    def backup() -> str:
        made = st["workspace"].backup_now("self-test")
        if made is None or not made.is_file() or made.stat().st_size == 0:
            raise Failed(t(N_("no backup was made")))
        return t(N_("made ({value} KB)", value=made.stat().st_size // 1024))

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
    """The desktop app's libraries load and its translations are readable; no window is opened.

    Qt is probed by name at run time, not imported: the command line must keep working where Qt is
    missing, and there this check alone fails, which is exactly what the report should say.
    """
    import importlib

    modules = {name: importlib.import_module(name) for name in (
        "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg",
        "matplotlib.backends.backend_agg")}  # the charts are drawn by Agg (ui/chart_widget.py)
    qt_core = modules["PySide6.QtCore"]
    # The same place digigram.ui.translations reads them from, in a checkout and in the bundle; each
    # language's (English's holds its plural forms).
    folder = Path(__file__).resolve().parents[1] / "ui" / "translations"
    names = []
    for lang in ("uk", "en"):
        qm = folder / f"digigram_{lang}.qm"
        translator = qt_core.QTranslator()
        if not qm.is_file() or not translator.load(str(qm)):
            raise Failed(run.t(N_("could not read the translation {name}", name=qm.name)))
        names.append(qm.name)
    # The services' notices (shown in the windows too), the terminal and this report are worded from the
    # gettext catalogue; without it a Ukrainian user reads them in English and no other check fails.
    mo = i18n.LOCALE_DIR / "uk" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    try:
        gettext.translation(i18n.DOMAIN, localedir=i18n.LOCALE_DIR, languages=["uk"])
    except OSError:
        raise Failed(run.t(N_("could not read the translation {name}", name=f"uk/{mo.name}"))) from None
    names.append(f"uk/{mo.name}")
    return f"Qt {qt_core.qVersion()}, {', '.join(names)}"


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
    stream.write(state.words["passed"].format(n=n, s=format_number(time.perf_counter() - started, state.lang))
                 + "\n")
    return 0
