"""The desktop app's composition root: paths, Workspace, settings, QApplication, translators, MainWindow."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path
from typing import Any

from digigram.paths import data_dir_from_args


def requested_language(args: Any) -> str | None:
    """The language asked for with --lang, else None: then the saved choice, else Ukrainian, applies.

    args.lang holds the system language when --lang was not given; the desktop app ignores that,
    because the people it serves expect Ukrainian whatever the library PC's locale is.
    """
    if getattr(args, "lang_explicit", False):
        return getattr(args, "lang", None)
    return None


def open_workspace(args: Any) -> Any:
    from digigram.workspace import Workspace

    return Workspace.open(data_dir=getattr(args, "data_dir", None),
                          database_url=getattr(args, "database", None))


def build_window(ws: Any, *, language: str | None = None) -> Any:
    """The main window over `ws`, with the stored settings applied (used by main, tests and tools)."""
    from digigram.ui import appearance
    from digigram.ui.main_window import MainWindow, load_settings

    settings = load_settings(ws, language=language)
    appearance.install_language(settings.language)
    window = MainWindow(ws, settings=settings)
    appearance.apply_text_scale(settings.text_scale)
    appearance.apply_contrast(settings.high_contrast)
    return window


def qapplication(argv: list[str] | None = None) -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("Digigram")
        app.setOrganizationName("Digigram")
        app.setStyle("Fusion")  # the same look and sizes on every system, and a clean high-contrast palette
    return app


def main(args: Namespace) -> int:
    """Open the desktop app; returns the exit status."""
    from digigram.core.errors import DigigramError
    from digigram.ui.errors import CrashHandler, show_problem

    app = qapplication()
    folder: Path = data_dir_from_args(args)
    crash = CrashHandler(folder)
    crash.install()
    language = requested_language(args)
    try:
        ws = open_workspace(args)
    except DigigramError as exc:
        from digigram.ui import appearance

        appearance.install_language(language or "uk")
        show_problem(None, exc)
        return 2
    try:
        window = build_window(ws, language=language)
        window.show()
        return int(app.exec())
    finally:
        ws.close()
        crash.uninstall()
