"""Standard output as a file a command writes: said in the reader's language when the disk refuses it."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from digigram.core.errors import DigigramError, os_reason
from digigram.core.i18n import N_


@contextlib.contextmanager
def _refusal_in_words() -> Iterator[None]:
    """A refusal of standard output (`> E:\\data.json` on a full USB stick) becomes a DigigramError
    instead of a traceback. A closed pipe stays a BrokenPipeError, which the command line ends quietly on."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise output_refused(exc) from exc


def write_out(text: str) -> None:
    """Write `text` to standard output and flush it, a refusal said in words."""
    with _refusal_in_words():
        sys.stdout.write(text)
        sys.stdout.flush()


def flush_out() -> None:
    """What a command printed, out of Python's buffer, a refusal said in words."""
    with _refusal_in_words():
        sys.stdout.flush()


def output_refused(exc: OSError) -> DigigramError:
    """What a refused standard output says. What Python still holds of it goes nowhere, so that it does
    not try again at exit and print the refusal a second time as a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no descriptor to replace (a test's captured output)
        pass
    return DigigramError(N_("Could not write the output: {reason}. What was written of it is incomplete.",
                            reason=os_reason(exc)))


class _Refusing:
    """Standard output whose refusals (a full disk behind `> file`) are DigigramErrors, said in words by
    the command line, wherever in a command the writing happens (`people` prints a line a person)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with _refusal_in_words():
            return self._stream.write(text)

    def flush(self) -> None:
        with _refusal_in_words():
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno, buffer…: the stream's own
        return getattr(self._stream, name)


@contextlib.contextmanager
def refusals_in_words() -> Iterator[None]:
    """While a command runs, its standard output says a refusal in the reader's words."""
    stream = sys.stdout
    sys.stdout = _Refusing(stream)
    try:
        yield
    finally:
        sys.stdout = stream
