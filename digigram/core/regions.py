"""Ukraine's regions as Digigram stores them: ISO 3166-2:UA codes with Ukrainian and English names."""

from __future__ import annotations

import re
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
