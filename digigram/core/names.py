"""The order names and hubs sort in: the Ukrainian alphabet, any case (light, for the first screen)."""

from __future__ import annotations

_UK = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
# Ukrainian letters mapped, in alphabet order, to private-use code points: і, ї, є, ґ sit outside the
# basic Cyrillic block and would otherwise sort after я. Latin letters keep their place before them.
_ORDER = str.maketrans({ch: chr(0xE000 + k) for k, ch in enumerate(_UK)})


def sort_key(text: str) -> tuple[str, str]:
    """A key that sorts names and hubs as a Ukrainian reader expects."""
    return text.casefold().translate(_ORDER), text


def name_key(text: str) -> str:
    """sort_key's first part as one string, stored beside a name, hub or group so SQL can order by it."""
    return sort_key(text)[0]
