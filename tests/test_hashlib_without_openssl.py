"""Digigram imports hashlib on Python's own hashes, so a check never loads OpenSSL (digigram/core/hashing.py).

The test process itself has hashlib with OpenSSL (pytest imports it first), so each test runs a fresh
Python that imports Digigram first, as the app and the terminal commands do, and compares what it
computes with what this process computes through OpenSSL: digests that are stored (a framework's
content hash, a PIN, the coordinator password, a bundle's signature) must not depend on which one made
them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from competency_framework import shipped_framework_path
from digigram.core.bundle.format import regional_key, sign
from digigram.core.loader import load_framework
from digigram.services.secrets import secret_matches

ROOT = Path(__file__).resolve().parents[1]

# RFC 7914, section 12: scrypt("password", "NaCl", N=1024, r=8, p=16, dkLen=64).
RFC_7914 = ("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622e"
            "af30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")

FRESH = r"""
import json, sys
import digigram  # first, as `python -m digigram` and the built program do
import hashlib
from pathlib import Path
from competency_framework import shipped_framework_path
from digigram.core.hashing import scrypt
from digigram.core.loader import load_framework
openssl_at_start = "_hashlib" in sys.modules
framework = load_framework(Path(shipped_framework_path()))
from digigram.core.bundle.format import regional_key, sign
from digigram.services.secrets import hash_secret, secret_matches
key = regional_key("ключ-регіону-2024-для-перевірки")
print(json.dumps({
    "openssl_at_start": openssl_at_start,
    "python_sha256": hashlib.sha256.__name__,
    "content_hash": framework.content_hash,
    "rfc": scrypt(b"password", salt=b"NaCl", n=1024, r=8, p=16, maxmem=64 * 1024 * 1024).hex(),
    "key": bytes(key).hex(),
    "signature": sign(b'{"manifest": 1}', key),
    "pin": hash_secret("1234"),
    "pin_matches": secret_matches(hash_secret("Їжак"), "Їжак"),
}))
"""


def _fresh() -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", FRESH], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_digigram_first_leaves_openssl_unloaded_and_every_stored_digest_the_same() -> None:
    fresh = _fresh()
    # Python's own SHA-256 is named "sha256"; OpenSSL's, "openssl_sha256".
    assert fresh["openssl_at_start"] is False and fresh["python_sha256"] == "sha256"
    # A framework's content hash is stored with every attempt: it must be the one OpenSSL gives.
    assert fresh["content_hash"] == load_framework(Path(shipped_framework_path())).content_hash
    assert fresh["rfc"] == RFC_7914
    key = regional_key("ключ-регіону-2024-для-перевірки")
    assert fresh["key"] == bytes(key).hex() and fresh["signature"] == sign(b'{"manifest": 1}', key)
    # A PIN hashed there verifies here and the other way round.
    assert secret_matches(str(fresh["pin"]), "1234") and not secret_matches(str(fresh["pin"]), "1235")
    assert fresh["pin_matches"] is True


def test_a_bundles_files_are_hashed_by_openssl_with_the_same_digests() -> None:
    """Reading or writing a region's bundle hashes a gigabyte of records: OpenSSL's SHA-256 does it five
    times faster than Python's own (which a check uses), with the same digests, across chunk edges."""
    import _hashlib
    import hashlib

    from digigram.core.hashing import bulk_sha256

    data = os.urandom(3 << 20) + b"\n" * 1000
    bulk, own = bulk_sha256(), hashlib.sha256()
    for start in range(0, len(data), 1 << 20):
        bulk.update(data[start:start + (1 << 20)])
    own.update(data)
    assert type(bulk) is type(_hashlib.openssl_sha256())
    assert bulk.hexdigest() == own.hexdigest() == _hashlib.openssl_sha256(data).hexdigest()
