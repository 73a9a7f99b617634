"""The new-person form says what is wrong with a name beside it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from digigram.core import limits
from digigram.ui.person_dialog import PersonDialog
from digigram.ui.settings_dialog import Settings
from tests.ui.helpers import settle, type_text


def _dialog(qtbot: Any, window: Any, **kwargs: Any) -> PersonDialog:
    kwargs.setdefault("profiles", [("librarian", "Бібліотекар")])
    dialog = PersonDialog(window, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_name_of_spaces_or_cut_at_the_limit_is_explained_beside_the_field(
        qtbot: Any, window: Any, lang: str) -> None:
    window.apply_settings(Settings(language=lang), store=False)
    dialog = _dialog(qtbot, window)
    problem = dialog.name_problem
    assert not problem.isVisible()  # nothing typed yet: nothing to complain about
    dialog.consent.setChecked(True)
    type_text(dialog.name, "   ")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert problem.isVisible() and {"uk": "пробіл", "en": "spaces"}[lang] in problem.text()
    assert dialog.name.accessibleDescription() == problem.text().removeprefix("⚠ ")
    dialog.name.clear()
    dialog.name.insert("Я" * 300)  # pasted: the field keeps 200
    assert len(dialog.name.text()) == limits.NAME_MAX
    assert problem.isVisible() and str(limits.NAME_MAX) in problem.text()
    assert ok.isEnabled()  # 200 characters are a name; the note only says why no more were taken
    dialog.name.setText("Оксана Петренко")
    assert not problem.isVisible() and dialog.name.accessibleDescription() == ""
    # The note sits right below the name field, between it and the next field.
    settle()
    assert dialog.name.geometry().bottom() < problem.geometry().top() < dialog.profile.geometry().top() or \
        not problem.isVisible()
