"""The desktop app's composition root: paths, Workspace, settings, QApplication, translators, MainWindow."""

from __future__ import annotations

import sys
from argparse import Namespace
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from digigram.core.i18n import N_
from digigram.core.paths import data_dir_from_args

OPEN_ANYWAY_MS = 1500  # open the data even if the window is never painted (e.g. started minimised)


def requested_language(args: Any) -> str | None:
    """The language asked for with --lang, else None: then the saved choice, else Ukrainian, applies.

    args.lang holds the system language when --lang was not given; the desktop app ignores that,
    because the people it serves expect Ukrainian whatever the library PC's locale is.
    """
    if getattr(args, "lang_explicit", False):
        return getattr(args, "lang", None)
    return None


def open_workspace(args: Any, *, backup_later: bool = False) -> Any:
    from digigram.services.workspace import Workspace

    # A regional database is set up by its owner (`digigram migrate`), never by opening the window on it.
    return Workspace.open(data_dir=getattr(args, "data_dir", None),
                          database_url=getattr(args, "database", None), backup_later=backup_later,
                          read_server=True)


def build_window(ws: Any, *, language: str | None = None) -> Any:
    """The main window over an open `ws`, with the stored settings applied (used by tests and tools)."""
    from digigram.ui import appearance
    from digigram.ui.main_window import MainWindow
    from digigram.ui.settings_dialog import Settings

    # As open_window: installed first, so English gets its file (its plural forms) even when it is the
    # language the app starts in and finish_opening sees no change of language.
    appearance.install_language(language or "uk")
    window = MainWindow(None, settings=Settings(language=language or "uk"))
    finish_opening(window, ws, language=language)
    return window


def finish_opening(window: Any, ws: Any, *, language: str | None) -> None:
    """Apply the stored settings (an explicit `language` wins) and show the home screen over `ws`."""
    from digigram.ui import appearance
    from digigram.ui.main_window import load_settings

    settings = load_settings(ws, language=language)
    if settings.language != appearance.current_language():
        appearance.install_language(settings.language)
    window.attach(ws, settings=settings)
    appearance.apply_looks(text_scale=settings.text_scale, high_contrast=settings.high_contrast)
    # As a change in Settings does: home, laid out at the size the window opened with, stayed wider than
    # the window at a saved 200 % text and scrolled sideways on every start.
    window.refit()


def open_window(args: Any) -> Any:
    """The main window in its calm "Opening your data…" state; the data opens once it is on screen.

    Opening the data waits until the window has painted once, so a person sees the app answer at
    once. The home screen then needs only the framework (from its compiled cache) and a few reads;
    SQLAlchemy, numpy and the start backup follow in the background (Workspace.preload) while the home
    screen already takes input, and any use of the database before they are done waits for them.
    """
    from PySide6.QtCore import QTimer

    from digigram.ui import appearance
    from digigram.ui.main_window import MainWindow
    from digigram.ui.settings_dialog import Settings

    language = requested_language(args)
    appearance.install_language(language or "uk")  # the saved choice is only known once the data is open
    window = MainWindow(None, settings=Settings(language=language or "uk"))
    started = False

    def start() -> None:
        nonlocal started
        if not started:
            started = True
            _open_data(window, args, language=language)

    # A zero timer from the first paint runs once that frame is on screen; the longer one covers a
    # window that is never painted (started minimised), so the data still opens.
    window.opening.painted.connect(lambda: QTimer.singleShot(0, start))
    anyway = QTimer(window)  # owned by the window, so it never fires for a window that is gone
    anyway.setSingleShot(True)
    anyway.timeout.connect(start)
    anyway.start(OPEN_ANYWAY_MS)
    return window


def _open_data(window: Any, args: Any, *, language: str | None) -> None:
    from PySide6.QtCore import QCoreApplication

    from digigram.core.errors import DigigramError
    from digigram.ui.appearance import current_language
    from digigram.ui.errors import show_problem
    from digigram.ui.first_paint import after_first_paint

    try:
        ws = open_workspace(args, backup_later=True)
    except DigigramError as exc:
        # A damaged or too-new database: say so in the window and in a message. A damaged one may be
        # replaced by its newest sound backup, offered in that message; else the app ends with status 2.
        from digigram.services.restore import Restorer
        from digigram.ui.restore_offer import offer_restore, said_in_app  # only when the data will not open

        window.opening.show_problem(said_in_app(exc))

        backups = None if getattr(args, "database", None) else Restorer(data_dir_from_args(args))
        try:
            if not offer_restore(window, exc, backups):
                raise exc from None
            ws = open_workspace(args, backup_later=True)
        except DigigramError as still:
            if still is not exc:
                window.opening.show_problem(still.said_in_app(current_language()))
                show_problem(window, still)
            QCoreApplication.exit(2)
            return
    finish_opening(window, ws, language=language)
    # The loader thread signals the window; the signal is queued into the window's (the main) thread.
    window.preloaded.connect(window.finish_start)
    # The loader shares the interpreter with the window: started before the home screen's first frame,
    # its imports held that frame back. So it starts once the home screen is on screen (or after
    # OPEN_ANYWAY_MS for a window that is never painted); a write before then makes the backup itself.
    after_first_paint(window.home, lambda: ws.preload(done=window.preloaded.emit), anyway_ms=OPEN_ANYWAY_MS)


def qapplication(argv: list[str] | None = None) -> Any:
    from PySide6.QtWidgets import QApplication

    import digigram.ui  # noqa: F401  (importing it makes PySide6's check of each later import light)
    from digigram.ui.appearance import ScaledIndicators

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("Digigram")
        app.setOrganizationName("Digigram")
    assert isinstance(app, QApplication)  # a widgets app, never a bare QCoreApplication
    if not isinstance(app.style(), ScaledIndicators):
        # Fusion: the same look and sizes on every system, and a clean high-contrast palette.
        app.setStyle(ScaledIndicators("Fusion"))
    return app


def no_display_message(lang: str | None, environ: Mapping[str, str]) -> str | None:
    """One line saying there is no screen to open the window on, or None when there is one.

    On Linux without DISPLAY or WAYLAND_DISPLAY Qt would abort with a long message about plugins.
    """
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return N_("No screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): start Digigram "
              "in a desktop session; in a terminal use `digigram quiz --person NAME`.").render(lang)


def _already_open(database: Path, lang: str) -> int:
    """A start on data a window or a command already has: the window is asked forward and this start
    ends (0). A command changing the data, or a window that does not answer, is said in a message box,
    since a start from the icon has no terminal to read (1)."""
    from digigram.services import one_window

    holder = one_window.holder(database)
    if holder == one_window.WINDOW and one_window.ask_to_come_forward(database):
        print(one_window.ALREADY_OPEN.render(lang), file=sys.stderr)
        return 0
    said = one_window.command_running if holder == one_window.COMMAND else one_window.not_answering
    text = said(database).render(lang)
    print(text, file=sys.stderr)
    from digigram.ui import appearance
    from digigram.ui.errors import show_text

    qapplication()
    appearance.install_language(lang)
    show_text(None, text)
    return 1


def main(args: Namespace) -> int:
    """Open the desktop app; returns the exit status."""
    import os

    problem = no_display_message(getattr(args, "lang", None), os.environ)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    from digigram.services import one_window

    # Before Qt loads: a second start on the same data asks the open window forward and ends, at once.
    database = one_window.database_file(data_dir=getattr(args, "data_dir", None),
                                        database_url=getattr(args, "database", None))
    claim = one_window.claim_window(database)
    if claim is None:
        assert database is not None
        return _already_open(database, requested_language(args) or "uk")
    from digigram.ui.errors import CrashHandler

    app = qapplication()
    folder: Path = data_dir_from_args(args)
    crash = CrashHandler(folder)
    crash.install()
    window = None
    try:
        window = open_window(args)
        window.show()
        if claim.request is not None:
            from digigram.ui.come_forward import ComeForward

            ComeForward(window, claim.request)
        return int(app.exec())
    finally:
        if window is not None and window.ws is not None:
            window.ws.close()
        crash.uninstall()
        claim.release()
