"""The Ukrainian translation is complete and current, and switching language re-texts the open window."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from digigram.ui import main_window
from digigram.ui.settings_dialog import Settings, SettingsDialog
from digigram.ui.translations import FOLDER, ts_path
from tests.ui.helpers import answer_current, create_person

UI = Path(main_window.__file__).resolve().parent


def test_committed_translation_is_complete_and_current(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    copy = tmp_path / "digigram_uk.ts"
    shutil.copy(ts_path("uk"), copy)
    sources = sorted(str(p) for p in UI.rglob("*.py") if "translations" not in p.parts)
    subprocess.run([str(lupdate), "-silent", *sources, "-ts", str(copy)], check=True, timeout=120)
    problems = []
    for context in ET.parse(copy).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            forms = [f.text for f in translation.iter("numerusform")] if translation is not None else []
            text = (translation.text or "").strip() if translation is not None else ""
            if kind in ("unfinished", "missing", "vanished", "obsolete"):
                problems.append(f"{name}: {source!r} is {kind}")
            elif message.get("numerus") == "yes" and (len(forms) != 3 or not all(forms)):
                problems.append(f"{name}: {source!r} needs three Ukrainian plural forms")
            elif message.get("numerus") != "yes" and not text:
                problems.append(f"{name}: {source!r} has an empty translation")
    assert problems == [], "run pyside6-lupdate and translate:\n" + "\n".join(problems)
    assert (FOLDER / "digigram_uk.qm").exists()


def test_committed_english_plural_forms_are_complete_and_current(tmp_path: Path) -> None:
    """English's file holds only plurals: a new "%n …" string needs its "1 level" and "2 levels" there."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    copy = tmp_path / "digigram_en.ts"
    shutil.copy(ts_path("en"), copy)
    sources = sorted(str(p) for p in UI.rglob("*.py") if "translations" not in p.parts)
    subprocess.run([str(lupdate), "-silent", "-pluralonly", *sources, "-ts", str(copy)], check=True,
                   timeout=120)
    messages = list(ET.parse(copy).getroot().iter("message"))
    assert messages and all(m.get("numerus") == "yes" for m in messages)
    problems = [m.findtext("source") for m in messages
                if (t := m.find("translation")) is None or t.get("type") is not None
                or [bool(f.text) for f in t.iter("numerusform")] != [True, True]]
    assert problems == [], "run pyside6-lupdate -pluralonly and give both English forms"


def test_ukrainian_is_the_default(qtbot: Any, ws: Any, dialogs: Any, messages: Any) -> None:
    from digigram.app import build_window

    win = build_window(ws)
    qtbot.addWidget(win)
    assert win.lang == "uk"
    assert win.home.new_person.text() == "&Нова людина…"
    assert win.windowTitle() == "Digigram"  # the product name is the same in every language


def test_switching_language_changes_visible_texts(qtbot: Any, window: Any, ws: Any, monkeypatch: Any) -> None:
    win = window
    create_person(qtbot, win)
    qtbot.mouseClick(win.home.full, Qt.MouseButton.LeftButton)
    answer_current(qtbot, win)
    item = win.quiz.item
    assert win.quiz.next_button.text() == "Save and &next"
    assert win.quiz.stem.text() == item.stem.get("en")
    english_progress = win.quiz.progress.text()

    chosen = Settings(language="uk", text_scale=150, high_contrast=True)
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, parent, current: chosen))
    win.edit_settings()

    assert win.quiz.next_button.text() == "Зберегти й &далі"
    assert win.quiz.stem.text() == item.stem.get("uk")  # framework content follows the language too
    # The notice at the window's foot too: it stayed in the language it was first shown in.
    assert win.statusBar().currentMessage() == "Кожну відповідь зберігаємо, щойно ви переходите далі."
    assert win.quiz.progress.text() != english_progress and "відповід" in win.quiz.progress.text()
    assert win.home_action.text() == "Головна"
    # Kept between runs: a new window over the same data starts in Ukrainian, larger, in high contrast.
    assert main_window.load_settings(ws) == chosen

    monkeypatch.setattr(SettingsDialog, "ask", classmethod(
        lambda cls, parent, current: Settings(language="en", text_scale=100, high_contrast=False)))
    win.edit_settings()
    assert win.quiz.next_button.text() == "Save and &next"
    assert win.statusBar().currentMessage() == "Each answer is saved as soon as you go on."


def test_ukrainian_plural_forms(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    from digigram.ui import texts

    window.apply_settings(Settings(language="uk"), store=False)
    words = [texts.gap_text(type("R", (), {"gap": n})()) for n in (1, 2, 5, 21)]
    assert words == ["▼ на 1 рівень нижче від цілі", "▼ на 2 рівні нижче від цілі",
                     "▼ на 5 рівнів нижче від цілі", "▼ на 21 рівень нижче від цілі"]


def test_english_plural_forms(qtbot: Any, window: Any) -> None:
    """English read «▲ below the target by levels: 1»: the source text had one form for every number."""
    from digigram.ui import texts

    window.apply_settings(Settings(language="uk"), store=False)
    window.apply_settings(Settings(language="en"), store=False)
    words = [texts.gap_text(type("R", (), {"gap": n})()) for n in (1, 2, 5, 21)]
    assert words == ["▼ 1 level below the target", "▼ 2 levels below the target",
                     "▼ 5 levels below the target", "▼ 21 levels below the target"]


# A program that opens the window in English first thing, as tools/screenshots.py and scripts do.
ENGLISH_FIRST = r"""
import sys
from digigram.app import build_window, qapplication
from digigram.services.workspace import Workspace
from digigram.ui.texts import gap_text

qapplication()
ws = Workspace.open(data_dir=sys.argv[1], framework_path=sys.argv[2])
win = build_window(ws, language="en")
print([gap_text(type("R", (), {"gap": n})()) for n in (1, 2)])
ws.close()
"""


def test_a_window_opened_in_english_first_has_its_plural_forms(tmp_path: Path) -> None:
    """English was the language before any was installed, so opening in English installed nothing and
    the results read «▼ 1 level(s) below the target»."""
    import os

    from tests.ui.conftest import MINI

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", ENGLISH_FIRST, str(tmp_path / "data"), str(MINI)],
                          capture_output=True, text=True, env=env, cwd=root, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "['▼ 1 level below the target', '▼ 2 levels below the target']"


def test_the_text_size_is_written_with_each_languages_percent_sign(window: Any) -> None:
    # As every other share on screen: «150 %» with a no-break space in Ukrainian, "150%" in English.
    for language, suffix in (("uk", "\u00a0%"), ("en", "%")):
        window.apply_settings(Settings(language=language), store=False)
        dialog = SettingsDialog(window, current=window.settings)
        assert dialog.scale.suffix() == suffix
        dialog.deleteLater()


def test_switching_language_on_the_plan_re_texts_its_heading_and_state(qtbot: Any, window: Any) -> None:
    """Switched to Ukrainian on the plan, the screen kept «Development plan of …» and «Not saved yet»."""
    person = create_person(qtbot, window)
    window.show_plan(person.id)
    plan = window.view("plan")
    assert plan.heading.text() == f"Development plan of {person.name}"
    assert plan.state.text() == "Finish a check first: suggestions come from its results."
    window.apply_settings(Settings(language="uk"), store=False)
    assert plan.heading.text() == f"План розвитку: {person.name}"
    assert plan.state.text() == "Спершу завершіть перевірку: пропозиції ґрунтуються на її результатах."
    qtbot.mouseClick(plan.add, Qt.MouseButton.LeftButton)
    assert plan.state.text() == "Ще не збережено"
    window.apply_settings(Settings(language="en"), store=False)
    assert plan.state.text() == "Not saved yet"
