"""Coordinator dates (table, filters, Programme, bundle) are written as every list and report writes them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from digigram.ui.coordinator.bundles import BundleDialog
from digigram.ui.coordinator.login import PasswordDialog
from digigram.ui.settings_dialog import Settings
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.test_coordinator import PEOPLE, SECRET

SHAPE = {"uk": re.compile(r"^\d\d\.\d\d\.\d{4}$"), "en": re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4}$")}


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_dashboard_dates_in_the_language_of_the_app(
    qtbot: Any, window: Any, ws: Any, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    seed_trainees(ws, PEOPLE[:1])
    ws.set_coordinator_password(SECRET)
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, *, kind, **_: ("", SECRET)))
    other = "en" if lang == "uk" else "uk"
    window.apply_settings(Settings(language=other), store=False)
    window.open_coordinator()
    window.apply_settings(Settings(language=lang), store=False)  # a switch while the screen is open
    QApplication.processEvents()
    dash = window.stack.currentWidget()
    last = next(c for c in range(dash.model.columnCount())
                if SHAPE["uk"].match(str(dash.model.data(dash.model.index(0, c)))) or
                SHAPE["en"].match(str(dash.model.data(dash.model.index(0, c)))))
    assert SHAPE[lang].match(dash.model.data(dash.model.index(0, last)))
    for edit in (dash.date_from, dash.date_to, dash.programme.since):
        assert SHAPE[lang].match(edit.text()), (edit.accessibleName(), edit.text())

    dialog = BundleDialog(window, saving=True)
    qtbot.addWidget(dialog)
    assert SHAPE[lang].match(dialog.since.text()), dialog.since.text()
