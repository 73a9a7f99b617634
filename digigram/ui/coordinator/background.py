"""Reading a region's figures off the window's thread: on a region's database they take seconds, and the
window stays usable meanwhile (a frozen window for seconds reads as a crash on an old PC)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from digigram.core.errors import DigigramError


class Relay(QObject):
    """Carries a worker thread's result into the window's thread (a queued signal)."""

    done = Signal(object, object)  # (request number, the result or a DigigramError)


def read_in_background(relay: Relay, asked: int, read: Callable[[], object], *, name: str,
                       failed: Callable[[str], DigigramError]) -> None:
    """Run `read` in a daemon thread; `relay.done` then carries (asked, its result). A DigigramError is
    carried as it is; anything else (a lost connection, a server error mid-read) as `failed(detail)`, so
    that it is said rather than ending the thread with the page left waiting forever."""

    def work() -> None:
        try:
            result = read()
        except DigigramError as exc:
            result = exc
        except Exception as exc:
            result = failed(f"{type(exc).__name__}: {exc}".strip()[:300])
        relay.done.emit(asked, result)

    threading.Thread(target=work, name=name, daemon=True).start()
