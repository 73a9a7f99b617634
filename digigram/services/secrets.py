"""The one scrypt helper for PINs and the coordinator password: NFC-normalised, salted, constant-time.

Imported ahead of a check (Workspace.preload) but light until used: OpenSSL, which scrypt needs, loads
with the first secret hashed or verified (digigram/core/hashing.py).
"""

from __future__ import annotations

import os
import unicodedata

from digigram.core.hashing import scrypt

# n=2**15 costs about 70 ms here: slow for a guessing program, unnoticed by a person. It needs
# 32 MiB, exactly OpenSSL's default cap, hence the explicit maxmem. Stored hashes carry their own
# parameters, so hashes made with other ones (older PINs used n=2**14) still verify.
_N, _R, _P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024


def _bytes(secret: str) -> bytes:
    # The same letters typed on different keyboards (ї as one or two code points) give the same key.
    return unicodedata.normalize("NFC", secret).encode("utf-8")


def hash_secret(secret: str) -> str:
    salt = os.urandom(16)  # fresh for every secret, so equal PINs give different hashes
    digest = scrypt(_bytes(secret), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def secret_matches(stored: str, secret: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt" or int(n) > 2**20 or int(r) > 64 or int(p) > 16:
            return False
        candidate = scrypt(_bytes(secret), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                           maxmem=_MAXMEM)
    except ValueError:
        return False
    import hmac  # with OpenSSL, which scrypt has loaded by now

    return hmac.compare_digest(candidate, bytes.fromhex(digest))
