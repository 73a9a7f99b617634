"""Regenerate docs/screenshots/*.png from the real app in a real X server at 1366×768.

Run: `make screenshots` (Xvfb: xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb
.venv/bin/python tools/screenshots.py). Under X the pictures are taken from the screen itself, so they
show what a person sees; offscreen (QT_QPA_PLATFORM=offscreen) they are the window's own rendering.
Besides every screen in both languages: Ukrainian at 200 % text and in high contrast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from digigram.app import build_window, qapplication  # noqa: E402
from digigram.core.records import PlanStep  # noqa: E402
from digigram.services.workspace import Workspace  # noqa: E402
from digigram.ui.rating_dialog import RatingDialog  # noqa: E402
from digigram.ui.settings_dialog import Settings  # noqa: E402
from digigram.ui.translations import compile_all  # noqa: E402
from digigram.ui.widgets import screen_of  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)  # a common library laptop; without a window manager the window fills the screen
NAMES = {"uk": ("Оксана Петренко", "Бучанська публічна бібліотека"),
         "en": ("Oksana Petrenko", "Bucha Public Library")}


def framework_path() -> Path:
    shipped = ROOT / "competency_framework" / "librarians.yaml"
    return shipped if shipped.exists() else ROOT / "tests" / "frameworks" / "minimal.yaml"


def shoot(lang: str, folder: Path) -> list[Path]:
    app = qapplication()
    ws = Workspace.open(data_dir=folder / lang, framework_path=framework_path())
    RatingDialog.ask = classmethod(lambda cls, parent, after=False: 6)  # type: ignore[method-assign, assignment]
    name, hub = NAMES[lang]
    person = ws.create_person(name, hub=hub)
    ws.create_person("Марія Коваль" if lang == "uk" else "Maria Koval", hub=hub)
    win = build_window(ws, language=lang)
    win.resize(*SIZE)
    win.show()
    win.select_person(person.id)
    win.home.refresh()
    shots: list[Path] = []

    def save(name: str) -> None:
        for _ in range(6):  # wrapped labels and redrawn charts settle over a few layout passes
            app.processEvents()
            win.resize(*SIZE)
            time.sleep(0.05)
        app.processEvents()
        path = OUT / f"{name}-{lang}.png"
        screen = screen_of(win) if app.platformName() == "xcb" else None
        if screen is not None:
            # The X server's own pixels for the window: what is really on the screen.
            screen.grabWindow(win.winId()).save(str(path))
        else:
            win.grab().save(str(path))
        shots.append(path)

    save("home")
    session = ws.start_quiz(person.id, mode="full", rating_before=6, seed=7)
    win._enter_quiz(session)
    # A knowledge question shows the options and "I don't know"; answer until one is on screen.
    pattern = 0
    while win.quiz.item is not None and (win.quiz.item.kind != "knowledge" or pattern < 2):
        win.quiz._choose_by_number(1 + pattern % 2)
        win.quiz.submit()
        pattern += 1
    if win.quiz.item is not None:
        win.quiz._choose_by_number(2)
        save("question")
    while win.quiz.session is not None:
        win.quiz._choose_by_number(1 + pattern % 3 if win.quiz.item.kind != "knowledge" else 2)
        win.quiz.submit()
        pattern += 1
    save("results")
    fw = ws.framework
    comp_ids = {c.id for c in fw.competences}
    usable = [r for r in fw.resources if any(c in comp_ids for c in r.competences)]
    usable.sort(key=lambda r: not r.offline)  # a handout first: it opens with no network
    goals = {"uk": ("Опрацювати матеріал і виконати вправи", "Провести заняття для відвідувачів хабу"),
             "en": ("Work through the handout and its exercises", "Run a session for the hub's visitors")}
    steps = []
    for n, res in enumerate(usable[:2]):
        comp = next(c for c in res.competences if c in comp_ids)
        steps.append(PlanStep(competence_id=comp, goal=goals[lang][n], resource_id=res.id,
                              due=dt.date(2026, 12, 15) + dt.timedelta(days=45 * n),
                              status="in_progress" if n == 0 else "planned"))
    plan = win.view("plan")
    win.show_plan(person.id)
    plan.steps = steps
    plan.dirty = True
    plan._render_list()
    plan.list.setCurrentRow(0)
    plan.save_plan()
    save("plan")
    if lang == "uk":
        shoot_large_and_contrast(win, ws, lang, save)
    shoot_coordinator(win, ws, lang, person.id, save)
    win.close()
    ws.close()
    return shots


def shoot_large_and_contrast(win: Any, ws: Workspace, lang: str, save: Any) -> None:
    """A question and the results at 200 % text, then in high contrast; the settings go back after."""
    other = next(p for p in ws.people() if p.id != win.person_id)
    finished = [a for a in ws.history(win.person_id) if a.status == "finished"]
    win.apply_settings(Settings(language=lang, text_scale=200), store=False)
    win.show_results(finished[-1].id)
    save("results-200")
    win.select_person(other.id)
    session = ws.start_quiz(other.id, mode="quick", rating_before=5, seed=11)
    win._enter_quiz(session)
    while win.quiz.item is not None and win.quiz.item.kind != "knowledge":
        win.quiz._choose_by_number(2)
        win.quiz.submit()
    win.quiz._choose_by_number(1)
    save("question-200")
    win.apply_settings(Settings(language=lang, text_scale=100, high_contrast=True), store=False)
    save("question-contrast")
    win.pause_check(session)
    save("home-contrast")
    win.select_person(finished[-1].person_id)
    win.show_results(finished[-1].id)
    save("results-contrast")
    win.apply_settings(Settings(language=lang), store=False)


TRAINEES = {"uk": [("Наталія Бойко", "Весна-2024"), ("Іван Мельник", "Весна-2024"),
                   ("Олена Шевчук", "Осінь-2024"), ("Петро Бондар", "Осінь-2024")],
            "en": [("Natalia Boiko", "Spring 2024"), ("Ivan Melnyk", "Spring 2024"),
                   ("Olena Shevchuk", "Autumn 2024"), ("Petro Bondar", "Autumn 2024")]}
HUBS = {"uk": ("Бучанська публічна бібліотека", "Ірпінський хаб цифрової освіти"),
        "en": ("Bucha Public Library", "Irpin Digital Education Hub")}


def shoot_coordinator(win: Any, ws: Workspace, lang: str, first_id: str, save: Any) -> None:
    """The dashboard and one trainee, over a few trainees with one or two finished checks each."""
    import random


    rnd = random.Random(3)
    ids = [first_id]
    for n, (name, group) in enumerate(TRAINEES[lang]):
        pin = "1234" if n == 0 else None  # a protected person opens for the coordinator too
        ids.append(ws.create_person(name, hub=HUBS[lang][n % 2], group=group, pin=pin).id)
    for n, pid in enumerate(ids):
        for k in range(1 + n % 2):
            session = ws.start_quiz(pid, mode="quick", rating_before=4 + (n + k) % 5, seed=50 + 10 * n + k)
            skill = 0.1 + 0.12 * n + 0.15 * k  # later checks go a little better
            while (item := session.current_item) is not None:
                count = (len(ws.framework.scales[item.scale].points) if item.scale is not None
                         else len(item.options))
                right = [i for i, o in enumerate(item.options) if getattr(o, "score", 0) >= 1]
                good = rnd.random() < skill
                session.answer(right[0] if good and right else (count - 1 if good else rnd.randrange(count)))
            session.finish(rating_after=min(10, 6 + (n + k) % 4))
    ws.set_coordinator_password("coordinator-2024")
    win.coordinator = ws.unlock_coordinator("coordinator-2024")
    win.open_coordinator()
    save("dashboard")
    dash = win.stack.currentWidget()
    # The group and the programme pictures are made in a thread: wait for each (seconds at most here).
    def wait_for(pending: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 30
        while pending() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.05)

    dash.tabs.setCurrentIndex(dash.tabs.indexOf(dash.heatmap))
    wait_for(dash.heatmap.busy)
    save("group")
    dash.tabs.setCurrentIndex(dash.tabs.indexOf(dash.programme))
    wait_for(lambda: dash.programme.picture is None)
    save("programme")
    dash.tabs.setCurrentIndex(0)
    win.show_trainee(ids[1])
    save("trainee")


def main() -> int:
    compile_all()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("uk", "en"):
            for path in shoot(lang, Path(tmp)):
                print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
