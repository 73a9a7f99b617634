"""A compiled copy of a checked framework, kept in the user's cache folder and keyed by the file's hash.

Reading and checking the YAML takes a tenth of a second or more on a library PC; the pickled result
loads in a few milliseconds. The cache is only ever a shortcut: an entry is used when its key (the
file's SHA-256, where it lies, this Digigram and this Python) and its own checksum match and every
handout it names is still there; anything else (damaged, cut short, from another version, unwritable
folder) is ignored and the file is read and checked as usual.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path
from types import MappingProxyType
from typing import Any

from digigram.core.framework import Framework

MAGIC = b"digigram-framework-cache/1\n"
KEEP = 4  # entries kept: the shipped framework, a custom one, and room for a version change
_CODE = ("framework.py", "loader.py", "loader_items.py", "loader_resources.py", "checks.py", "yamlnodes.py")


def _frozen_map(values: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(values)


class _Pickler(pickle.Pickler):
    # Framework keeps its mappings read-only (MappingProxyType), which pickle cannot store by itself.
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is MappingProxyType:
            return _frozen_map, (dict(obj),)
        return NotImplemented


def _code_stamp() -> bytes:
    """What the loader and the Framework classes are: their source where it can be read, else the version."""
    from digigram import __version__

    sha = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            sha.update((here / name).read_bytes())
        except OSError:
            sha.update(name.encode())  # a frozen build: its version names its code
    return sha.digest()


def cache_key(content: bytes, *, source: Path | None, base_dir: Path) -> str:
    """The entry's name: from the file's SHA-256 (`content`), where it lies, and this Digigram and Python."""
    sha = hashlib.sha256(MAGIC)
    sha.update(content)
    sha.update(f"|{source}|{base_dir}|".encode())
    sha.update(_code_stamp())
    return sha.hexdigest()


def _entry(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"framework-{key[:40]}.pickle"


def read_entry(cache_dir: Path, key: str, *, content_hash: str) -> Framework | None:
    """The cached framework for `key`, or None when there is none or it cannot be trusted."""
    try:
        blob = _entry(cache_dir, key).read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if len(blob) < head or not blob.startswith(MAGIC):
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(MAGIC):head]:
        return None
    try:
        framework = pickle.loads(payload)
    except Exception:  # a damaged entry of any kind is only a missed shortcut
        return None
    if not isinstance(framework, Framework) or framework.content_hash != content_hash:
        return None
    if any(r.path is not None and not r.path.is_file() for r in framework.resources):
        return None  # a handout went missing: the full check reports it
    return framework


def write_entry(cache_dir: Path, key: str, framework: Framework) -> None:
    """Store `framework` under `key` atomically; a folder that cannot be written is left alone."""
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(framework)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    payload = buffer.getvalue()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".framework-", suffix=".part", dir=cache_dir)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, _entry(cache_dir, key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        entries = sorted(cache_dir.glob("framework-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def load_cached(data: bytes, *, name: str, base_dir: Path, source: Path | None,
                cache_dir: Path | None) -> Framework:
    """The framework in `data` (as loader.load_framework_text gives it), from the cache when it can be."""
    if cache_dir is None:
        from digigram.core.loader import load_framework_text

        return load_framework_text(data, name=name, base_dir=base_dir, source=source)
    base = base_dir.resolve()
    content = hashlib.sha256(data)  # once: Python's own SHA-256 takes about 3 ms for the shipped file
    key = cache_key(content.digest(), source=source, base_dir=base)
    found = read_entry(cache_dir, key, content_hash=content.hexdigest())
    if found is not None:
        return found
    from digigram.core.loader import load_framework_text  # YAML and the checks: only on a miss

    framework = load_framework_text(data, name=name, base_dir=base, source=source)
    write_entry(cache_dir, key, framework)
    return framework
