"""Emit a Qt signal from Python without wearing away Python's `True` (a PySide6 6.12.0 fault).

PySide6 6.12.0's `SignalInstance.emit` hands back `True` without taking a reference for it. Each
emit whose result is then dropped takes one reference away from `True`, and Python 3.11's `True` is
an ordinary counted object: once the count runs out (after enough emits, or when the interpreter
frees everything at exit) Python stops with "Fatal Python error: bool_dealloc". Every emit in
Digigram goes through `emit`, which gives the reference back when, and only when, the installed
PySide6 is found to take it away (measured once, on first use).
"""

from __future__ import annotations

import ctypes
import gc
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 16
_takes_a_reference: bool | None = None


class _Probe(QObject):
    ping = Signal()


def _measure() -> bool:
    """True when an emit leaves `True` with fewer references than before it (the faulty PySide6)."""
    probe = _Probe()
    collecting = gc.isenabled()
    gc.disable()  # a collection in between could free other holders of True and blur the count
    try:
        before = sys.getrefcount(True)
        for _ in range(_PROBES):
            probe.ping.emit()
        lost = before - sys.getrefcount(True)
    finally:
        if collecting:
            gc.enable()
    faulty = lost >= _PROBES
    if faulty:
        for _ in range(_PROBES):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # give back what the probe's emits took
    return faulty


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)`, leaving the reference count of what emit returns as it found it."""
    global _takes_a_reference
    if _takes_a_reference is None:
        _takes_a_reference = _measure()
    # The stubs say None; emit returns a bool (whether it was sent), the object whose count is at stake.
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if _takes_a_reference:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
