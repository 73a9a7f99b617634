"""hashlib on Python's own hashes, so a check never loads OpenSSL; OpenSSL's scrypt where a secret needs it.

Imported the usual way, `hashlib` loads OpenSSL's libcrypto for its faster hashes, and SQLAlchemy
imports hashlib as it loads: on a library PC that was 3.3 MiB resident for the rest of the session, a
cost the memory budget of a whole check cannot spare. What a check hashes is small (the framework
file and its cached copy, the seed of an answer order, the start-up backup), and Python's own SHA-256
gives the same digests at about 3 ms per megabyte. `digigram/__init__.py` imports hashlib this way
before anything else can. scrypt (PINs, the coordinator password, the regional key of bundles) is
OpenSSL's alone; `scrypt()` loads OpenSSL then, as the coordinator's work does anyway.
"""

from __future__ import annotations

import sys
from typing import Any


def import_hashlib_without_openssl() -> None:
    """Import hashlib on Python's own hash functions, unless something imported it already."""
    if "hashlib" in sys.modules or "_hashlib" in sys.modules:
        return
    # As on a Python built without OpenSSL: hashlib falls back on the built-in modules (_sha256, _md5...).
    sys.modules["_hashlib"] = None  # type: ignore[assignment]
    try:
        import hashlib  # noqa: F401
    finally:
        del sys.modules["_hashlib"]  # later imports of it (hmac, scrypt below) load OpenSSL as usual


def bulk_sha256() -> Any:
    """A SHA-256 for hundreds of megabytes (a bundle's record files as they are read or written):
    OpenSSL's where this Python has it, about 0.6 ms per MiB against 3.4 for Python's own, which on a
    region's bundle (1 GiB of records) is some 3 s of CPU each time it is read. The digests are the same.
    Only the coordinator's work (import, export, sync) asks for it, and that loads OpenSSL anyway."""
    try:
        from _hashlib import openssl_sha256
    except ImportError:
        import hashlib

        return hashlib.sha256()
    return openssl_sha256()


def scrypt(password: bytes, *, salt: bytes, n: int, r: int, p: int, maxmem: int, dklen: int = 64) -> bytes:
    """OpenSSL's scrypt, which hashlib.scrypt is where hashlib was imported with OpenSSL."""
    import _hashlib

    return _hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)
