"""Reading a region's figures, and drawing its group picture, off the window's thread: on a region's
database they take seconds, and the window stays usable meanwhile (a frozen window for seconds reads as
a crash on an old PC)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from digigram.core.errors import DigigramError
from digigram.ui.errors import database_failed


class Relay(QObject):
    """Carries a worker thread's result into the window's thread (a queued signal), for one page.

    The page does not own it: a child's C++ object went with its page while a worker emitted on it,
    which crashed the process. It belongs to the application instead, and is deleted on the window's
    thread once its page is gone and no worker holds it (`hold`/`release`), so it is neither deleted
    under a worker nor deleted by one (a QObject is deleted on its own thread). The page's connection
    ends with the page: a result that arrives after it goes nowhere.
    """

    done = Signal(object, object)  # (request number, the result, a DigigramError or another exception)

    def __init__(self, page: QObject) -> None:
        super().__init__(QCoreApplication.instance())
        self._lock = threading.Lock()
        self._held = 0
        self._page_gone = False
        self._when_gone: list[Callable[[], None]] = []
        page.destroyed.connect(self._page_closed)

    def when_page_gone(self, call: Callable[[], None]) -> None:
        """`call()` on the window's thread once the page is gone (a worker's job is then not wanted)."""
        self._when_gone.append(call)

    def hold(self) -> None:
        """A worker is about to use the relay: called on the window's thread before it starts."""
        with self._lock:
            self._held += 1

    def tell(self, asked: int, result: object) -> None:
        with contextlib.suppress(RuntimeError):  # the application is closing: no one is left to tell
            self.done.emit(asked, result)

    def release(self) -> None:
        """The worker is done with the relay; the last one out after its page has gone deletes it."""
        with self._lock:
            self._held -= 1
            last = self._page_gone and self._held == 0
        if last:
            with contextlib.suppress(RuntimeError):
                self.deleteLater()  # posted to the window's thread, which deletes it there

    def _page_closed(self) -> None:
        with self._lock:
            self._page_gone = True
            last = self._held == 0
        for call in self._when_gone:
            call()
        if last:
            self.deleteLater()


def _outcome(read: Callable[[], object], failed: Callable[[], DigigramError]) -> object:
    """`read()`'s result, or what it raised as the receiver is to be told it: a DigigramError as it is (a
    lost connection is ConnectionLost, in words, from the store); any other failure of the database or
    system as `failed()`, the reading's own sentence; any other exception as it is, for the receiver to
    raise again on the window's thread (see `raise_mistake`).

    The failure's own text is not put into the sentence: it is the driver's English («OperationalError:
    (psycopg.errors.LockNotAvailable) canceling statement…») inside a Ukrainian message, which tells a
    coordinator nothing they can act on."""
    try:
        return read()
    except DigigramError as exc:
        return exc
    except Exception as exc:
        said = isinstance(exc, OSError) or database_failed(exc)  # the system or the database failing
        return failed() if said else exc


def read_in_background(relay: Relay, asked: int, read: Callable[[], object], *, name: str,
                       failed: Callable[[], DigigramError]) -> None:
    """Run `read` in a daemon thread; `relay.done` then carries (asked, its result or what it raised,
    see `_outcome`)."""
    def work() -> None:
        try:
            relay.tell(asked, _outcome(read, failed))
        finally:
            relay.release()

    relay.hold()
    threading.Thread(target=work, name=name, daemon=True).start()


class Newest:
    """Work of which only the newest request matters (a picture drawn again for another order, filter or
    text size), in one worker thread at a time: a request made while one runs waits, replacing any
    older one waiting, and the thread ends when nothing waits. `relay.done` carries (asked, the result)
    as with `read_in_background`; a job may ask `is_newest(asked)` to give up early. Once the relay's
    page is gone no request is the newest, so a picture being drawn for a closed window stops at its
    next look and one waiting is never started.

    The thread is not a daemon, so the interpreter waits for it at exit (a second at most): a daemon
    thread stopped at exit inside matplotlib's C++ text layout aborted the process."""

    def __init__(self, relay: Relay, *, name: str, failed: Callable[[], DigigramError]) -> None:
        self._relay, self._name, self._failed = relay, name, failed
        self._lock = threading.Lock()
        self._waiting: tuple[int, Callable[[], object]] | None = None
        self._running = False
        self._newest = 0
        relay.when_page_gone(self._page_gone)

    def _page_gone(self) -> None:
        with self._lock:
            self._newest, self._waiting = -1, None

    def ask(self, asked: int, job: Callable[[], object]) -> None:
        with self._lock:
            self._newest, self._waiting = asked, (asked, job)
            if self._running:
                return
            self._running = True
        self._relay.hold()
        threading.Thread(target=self._work, name=self._name).start()

    def drop(self, asked: int) -> None:
        """Requests before `asked` are no longer wanted: one waiting is dropped, one running may stop."""
        with self._lock:
            self._newest = asked
            if self._waiting is not None and self._waiting[0] < asked:
                self._waiting = None

    def is_newest(self, asked: int) -> bool:
        return asked == self._newest

    def _work(self) -> None:
        try:
            while True:
                with self._lock:
                    if self._waiting is None:
                        self._running = False
                        return
                    (asked, job), self._waiting = self._waiting, None
                self._relay.tell(asked, _outcome(job, self._failed))
        finally:
            self._relay.release()


def raise_mistake(result: object) -> None:
    """On the window's thread: a mistake in the code that a reading met is raised here, where the crash
    handler logs it and says so, instead of passing for a database problem."""
    if isinstance(result, BaseException) and not isinstance(result, DigigramError):
        raise result
