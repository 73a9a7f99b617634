"""Keeps PySide6's per-import source check from holding every imported module's source in memory."""

from __future__ import annotations

import importlib
from types import ModuleType

_MARK = b"PySide6"


def _uses_pyside(module: ModuleType) -> bool:
    # The same answer as PySide6's own check ("PySide6" appears in the module's source), read from
    # the file once instead of through inspect.getsource, which keeps the file in linecache forever.
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built-in, extension or frozen module: PySide6's check finds no source either
    try:
        with open(path, "rb") as source:
            return _MARK in source.read()
    except OSError:
        return False


def keep_source_check_light() -> bool:
    """Replace the check PySide6 runs on every module imported after it; True when it was replaced.

    PySide6 decides whether a newly imported module may use its `__feature__` switches by reading the
    module's source with inspect.getsource, and linecache then keeps every line of every module
    imported after Qt: about 40 MiB of text once SQLAlchemy, numpy and matplotlib are in. A PySide6
    without that check (or with it under another name) is left as it is.
    """
    try:
        feature = importlib.import_module("PySide6.support.feature")
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]
    return True
