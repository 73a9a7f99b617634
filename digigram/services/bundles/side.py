"""The import's recompute of stored results in a second process, beside the verifying pass, where fork exists.

Recomputing every finished check is the largest part of an import's Python work, and it needs only the
frameworks and which checks the database holds already. So once the frameworks' file is read, a forked
child takes a copy of the recompute, opens the bundle file again itself, reads the checks and answers
and recomputes, while the parent goes on checking (and, on PostgreSQL, staging) every record; two cores
work instead of one, from the checks' file on. On SQLite the two-pass import's first pass gains as much
(a region's year: 51 s → 38 s).
The parent tells the child which checks the database holds as it compares them, a chunk at a time; the
child waits for a check's verdict before recomputing it. The child's bytes are checked against the same
signed checksums, so it reads what the parent reads.

The parent asks for the outcome only once its own pass has accepted every record, so a record the pass
refuses is reported before any recompute finding, as when both ran in one process. Where fork is not
available (Windows, macOS) the recompute runs in the pass itself, as before.

An SQLite import forks a second child too (`SideCheck`), once the checks' file is checked: it checks the
answers and area results, the largest part of the verifying pass, while the parent checks the plans and
then writes everything into the import's transaction. The parent commits only after the child has
accepted every record; a refusal rolls the transaction back, so the database is as it was. (On PostgreSQL
the pass already stores as it checks: the server works beside it.)
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import zipfile
from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

from digigram.core.bundle.format import RECORD_FILES, fail
from digigram.core.bundle.read import BundleReader
from digigram.core.coordination import BundleError
from digigram.core.i18n import N_, Message
from digigram.services.bundles.checks import Checker
from digigram.services.bundles.recompute import Recompute
from digigram.services.bundles.write import read_line
from digigram.store.db import settle_checkpoints


def forks() -> bool:
    """Fork, on a system where a forked child with the parent's threads idle is safe (Linux)."""
    return os.name == "posix" and "fork" in multiprocessing.get_all_start_methods() and \
        os.uname().sysname == "Linux"


_STOPS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def start_holding_stops(process: Any) -> None:
    """Fork `process` with Ctrl+C, `kill` and a closed terminal held back until the fork is done. Heard
    in the fork's own steps (the logging module's lock handed back after it), the stop was swallowed
    there ("Exception ignored"), and the command went on to commit what it had been told to stop."""
    settle_checkpoints()  # no thread of this process at work in SQLite as it forks
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a stop that came meanwhile is heard here


class _Verdicts:
    """In the fork: which checks the database holds, as the parent finds them chunk by chunk while it
    checks the checks' file. Waits, when asked about a check, until the parent has compared it."""

    def __init__(self, recompute: Recompute, hearing: Connection) -> None:
        self.skip, self.hearing = recompute.skip, hearing
        self.through = 0  # checks (lines of the checks' file) compared so far

    def __call__(self, line: int) -> None:
        while self.through < line:
            try:
                self.through, stored = self.hearing.recv()
            except EOFError:  # the parent is gone (or stopped checking): nothing to recompute for
                raise RuntimeError("the importing process stopped") from None
            self.skip.update(stored)


def _outcome(work: Callable[[], Any]) -> tuple[Any, ...]:
    """In a fork: what `work` returned, or how it stopped, as the parent takes it (`_Fork.outcome`)."""
    try:
        return ("done", work())
    except BundleError as exc:
        return ("refused", exc.text)
    except MemoryError as exc:  # the same advice as when the system stops the process for memory
        return ("ended", f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # the parent's own checks name any damage; this only says the child failed
        return ("failed", f"{type(exc).__name__}: {exc}")


_PR_SET_PDEATHSIG = 1  # prctl(2)


def _ends_with(parent: int) -> None:
    """In the fork (Linux): killed by the system as soon as the importing process ends, however it ends.
    Killed outright, that process runs no code of its own to stop its children, and a child checking the
    answers hears nothing from it: it would go on to the end of a region's file, taking a core and its
    memory, for an import that is over."""
    with contextlib.suppress(OSError, AttributeError):  # no prctl to ask: the child ends with its file
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # gone already, before it could be asked
        os._exit(1)


def _forked(work: Callable[[], Any], sending: Connection, parents: tuple[Connection, ...],
            parent: int) -> None:
    """In the fork: `work` done and its outcome sent. The parent's pipe ends are closed first: held open
    here, a child would never hear the parent go."""
    _ends_with(parent)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # held back only while the parent forked
    for end in parents:
        end.close()
    sending.send(_outcome(work))
    sending.close()


def _reopened(reader: BundleReader, checker: Checker) -> None:
    """In the fork: nothing of the parent's used. Its zip handle shares a file position; its database
    connections are its own (the pool forgets them unclosed; a refusal's name lookup opens another)."""
    reader.zf = zipfile.ZipFile(reader.path)
    if checker.stored is not None:
        checker.offline = True  # its frameworks were read ahead (SQLite: Checker.read_ahead)
    else:
        engine = checker.session.get_bind()
        engine.dispose(close=False)  # type: ignore[union-attr]
        from sqlalchemy.orm import Session

        checker.session = Session(engine)


def _recompute(recompute: Recompute, checker: Checker, hearing: Connection, counted: Any) -> tuple[Any, ...]:
    """In the fork: the answers read again from this process's own view of the file, then recomputed."""
    recompute.decided = _Verdicts(recompute, hearing)
    recompute.counted = partial(_count, counted)
    _reopened(recompute.reader, checker)
    # The answer, its question and its check are all the recompute takes from a record: parsed plainly,
    # as the parent's pass checks every field of the same bytes (and is heard first if it refuses).
    recompute.answers(map(partial(read_line, what=RECORD_FILES["answers"]),
                          recompute.reader.lines(RECORD_FILES["answers"])))
    recompute.finish()
    return recompute.missing, recompute.recomputed, recompute.same_text, recompute.seconds


def _count(counted: Any, more: int) -> None:
    counted.value += more  # only the child writes it; the parent reads it to say how far it is


class ChildStopped(BundleError):
    """A forked child of the import stopped (killed, out of memory, an error) before saying its outcome:
    not a finding about the bundle."""


class _Fork:
    """A part of an import done in a forked child; `outcome()` waits for it and raises its refusal."""

    STOPPED: Message  # said when the system stopped the child (short of memory, most likely)
    FAILED: Message  # said when the child stopped on an error

    def __init__(self, work: Callable[[], Any], name: str, *, others: tuple[Connection, ...] = ()) -> None:
        """`work` runs in the child; `others`: pipe ends of this process's, closed in the child."""
        context = multiprocessing.get_context("fork")
        self.receiving, sending = context.Pipe(duplex=False)
        self.process = context.Process(target=_forked, args=(work, sending, (self.receiving, *others),
                                                             os.getpid()), daemon=True, name=name)
        try:
            start_holding_stops(self.process)
        except BaseException:  # a stop held back while forking, heard once the child is started
            self.stop()
            raise
        finally:
            sending.close()

    def running(self) -> bool:
        """Whether the child is still at work: alive and not yet saying its outcome. (An outcome larger
        than the pipe holds, a long refusal or many checks without a result, keeps the child alive until
        it is read: waiting for that child to end would wait for ever.)"""
        return not self.receiving.closed and not self.receiving.poll() and self.process.is_alive()

    def outcome(self, heard: Callable[[], None] | None = None) -> Any:
        """What the child's work returned; its refusal raised here. While it is still at work, `heard` is
        called every quarter of a second; should it raise (a cancelled sync), the child is stopped."""
        try:
            while heard is not None and not self.receiving.poll(0.25):
                heard()
        except BaseException:
            self.stop()
            raise
        try:
            outcome = self.receiving.recv()
        except EOFError:
            self.process.join()
            code = self.process.exitcode
            outcome = ("ended" if code is not None and code < 0 else "failed",
                       f"the process ended with code {code}")
        except BaseException:  # a stop (Ctrl+C) while waiting: the child is not waited for
            self.stop()
            raise
        finally:
            self.receiving.close()
            self.process.join()
        if outcome[0] == "refused":
            raise BundleError(outcome[1])
        # The person reads what happened and what to do in their language; the process's own words (a
        # Python exception, an exit code) go with the error as its cause, for the log and a bug report.
        if outcome[0] == "ended":  # killed by a signal: a system short of memory stops the biggest process
            raise fail(self.STOPPED, kind=ChildStopped) from RuntimeError(outcome[1])
        if outcome[0] == "failed":
            raise fail(self.FAILED, kind=ChildStopped) from RuntimeError(outcome[1])
        return outcome[1]

    def stop(self) -> None:
        """The import failed: the child's outcome no longer matters."""
        if self.process.is_alive():
            self.process.kill()
        if self.process.pid is not None:  # started
            self.process.join()
        self.receiving.close()


class SideRecompute(_Fork):
    """The recompute running in a forked child; `result()` waits for it and takes over its outcome."""

    STOPPED = N_("The stored results could not be recomputed: the process recomputing them was stopped (the "
                 "computer may be short of memory). Close other programs and run the import again.")
    FAILED = N_("The stored results could not be recomputed: the process recomputing them stopped on an "
                "error. Run the import again.")

    def __init__(self, recompute: Recompute, checker: Checker) -> None:
        """Forked before the checks' file is read: the parent then tells it, with `decided`, which checks
        the database holds as it finds them."""
        self.recompute = recompute
        if checker.session.get_bind().dialect.name == "sqlite":
            checker.read_ahead()  # the child opens no SQLite connection of its own (Checker.read_ahead)
        context = multiprocessing.get_context("fork")
        hearing, self.telling = context.Pipe(duplex=False)
        self.counted = context.Value("q", 0, lock=False)  # checks recomputed so far, in shared memory
        super().__init__(partial(_recompute, recompute, checker, hearing, self.counted), "bundle-recompute",
                         others=(self.telling,))
        hearing.close()

    def decided(self, through: int, stored: list[str]) -> None:
        """The first `through` checks of the file are compared with the database; `stored` are those of
        them (since the last call) it holds."""
        with contextlib.suppress(OSError):  # the child has ended: result() says how, once the pass is done
            self.telling.send((through, stored))

    def all_decided(self) -> None:
        """Every check of the file is compared (the file's count is the parent's to check)."""
        self.decided(sys.maxsize, [])

    def result(self, heard: Callable[[int], None] | None = None) -> None:
        """The child's outcome: its findings become this process's recompute, its refusal raised here.
        While it is still at work, `heard` is told every quarter of a second how many checks it has
        recomputed (an import of checks from an older Digigram, whose results it makes, waits here)."""
        self.telling.close()
        made = self.outcome(None if heard is None else lambda: heard(self.counted.value))
        recompute = self.recompute
        recompute.missing, recompute.recomputed, recompute.same_text, recompute.seconds = made

    def stop(self) -> None:
        super().stop()
        self.telling.close()


class SideCheck(_Fork):
    """A part of the verifying pass (an SQLite import's answers and area results) checked in a forked
    child while the parent goes on: the parent writes them into the import's transaction meanwhile and
    commits only once the child has accepted every record. `checked` counts each file's records checked
    so far."""

    STOPPED = N_("The bundle could not be checked: the process checking its answers was stopped (the "
                 "computer may be short of memory). Close other programs and run the import again.")
    FAILED = N_("The bundle could not be checked: the process checking its answers stopped on an error. "
                "Run the import again.")

    def __init__(self, check: Callable[[Callable[[str, int, int], None]], Any], kinds: tuple[str, ...],
                 reader: BundleReader, checker: Checker, *, others: tuple[Connection, ...] = ()) -> None:
        """`check(progress)` runs in the child, on `reader` and `checker` made its own, and says its
        progress for `kinds` as an import's progress does."""
        self.kinds = kinds
        self.checked = multiprocessing.get_context("fork").Array("q", len(kinds), lock=False)
        super().__init__(partial(_check, check, kinds, reader, checker, self.checked), "bundle-check",
                         others=others)


def _check(check: Callable[[Callable[[str, int, int], None]], Any], kinds: tuple[str, ...],
           reader: BundleReader, checker: Checker, checked: Any) -> Any:
    """In the fork: `check` on this process's own view of the file, its progress kept in `checked`."""
    _reopened(reader, checker)

    def progress(kind: str, done: int, _total: int) -> None:
        checked[kinds.index(kind)] = done

    return check(progress)
