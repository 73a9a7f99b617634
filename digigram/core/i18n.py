"""The user's language outside Qt widgets: gettext catalogues, and dates and numbers through the locale.

Every user-facing sentence outside a widget is written once, in English, as ``N_("…")`` (Babel extracts
these), and carried as a Message until it is shown: an error raised deep in the storage layer is worded
in whatever language the screen or the terminal speaks. Ukrainian comes from
``digigram/locale/uk/LC_MESSAGES/digigram.po``, compiled to ``.mo`` at build time like the Qt ``.qm`` files.
Placeholders use ``str.format`` names: ``N_("{count} people imported", count=n)``.
"""

from __future__ import annotations

import gettext
import locale
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from functools import cache
from pathlib import Path
from typing import Protocol

LANGUAGES = ("uk", "en")
DOMAIN = "digigram"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def system_language() -> str:
    """'uk' when the system locale is Ukrainian, else 'en'."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "uk" if value.lower().startswith(("uk", "ukr")) else "en"
    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    return "uk" if name.lower().startswith(("uk", "ukr")) else "en"


def normalise(lang: str | None) -> str:
    """A supported language code for `lang`, the system language when None."""
    if lang is None:
        return system_language()
    lang = lang.lower().split("_")[0].split("-")[0]
    return lang if lang in LANGUAGES else "en"


def pick(texts: Mapping[str, str], lang: str | None = None) -> str:
    """Framework content's text for `lang` from a {lang: text} mapping; English, then any, if missing."""
    code = normalise(lang)
    if code in texts:
        return texts[code]
    if "en" in texts:
        return texts["en"]
    return next(iter(texts.values()))


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue for `lang`; English (the source language) needs none."""
    code = normalise(lang)
    if code == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True)


class Localized(Protocol):
    def render(self, lang: str | None = None) -> str: ...


@dataclass(frozen=True)
class Message:
    """A sentence to show later, in the reader's language: its English msgid and its named values."""

    msgid: str
    params: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    count: int | None = None

    def render(self, lang: str | None = None) -> str:
        catalogue = translations(normalise(lang))
        if self.plural is not None and self.count is not None:
            text = catalogue.ngettext(self.msgid, self.plural, self.count)
        else:
            text = catalogue.gettext(self.msgid)
        values = {k: _shown(v, lang) for k, v in self.params}
        return text.format(**values)  # msgids are format templates: a literal brace is written {{ }}

    def __str__(self) -> str:
        return self.render("en")


def _shown(value: object, lang: str | None) -> object:
    render = getattr(value, "render", None)
    return render(lang) if callable(render) else value


def N_(msgid: str, /, **params: object) -> Message:
    """Mark a sentence for translation; it is worded when rendered, in the reader's language."""
    return Message(msgid, tuple(params.items()))


def NP_(singular: str, plural: str, count: int, /, **params: object) -> Message:
    """A sentence whose form depends on `count` (Ukrainian has three plural forms); `{count}` is set."""
    return Message(singular, (("count", count), *params.items()), plural=plural, count=count)


def tr(lang: str | None, message: Message) -> str:
    """`message` in `lang`: the one call terminal code uses to word a Message."""
    return message.render(lang)


# How format_date writes a day, in the notation Qt's date fields read (d, dd, MM, MMM, yyyy), so an
# editable date field shows the same text as the lists and reports beside it. Ukrainian CLDR's short
# form has a two-digit year; Digigram keeps all four everywhere.
DATE_PATTERNS = {"uk": "dd.MM.yyyy", "en": "d MMM yyyy"}


@dataclass(frozen=True)
class _Conventions:
    """What CLDR says about writing numbers and days in one language (uk_UA, en_GB), for the patterns above.

    Digigram writes days and numbers in fixed patterns; these few symbols are all they need. Babel
    loads a locale's whole CLDR data for them: writing one Ukrainian number that way took 4.9 MiB of
    Python objects (13 MiB of memory) in a process that had numpy and matplotlib already.
    tests/core/test_i18n_format.py holds this table against Babel, which still compiles the catalogues.
    """

    decimal: str
    months: tuple[str, ...]  # abbreviated, as MMM writes them
    percent: str  # what follows a share's number: Ukrainian sets % apart by a no-break space, English not
    # Between a count's thousands: Ukrainian typography's narrow no-break space (CLDR has a full-width one,
    # which opens a gap as wide as a word's in «25 391»), English's comma.
    group: str


_CONVENTIONS = {
    "uk": _Conventions(decimal=",", months=("січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.",
                                              "серп.", "вер.", "жовт.", "лист.", "груд."),
                       percent="\u00a0%", group="\u202f"),
    "en": _Conventions(decimal=".", months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                             "Sept", "Oct", "Nov", "Dec"),
                       percent="%", group=","),
}


def date_pattern(lang: str | None) -> str:
    """The language's day pattern (DATE_PATTERNS), for a date field to show what format_date writes."""
    return DATE_PATTERNS[normalise(lang)]


def format_date(day: date | datetime, lang: str | None) -> str:
    """A date as the language writes it (14.03.2026 in Ukrainian, 14 Mar 2026 in English)."""
    when = day.date() if isinstance(day, datetime) else day
    code = normalise(lang)
    fields = {"yyyy": f"{when.year:04d}", "MMM": _CONVENTIONS[code].months[when.month - 1],
              "MM": f"{when.month:02d}", "dd": f"{when.day:02d}", "d": str(when.day)}
    return re.sub("yyyy|MMM|MM|dd|d", lambda m: fields[m.group()], DATE_PATTERNS[code])


def _fixed(value: float, digits: int, *, scale: int, lang: str | None) -> str:
    """`value` × `scale` with exactly `digits` decimals, rounded half to even on its shortest decimal form.

    That is how CLDR formatters round (Babel among them): 0.35 is written 0.4, where float formatting
    would give 0.3 from the binary value 0.34999…
    """
    number = Decimal(repr(float(value)))
    if number.is_nan():
        return "NaN"
    if number.is_infinite():
        return "-∞" if number < 0 else "∞"
    with localcontext() as context:  # room for every digit: 28 (the default) fails on 1e30
        context.prec = max(28, number.adjusted() + 3 + digits + 1)
        rounded = (number * scale).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
    whole, _, fraction = f"{rounded.copy_abs():f}".partition(".")  # abs() would round to 28 digits
    text = whole + (_CONVENTIONS[normalise(lang)].decimal + fraction if digits > 0 else "")
    return "-" + text if rounded.is_signed() else text


def format_number(value: float, lang: str | None, *, digits: int = 1) -> str:
    """A decimal with the language's separator (0,4 in Ukrainian, 0.4 in English)."""
    return _fixed(value, digits, scale=1, lang=lang)


def format_change(value: float, lang: str | None, *, digits: int = 1) -> str:
    """A change with its sign, as format_number writes the number: +0,5 and -0,3 in Ukrainian."""
    text = format_number(value, lang, digits=digits)
    if not text.strip("-+0.,"):  # rounds to nothing: no sign at all («-0,0» read as a fall)
        return text.lstrip("-")
    return text if text.startswith("-") else "+" + text


def format_percent(share: float, lang: str | None, *, digits: int = 0) -> str:
    """A share as a percentage as the language writes it: 82 %, 82,5 % in Ukrainian (a no-break space
    before %, as Ukrainian typography sets it), 82%, 82.5% in English. Every percentage Digigram shows,
    on screen, in a chart or a report, is written here, so one language never writes it two ways."""
    return _fixed(share, digits, scale=100, lang=lang) + _CONVENTIONS[normalise(lang)].percent


def format_count(count: int, lang: str | None) -> str:
    """A whole number shown to people, its thousands grouped as the language does: 25 391 in Ukrainian
    (a narrow no-break space), 25,391 in English; from 1000 on, as CLDR groups them."""
    return f"{count:,d}".replace(",", _CONVENTIONS[normalise(lang)].group)


@dataclass(frozen=True)
class Percent:
    """A share to be written as a percentage in the reader's language, when its Message is worded: a
    finding made once is read in Ukrainian and in English, so its figures cannot be written in advance."""

    share: float
    digits: int = 0

    def render(self, lang: str | None = None) -> str:
        return format_percent(self.share, lang, digits=self.digits)


def quoted_names(names: Sequence[str], lang: str | None) -> str:
    """Names in a sentence, each in the language's quotation marks: «Безпека», «Комунікація та співпраця»."""
    first, last = ("«", "»") if normalise(lang) == "uk" else ("“", "”")
    return ", ".join(f"{first}{name}{last}" for name in names)


def said_close(areas: Sequence[str], lang: str | None) -> Message:
    """Said versus shown when they fit over all areas together but the levels differ in `areas`: "fits"
    alone, beside a table showing C1 said and B2 shown, denied what the reader saw. The report, the
    terminal and the results screen say it alike."""
    return N_("Over all areas together, what you said about yourself is close to what your answers showed. "
              "The two levels differ in: {areas}.", areas=quoted_names(areas, lang))


# An area whose level rests on nothing (records.measured): in place of its level, gap and "target met".
NOT_MEASURED = N_("not measured")


def not_measured_why(areas: Sequence[str], lang: str | None) -> Message:
    """The one line saying why `areas` have no level, wherever a screen or the report says why."""
    # Said so that it is true both where the framework has no such question there (lint warns of it) and
    # where a check with many areas reached its question cap before asking one.
    return N_("Not measured: {areas}. The check asked no question there that shows these skills, so it "
              "gives them no level.", areas=quoted_names(areas, lang))


def rendered(table: Mapping[str, Message], lang: str | None) -> dict[str, str]:
    """A table of labels (column heads, chart legends) worded in `lang`."""
    return {key: message.render(lang) for key, message in table.items()}
