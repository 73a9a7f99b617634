"""Days, numbers and shares written as CLDR writes them in uk_UA and en_GB, without loading CLDR at run time.

Babel (the catalogues' build tool) is the independent reference: every case is formatted both ways.
"""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from babel.dates import format_date as babel_date
from babel.numbers import format_decimal, format_percent
from hypothesis import given
from hypothesis import strategies as st

from digigram.core import i18n

LOCALES = {"uk": "uk_UA", "en": "en_GB"}
# Babel's patterns for a share. CLDR writes uk_UA's with no space; Ukrainian typography (and every
# Ukrainian text of Digigram) sets % apart from its number by a no-break space.
PERCENT = {"uk": "\u00a0%", "en": "%"}
EDGES = [0.0, -0.0, 0.05, 0.15, 0.25, 0.35, 2.5, -2.5, -0.04, -0.05, 1e-7, 0.825, 0.8245, 0.005, 0.015,
         0.125, 1.0, 12.3456, -1.26, 1234567.891, 1e20, 25391.0, 0.999, 0.9995]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_day_of_two_years_is_written_as_cldr_writes_it(lang: str) -> None:
    first = date(2027, 1, 1)
    for offset in range(730):
        day = first + timedelta(days=offset)
        assert i18n.format_date(day, lang) == babel_date(day, format=i18n.DATE_PATTERNS[lang],
                                                         locale=LOCALES[lang])
    expected = {"uk": "14.03.2026", "en": "14 Mar 2026"}[lang]
    assert i18n.format_date(datetime(2026, 3, 14, 23, 59), lang) == expected


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_abbreviated_months_are_cldrs(lang: str) -> None:
    # No pattern in use writes a Ukrainian month by name yet; one that does gets CLDR's words.
    for month in range(1, 13):
        day = date(2026, month, 9)
        ours = i18n._CONVENTIONS[lang].months[month - 1]
        assert ours == babel_date(day, format="MMM", locale=LOCALES[lang])


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("digits", [0, 1, 2])
def test_numbers_and_shares_round_and_separate_as_cldr_does(lang: str, digits: int) -> None:
    for value in EDGES:
        pattern = "0." + "0" * digits if digits else "0"
        assert i18n.format_number(value, lang, digits=digits) == format_decimal(
            value, format=pattern, locale=LOCALES[lang]), value
        assert i18n.format_percent(value, lang, digits=digits) == format_percent(
            value, format=pattern + PERCENT[lang], locale=LOCALES[lang]), value


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
       st.sampled_from(i18n.LANGUAGES), st.integers(min_value=0, max_value=3))
def test_any_finite_number_matches_cldr(value: float, lang: str, digits: int) -> None:
    pattern = "0." + "0" * digits if digits else "0"
    assert i18n.format_number(value, lang, digits=digits) == format_decimal(value, format=pattern,
                                                                           locale=LOCALES[lang])
    assert i18n.format_percent(value, lang, digits=digits) == format_percent(
        value, format=pattern + PERCENT[lang], locale=LOCALES[lang])


def test_a_value_that_is_not_a_number_is_written_without_decimals() -> None:
    assert i18n.format_number(math.nan, "uk") == "NaN"
    assert i18n.format_number(math.inf, "en", digits=2) == "∞"
    assert i18n.format_percent(-math.inf, "uk") == "-∞\u00a0%"


def test_writing_days_and_numbers_loads_no_locale_database() -> None:
    code = ("import sys; from datetime import date; from digigram.core import i18n\n"
            "for lang in i18n.LANGUAGES:\n"
            "    i18n.format_date(date(2026, 3, 14), lang); i18n.format_number(0.4, lang)\n"
            "    i18n.format_percent(0.82, lang)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_huge_numbers_are_written_whole_rather_than_crashing() -> None:
    # Past 28 significant digits (decimal's default precision) rounding raised InvalidOperation.
    assert i18n.format_number(1e30, "uk") == "1" + "0" * 30 + ",0"
    assert i18n.format_number(-1.5e27, "en", digits=2) == "-15" + "0" * 26 + ".00"
    assert i18n.format_percent(1e300, "en") == "1" + "0" * 302 + "%"
    assert i18n.format_number(math.inf, "uk") == "∞"


def test_a_share_is_written_one_way_per_language() -> None:
    # Ukrainian: number, no-break space, % (it never breaks from its number at a line end); English: 82%.
    assert i18n.format_percent(0.82, "uk") == "82\u00a0%"
    assert i18n.format_percent(0.825, "uk", digits=1) == "82,5\u00a0%"
    assert i18n.format_percent(0.82, "en") == "82%"
    assert i18n.format_percent(0.825, "en", digits=1) == "82.5%"


@pytest.mark.parametrize(("value", "uk", "en"), [(-0.04, "0,0", "0.0"), (0.0, "0,0", "0.0"),
                                                 (0.5, "+0,5", "+0.5"), (-0.3, "-0,3", "-0.3")])
def test_a_change_that_rounds_to_nothing_has_no_sign(value: float, uk: str, en: str) -> None:
    """«= -0,0» read as a fall for a change of -0.04 levels: what rounds to nothing carries no sign."""
    from digigram.core.i18n import format_change

    assert (format_change(value, "uk"), format_change(value, "en")) == (uk, en)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_counts_are_grouped_by_thousands_as_cldr_does(lang: str) -> None:
    # Where CLDR sets a full no-break space between uk_UA's thousands, Digigram sets Ukrainian
    # typography's narrow one; the places are CLDR's.
    for count in (0, 7, 999, 1000, 6405, 15219, 25391, 1234567, -25391):
        expected = format_decimal(count, locale=LOCALES[lang]).replace("\u00a0", "\u202f")
        assert i18n.format_count(count, lang) == expected, count
    assert (i18n.format_count(25391, "uk"), i18n.format_count(25391, "en")) == ("25\u202f391", "25,391")
