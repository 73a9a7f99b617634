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
    """sort_key's first part as one string, stored beside a name so SQL can order by it."""
    return sort_key(text)[0]


# name_key as SQL's translate(text, from, to) can work it out for a column (PostgreSQL): the capitals of
# both alphabets folded to small letters, and the Ukrainian letters to their places in the alphabet. For
# Latin and Ukrainian text it gives what name_key gives, whatever the database's own locale.
_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + _UK.upper()
TRANSLATE_FROM = _CAPITALS + _UK
TRANSLATE_TO = ("ABCDEFGHIJKLMNOPQRSTUVWXYZ".lower() + _UK).translate(_ORDER) + _UK.translate(_ORDER)
