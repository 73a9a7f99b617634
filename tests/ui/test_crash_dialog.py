"""The one dialog for a mistake inside Digigram: said in plain words in the reader's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from digigram.ui import appearance, errors


@pytest.mark.parametrize(("lang", "said"), [
    ("uk", "У Digigram щось пішло не так. Усі відповіді, дані до цієї миті, збережено. Будь ласка, повідомте "
           "про це того, хто обслуговує цей компʼютер; подробиці записано в цьому файлі:"),
    ("en", "Something went wrong inside Digigram. Your answers so far are saved. Please tell the person who "
           "looks after this computer; the details are in this file:"),
])
def test_the_crash_dialog_says_the_answers_are_saved_in_natural_words(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        lang: str, said: str) -> None:
    """It read «Відповіді, дані досі, збережено» and asked to tell «людину, яка доглядає за цим
    компʼютером»."""
    shown: list[QMessageBox] = []
    monkeypatch.setattr(errors, "ask_box", lambda box: shown.append(box) or 0)
    appearance.install_language(lang)
    try:
        try:
            raise RuntimeError("a mistake inside Digigram")
        except RuntimeError as exc:
            errors.CrashHandler(tmp_path)(RuntimeError, exc, exc.__traceback__)
    finally:
        appearance.install_language("en")
    capsys.readouterr()  # the traceback printed for whoever started it from a terminal
    (box,) = shown
    assert box.text() == said
    assert box.informativeText() == str(tmp_path / errors.LOG_NAME)
