"""Ukraine's regions as Digigram stores them: ISO 3166-2:UA codes with Ukrainian and English names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# The 24 oblasts, the Autonomous Republic of Crimea and the two cities with special status.
REGIONS: tuple[tuple[str, str, str], ...] = (
    ("UA-05", "Вінницька область", "Vinnytsia Oblast"),
    ("UA-07", "Волинська область", "Volyn Oblast"),
    ("UA-09", "Луганська область", "Luhansk Oblast"),
    ("UA-12", "Дніпропетровська область", "Dnipropetrovsk Oblast"),
    ("UA-14", "Донецька область", "Donetsk Oblast"),
    ("UA-18", "Житомирська область", "Zhytomyr Oblast"),
    ("UA-21", "Закарпатська область", "Zakarpattia Oblast"),
    ("UA-23", "Запорізька область", "Zaporizhzhia Oblast"),
    ("UA-26", "Івано-Франківська область", "Ivano-Frankivsk Oblast"),
    ("UA-30", "Київ", "Kyiv"),
    ("UA-32", "Київська область", "Kyiv Oblast"),
    ("UA-35", "Кіровоградська область", "Kirovohrad Oblast"),
    ("UA-40", "Севастополь", "Sevastopol"),
    ("UA-43", "Автономна Республіка Крим", "Autonomous Republic of Crimea"),
    ("UA-46", "Львівська область", "Lviv Oblast"),
    ("UA-48", "Миколаївська область", "Mykolaiv Oblast"),
    ("UA-51", "Одеська область", "Odesa Oblast"),
    ("UA-53", "Полтавська область", "Poltava Oblast"),
    ("UA-56", "Рівненська область", "Rivne Oblast"),
    ("UA-59", "Сумська область", "Sumy Oblast"),
    ("UA-61", "Тернопільська область", "Ternopil Oblast"),
    ("UA-63", "Харківська область", "Kharkiv Oblast"),
    ("UA-65", "Херсонська область", "Kherson Oblast"),
    ("UA-68", "Хмельницька область", "Khmelnytskyi Oblast"),
    ("UA-71", "Черкаська область", "Cherkasy Oblast"),
    ("UA-74", "Чернігівська область", "Chernihiv Oblast"),
    ("UA-77", "Чернівецька область", "Chernivtsi Oblast"),
)


@dataclass(frozen=True)
class Region:
    id: str  # ISO 3166-2:UA
    name_uk: str
    name_en: str

    def name(self, lang: str | None) -> str:
        return self.name_en if lang == "en" else self.name_uk

    def render(self, lang: str | None = None) -> str:
        """The name, so that a Message given the Region words it in the reader's language."""
        return self.name(lang)


@dataclass(frozen=True)
class Hub:
    id: str
    name: str
    region_id: str | None  # None: made from an earlier version's free text, region not yet given

    def label(self, lang: str | None) -> str:
        """The hub as lists and reports show it: its name, with its region when it has one."""
        return hub_label(self.name, self.region_id, lang)


BY_ID: dict[str, Region] = {code: Region(code, uk, en) for code, uk, en in REGIONS}


def region_name(region_id: str | None, lang: str | None) -> str:
    """The region's name in the language; "" for no region (or a code this release does not know)."""
    found = BY_ID.get(region_id) if region_id else None
    return "" if found is None else found.name(lang)


def hub_label(name: str, region_id: str | None, lang: str | None) -> str:
    """"Central library (Lviv Oblast)": two hubs of one name in different regions read apart."""
    region = region_name(region_id, lang)
    return f"{name} ({region})" if region else name


# Apostrophes as people type them: the typographic one (ʼ, the Ukrainian letter), the keyboard's ', the
# right quote word processors put in, and a few look-alikes. A search ignores them all, so "Камʼянка"
# is found typed with any of them (U+02BC, U+0027, U+2019…) or with none.
APOSTROPHES = str.maketrans("", "", "'ʼ’‘`´′")


def folded(text: str) -> str:
    """Text as a search compares it: letter case and apostrophes set aside, spaces single."""
    return " ".join(text.translate(APOSTROPHES).casefold().split())


# Ukraine's official romanisation (Cabinet of Ministers resolution No. 55 of 2010), as passports and road
# signs write names: a coordinator reading an English screen types "Bucha" or "Kamianka" for a hub the
# database holds in Ukrainian. Letters with another form at the start of a word are in _WORD_START.
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
}
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# The Ukrainian keyboard (ЙЦУКЕН) over the English one: the letters that come out when a person types in
# Ukrainian with the keyboard still set to English, e.g. ",exf" for «буча» (with Shift, "{" for «Х»).
_UKRAINIAN_KEYS = str.maketrans(
    "qwertyuiop[]asdfghjkl;'zxcvbnm,.{}:\"<>",
    "йцукенгшщзхїфівапролджєячсмитьбюхїжєбю",
)


_LATIN_TABLE = str.maketrans(_LATIN)
_WORD_START_LETTERS = re.compile(f"[{''.join(_WORD_START)}]")


def romanised(text: str) -> str:
    """`text` (folded: lower case, no apostrophes) in the official Latin letters; others kept as they are."""
    # A table does the letters that are always written alike (a search fills a region's 25,000 names at
    # once); only «зг» and the word-start forms need to look at the letter before.
    text = text.replace("зг", "зgh")  # «зг» is written zgh, so that it is not read as «ж»
    parts: list[str] = []
    last = 0
    for found in _WORD_START_LETTERS.finditer(text):
        at = found.start()
        if at == 0 or not text[at - 1].isalpha():
            parts += (text[last:at], _WORD_START[text[at]])
            last = at + 1
    parts.append(text[last:])
    return "".join(parts).translate(_LATIN_TABLE)


def hub_search_text(hub: Hub) -> str:
    """What a hub search looks in, folded: the hub's name, also in Latin letters, and its region's names in
    Ukrainian and in English (a coordinator may type either, whatever language the app is in)."""
    name = folded(hub.name)
    return f"{name} {romanised(name)} " + folded(
        f"{region_name(hub.region_id, 'uk')} {region_name(hub.region_id, 'en')}")


def person_search_text(name: str, hub: str) -> str:
    """What a search for a person looks in, folded: the name and the hub's name, each also in Latin letters
    (as the hub searches read a hub's name)."""
    folded_name = folded(name)
    return f"{folded_name} {romanised(folded_name)} {_hub_text(hub)}"


@lru_cache(maxsize=16384)
def _hub_text(hub: str) -> str:
    # A region's people share a few thousand hubs: each hub's name is romanised once, not once a person.
    name = folded(hub)
    return f"{name} {romanised(name)}"


def search_matches(search_text: str, typed: str) -> bool:
    """Every word typed (folded) is part of a hub's or a person's search text, as typed or, for a word of
    three keys or more typed with the keyboard left in English, as the Ukrainian keys would have written
    it (one or two Latin letters read both ways would keep nearly everything). Nothing typed matches all."""
    # The keys are read before apostrophes are set aside: on the Ukrainian keyboard ' is «є».
    words = [(folded(raw), raw) for raw in typed.casefold().split()]
    return all(plain in search_text
               or (len(raw) >= 3 and folded(raw.translate(_UKRAINIAN_KEYS)) in search_text)
               for plain, raw in words if plain)


# Words people add to a region's name, set aside when matching what they typed: «Львівська обл.»,
# "Lviv region", «м. Київ», "Kyiv city". Each also says which kind of region is meant, so «Київська» /
# "Kyiv Oblast" and «м. Київ» / "Kyiv" are told apart.
_OBLAST_WORDS = frozenset({"область", "обл", "oblast", "obl", "region"})
_CITY_WORDS = frozenset({"м", "місто", "city", "misto", "m"})
_CITIES = frozenset({"UA-30", "UA-40"})
# Short names people use for Crimea that are not the start of any word of its official one.
_ALIASES = {"UA-43": ("арк", "ар крим", "ark", "ar krym")}
_PUNCTUATION = str.maketrans({c: " " for c in "-–—.,;:«»\"“”„()"})


def _words(text: str) -> list[str]:
    """What a region's name or a typed one is matched on: folded words, hyphens and dots set aside."""
    return folded(text).translate(_PUNCTUATION).split()


def _kind(region_id: str) -> str:
    return "city" if region_id in _CITIES else "oblast" if region_id != "UA-43" else "republic"


def _core(words: list[str]) -> tuple[list[str], str | None]:
    """The words without «область»/«м.» and the kind they name (None when neither was typed)."""
    kind = None
    if any(w in _OBLAST_WORDS for w in words):
        kind = "oblast"
    elif any(w in _CITY_WORDS for w in words):
        kind = "city"
    return [w for w in words if w not in _OBLAST_WORDS | _CITY_WORDS], kind


def _keys(region: Region) -> list[list[str]]:
    """A region's names as words, without «область»: Ukrainian, English, Ukrainian in Latin letters."""
    names = [region.name_uk, region.name_en, romanised(folded(region.name_uk)), *_ALIASES.get(region.id, ())]
    return [_core(_words(name))[0] for name in names]


def _code(text: str) -> str | None:
    """The ISO code typed: "UA-46", "ua 46", "46"."""
    found = re.fullmatch(r"(?:ua\s*[-–]?\s*)?(\d{1,2})", folded(text))
    return None if found is None else f"UA-{int(found.group(1)):02d}"


def match_regions(regions: Sequence[Region], text: str) -> list[Region]:
    """The regions `text` may mean, as people type a region: its code (UA-46, 46), its Ukrainian or English
    name with or without «область»/"Oblast"/«обл.» (or «м.»/"city" for Kyiv), letter case and apostrophes
    aside, or the start of it («Львів», "Ivano"). One region when that is clear; several when the text
    starts more than one name («Ки»); none when it names nothing."""
    code = _code(text)
    if code is not None:
        return [r for r in regions if r.id == code]
    typed = _words(text)
    if not typed:
        return []
    # The whole name as written: "Kyiv" is the city, "Kyiv Oblast" the oblast around it.
    whole = [r for r in regions if typed in (_words(r.name_uk), _words(r.name_en))]
    if whole:
        return whole
    core, kind = _core(typed)
    if not core:
        return []
    candidates = [r for r in regions if kind is None or _kind(r.id) == kind]
    exact = [r for r in candidates if core in _keys(r)]
    if exact:
        return exact
    joined = " ".join(core)

    def starts(key: list[str]) -> bool:
        return " ".join(key).startswith(joined) or all(any(k.startswith(w) for k in key) for w in core)

    return [r for r in candidates if any(starts(key) for key in _keys(r))]


def closest_regions(regions: Sequence[Region], text: str, *, limit: int = 3) -> list[Region]:
    """The regions whose name (in either language, without «область») looks most like a mistyped `text`,
    as a whole or at its start («Днепр» for «Дніпропетровська»)."""
    from difflib import SequenceMatcher

    typed = " ".join(_core(_words(text))[0])
    if not typed:
        return []

    def likeness(key: str) -> float:
        whole = SequenceMatcher(None, typed, key).ratio()
        start = SequenceMatcher(None, typed, key[:len(typed)]).ratio() if len(typed) >= 4 else 0.0
        return max(whole, start)

    scored = []
    for region in regions:
        score = max(likeness(" ".join(key)) for key in _keys(region))
        if score >= 0.7:
            scored.append((-score, region.id, region))
    return [region for _score, _id, region in sorted(scored)[:limit]]


def short_name(region: Region, lang: str | None, regions: Sequence[Region] = ()) -> str:
    """The name without «область»/"Oblast" (which may be typed or left out): «Львівська», "Lviv"; the whole
    name where the short one is another region's ("Kyiv Oblast", not "Kyiv")."""
    name = region.name(lang)
    for word in (" область", " Oblast"):
        short = name.removesuffix(word)
        if short != name and all(r.name(lang) != short for r in regions):
            return short
    return name
