"""Reading a region's figures off the window's thread: on a region's database they take seconds, and the
window stays usable meanwhile (a frozen window for seconds reads as a crash on an old PC)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from digigram.core.errors import DigigramError
from digigram.ui.errors import database_failed


class Relay(QObject):
    """Carries a worker thread's result into the window's thread (a queued signal)."""

    done = Signal(object, object)  # (request number, the result, a DigigramError or another exception)


def read_in_background(relay: Relay, asked: int, read: Callable[[], object], *, name: str,
                       failed: Callable[[str], DigigramError]) -> None:
    """Run `read` in a daemon thread; `relay.done` then carries (asked, its result). A DigigramError is
    carried as it is; a failing database or system as `failed(detail)`, to be said; any other exception
    as it is, for the receiver to raise again on the window's thread (see `raise_mistake`)."""

    def work() -> None:
        result: object
        try:
            result = read()
        except DigigramError as exc:
            result = exc
        except Exception as exc:
            said = isinstance(exc, OSError) or database_failed(exc)  # the system or the database failing
            result = failed(f"{type(exc).__name__}: {exc}".strip()[:300]) if said else exc
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile: no one to tell
            relay.done.emit(asked, result)

    threading.Thread(target=work, name=name, daemon=True).start()


def raise_mistake(result: object) -> None:
    """On the window's thread: a mistake in the code that a reading met is raised here, where the crash
    handler logs it and says so, instead of passing for a database problem."""
    if isinstance(result, BaseException) and not isinstance(result, DigigramError):
        raise result
