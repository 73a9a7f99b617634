"""Standard output as a file a command writes: said in the reader's language when the disk refuses it."""

from __future__ import annotations

import os
import sys

from digigram.core.errors import DigigramError, os_reason
from digigram.core.i18n import N_


def write_out(text: str) -> None:
    """Write `text` to standard output and flush it; a refusal (`> E:\\data.json` on a full USB stick)
    becomes a DigigramError instead of a traceback. A closed pipe stays a BrokenPipeError, which the
    command line ends quietly on."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise output_refused(exc) from exc


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
